"""Whether one review record counts, and if not, why (for `status`).

A record counts only if it is in its answer's review file, its signer is in the governed
roster (see governed.py) with a role that may make it, a demonstration person signs only in a
sample library governed by demonstration governors, it is not dated far in the future, and
its signature verifies against a key the signer held at its time (the current key, or an
earlier one before it was replaced or revoked). A verified signature is remembered
(library/cache.py `SignatureCache`), so each is checked once.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from authoring_app.library.cache import SignatureCache
from authoring_app.library.library import Library
from authoring_app.library.problems import Problem
from authoring_app.review.governance import Governed
from authoring_app.review.governed import governed
from authoring_app.review.records import (
    CHANGES_REQUESTED,
    COMMENT,
    EDITED,
    EXCEPTED,
    RETIRED,
    SIGNED_OFF,
    SUBMITTED,
    ReviewRecord,
    review_path,
)

CLOCK_TOLERANCE = dt.timedelta(minutes=5)
# Who may make each kind of record (any of these roles).
ROLES_FOR = {
    EDITED: ("author", "clinician"),
    SUBMITTED: ("author", "clinician"),
    COMMENT: ("author", "clinician", "publisher"),
    CHANGES_REQUESTED: ("clinician",),
    SIGNED_OFF: ("clinician",),
    RETIRED: ("clinician",),  # a withdrawal takes a doctor's signature
}


def record_problem(
    library: Library, record: ReviewRecord, now: dt.datetime, trusted: Governed | None = None
) -> Problem | None:
    """Why `record` does not count (None if it counts, apart from the rules about text).
    `trusted`: `governed(library, now)`, if already worked out (it is, for a whole library)."""
    expected = review_path(record.key)
    if record.path and record.path != expected:
        return problem_with(
            record,
            "review-wrong-file",
            f"the record is about {record.key} but is in {record.path}; it belongs in {expected}",
        )
    trusted = trusted or governed(library, now)
    if record.kind == EXCEPTED:
        return _exception_problem(library, record, now, trusted)
    person = trusted.roster.get(record.person)
    if person is None:
        return problem_with(
            record,
            "review-unknown-person",
            f"{record.person!r} is not in the governed people.yaml (never added, added without "
            "the governors' signatures, or removed), so this record does not count",
        )
    if person.demo and not trusted.trusts_demonstrations():
        return problem_with(
            record,
            "review-demo-person",
            f"{person.id} is a demonstration account (demo: true); only a sample library "
            "governed by demonstration governors trusts demonstration records",
        )
    roles = ROLES_FOR[record.kind]
    if not any(person.has_role(r) for r in roles):
        return problem_with(
            record,
            "review-wrong-role",
            f"{person.name} does not have the {' or '.join(roles)} role in people.yaml, so "
            f"their {record.kind} record does not count",
        )
    if record.kind == SIGNED_OFF and person.languages and record.locale not in person.languages:
        return problem_with(
            record,
            "review-language",
            f"{person.name} reviews in {', '.join(person.languages)} (the governed people.yaml), "
            f"not in {record.locale}, so their sign-off of this text does not count",
        )
    if record.time > now + CLOCK_TOLERANCE:
        return problem_with(
            record,
            "review-future",
            f"the record is dated {record.time:%Y-%m-%d %H:%M} UTC, in the future (clock far in "
            "the future); it does not count",
        )
    keys = person.keys_at(record.time)
    if not keys and person.previous_keys:
        ended = max(person.previous_keys, key=lambda k: k.until)
        return problem_with(
            record,
            "review-no-key",
            f"{person.name}'s key stopped counting at {ended.until:%Y-%m-%d %H:%M} UTC "
            f"({ended.reason or 'replaced'}) and the governed people.yaml holds no newer one, so "
            f"their {record.kind} record dated later does not count",
        )
    if not keys:
        return problem_with(
            record,
            "review-no-key",
            f"{person.name} has no key in the governed people.yaml for {record.time:%Y-%m-%d}, "
            f"so their {record.kind} record cannot be checked and does not count",
        )
    reasons = [_signature_problem(library, record, key) for key in keys]
    if None in reasons:
        return None
    unusable = [r for r in reasons if r != "signature does not verify"]
    if len(unusable) == len(reasons):
        return problem_with(
            record,
            "review-no-key",
            f"{person.name} {unusable[0]}, so their {record.kind} record cannot be checked and "
            "does not count",
        )
    return problem_with(
        record,
        "review-bad-signature",
        f"the signature does not match a key {person.name} held at {record.time:%Y-%m-%d %H:%M} "
        "UTC in the governed people.yaml: the record was altered after signing (text, name, "
        "time or signature), or made with a key that was revoked; it does not count",
    )


def _exception_problem(library: Library, record: ReviewRecord, now, trusted: Governed):
    """Why a governor's exception does not count: only a governor of the governance in force
    may let a check pass, with their governor key (library.yaml), not a roster key."""
    governor = trusted.governor(record.person) if trusted.founded else None
    if governor is None:
        return problem_with(
            record,
            "review-not-governor",
            f"{record.person!r} is not one of the governors of this library (as the governors "
            "signed library.yaml), so their exception to a check does not count",
        )
    if record.time > now + CLOCK_TOLERANCE:
        return problem_with(
            record,
            "review-future",
            f"the record is dated {record.time:%Y-%m-%d %H:%M} UTC, in the future (clock far in "
            "the future); it does not count",
        )
    if _signature_problem(library, record, governor.public_key) is not None:
        return problem_with(
            record,
            "review-bad-signature",
            f"the exception does not verify against {governor.name}'s governor key in the "
            "governed library.yaml: it was altered after signing or signed with another key; "
            "it does not count",
        )
    return None


def _signature_problem(library: Library, record: ReviewRecord, public_key: str | None):
    """`record.signature_problem`, verifying each (record, key) once: a verified signature is
    remembered by the exact bytes signed, the signature and the key."""
    if not public_key:
        return record.signature_problem(public_key)
    signatures = signatures_of(library)
    signed = record.signed_bytes()
    if signatures.verified(signed, record.signature, public_key):
        return None
    reason = record.signature_problem(public_key)
    if reason is None:
        signatures.remember(signed, record.signature, public_key)
    return reason


# Each library's verified signatures, loaded once per process.
SIGNATURE_CACHES: dict[Path, SignatureCache] = {}


def signatures_of(library: Library) -> SignatureCache:
    if library.path not in SIGNATURE_CACHES:
        SIGNATURE_CACHES[library.path] = SignatureCache(library.path)
    return SIGNATURE_CACHES[library.path]


def unknown_answer(record: ReviewRecord) -> Problem:
    return problem_with(
        record,
        "review-unknown-answer",
        f"there is no answer {record.key} in this library (deleted or renamed?); "
        "this record does not count",
        "warning",
    )


def problem_with(record: ReviewRecord, code: str, message: str, severity="error") -> Problem:
    return Problem(
        record.path or review_path(record.key), record.line, None, code, message, severity
    )
