"""The freshness notice: a small file, signed by a publisher, that names the current release
(its version, SHA-256 and size) and says until when that holds.

A bot's `pull` reads it first (answer_kit.verify.verify_notice): a notice past its expiry
means the place it pulls from has stopped updating, so a mirror frozen on an old release is
noticed within days rather than when the release itself expires. Publishing writes one with
each release; a publisher renews it without rebuilding the bundle (renewal.py). It names the
answers of the current release that clinicians withdrew since (signed `retired` records,
review/withdrawal.py), which the consumer kit stops serving at once; it has room for revoked
keys, which the app leaves empty for now.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from answer_kit import minisign
from answer_kit import schema as kit_schema
from authoring_app.library.roster import Person
from authoring_app.release.bundle import BUNDLE_FORMAT, canonical_json, iso_utc, parse_utc
from authoring_app.release.published import PublishError, read_file

NOTICE = "notice.json"
NOTICE_SIGNATURE = "notice.json.minisig"
SCHEMA_FOLDER = "schemas"


class NoticeError(PublishError):
    """A notice cannot be issued; the message says why."""


@dataclass(frozen=True)
class Notice:
    """A signed notice, ready to be recorded and delivered."""

    version: str
    expires: dt.datetime
    notice_bytes: bytes = field(repr=False)
    signature: str = field(repr=False)
    withdrawn: tuple[str, ...] = ()  # answers ("id.locale") bots must stop serving now

    def files(self) -> dict[str, bytes]:
        """Path -> bytes of the notice and its signature on the published branch."""
        return {NOTICE: self.notice_bytes, NOTICE_SIGNATURE: self.signature.encode("utf-8")}


def trusted_comment(version: str, sha256: str, issued: str, expires: str) -> str:
    return (
        f"authoring-app notice version={version} sha256={sha256} issued={issued} expires={expires}"
    )


def build_notice(
    *,
    library_name: str,
    version: str,
    sha256: str,
    size: int,
    signer: Person,
    private_key,
    now: dt.datetime,
    days: int,
    withdrawn: tuple[str, ...] = (),
    revoked_keys: tuple[str, ...] = (),
) -> Notice:
    """Sign a notice that release `version` is current for `days` days from `now`, even past
    the release's own expiry: the release's expiry proves freshness only (for consumer kits
    that know no notices), while each answer leaves bots on its own next-review date."""
    now = now.astimezone(dt.UTC).replace(microsecond=0)
    expires = now + dt.timedelta(days=days)
    public = minisign.PublicKey.from_ed25519(private_key.public_key())
    issued_text, expires_text = iso_utc(now), iso_utc(expires)
    data = {
        "format": BUNDLE_FORMAT,
        "library": library_name,
        "release": {"version": version, "sha256": sha256, "size": size},
        "issued": issued_text,
        "expires": expires_text,
        "withdrawn": sorted(withdrawn),
        "revoked_keys": sorted(revoked_keys),
        "signer": {"id": signer.id, "name": signer.name, "key_id": public.key_id_hex},
    }
    notice_bytes = canonical_json(data)
    signature = minisign.sign(
        notice_bytes,
        private_key,
        trusted_comment=trusted_comment(version, sha256, issued_text, expires_text),
        untrusted_comment=f"notice from authoring-app: release {version} is current",
    )
    return Notice(version, expires, notice_bytes, signature, tuple(sorted(withdrawn)))


def schema_files() -> dict[str, bytes]:
    """Path -> bytes of the JSON Schemas a channel publishes beside its releases."""
    return {
        f"{SCHEMA_FOLDER}/{kit_schema.file_name(name)}": kit_schema.text(name).encode("utf-8")
        for name in kit_schema.NAMES
    }


@dataclass(frozen=True)
class NoticeState:
    """What the latest notice on the published branch tells bots (read, not verified: for
    showing the publisher, never for trusting)."""

    version: str
    expires: dt.datetime
    issued: dt.datetime | None = None


def current_notice(library) -> NoticeState | None:
    """The notice at the tip of the published branch, or None if there is none."""
    try:
        data = json.loads(read_file(library, NOTICE) or b"null")
        return NoticeState(
            data["release"]["version"], parse_utc(data["expires"]), parse_utc(data["issued"])
        )
    except (PublishError, ValueError, TypeError, KeyError):
        return None
