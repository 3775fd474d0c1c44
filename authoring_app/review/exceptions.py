"""Checks that stop, and the governors' exceptions to them.

A check of severity "error" stops an answer from being submitted, signed off and published
while it stands on the answer's current text. A governor may let one check pass for one exact
text: a signed `excepted` record in the answer's review file, with the check's code and the
reason. It is bound to the content hash of the text, so any later edit voids it, and it counts
only if it verifies against a governor key of the governed library.yaml (record_checks.py).
"""

from __future__ import annotations

import datetime as dt

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from authoring_app.library.answer import Answer, AnswerKey
from authoring_app.library.checks import CODES, lint_answer
from authoring_app.library.library import Library
from authoring_app.library.problems import Problem
from authoring_app.review.governed import governed
from authoring_app.review.governing import governor_person, governor_with_key
from authoring_app.review.records import EXCEPTED, ReviewRecord
from authoring_app.review.signing import ReviewError, make_record, write_record

# The action a standing error stops, as its refusal names it.
SUBMITTING, SIGNING_OFF, PUBLISHING = "submitted for review", "signed off", "published"


class ChecksStand(ReviewError):
    """An action refused because must-fix checks stand on the text without an exception.
    `problems` are the checks (the faces word them in the person's language)."""

    def __init__(self, key: AnswerKey, action: str, problems: list[Problem]):
        self.key, self.action, self.problems = key, action, tuple(problems)
        listed = "; ".join(f"{p.code} ({p.message})" for p in problems)
        super().__init__(
            f"{key} cannot be {action} while must-fix checks stand on its text: {listed}. "
            "Fix the text, or ask a governor to record an exception with a reason "
            f"(authoring-app review except {key} --check CODE --reason TEXT --as GOVERNOR)"
        )


def answer_checks(library: Library, answer: Answer, *, warnings: bool = True) -> list[Problem]:
    """Every check result of one answer: errors first, then warnings (`warnings=False`: the
    slow warning-only readability figures left out)."""
    problems = lint_answer(answer, library.info, library.directory, readability=warnings)
    source = answer.translation_of
    if source and source != answer.locale and library.find(AnswerKey(answer.id, source)) is None:
        problems.append(
            Problem(
                answer.path,
                None,
                "translation_of",
                "translation-source-missing",
                f"this is a translation of {answer.id}.{source}, which does not exist",
            )
        )
    return sorted(problems, key=lambda p: p.severity != "error")


def standing_errors(
    library: Library, answer: Answer, exceptions: tuple[ReviewRecord, ...]
) -> list[Problem]:
    """The errors of `answer` that no exception for its exact text lets pass."""
    excepted = excepted_checks(answer, exceptions)
    return [
        p
        for p in answer_checks(library, answer, warnings=False)
        if p.severity == "error" and p.code not in excepted
    ]


def excepted_checks(answer: Answer, exceptions: tuple[ReviewRecord, ...]) -> set[str]:
    current = answer.content_hash()
    return {r.check or "" for r in exceptions if r.content_hash == current}


def excused(library: Library, problems: list[Problem]) -> list[Problem]:
    """`problems`, with each error a governor's exception lets pass for its answer's current
    text turned into a warning that says so (for `validate`)."""
    from dataclasses import replace

    from authoring_app.review.library_status import library_status

    by_path = {}
    for key, status in library_status(library).items():
        answer = library.find(key)
        if answer is not None and status.exceptions:
            by_path[answer.path] = {r.check: r for r in status.exceptions}
    out = []
    for problem in problems:
        record = by_path.get(problem.path, {}).get(problem.code)
        if problem.severity == "error" and record is not None:
            problem = replace(
                problem,
                severity="warning",
                message=f"{problem.message} (passed for this exact text by {record.person}'s "
                f"exception: {record.message})",
            )
        out.append(problem)
    return out


def refuse_standing(library: Library, answer: Answer, status, action: str) -> None:
    """Raise ChecksStand if errors stand on `answer` (with `status`, its derived status)."""
    standing = standing_errors(library, answer, status.exceptions)
    if standing:
        raise ChecksStand(answer.key, action, standing)


def record_exception(
    library: Library,
    key: AnswerKey,
    governor_id: str,
    private_key: Ed25519PrivateKey,
    check: str,
    reason: str,
    *,
    now: dt.datetime | None = None,
) -> ReviewRecord:
    """As governor `governor_id`, let check `check` pass on the current text of `key`, saying
    why. Refused unless that check stands as an error on this exact text."""
    from authoring_app.review.library_status import answer_status

    if not (reason or "").strip():
        raise ReviewError("say why: an exception to a check needs a reason")
    trusted = governed(library, now)
    if not trusted.founded:
        raise ReviewError("this library has no governors yet: only a governor records exceptions")
    governor_with_key(trusted.governors, governor_id, private_key)
    answer = library.answer(key)
    if library.repo is not None and library.repo.git.status("--porcelain", "--", answer.path):
        raise ReviewError(f"{key} has changes that are not saved yet; save the answer first")
    if check not in CODES:
        raise ReviewError(f"there is no check called {check!r} (known: {', '.join(CODES)})")
    status = answer_status(library, key, now=now)
    if check in excepted_checks(answer, status.exceptions):
        raise ReviewError(f"an exception to {check} is already recorded for this text of {key}")
    errors = {
        p.code for p in answer_checks(library, answer, warnings=False) if p.severity == "error"
    }
    if check not in errors:
        stands = ", ".join(sorted(errors)) or "none"
        raise ReviewError(
            f"{check} does not stand as an error on the current text of {key} "
            f"(errors that stand: {stands}); an exception is only for an error that stands"
        )
    person = governor_person(library, governor_id)
    record = make_record(library, answer, person, EXCEPTED, reason, now)
    record = ReviewRecord(**{**record.__dict__, "check": check})
    return write_record(library, record, person, private_key)


__all__ = [
    "EXCEPTED",
    "PUBLISHING",
    "SIGNING_OFF",
    "SUBMITTING",
    "ChecksStand",
    "answer_checks",
    "record_exception",
    "refuse_standing",
    "standing_errors",
]
