"""What the review panel shows about one answer, worked out off the GUI thread, and how it reads.

`load_review` gathers the answer's status (from the core), whether each review action is allowed
for the person at the keyboard (asking the core's own checks), and the earlier text to compare
with; review_html.py turns that into short, plain HTML for the panel.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication

from authoring_app.gui.checks_panel import check_headline
from authoring_app.library.answer import Answer, AnswerKey
from authoring_app.review.exceptions import ChecksStand
from authoring_app.review.records import (
    CHANGES_REQUESTED,
    COMMENT,
    EXCEPTED,
    RETIRED,
    SIGNED_OFF,
    SUBMITTED,
)

SUBMIT, COMMENT_ACTION, REQUEST, SIGN = "submit", "comment", "request_changes", "sign_off"
EDIT_ACTIONS = ("add", "edit", "restore", "resolve")
COMPARED_FIELDS = (
    "title",
    "topic",
    "summary",
    "questions",
    "triggers",
    "red_flags",
    "refer_to",
    "sources",
    "tags",
    "visibility",
)


@dataclass
class ReviewView:
    key: AnswerKey
    status: object  # core AnswerStatus
    current: Answer
    refusals: dict[str, str | None] = field(default_factory=dict)  # action -> why not (None: ok)
    baseline: Answer | None = None  # the earlier text to compare with
    baseline_note: str = ""
    voided_on: dict[str, object] = field(default_factory=dict)  # sign-off signature -> datetime
    names: dict[str, str] = field(default_factory=dict)  # person id -> name
    not_for_person: set[str] = field(default_factory=set)  # actions this person may never do


# -- working it out (on the worker thread) ---------------------------------------------------


def load_review(library, key: AnswerKey, person) -> ReviewView:
    from authoring_app.release.published import published_hashes
    from authoring_app.review import actions as review
    from authoring_app.review.library_status import answer_status
    from authoring_app.review.record_checks import ROLES_FOR
    from authoring_app.review.status import Status

    status = answer_status(library, key, published=published_hashes(library))
    view = ReviewView(key, status, library.answer(key))
    view.names = {g.id: g.name for g in library.info.governors}
    view.names.update({p.id: p.name for p in library.roster})
    view.refusals = {a: None for a in (SUBMIT, COMMENT_ACTION, REQUEST, SIGN)}
    kinds = {SUBMIT: SUBMITTED, COMMENT_ACTION: COMMENT, REQUEST: CHANGES_REQUESTED}
    for action, kind in {**kinds, SIGN: SIGNED_OFF}.items():
        if person is None:
            view.refusals[action] = QCoreApplication.translate(
                "ReviewPanel", "Say who you are first (Library menu, “Who am I”)."
            )
            view.not_for_person.add(action)
        elif not any(person.has_role(r) for r in ROLES_FOR[kind]):
            view.refusals[action] = _role_words(action)
            view.not_for_person.add(action)
    if person is not None:
        checks = {SUBMIT: review.check_submit, SIGN: review.check_sign_off}
        for action, check in checks.items():
            if view.refusals[action] is None:
                try:
                    check(library, key, person)
                except ChecksStand as exc:
                    if action == SUBMIT:  # signing opens the dialog that shows them all
                        view.refusals[action] = checks_words(exc.problems)
                except review.ReviewError as exc:
                    view.refusals[action] = _refusal_words(action, str(exc), status, person)
        if status.status == Status.CONFLICT and view.refusals[REQUEST] is None:
            view.refusals[REQUEST] = QCoreApplication.translate(
                "ReviewPanel", "Edited on two computers: choose or combine first."
            )
    _find_baseline(library, view, person)
    _find_voiding_edits(library, view)
    return view


def checks_words(problems) -> str:
    """Why must-fix checks stop an action, in the interface language."""
    names = "; ".join(dict.fromkeys(check_headline(p.code) for p in problems))
    return QCoreApplication.translate(
        "ReviewPanel",
        "Must-fix checks stand: %1. Fix them, or ask a governor to record an exception.",
    ).replace("%1", names)


def _role_words(action: str) -> str:
    return {
        SUBMIT: QCoreApplication.translate(
            "ReviewPanel", "Only authors and doctors send answers for review."
        ),
        COMMENT_ACTION: QCoreApplication.translate(
            "ReviewPanel", "Only people of this library can comment."
        ),
        REQUEST: QCoreApplication.translate("ReviewPanel", "Only a doctor can ask for changes."),
        SIGN: QCoreApplication.translate("ReviewPanel", "Only a doctor can sign off answers."),
    }[action]


def _refusal_words(action: str, core_message: str, status, person) -> str:
    """The core's refusal, in the interface language where it is a common one."""
    state = str(status.status)
    if "not saved yet" in core_message:
        return QCoreApplication.translate("ReviewPanel", "Save your changes first.")
    if state == "conflict":
        return QCoreApplication.translate(
            "ReviewPanel", "Edited on two computers: choose or combine the versions first."
        )
    if action == SIGN:
        if person.id in status.signers:
            return QCoreApplication.translate(
                "ReviewPanel", "You have already signed off this text."
            )
        if status.last_editor == person.id:
            return QCoreApplication.translate(
                "ReviewPanel",
                "You made the last change to this text, so another doctor must sign it off.",
            )
        if state == "retired":
            return QCoreApplication.translate(
                "ReviewPanel", "This answer is retired: send it for review again first."
            )
        if not person.public_key:
            return (
                QCoreApplication.translate(
                    "ReviewPanel", "You have no signing key in this library yet."
                )
                + " "
                + core_message
            )
    if action == SUBMIT:
        if state in ("approved", "published"):
            return QCoreApplication.translate(
                "ReviewPanel", "Already approved in this exact text: nothing to review."
            )
        if state == "in review":
            return QCoreApplication.translate(
                "ReviewPanel", "Already sent for review in this exact text."
            )
        if state == "changes requested":
            return QCoreApplication.translate(
                "ReviewPanel", "A doctor asked for changes to this text: edit and save it first."
            )
    return core_message


def _find_baseline(library, view: ReviewView, person) -> None:
    """The earlier text to compare with: the last one this person reviewed, else the last one
    signed off (by anyone)."""
    status, current_hash = view.status, view.status.content_hash
    records = [r for r in status.records if r.revision]
    mine = [r for r in status.records if person is not None and r.person == person.id]
    candidate, note = None, ""
    if mine and mine[-1].content_hash == current_hash:
        view.baseline_note = QCoreApplication.translate(
            "ReviewPanel", "No change since you last looked at it (%1)."
        ).replace("%1", when(mine[-1].time))
        return
    earlier_mine = [r for r in records if person is not None and r.person == person.id]
    if earlier_mine:
        candidate = earlier_mine[-1]
        note = QCoreApplication.translate(
            "ReviewPanel", "What changed since you last reviewed it (%1, %2)"
        ).replace("%1", kind_words(candidate.kind))
    else:
        signed = [r for r in records if r.kind == SIGNED_OFF and r.content_hash != current_hash]
        if signed:
            candidate = signed[-1]
            note = QCoreApplication.translate(
                "ReviewPanel", "What changed since %1 signed off (%2)"
            ).replace("%1", view.names.get(candidate.person, candidate.person))
    if candidate is None:
        return
    earlier = library.answer_at(view.key, candidate.revision)
    if earlier is None or earlier.content_hash() == current_hash:
        return
    view.baseline = earlier
    view.baseline_note = note.replace("%2", when(candidate.time))


def _find_voiding_edits(library, view: ReviewView) -> None:
    if not view.status.void_sign_offs or library.repo is None:
        return
    edits = sorted(
        (r for r in library.history(view.key) if r.action in EDIT_ACTIONS), key=lambda r: r.time
    )
    for sign_off in view.status.void_sign_offs:
        later = [r for r in edits if r.time >= sign_off.time]
        if later:
            view.voided_on[sign_off.signature] = later[0].time


# -- words -----------------------------------------------------------------------------------


def kind_words(kind: str) -> str:
    return {
        SUBMITTED: QCoreApplication.translate("ReviewPanel", "sent for review"),
        COMMENT: QCoreApplication.translate("ReviewPanel", "commented"),
        CHANGES_REQUESTED: QCoreApplication.translate("ReviewPanel", "asked for changes"),
        SIGNED_OFF: QCoreApplication.translate(
            "ReviewPanel", "signed off (clinical approval for publication)"
        ),
        RETIRED: QCoreApplication.translate("ReviewPanel", "retired the answer"),
        EXCEPTED: QCoreApplication.translate(
            "ReviewPanel", "let a must-fix check pass for this text (governor's exception)"
        ),
    }.get(kind, kind)


def when(moment) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else ""


# -- HTML ------------------------------------------------------------------------------------
