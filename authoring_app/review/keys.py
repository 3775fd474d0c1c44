"""Signing keys on the signer's own machine, encrypted with a passphrase, never inside a library.

Each person's key lives in the key folder (``paths.key_dir()`` unless told otherwise):

* ``<person-id>.key`` -- the Ed25519 private key, PKCS#8 PEM encrypted with the passphrase
  (``BestAvailableEncryption``), file mode 0600 in a 0700 folder;
* ``<person-id>.pub`` -- its public key as ``ed25519:<base64>``, the form the roster
  (``people.yaml``) stores, so the public key can be shown without asking for the passphrase.

The private key is the source of truth: ``load`` refuses a key file that does not match its
``.pub`` (a damaged file can decrypt to a different key) and writes a missing ``.pub``.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import os
import re
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from authoring_app.library import atomic, paths

__all__ = [
    "PUBLIC_KEY_PREFIX",
    "KeyStore",
    "KeyStoreError",
    "NoKey",
    "WrongPassphrase",
    "decode_public_key",
    "encode_public_key",
    "read_passphrase_file",
    "signature_verifies",
    "valid_person_id",
]

PUBLIC_KEY_PREFIX = "ed25519:"

PRIVATE_KEY_SUFFIX = ".key"
PUBLIC_KEY_SUFFIX = ".pub"
PRIVATE_KEY_MODE = 0o600
PUBLIC_KEY_MODE = 0o644
KEY_DIR_MODE = 0o700

_PERSON_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ENCRYPTED_PEM_HEADER = b"-----BEGIN ENCRYPTED PRIVATE KEY-----"


class KeyStoreError(Exception):
    """A key could not be created, read or installed. The message says why."""


class WrongPassphrase(KeyStoreError):
    """The passphrase does not unlock the key."""


class NoKey(KeyStoreError):
    """This machine holds no private key for that person."""


def encode_public_key(pk: Ed25519PublicKey) -> str:
    """``ed25519:`` + base64 of the raw 32-byte key, as the roster stores it."""
    raw = pk.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return PUBLIC_KEY_PREFIX + base64.b64encode(raw).decode("ascii")


def _shorten(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def signature_verifies(public_key: str, signature: bytes, message: bytes) -> bool:
    """Does `signature` sign `message` under `public_key` (``ed25519:<base64>``)? Raises
    KeyStoreError if the key itself is unusable.

    Checked with libsodium, which verifies in half the time OpenSSL takes: opening a large
    library for the first time checks thousands of sign-offs."""
    from nacl.exceptions import BadSignatureError  # loaded when first needed

    try:
        _verify_key(public_key).verify(message, signature)
    except (BadSignatureError, ValueError, TypeError):
        return False
    return True


@lru_cache(maxsize=1024)
def _verify_key(public_key: str):
    """libsodium's verifying key for `public_key` (a nacl.signing.VerifyKey)."""
    from nacl.signing import VerifyKey

    decode_public_key(public_key)  # KeyStoreError says what is wrong with it
    raw = base64.b64decode(public_key.strip()[len(PUBLIC_KEY_PREFIX) :])
    return VerifyKey(raw)


def decode_public_key(text: str) -> Ed25519PublicKey:
    """Read an ``ed25519:<base64>`` public key; KeyStoreError says what is wrong with it."""
    if not isinstance(text, str):
        raise KeyStoreError(
            f"public key must be text like 'ed25519:BASE64', not {type(text).__name__}"
        )
    value = text.strip()
    if not value.startswith(PUBLIC_KEY_PREFIX):
        raise KeyStoreError(
            f"public key {_shorten(value)} must start with {PUBLIC_KEY_PREFIX!r} "
            "followed by the base64 of the 32-byte Ed25519 key"
        )
    body = value[len(PUBLIC_KEY_PREFIX) :]
    try:
        raw = base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        raise KeyStoreError(f"public key {_shorten(value)} is not valid base64") from None
    if len(raw) != 32:
        raise KeyStoreError(
            f"public key {_shorten(value)} is {len(raw)} bytes long; an Ed25519 key is 32 bytes"
        )
    try:
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError:
        raise KeyStoreError(f"public key {_shorten(value)} is not a valid Ed25519 key") from None


def read_passphrase_file(path: os.PathLike[str] | str) -> str:
    """The passphrase on the first line of `path`, without its line ending."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise KeyStoreError(f"passphrase file {path} does not exist") from None
    except IsADirectoryError:
        raise KeyStoreError(f"passphrase file {path} is a folder, not a file") from None
    except OSError as exc:
        raise KeyStoreError(f"cannot read passphrase file {path}: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise KeyStoreError(f"passphrase file {path} is not UTF-8 text") from None
    text = text.removeprefix("\ufeff")
    first = text.split("\n", 1)[0].removesuffix("\r")
    if not first:
        raise KeyStoreError(
            f"passphrase file {path} is empty: its first line must hold the passphrase"
        )
    return first


def valid_person_id(person_id: object) -> bool:
    """Lower-case letters and digits in hyphen-separated groups, e.g. ``dr-example-one``."""
    return isinstance(person_id, str) and _PERSON_ID_RE.fullmatch(person_id) is not None


def _check_person_id(person_id: object) -> str:
    if not valid_person_id(person_id):
        raise KeyStoreError(
            f"invalid person id {_shorten(person_id)}: use lower-case letters and digits "
            "separated by single hyphens, like 'dr-example-one'"
        )
    return person_id  # type: ignore[return-value]


class KeyStore:
    """The private keys kept on this machine, one per person id."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = Path(directory) if directory is not None else paths.key_dir()

    def __repr__(self) -> str:
        return f"KeyStore({str(self.directory)!r})"

    # -- where things are ------------------------------------------------------------------

    def path_for(self, person_id: str) -> Path:
        """``<dir>/<person_id>.key``; rejects ids that could leave the folder."""
        return self.directory / (_check_person_id(person_id) + PRIVATE_KEY_SUFFIX)

    def public_path_for(self, person_id: str) -> Path:
        """``<dir>/<person_id>.pub``."""
        return self.directory / (_check_person_id(person_id) + PUBLIC_KEY_SUFFIX)

    def has(self, person_id: str) -> bool:
        return self.path_for(person_id).is_file()

    def people(self) -> list[str]:
        """The person ids with a private key here, sorted."""
        try:
            entries = list(self.directory.iterdir())
        except (FileNotFoundError, NotADirectoryError):
            return []
        found = []
        for entry in entries:
            if entry.suffix != PRIVATE_KEY_SUFFIX or not entry.is_file():
                continue
            if valid_person_id(entry.stem):
                found.append(entry.stem)
        return sorted(found)

    # -- creating and installing -----------------------------------------------------------

    def create(
        self, person_id: str, passphrase: str, *, overwrite: bool = False
    ) -> Ed25519PublicKey:
        """Generate a key for `person_id`, encrypted with `passphrase`; returns its public key."""
        path = self.path_for(person_id)
        if not isinstance(passphrase, str) or not passphrase:
            raise KeyStoreError(f"a passphrase is required to protect the key of {person_id}")
        self._refuse_overwrite(person_id, path, overwrite)
        private_key = Ed25519PrivateKey.generate()
        pem = private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
        )
        public_key = private_key.public_key()
        self._install(person_id, pem, public_key)
        return public_key

    def import_pem(
        self,
        person_id: str,
        pem: bytes,
        *,
        overwrite: bool = False,
        passphrase: str | None = None,
    ) -> None:
        """Install an existing passphrase-encrypted PKCS#8 PEM key (e.g. a demonstration key).

        Unencrypted keys are refused. With `passphrase` the key is unlocked first, which checks
        it and lets its ``.pub`` be written now; without it the ``.pub`` is written by the first
        successful ``load``.
        """
        path = self.path_for(person_id)
        if isinstance(pem, str):
            pem = pem.encode("utf-8")
        pem = bytes(pem)
        self._refuse_overwrite(person_id, path, overwrite)
        self._check_encrypted_pem(pem, f"the key given for {person_id}")
        public_key = None
        if passphrase is not None:
            public_key = self._decrypt(person_id, pem, passphrase, "the key given").public_key()
        self._install(person_id, pem, public_key)

    # -- reading ---------------------------------------------------------------------------

    def load(self, person_id: str, passphrase: str) -> Ed25519PrivateKey:
        """Unlock the private key of `person_id`."""
        path = self.path_for(person_id)
        try:
            pem = path.read_bytes()
        except FileNotFoundError:
            raise NoKey(
                f"no private key for {person_id} on this machine (looked for {path}); "
                f"create one with `authoring-app keys new --person {person_id}`"
            ) from None
        except OSError as exc:
            raise KeyStoreError(f"cannot read key file {path}: {exc.strerror or exc}") from None
        self._check_encrypted_pem(pem, f"key file {path}")
        private_key = self._decrypt(person_id, pem, passphrase, f"key file {path}")
        self._check_or_write_public(person_id, private_key, path)
        return private_key

    def public_key(self, person_id: str) -> Ed25519PublicKey | None:
        """The public key of `person_id` from ``<id>.pub``, or None if there is none."""
        pub_path = self.public_path_for(person_id)
        try:
            text = pub_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise KeyStoreError(f"cannot read public key file {pub_path}: {exc}") from None
        try:
            return decode_public_key(text)
        except KeyStoreError as exc:
            raise KeyStoreError(f"public key file {pub_path} is damaged: {exc}") from None

    # -- internals -------------------------------------------------------------------------

    def _refuse_overwrite(self, person_id: str, path: Path, overwrite: bool) -> None:
        if not overwrite and path.exists():
            raise KeyStoreError(
                f"a key for {person_id} already exists at {path}; refusing to overwrite it"
            )

    def _ensure_directory(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True, mode=KEY_DIR_MODE)
        try:
            os.chmod(self.directory, KEY_DIR_MODE)
        except OSError as exc:
            raise KeyStoreError(
                f"cannot make key folder {self.directory} private: {exc.strerror or exc}"
            ) from None

    def _install(self, person_id: str, pem: bytes, public_key: Ed25519PublicKey | None) -> None:
        self._ensure_directory()
        pub_path = self.public_path_for(person_id)
        # Drop any old .pub first: a crash below must not leave it describing another key.
        with contextlib.suppress(FileNotFoundError):
            pub_path.unlink()
        atomic.write_bytes(self.path_for(person_id), pem, mode=PRIVATE_KEY_MODE)
        if public_key is not None:
            self._write_public(person_id, public_key)

    def _write_public(self, person_id: str, public_key: Ed25519PublicKey) -> None:
        text = encode_public_key(public_key) + "\n"
        atomic.write_bytes(
            self.public_path_for(person_id), text.encode("ascii"), mode=PUBLIC_KEY_MODE
        )

    @staticmethod
    def _check_encrypted_pem(pem: bytes, what: str) -> None:
        if not isinstance(pem, bytes | bytearray) or not pem.strip():
            raise KeyStoreError(f"{what} is empty")
        try:
            serialization.load_pem_private_key(bytes(pem), password=None)
        except TypeError:
            pass  # "password was not given but private key is encrypted": what we want
        except Exception:
            raise KeyStoreError(f"{what} is not a readable PEM private key") from None
        else:
            raise KeyStoreError(
                f"{what} is not encrypted with a passphrase; unprotected private keys are refused"
            )
        if _ENCRYPTED_PEM_HEADER not in pem:
            raise KeyStoreError(f"{what} is not a PKCS#8 encrypted private key")

    @staticmethod
    def _decrypt(person_id: str, pem: bytes, passphrase: str, what: str) -> Ed25519PrivateKey:
        if not isinstance(passphrase, str) or not passphrase:
            raise WrongPassphrase(f"wrong passphrase for the key of {person_id} (it was empty)")
        try:
            key = serialization.load_pem_private_key(
                bytes(pem), password=passphrase.encode("utf-8")
            )
        except ValueError as exc:
            # PBES2 has no integrity check: a wrong passphrase usually fails the padding check
            # ("incorrect password") but about 1 time in 256 it decrypts to bytes that then fail
            # to parse. So once the outer structure has been read (_check_encrypted_pem), only
            # an unknown encryption scheme counts as damage; any other failure is the passphrase.
            if "unknown key encryption algorithm" in str(exc).lower():
                raise KeyStoreError(
                    f"{what} is damaged: it names an unknown encryption scheme"
                ) from None
            raise WrongPassphrase(f"wrong passphrase for the key of {person_id}") from None
        except Exception:
            raise KeyStoreError(f"{what} is damaged: it could not be read") from None
        if not isinstance(key, Ed25519PrivateKey):
            raise KeyStoreError(f"{what} holds a {type(key).__name__}, not an Ed25519 key")
        return key

    def _check_or_write_public(
        self, person_id: str, private_key: Ed25519PrivateKey, path: Path
    ) -> None:
        public_key = private_key.public_key()
        try:
            stored = self.public_key(person_id)
        except KeyStoreError:
            stored = None  # an unreadable .pub is rewritten from the private key
        if stored is None:
            with contextlib.suppress(OSError):  # only a convenience copy; loading still works
                self._write_public(person_id, public_key)
            return
        actual, expected = encode_public_key(public_key), encode_public_key(stored)
        if actual != expected:
            raise KeyStoreError(
                f"key file {path} does not match its public key file "
                f"{self.public_path_for(person_id)} (the key file unlocks {actual}, the .pub "
                f"says {expected}); the key file may be damaged or replaced"
            )
