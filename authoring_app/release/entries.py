"""Which answers go into a release: those whose current text is signed off, with who wrote
and signed them off, and why each other answer stays out, in words a publisher acts on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from authoring_app.library.answer import AnswerKey
from authoring_app.library.library import Library
from authoring_app.release import bundle as bundles
from authoring_app.release.bundle import Governance, ReleaseAnswer, Reviewer
from authoring_app.review.exceptions import standing_errors
from authoring_app.review.governance import Governed

CHECKS_STAND = "checks stand"  # approved, but must-fix checks stand without an exception


@dataclass(frozen=True)
class LeftOut:
    """An answer that stays out of the release, and why, in words a publisher acts on."""

    key: AnswerKey
    title: str
    status: str
    reason: str
    checks: tuple[str, ...] = ()  # the codes of must-fix checks that keep it out, if any


def select(
    library: Library, found: Mapping, firsts: dict, trusted: Governed
) -> tuple[list[ReleaseAnswer], list[LeftOut]]:
    """From every answer's status (`found`) and first author (`firsts`, by "id.locale"): the
    answers to release, with their governance, and those left out, in key order. Names come
    from the governed roster (`trusted`)."""
    entries, left_out = [], []
    for key, state in sorted(found.items(), key=lambda kv: (kv[0].id, kv[0].locale)):
        answer = library.find(key)
        if answer is None:
            continue
        standing = standing_errors(library, answer, state.exceptions) if state.publishable else []
        if standing:
            codes_of = [p.code for p in standing]
            codes = ", ".join(dict.fromkeys(codes_of))
            reason = (
                f"must-fix checks stand without a governor's exception: {codes} "
                f"({'; '.join(p.message for p in standing)})"
            )
            left_out.append(
                LeftOut(key, answer.title, CHECKS_STAND, reason, tuple(dict.fromkeys(codes_of)))
            )
        elif state.publishable and state.content_hash == answer.content_hash():
            entries.append(ReleaseAnswer(answer, _governance(trusted, state, firsts)))
        else:
            left_out.append(LeftOut(key, answer.title, str(state.status), _reason(state)))
    return entries, left_out


def _governance(trusted: Governed, state, firsts: dict) -> Governance:
    reviewers = tuple(
        Reviewer(s.name, s.credentials or "", s.time, s.meaning or Reviewer.meaning)
        for s in state.sign_offs
    )
    if state.review_due is not None:
        next_review = state.review_due
    else:
        last = max(s.time for s in state.sign_offs).astimezone(dt.UTC)
        next_review = bundles.add_months(last, trusted.info.review_interval_months).date()
    editor = trusted.roster.get(state.last_editor) if state.last_editor else None
    evidence = tuple(s.evidence for s in state.sign_offs)
    if state.edit_evidence is not None:
        evidence += (state.edit_evidence,)
    return Governance(
        signed_off_by=reviewers,
        next_review=next_review,
        author=_first_author(trusted, firsts.get(str(state.key)))
        or (editor.name if editor else ""),
        last_editor=editor.name if editor else (state.last_editor or ""),
        evidence=evidence,
        exceptions=tuple(_exception_json(trusted, r) for r in state.exceptions),
    )


def _exception_json(trusted: Governed, record) -> dict:
    governor = trusted.governor(record.person)
    return {
        "check": record.check,
        "reason": record.message,
        "governor": governor.name if governor else record.person,
        "time": bundles.iso_utc(record.time),
        "record": record.to_json(),
    }


def _first_author(trusted: Governed, first: tuple[str | None, str] | None) -> str:
    """The roster name of whoever first wrote the answer (the oldest revision of its file),
    or "" when that was no one on the roster: never the name of a git account, which may be
    a shared machine's or a tool's."""
    person_id = first[0] if first is not None else None
    person = trusted.roster.get(person_id) if person_id else None
    return person.name if person else ""


def _voided(state) -> str:
    """Why sign-offs it had no longer count, if it had any."""
    if any(s.content_hash == state.content_hash for s in state.void_sign_offs):
        return " (a service it shows changed in the directory after its sign-off)"
    return " (the text changed after its sign-off)" if state.void_sign_offs else ""


def _reason(state) -> str:
    from authoring_app.review.status import Status

    status = state.status
    details = "; ".join(p.message for p in (state.problems or ()) if p.severity == "error")
    if status == Status.REVIEW_DUE:
        due = state.review_due.isoformat() if state.review_due else "an earlier date"
        text = f"approved, but its review was due on {due}: a clinician must sign it off again"
    elif status in (Status.DRAFT, Status.CHANGES_REQUESTED):
        text = f"{status}: not signed off" + _voided(state)
    elif status == Status.IN_REVIEW:
        text = f"in review: {len(state.sign_offs)} of {state.required} sign-off(s)"
        text += _voided(state)
    elif status == Status.CONFLICT:
        text = "edited on two machines: a person must resolve the conflict first"
    elif status == Status.RETIRED:
        text = "retired"
    elif status == Status.SOURCE_CHANGED:
        text = (
            "a translation whose source is not the approved text it was signed off against: "
            "a clinician must sign off the source, then this translation again"
        )
    else:
        text = f"{status}: its sign-offs do not meet the rules"
    if details:
        text += f" ({details})"
    return text
