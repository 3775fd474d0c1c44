"""Every limit on what the kit reads from outside, in one frozen object.

Each limit is enforced while reading, not after: a download stops at its size limit, a
signature is checked before a byte of the bundle is parsed, and a parsed value deeper or
longer than allowed is refused. Pass your own `Limits` to change one::

    answer_kit.pull(source, to, keys, limits=answer_kit.Limits(max_bundle_bytes=512 << 20))
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MiB = 1 << 20


@dataclass(frozen=True)
class Limits:
    # Sizes, in bytes. A release of 5,000 answers is about 50 MB.
    max_bundle_bytes: int = 256 * MiB
    max_signature_bytes: int = 16 * 1024  # a .minisig is four short lines
    max_manifest_bytes: int = 64 * 1024
    max_notice_bytes: int = 1 * MiB
    max_index_bytes: int = 16 * MiB  # releases.json
    # What a parsed file may hold.
    max_json_depth: int = 16  # a bundle nests 7 deep
    max_string_chars: int = 1 * MiB  # the longest text of one field
    # Network.
    timeout_seconds: float = 30.0  # connecting, and waiting for each piece of a download
    download_seconds: float = 600.0  # one whole download, however slowly it trickles
    max_redirects: int = 3
    trusted_certificates: Path | None = None  # a CA file instead of the system's, if set
    git_seconds: float = 600.0  # one git fetch
    user_agent: str = "answer-kit"

    def __post_init__(self) -> None:
        for name in (
            "max_bundle_bytes",
            "max_signature_bytes",
            "max_manifest_bytes",
            "max_notice_bytes",
            "max_index_bytes",
            "max_json_depth",
            "max_string_chars",
        ):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{name} must be a whole number above 0, not {value!r}")
        for name in ("timeout_seconds", "download_seconds", "git_seconds"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be above 0")
        if not isinstance(self.max_redirects, int) or self.max_redirects < 0:
            raise ValueError("max_redirects must be 0 or more")


DEFAULT = Limits()
