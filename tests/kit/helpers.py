"""A releases channel written by the test itself, as a publisher (or an attacker) would write
one, with no app involved: bundles, signatures, manifests and notices made from scratch, so
each attack test can change exactly one thing. Time is always given, never read."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from answer_kit import minisign

NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def canonical(data: object) -> bytes:
    return (
        json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
        + b"\n"
    )


class Signer:
    """A key pair: the private half signs, `public` is what a maintainer pins."""

    def __init__(self) -> None:
        self.private = Ed25519PrivateKey.generate()
        self.public = minisign.PublicKey.from_ed25519(self.private.public_key())

    def sign(self, data: bytes, comment: str) -> bytes:
        return minisign.sign(data, self.private, trusted_comment=comment).encode("utf-8")

    def key_file(self, folder: Path, name: str = "publisher.pub") -> Path:
        path = folder / name
        path.write_text(self.public.to_file_text(), "utf-8")
        return path


def answer(answer_id: str = "overdose-signs", locale: str = "en", **changes) -> dict:
    """One answer as a release carries it, valid against the bundle's schema."""
    data = {
        "id": answer_id,
        "locale": locale,
        "key": f"{answer_id}.{locale}",
        "topic": {"id": "overdose", "title": "Overdose"},
        "title": "Signs of an opioid overdose",
        "questions": ["my friend won't wake up"],
        "summary": {
            "text": "Call the emergency number.",
            "telegram": "<b>Call</b> the emergency number.",
            "html": "<p><strong>Call</strong> the emergency number.</p>",
        },
        "red_flags": ["Slow or no breathing"],
        "visibility": "group",
        "tags": [],
        "sources": [{"title": "WHO", "url": "https://www.who.int/"}],
        "services": [],
        "translations": [],
        "translation_of": None,
        "content_hash": "sha256:" + "0" * 64,
        "governance": {
            "signed_off_by": [
                {
                    "name": "Dr Test",
                    "credentials": "Physician",
                    "time": "2026-01-10T09:30:00Z",
                    "meaning": "clinical approval for publication",
                }
            ],
            "last_reviewed": "2026-01-10",
            "next_review": "2027-01-10",
            "author": "Alex",
            "last_editor": "Alex",
            "evidence": [
                _record("edited", "alex", "2026-01-09T09:30:00Z"),
                _record("signed-off", "dr-test", "2026-01-10T09:30:00Z"),
            ],
        },
        "body": {
            "html": '<p>Stay with them. <a href="https://www.who.int/">WHO</a></p>',
            "telegram": ['Stay with them. <a href="https://www.who.int/">WHO</a>'],
            "text": "Stay with them.",
        },
    }
    data.update(changes)
    return data


EMERGENCY = {
    "id": "emergency-112",
    "kind": "emergency",
    "name": {"en": "Emergency number", "ru": "Единый номер экстренных служб"},
    "contact": "112",
}
HOTLINE = {
    "id": "example-support-line",
    "kind": "hotline",
    "name": {"en": "Example support line", "ru": "Пример линии поддержки"},
    "contact": "+7 000 000-00-06",
    "hours": {"en": "Example hours: every day", "ru": "Пример часов работы: ежедневно"},
    "example": True,
}


def _record(kind: str, person: str, time: str) -> dict:
    """A signed record's shape (its signature is checked only against pinned governors)."""
    return {
        "kind": kind,
        "answer": "opioid-overdose-signs",
        "locale": "en",
        "person": person,
        "time": time,
        "content_hash": "sha256:" + "0" * 64,
        "signature": "A" * 86 + "==",
    }


_APPROVED = {
    "data": {},
    "approvals": [
        {
            "kind": "approved",
            "person": "gov",
            "time": "2026-01-01T09:00:00Z",
            "files": {},
            "signature": "A" * 86 + "==",
        }
    ],
}
# The governed section a release carries (checked only against pinned governors).
TRUST = {
    "governors": [{"id": "gov", "name": "Gov", "public_key": "ed25519:" + "A" * 43 + "="}],
    "signatures_required": 1,
    "roster": _APPROVED,
    "library": _APPROVED,
    "directory": _APPROVED,
}


def bundle(version: str, *, previous: str | None = None, expires=None, answers=None) -> dict:
    expires = expires or NOW + dt.timedelta(days=300)
    return {
        "format": 2,
        "version": version,
        "previous_version": previous,
        "release_time": iso(NOW - dt.timedelta(days=1)),
        "expires": iso(expires),
        "library": {
            "name": "Test library",
            "organisation": "Test NGO",
            "locales": ["en", "ru"],
            "default_locale": "en",
            "sample": False,
        },
        "topics": [{"id": "overdose", "title": {"en": "Overdose"}}],
        "emergency": [EMERGENCY],
        "directory": [EMERGENCY, HOTLINE],
        "answers": [answer()] if answers is None else answers,
        "trust": TRUST,
    }


def bundle_comment(data: dict, raw: bytes) -> str:
    return (
        f"authoring-app bundle version={data['version']} expires={data['expires']} "
        f"sha256={hashlib.sha256(raw).hexdigest()}"
    )


def manifest(data: dict, raw: bytes, key: minisign.PublicKey) -> bytes:
    return canonical(
        {
            "format": 2,
            "bundle": "bundle.json",
            "signature": "bundle.json.minisig",
            "sha256": hashlib.sha256(raw).hexdigest(),
            "size": len(raw),
            "version": data["version"],
            "previous_version": data["previous_version"],
            "release_time": data["release_time"],
            "expires": data["expires"],
            "signer": {"id": "pat", "name": "Pat", "key_id": key.key_id_hex},
            "changes": {"added": [], "changed": [], "removed": []},
        }
    )


def notice(
    version: str,
    raw: bytes,
    *,
    issued=None,
    days: int = 7,
    withdrawn=(),
    revoked=(),
    key: minisign.PublicKey,
) -> tuple[bytes, dict]:
    issued = issued or NOW - dt.timedelta(hours=1)
    data = {
        "format": 2,
        "library": "Test library",
        "release": {
            "version": version,
            "sha256": hashlib.sha256(raw).hexdigest(),
            "size": len(raw),
        },
        "issued": iso(issued),
        "expires": iso(issued + dt.timedelta(days=days)),
        "withdrawn": sorted(withdrawn),
        "revoked_keys": sorted(revoked),
        "signer": {"id": "pat", "name": "Pat", "key_id": key.key_id_hex},
    }
    return canonical(data), data


def notice_comment(data: dict) -> str:
    release = data["release"]
    return (
        f"authoring-app notice version={release['version']} sha256={release['sha256']} "
        f"issued={data['issued']} expires={data['expires']}"
    )


class Channel:
    """A folder laid out as a releases channel, written file by file."""

    def __init__(self, folder: Path, signer: Signer):
        self.folder = folder
        self.signer = signer
        folder.mkdir(parents=True, exist_ok=True)

    def write(self, path: str, data: bytes) -> Path:
        target = self.folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return target

    def release(self, data: dict, *, signer: Signer | None = None, raw: bytes | None = None):
        """Write release `data` (signed by `signer`) in its folder and as the latest."""
        signer = signer or self.signer
        raw = canonical(data) if raw is None else raw
        files = {
            "bundle.json": raw,
            "bundle.json.minisig": signer.sign(raw, bundle_comment(data, raw)),
            "manifest.json": manifest(data, raw, signer.public),
        }
        for name, content in files.items():
            self.write(f"releases/{data['version']}/{name}", content)
            self.write(name, content)
        return raw

    def notice(self, version: str, raw: bytes, *, signer: Signer | None = None, **options):
        signer = signer or self.signer
        notice_bytes, data = notice(version, raw, key=signer.public, **options)
        self.write("notice.json.minisig", signer.sign(notice_bytes, notice_comment(data)))
        self.write("notice.json", notice_bytes)
        return notice_bytes

    def publish(self, data: dict, **options) -> bytes:
        """A release and a fresh notice naming it, as a publisher delivers them."""
        raw = self.release(data)
        self.notice(data["version"], raw, **options)
        return raw
