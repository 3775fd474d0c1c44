"""Minisign-compatible detached signatures (https://jedisct1.github.io/minisign/).

Release bundles are signed so that anyone can check them with the stock tool::

    minisign -Vm bundle.json -p publisher.pub

A public key file is two lines::

    untrusted comment: minisign public key <KEY ID, hex>
    base64( "Ed" || key_id[8] || ed25519_public_key[32] )

A signature file (``.minisig``) is four lines::

    untrusted comment: <text, not covered by any signature>
    base64( "ED" || key_id[8] || ed25519_sign(blake2b_512(data)) )
    trusted comment: <text>
    base64( ed25519_sign(signature[64] || trusted_comment) )

``sign`` always writes the prehashed ``ED`` algorithm (what minisign itself writes by default
since 0.10); ``verify`` also accepts the legacy ``Ed`` algorithm, which signs the data itself.

The key id is stored little-endian and minisign prints it as a 64-bit integer in upper-case hex,
so ``PublicKey.key_id_hex`` shows the bytes reversed, exactly as ``minisign`` shows them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

__all__ = [
    "PublicKey",
    "Signature",
    "SignatureError",
    "key_id_for",
    "sign",
    "verify",
]

PUBLIC_KEY_ALG = b"Ed"
SIG_ALG_LEGACY = b"Ed"  # the signature covers the data itself
SIG_ALG_PREHASHED = b"ED"  # the signature covers BLAKE2b-512 of the data

UNTRUSTED_PREFIX = "untrusted comment: "
TRUSTED_PREFIX = "trusted comment: "
PUBLIC_KEY_COMMENT = "minisign public key "

KEY_ID_BYTES = 8
PUBLIC_KEY_BYTES = 32
SIGNATURE_BYTES = 64
_PUBLIC_KEY_BLOB = 2 + KEY_ID_BYTES + PUBLIC_KEY_BYTES  # 42
_SIGNATURE_BLOB = 2 + KEY_ID_BYTES + SIGNATURE_BYTES  # 74

# minisign reads each line into a fixed buffer (COMMENTMAXBYTES = 1024 and
# TRUSTEDCOMMENTMAXBYTES = 8192, both counting the prefix, the newline and a NUL);
# longer comments would be split and the file rejected, so sign() refuses them.
MAX_UNTRUSTED_COMMENT_BYTES = 1024 - len(UNTRUSTED_PREFIX) - 2
MAX_TRUSTED_COMMENT_BYTES = 8192 - len(TRUSTED_PREFIX) - 2

_BASE64_RE = re.compile(r"[A-Za-z0-9+/]*={0,2}")


class SignatureError(Exception):
    """A signature or public key could not be read, or does not verify. The message says why."""


def key_id_for(public_key: bytes) -> bytes:
    """The 8-byte key id of a raw Ed25519 public key: BLAKE2b with an 8-byte digest."""
    return hashlib.blake2b(public_key, digest_size=KEY_ID_BYTES).digest()


def _key_id_hex(key_id: bytes) -> str:
    """A key id as minisign prints it: the little-endian 64-bit number in upper-case hex, unpadded (%PRIX64)."""
    return f"{int.from_bytes(key_id, 'little'):X}"


def _raw_public(pk: Ed25519PublicKey) -> bytes:
    return pk.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


@dataclass(frozen=True)
class PublicKey:
    """A minisign public key: an 8-byte key id and a raw 32-byte Ed25519 public key."""

    key_id: bytes
    key: bytes

    def __post_init__(self) -> None:
        if not isinstance(self.key_id, bytes) or len(self.key_id) != KEY_ID_BYTES:
            raise ValueError(f"key_id must be {KEY_ID_BYTES} bytes")
        if not isinstance(self.key, bytes) or len(self.key) != PUBLIC_KEY_BYTES:
            raise ValueError(f"key must be {PUBLIC_KEY_BYTES} bytes")

    @classmethod
    def from_ed25519(cls, pk: Ed25519PublicKey) -> PublicKey:
        """Wrap a public key; its key id is derived from the key, so it is always the same."""
        raw = _raw_public(pk)
        return cls(key_id=key_id_for(raw), key=raw)

    @classmethod
    def parse(cls, text: str) -> PublicKey:
        """Read a minisign ``.pub`` file's text, or just its base64 line."""
        if isinstance(text, bytes):
            try:
                text = text.decode("utf-8")
            except UnicodeDecodeError:
                raise SignatureError("public key is not text") from None
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if lines and lines[0].startswith("untrusted comment:"):
            lines = lines[1:]
        if not lines:
            raise SignatureError("public key is empty")
        blob = _decode_b64(lines[0], "public key", _PUBLIC_KEY_BLOB, source="public key")
        if blob[:2] != PUBLIC_KEY_ALG:
            raise SignatureError(
                f"unsupported algorithm in public key ({blob[:2]!r}, expected {PUBLIC_KEY_ALG!r})"
            )
        return cls(key_id=blob[2 : 2 + KEY_ID_BYTES], key=blob[2 + KEY_ID_BYTES :])

    @property
    def key_id_hex(self) -> str:
        """The key id as minisign prints it."""
        return _key_id_hex(self.key_id)

    def to_base64(self) -> str:
        """The base64 line of the ``.pub`` file (what ``minisign -P`` takes)."""
        return base64.b64encode(PUBLIC_KEY_ALG + self.key_id + self.key).decode("ascii")

    def to_file_text(self) -> str:
        """The text of a minisign ``.pub`` file, ending with a newline."""
        return f"{UNTRUSTED_PREFIX}{PUBLIC_KEY_COMMENT}{self.key_id_hex}\n{self.to_base64()}\n"

    def ed25519(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(self.key)


def _check_comment(comment: str, what: str, max_bytes: int) -> bytes:
    if not isinstance(comment, str):
        raise TypeError(f"{what} must be a string")
    for char, name in (("\n", "a line break"), ("\r", "a carriage return"), ("\0", "a NUL")):
        if char in comment:
            raise ValueError(f"{what} must be one line: it contains {name}")
    encoded = comment.encode("utf-8")
    if len(encoded) > max_bytes:
        raise ValueError(f"{what} is too long ({len(encoded)} bytes, at most {max_bytes})")
    return encoded


def sign(
    data: bytes,
    private_key: Ed25519PrivateKey,
    *,
    trusted_comment: str,
    untrusted_comment: str = "signature from authoring-app",
) -> str:
    """Sign `data`; returns the text of a ``.minisig`` file (prehashed ``ED`` algorithm)."""
    trusted = _check_comment(trusted_comment, "trusted comment", MAX_TRUSTED_COMMENT_BYTES)
    _check_comment(untrusted_comment, "untrusted comment", MAX_UNTRUSTED_COMMENT_BYTES)
    key_id = key_id_for(_raw_public(private_key.public_key()))
    digest = hashlib.blake2b(bytes(data), digest_size=64).digest()
    signature = private_key.sign(digest)
    global_signature = private_key.sign(signature + trusted)
    sig_line = base64.b64encode(SIG_ALG_PREHASHED + key_id + signature).decode("ascii")
    global_line = base64.b64encode(global_signature).decode("ascii")
    return (
        f"{UNTRUSTED_PREFIX}{untrusted_comment}\n"
        f"{sig_line}\n"
        f"{TRUSTED_PREFIX}{trusted_comment}\n"
        f"{global_line}\n"
    )


def _decode_b64(line: str, what: str, length: int, *, source: str = "signature file") -> bytes:
    """Strict base64 of exactly `length` bytes; a value cut short is reported as truncated."""
    if not _BASE64_RE.fullmatch(line):
        raise SignatureError(f"{what} is not valid base64")
    try:
        blob = base64.b64decode(line, validate=True)
    except (binascii.Error, ValueError):
        if len(line) % 4:
            raise SignatureError(f"{source} is truncated ({what} is cut short)") from None
        raise SignatureError(f"{what} is not valid base64") from None
    if len(blob) < length:
        raise SignatureError(
            f"{source} is truncated ({what} is {len(blob)} bytes, expected {length})"
        )
    if len(blob) > length:
        raise SignatureError(f"{what} is too long ({len(blob)} bytes, expected {length})")
    return blob


def _line(raw: str) -> str:
    # Like minisign's trim(): a line ends at its first CR or LF.
    return raw.split("\r", 1)[0]


@dataclass(frozen=True)
class Signature:
    """A ``.minisig`` file, read but not yet checked."""

    algorithm: bytes
    key_id: bytes
    signature: bytes
    trusted_comment: str
    global_signature: bytes

    @property
    def key_id_hex(self) -> str:
        """The id of the key that made it, as minisign prints it."""
        return _key_id_hex(self.key_id)

    @classmethod
    def parse(cls, signature_text: str | bytes) -> Signature:
        """Read a ``.minisig`` text; SignatureError says what is wrong with its form."""
        if isinstance(signature_text, bytes):
            try:
                signature_text = signature_text.decode("utf-8")
            except UnicodeDecodeError:
                raise SignatureError("signature file is not text") from None
        if not signature_text.strip():
            raise SignatureError("signature file is empty")
        lines = [_line(raw) for raw in signature_text.split("\n")]
        # A complete file has four lines (and a final newline, which leaves an empty fifth).
        present = [line for line in lines[:4] if line]
        if len(present) < 4:
            raise SignatureError("signature file is truncated")
        untrusted_line, sig_line, trusted_line, global_line = lines[:4]
        if any(line.strip() for line in lines[4:]):
            raise SignatureError("signature file has extra lines after the comment signature")
        if not untrusted_line.startswith(UNTRUSTED_PREFIX):
            raise SignatureError(
                f"signature file is malformed: line 1 should start with {UNTRUSTED_PREFIX!r}"
            )
        if not trusted_line.startswith(TRUSTED_PREFIX):
            raise SignatureError(
                f"signature file is malformed: line 3 should start with {TRUSTED_PREFIX!r}"
            )
        blob = _decode_b64(sig_line.strip(), "signature", _SIGNATURE_BLOB)
        global_signature = _decode_b64(global_line.strip(), "comment signature", SIGNATURE_BYTES)
        algorithm = blob[:2]
        if algorithm not in (SIG_ALG_PREHASHED, SIG_ALG_LEGACY):
            raise SignatureError(
                f"unsupported algorithm {algorithm!r} (expected {SIG_ALG_PREHASHED!r} or "
                f"{SIG_ALG_LEGACY!r})"
            )
        return cls(
            algorithm=algorithm,
            key_id=blob[2 : 2 + KEY_ID_BYTES],
            signature=blob[2 + KEY_ID_BYTES :],
            trusted_comment=trusted_line[len(TRUSTED_PREFIX) :],
            global_signature=global_signature,
        )

    def check(self, data: bytes, public_key: PublicKey) -> str:
        """The trusted comment, if this signature of `data` verifies with `public_key`."""
        if self.key_id != public_key.key_id:
            raise SignatureError(
                f"signed with a different key (key id {self.key_id_hex}, "
                f"expected {public_key.key_id_hex})"
            )
        try:
            ed_key = public_key.ed25519()
        except ValueError:
            raise SignatureError("public key is not a valid Ed25519 key") from None
        if self.algorithm == SIG_ALG_PREHASHED:
            message = hashlib.blake2b(bytes(data), digest_size=64).digest()
        else:
            message = bytes(data)
        try:
            ed_key.verify(self.signature, message)
        except InvalidSignature:
            raise SignatureError("signature does not match the file") from None
        try:
            ed_key.verify(
                self.global_signature, self.signature + self.trusted_comment.encode("utf-8")
            )
        except InvalidSignature:
            raise SignatureError("trusted comment was altered") from None
        return self.trusted_comment


def verify(data: bytes, signature_text: str, public_key: PublicKey) -> str:
    """Check a ``.minisig`` text against `data` and `public_key`; returns the trusted comment.

    Raises SignatureError saying what failed. `public_key` may also be a bare Ed25519PublicKey,
    whose key id is then derived as in ``PublicKey.from_ed25519``.
    """
    if isinstance(public_key, Ed25519PublicKey):
        public_key = PublicKey.from_ed25519(public_key)
    return Signature.parse(signature_text).check(data, public_key)
