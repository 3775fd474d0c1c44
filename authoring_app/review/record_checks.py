"""Whether one review record counts, and if not, why (for `status`).

A record counts only if it is in its answer's review file, its signer is in the roster with a
role that may make it, a demonstration person signs only in a sample library, it is not dated
far in the future, and a sign-off's signature verifies against the signer's current key. A
verified signature is remembered (core/cache.py `SignatureCache`), so each is checked once.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from authoring_app.library.cache import SignatureCache
from authoring_app.library.library import Library
from authoring_app.library.problems import Problem
from authoring_app.review.records import (
    CHANGES_REQUESTED,
    COMMENT,
    RETIRED,
    SIGNED_OFF,
    SUBMITTED,
    ReviewRecord,
    review_path,
)

CLOCK_TOLERANCE = dt.timedelta(minutes=5)
# Who may make each kind of record (any of these roles).
ROLES_FOR = {
    SUBMITTED: ("author", "clinician"),
    COMMENT: ("author", "clinician", "publisher"),
    CHANGES_REQUESTED: ("clinician",),
    SIGNED_OFF: ("clinician",),
    RETIRED: ("clinician", "publisher"),
}


def record_problem(library: Library, record: ReviewRecord, now: dt.datetime) -> Problem | None:
    """Why `record` does not count (None if it counts, apart from the rules about text)."""
    expected = review_path(record.key)
    if record.path and record.path != expected:
        return problem_with(
            record,
            "review-wrong-file",
            f"the record is about {record.key} but is in {record.path}; it belongs in {expected}",
        )
    person = library.roster.get(record.person)
    if person is None:
        return problem_with(
            record,
            "review-unknown-person",
            f"{record.person!r} is not in people.yaml (never added, or removed from the "
            "roster), so this record does not count",
        )
    if person.demo and not library.info.sample:
        return problem_with(
            record,
            "review-demo-person",
            f"{person.id} is a demonstration account (demo: true); a real library never "
            "trusts demonstration records",
        )
    roles = ROLES_FOR[record.kind]
    if not any(person.has_role(r) for r in roles):
        return problem_with(
            record,
            "review-wrong-role",
            f"{person.name} does not have the {' or '.join(roles)} role in people.yaml, so "
            f"their {record.kind} record does not count",
        )
    if record.time > now + CLOCK_TOLERANCE:
        return problem_with(
            record,
            "review-future",
            f"the record is dated {record.time:%Y-%m-%d %H:%M} UTC, in the future (clock far in "
            "the future); it does not count",
        )
    if record.kind == SIGNED_OFF:
        reason = _signature_problem(library, record, person.public_key)
        if reason == "signature does not verify":
            return problem_with(
                record,
                "review-bad-signature",
                f"the signature does not match {person.name}'s current key in people.yaml: the "
                "record was altered after signing (hash, name, time or signature), or the key "
                "was replaced since; this sign-off does not count",
            )
        if reason is not None:
            return problem_with(
                record,
                "review-no-key",
                f"{person.name} {reason}, so their sign-off cannot be checked and does not count",
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
