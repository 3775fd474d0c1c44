"""Where each answer stands in review: derived from its text and its review records, never stored.

An answer's status follows from its current content hash, the records in
reviews/<id>.<locale>.jsonl, the roster and the rules in library.yaml (see docs/review.md):

    retired > conflict > approved / published / review due > changes requested > in review > draft

A record counts only if it checks out: its signer is in the roster with the right role, a
sign-off verifies against the roster's current key, its time is not far in the future, and a
demonstration person is trusted only in a sample library. Every record that does not count is
reported, with its file, line and reason.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from authoring_app.library.answer import Answer, AnswerKey
from authoring_app.library.audit import Edit
from authoring_app.library.library import Library
from authoring_app.library.problems import Problem
from authoring_app.review.record_checks import (
    problem_with,
    record_problem,
)
from authoring_app.review.records import (
    CHANGES_REQUESTED,
    RETIRED,
    SIGNED_OFF,
    SUBMITTED,
    ReviewRecord,
    in_order,
)


class Status(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in review"
    CHANGES_REQUESTED = "changes requested"
    APPROVED = "approved"
    PUBLISHED = "published"
    REVIEW_DUE = "review due"
    RETIRED = "retired"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class SignOff:
    """A verified clinical sign-off, as shown beside an answer and in a bundle."""

    person: str
    name: str
    credentials: str
    time: dt.datetime
    meaning: str
    content_hash: str
    revision: str | None
    signature: str

    @classmethod
    def from_record(cls, record: ReviewRecord) -> SignOff:
        return cls(
            person=record.person,
            name=record.name or record.person,
            credentials=record.credentials or "",
            time=record.time,
            meaning=record.meaning or "",
            content_hash=record.content_hash,
            revision=record.revision,
            signature=record.signature or "",
        )


@dataclass(frozen=True)
class AnswerStatus:
    key: AnswerKey
    status: Status
    content_hash: str
    sign_offs: tuple[SignOff, ...]  # valid sign-offs of the current text
    void_sign_offs: tuple[SignOff, ...]  # sign-offs of earlier text, voided by an edit
    required: int  # clinicians required for this topic
    last_editor: str | None  # roster id of whoever last changed the text
    last_edited: dt.datetime | None
    review_due: dt.date | None  # earliest valid sign-off + review interval
    source_changed: bool  # a translation whose source changed after its sign-off
    records: tuple[ReviewRecord, ...]  # the whole thread, oldest first
    problems: tuple[Problem, ...]  # records that do not count, and why

    @property
    def publishable(self) -> bool:
        return self.status in (Status.APPROVED, Status.PUBLISHED)

    @property
    def signers(self) -> tuple[str, ...]:
        return tuple(s.person for s in self.sign_offs)


# -- deriving --------------------------------------------------------------------------------


def derive(
    library: Library,
    answer: Answer,
    records: list[ReviewRecord],
    file_problems: list[Problem],
    edits: Mapping[str, Edit],
    now: dt.datetime,
    source: Answer | None,
    conflicts: set[str] | None = None,
    checked: Mapping[int, Problem | None] | None = None,
) -> AnswerStatus:
    """`conflicts`: the names in conflicts/, if already listed; `checked`: `record_problem`
    of each record (by id), if already worked out."""
    current = answer.content_hash()
    edit = edits.get(answer.path)
    last_editor = edit.person if edit else None
    records = in_order(records)
    problems = list(file_problems)
    valid: list[ReviewRecord] = []
    for record in records:
        if checked is not None and id(record) in checked:
            problem = checked[id(record)]
        else:
            problem = record_problem(library, record, now)
        if problem is None and (
            record.kind == SIGNED_OFF
            and record.content_hash == current
            and last_editor == record.person
            and not library.info.allow_self_sign_off
        ):
            problem = problem_with(
                record,
                "review-self-sign-off",
                f"{record.person} signed off their own change, which library.yaml does not allow "
                "(allow_self_sign_off is false); another clinician must sign it off",
            )
        if problem is None:
            valid.append(record)
        else:
            problems.append(problem)

    counted, void = _sign_offs(valid, current)
    required = library.info.clinicians_required_for(answer.topic)
    if not isinstance(required, int) or required < 1:  # a broken rule (validate reports it)
        required = max(library.info.clinicians_required, 1)
    approved = len(counted) >= required
    review_due = None
    if approved:
        first = min(s.time for s in counted)
        review_due = add_months(first.date(), library.info.review_interval_months)

    submitted = [r for r in valid if r.kind == SUBMITTED]
    retired = [r for r in valid if r.kind == RETIRED]
    requests = [r for r in valid if r.kind == CHANGES_REQUESTED]
    is_retired = bool(retired) and not any(_after(s, retired[-1]) for s in submitted)
    changes_requested = bool(requests) and not any(
        _after(s, requests[-1])
        and s.content_hash == current
        and current != requests[-1].content_hash
        for s in submitted
    )
    in_review = bool(counted) or any(s.content_hash == current for s in submitted)

    if is_retired:
        status = Status.RETIRED
    elif _in_conflict(library, answer, conflicts):
        status = Status.CONFLICT
    elif approved:
        status = Status.REVIEW_DUE if now.date() > review_due else Status.APPROVED
    elif changes_requested:
        status = Status.CHANGES_REQUESTED
    elif in_review:
        status = Status.IN_REVIEW
    else:
        status = Status.DRAFT

    return AnswerStatus(
        key=answer.key,
        status=status,
        content_hash=current,
        sign_offs=tuple(SignOff.from_record(r) for r in counted),
        void_sign_offs=tuple(SignOff.from_record(r) for r in void),
        required=required,
        last_editor=last_editor,
        last_edited=edit.time if edit else None,
        review_due=review_due,
        source_changed=_source_changed(counted, source, edits),
        records=tuple(records),
        problems=tuple(sorted(problems, key=lambda p: (p.path, p.line or 0))),
    )


def conflict_names(library: Library) -> set[str]:
    try:
        return {entry.name for entry in os.scandir(library.path / "conflicts")}
    except OSError:
        return set()


def _in_conflict(library: Library, answer: Answer, conflicts: set[str] | None) -> bool:
    """Does conflicts/ hold the other computer's version of this answer?"""
    name = f"{answer.id}.{answer.locale}.md"
    if conflicts is None:
        return os.path.exists(f"{library.path}/conflicts/{name}")
    return name in conflicts


def _sign_offs(valid: list[ReviewRecord], current: str):
    """The sign-offs that count for the current text (one per clinician), and the void ones."""
    counted: dict[str, ReviewRecord] = {}
    void = []
    for record in valid:
        if record.kind != SIGNED_OFF:
            continue
        if record.content_hash != current:
            void.append(record)
        elif record.person not in counted:
            counted[record.person] = record
    return list(counted.values()), void


def _source_changed(counted, source: Answer | None, edits: Mapping[str, Edit]) -> bool:
    """Did the source text change after this translation was last signed off?"""
    if not counted or source is None:
        return False
    latest = max(counted, key=lambda r: (r.time, r.line or 0))
    if latest.source_hash:
        return latest.source_hash != source.content_hash()
    edit = edits.get(source.path)  # an older record without source_hash: compare times
    return edit is not None and edit.time > latest.time


def _after(a: ReviewRecord, b: ReviewRecord) -> bool:
    return (a.time, a.line or 0) > (b.time, b.line or 0)


# -- reading ---------------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus whole months; the 31st becomes the last day of a shorter month."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")
