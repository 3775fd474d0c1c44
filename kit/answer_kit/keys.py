"""Pinned keys: reading the publisher's minisign public key files, and their fingerprints.

Pin a key once, from a second channel (see docs/bundle-format.md): never take it from the
place the releases come from. Give several to accept any of them (while a key is replaced).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from answer_kit import minisign
from answer_kit.errors import Refused

MAX_KEY_FILE_BYTES = 4096


def load_public_key(source: Path | str) -> minisign.PublicKey:
    """A minisign public key from a `.pub` file (or its base64 line given directly)."""
    path = Path(source)
    try:
        if path.is_file():
            with open(path, "rb") as handle:
                raw = handle.read(MAX_KEY_FILE_BYTES + 1)
            if len(raw) > MAX_KEY_FILE_BYTES:
                raise Refused(f"public key {source} is not a minisign key file (too long)")
            text = raw.decode("utf-8")
        else:
            text = str(source)
    except (OSError, UnicodeDecodeError) as exc:
        raise Refused(f"cannot read public key {source}: {exc}") from None
    try:
        return minisign.PublicKey.parse(text)
    except (minisign.SignatureError, ValueError) as exc:
        raise Refused(f"public key {source} is not usable: {exc}") from None


def load_keys(sources: Iterable[Path | str]) -> tuple[minisign.PublicKey, ...]:
    """Every key of `sources` (at least one), as `load_public_key` reads each."""
    keys = tuple(load_public_key(source) for source in sources)
    if not keys:
        raise Refused("no pinned key: give the publisher's key with --key KEY.pub")
    return keys


def fingerprint(key: minisign.PublicKey) -> str:
    """The key in groups of four characters, to read aloud or compare on paper: every
    character of the base64 line a minisign .pub file holds, so nothing is left unchecked."""
    line = key.to_base64()
    return " ".join(line[i : i + 4] for i in range(0, len(line), 4))
