"""Checking every answer's clinical sign-off from the bundle's own evidence, against the
governor keys you pinned: no trust in the publisher needed for who signed what. No I/O.

What is checked (docs/bundle-format.md says it step by step, for reimplementing it):

1. The bundle's `trust` section: for each governed file (`roster`, `library`, `directory`),
   the SHA-256 of the canonical JSON of its `data` must be the `data_sha256` that at least
   the pinned number of distinct pinned governors signed, in records of kind `founded` or
   `approved` (each signature over the canonical JSON of the record without its signature).
2. Each answer's `governance.evidence`: at least as many distinct clinicians of that roster as
   its topic needs (from the library's rules) signed off exactly its `content_hash` and the
   `services` it shows, each with a key they held at the time; and, where the rules do not
   allow it, none of them is the person whose signed edit made the current text.

Canonical JSON: keys sorted, separators "," and ":", UTF-8 not escaped.
"""

from __future__ import annotations

import base64
import binascii
import calendar
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

FILES = {"roster": "people.yaml", "library": "library.yaml", "directory": "directory.yaml"}
MEANING = "clinical approval for publication"


class EvidenceError(ValueError):
    """The evidence does not show what it must; the message says what, in one line."""


@dataclass(frozen=True)
class Governors:
    """The governor keys a maintainer pinned, and how many of them must have signed."""

    keys: dict[str, str]  # governor id -> "ed25519:<base64>"
    required: int

    @classmethod
    def load(cls, source: Path | str) -> Governors:
        """Read a pinned governors file (`authoring-app governance export`)."""
        try:
            data = json.loads(Path(source).read_text("utf-8"))
            keys = {g["id"]: g["public_key"] for g in data["governors"]}
            required = int(data["signatures_required"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise EvidenceError(
                f"the pinned governors file {source} cannot be read: {exc}"
            ) from None
        if required < 1 or required > len(set(keys.values())):
            raise EvidenceError(
                f"the pinned governors file {source} asks for {required} signatures"
            )
        return cls(keys, required)


def canonical(data) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def digest(data) -> str:
    return "sha256:" + hashlib.sha256(canonical(data)).hexdigest()


def check_bundle(bundle: dict, governors: Governors) -> None:
    """Raise EvidenceError unless every answer's sign-off is shown by its evidence."""
    trust = bundle.get("trust")
    if not isinstance(trust, dict):
        raise EvidenceError("the bundle carries no governed trust to check its sign-offs against")
    data = {what: _governed(trust, what, name, governors) for what, name in FILES.items()}
    for answer in bundle.get("answers", ()):
        check_answer(answer, data["roster"], data["library"])


def _governed(trust: dict, what: str, name: str, governors: Governors):
    section = trust.get(what)
    if not isinstance(section, dict) or "data" not in section:
        raise EvidenceError(f"the bundle's trust has no {what}")
    wanted = digest(section["data"])
    signed = set()
    for record in section.get("approvals", ()):
        if not isinstance(record, dict) or record.get("kind") not in ("founded", "approved"):
            continue
        content = (record.get("files") or {}).get(name) or {}
        key = governors.keys.get(record.get("person"))
        if content.get("data_sha256") == wanted and key and _verifies(key, record):
            signed.add(key)
    if len(signed) < governors.required:
        raise EvidenceError(
            f"the bundle's {what} is signed by {len(signed)} of the governors you pinned; "
            f"{governors.required} are needed"
        )
    return section["data"]


def check_answer(answer: dict, roster: dict, library: dict) -> None:
    """Raise EvidenceError unless `answer`'s evidence shows enough clinicians' sign-offs."""
    key = answer.get("key")
    topic_id = (answer.get("topic") or {}).get("id")
    topic = next((t for t in library.get("topics", ()) if t.get("id") == topic_id), {})
    rules = library.get("sign_off") or {}
    required = topic.get("clinicians_required") or rules.get("clinicians_required") or 1
    self_allowed = rules.get("allow_self_sign_off") is True and not topic.get("high_risk")
    demo_ok = library.get("sample") is True and all(
        g.get("demo") for g in (library.get("governance") or {}).get("governors", ())
    )
    people = {p.get("id"): p for p in roster.get("people", ()) if isinstance(p, dict)}
    services = digest(answer.get("services", []))
    editor = None
    signers: dict[str, str] = {}  # person -> time of their sign-off
    for record in (answer.get("governance") or {}).get("evidence", ()):
        if not _about(record, answer) or record.get("content_hash") != answer.get("content_hash"):
            continue
        person = people.get(record.get("person"))
        if person is None or (person.get("demo") and not demo_ok):
            continue
        if not any(_verifies(k, record) for k in _keys_at(person, record.get("time", ""))):
            continue
        if record.get("kind") == "edited":
            editor = record["person"]
        elif (
            record.get("kind") == "signed-off"
            and "clinician" in person.get("roles", ())
            and record.get("meaning") == MEANING
            and record.get("services_hash") == services
        ):
            signers[record["person"]] = min(signers.get(record["person"], "~"), record["time"])
    if editor is None:
        raise EvidenceError(f"{key}: its evidence has no signed edit of this text")
    if not self_allowed:
        signers.pop(editor, None)
    if len(signers) < required:
        raise EvidenceError(
            f"{key}: its evidence shows {len(signers)} clinicians' sign-offs of this text; "
            f"the library's rules need {required}"
        )
    _check_review_date(answer, min(signers.values()), library)


def _check_review_date(answer: dict, first_sign_off: str, library: dict) -> None:
    """An answer leaves bots on its `next_review`: it may be no later than its earliest
    sign-off plus the governed review interval, whatever the publisher wrote."""
    months = library.get("review_interval_months")
    months = months if isinstance(months, int) and 1 <= months <= 36 else 12
    claimed = (answer.get("governance") or {}).get("next_review")
    try:
        first = dt.date.fromisoformat(str(first_sign_off)[:10])
        allowed = _add_months(first, months)
        stated = dt.date.fromisoformat(str(claimed))
    except ValueError:
        raise EvidenceError(f"{answer.get('key')}: its next review date cannot be read") from None
    if stated > allowed:
        raise EvidenceError(
            f"{answer.get('key')}: its next review date {stated} is later than its sign-offs "
            f"allow ({allowed}: the earliest sign-off plus {months} months)"
        )


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _about(record, answer: dict) -> bool:
    return (
        isinstance(record, dict)
        and record.get("answer") == answer.get("id")
        and record.get("locale") == answer.get("locale")
    )


def _keys_at(person: dict, time: str) -> list[str]:
    keys = [person["public_key"]] if person.get("public_key") else []
    for old in person.get("previous_keys", ()):
        if isinstance(old, dict) and str(time) < str(old.get("until", "")):
            keys.append(old.get("public_key", ""))
    return keys


def _verifies(public_key: str, record: dict) -> bool:
    """Does `record`'s signature sign the canonical JSON of its other fields with this key?"""
    try:
        raw = base64.b64decode(public_key.removeprefix("ed25519:"), validate=True)
        signature = base64.b64decode(record.get("signature") or "", validate=True)
        unsigned = {k: v for k, v in record.items() if k != "signature"}
        Ed25519PublicKey.from_public_bytes(raw).verify(signature, canonical(unsigned))
    except (binascii.Error, ValueError, InvalidSignature, AttributeError, TypeError):
        return False
    return True
