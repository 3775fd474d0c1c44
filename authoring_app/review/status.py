"""Where each answer stands in review: derived from its text and its review records, never stored.

An answer's status follows from its current content hash, the records in
reviews/<id>.<locale>.jsonl, and the governed roster, directory and rules (see governed.py and
docs/review.md):

    retired > conflict > approved / published / review due > changes requested > in review > draft

A record counts only if it checks out (record_checks.py): its signer is in the governed roster
with the right role and its signature verifies with a key they held then. The current text
counts as someone's only through a signed edit record: a text changed outside the app cannot
be signed off until a person saves it as theirs. A sign-off counts for the current text and the
directory entries it shows (names, numbers, hours) as signed; the person who last changed the
text may not sign it off unless the governed rules allow it (never in a high-risk topic).
Every record that does not count is reported, with its file, line and reason.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from authoring_app.library.answer import Answer, AnswerKey
from authoring_app.library.directory import services_digest, shown_services
from authoring_app.library.library import Library
from authoring_app.library.problems import Problem
from authoring_app.review.governance import Governed
from authoring_app.review.record_checks import problem_with, record_problem
from authoring_app.review.records import (
    CHANGES_REQUESTED,
    EDITED,
    EXCEPTED,
    RETIRED,
    SIGNED_OFF,
    SUBMITTED,
    ReviewRecord,
    in_order,
    moment,
)

# What a record check gives for a record the status does not depend on (an edit of an
# earlier text): it is not checked, and counts for nothing.
NOT_NEEDED = Problem("", None, None, "not-needed", "")


class Status(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in review"
    CHANGES_REQUESTED = "changes requested"
    APPROVED = "approved"
    PUBLISHED = "published"
    REVIEW_DUE = "review due"
    RETIRED = "retired"
    CONFLICT = "conflict"
    # A signed-off translation whose source text is not the approved one it was translated
    # from: held back from releases until a clinician signs it off against the source again.
    SOURCE_CHANGED = "source changed"


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
    evidence: dict  # the signed record itself, as a bundle carries it for consumers to check

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
            evidence=record.to_json(),
        )


@dataclass(frozen=True)
class AnswerStatus:
    key: AnswerKey
    status: Status
    content_hash: str
    sign_offs: tuple[SignOff, ...]  # valid sign-offs of the current text
    void_sign_offs: tuple[SignOff, ...]  # sign-offs of earlier text, voided by an edit
    required: int  # clinicians required for this topic
    last_editor: str | None  # roster id of whoever last changed the text (signed edit)
    last_edited: dt.datetime | None
    review_due: dt.date | None  # earliest valid sign-off + review interval
    source_changed: bool  # a translation whose source changed after its sign-off
    records: tuple[ReviewRecord, ...]  # the whole thread, oldest first
    problems: tuple[Problem, ...]  # records that do not count, and why
    unsigned_change: bool = False  # the current text has no signed edit: no one's yet
    edit_evidence: dict | None = None  # the signed edit that made the current text someone's
    exceptions: tuple[ReviewRecord, ...] = ()  # governors' exceptions that hold for this text

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
    now: dt.datetime,
    source: Answer | None,
    trusted: Governed,
    conflicts: set[str] | None = None,
    checked: Mapping[int, Problem | None] | None = None,
) -> AnswerStatus:
    """The status of `answer` from its `records`, with the governed roster, directory and
    rules in `trusted`. `conflicts`: the names in conflicts/, if already listed; `checked`:
    `record_problem` of each record (by id), if already worked out."""
    current = answer.content_hash()
    services = services_digest(shown_services(answer, trusted.directory))
    records = in_order(records)
    problems = list(file_problems)
    valid: list[ReviewRecord] = []
    for record in records:
        if checked is not None and id(record) in checked:
            problem = checked[id(record)]
        else:
            problem = record_problem(library, record, now, trusted)
        if problem is None:
            valid.append(record)
        elif problem is not NOT_NEEDED:
            problems.append(problem)

    edits = [r for r in valid if r.kind == EDITED and r.content_hash == current]
    last_edit = edits[-1] if edits else None
    last_editor = last_edit.person if last_edit is not None else None
    self_allowed = trusted.info.self_sign_off_allowed(answer.topic)
    counted, void = [], []
    for record in valid:
        if record.kind != SIGNED_OFF:
            continue
        if record.content_hash != current or record.services_hash != services:
            void.append(record)
        elif record.person == last_editor and not self_allowed:
            problems.append(
                problem_with(
                    record,
                    "review-self-sign-off",
                    f"{record.person} signed off their own change, which the governed rules do "
                    "not allow here; another clinician must sign it off",
                )
            )
        elif record.person not in {r.person for r in counted}:
            counted.append(record)
    if last_edit is None:
        void, counted = void + counted, []
    if last_edit is None and trusted.founded:  # before the founding, that one step is asked
        problems.append(
            Problem(
                answer.path,
                None,
                None,
                "review-unsigned-text",
                "no one has saved this text through the app (it has no signed edit): it was "
                "changed outside the app; a person must save it as theirs before it can be "
                "signed off",
                "warning",
            )
        )
    required = max(trusted.info.clinicians_required_for(answer.topic), 1)
    approved = len(counted) >= required
    review_due = None
    if approved:
        first = min(s.time for s in counted)
        review_due = add_months(first.date(), trusted.info.review_interval_months)

    submitted = [r for r in valid if r.kind == SUBMITTED]
    retired = [r for r in valid if r.kind == RETIRED]
    requests = [r for r in valid if r.kind == CHANGES_REQUESTED]
    # Retired until enough clinicians sign it off again after the retirement.
    is_retired = bool(retired) and sum(1 for s in counted if _after(s, retired[-1])) < required
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
        last_edited=last_edit.time if last_edit is not None else None,
        review_due=review_due,
        source_changed=_source_changed(counted, source),
        records=tuple(records),
        problems=tuple(sorted(problems, key=lambda p: (p.path, p.line or 0))),
        unsigned_change=last_edit is None,
        edit_evidence=last_edit.to_json() if last_edit is not None else None,
        exceptions=tuple(r for r in valid if r.kind == EXCEPTED and r.content_hash == current),
    )


def hold_translations(statuses: dict[AnswerKey, AnswerStatus], sources) -> None:
    """Hold back, in place, each approved translation whose source is not approved with the
    very text the translation's sign-off named. `sources`: translation key -> source key."""
    for key, source_key in sources.items():
        status = statuses.get(key)
        if status is None or status.status != Status.APPROVED:
            continue  # (one held back for another reason stays as it is)
        source = statuses.get(source_key)
        if source is not None and source.publishable and not status.source_changed:
            continue
        held = object.__new__(AnswerStatus)  # `dataclasses.replace`, four times faster
        held.__dict__.update(status.__dict__, status=Status.SOURCE_CHANGED, source_changed=True)
        statuses[key] = held


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


def _source_changed(counted, source: Answer | None) -> bool:
    """Did the source text change after this translation was last signed off? (A sign-off
    that does not name its source's text cannot say: it counts as changed.)"""
    if not counted or source is None:
        return False
    latest = max(counted, key=lambda r: (r.time, r.line or 0))
    return latest.source_hash != source.content_hash()


def _after(a: ReviewRecord, b: ReviewRecord) -> bool:
    return moment(a) > moment(b)


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
