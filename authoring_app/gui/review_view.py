"""What the review panel shows about one answer, worked out off the GUI thread, and how it reads.

`load_review` gathers the answer's status (from the core), whether each review action is allowed
for the person at the keyboard (asking the core's own checks), and the earlier text to compare
with. The `*_html` functions turn that into short, plain HTML for the panel.
"""

from __future__ import annotations

import difflib
import html
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication

from authoring_app.gui.checks_panel import field_label
from authoring_app.gui.status_view import status_colour, status_word
from authoring_app.library.answer import Answer, AnswerKey
from authoring_app.review.records import (
    CHANGES_REQUESTED,
    COMMENT,
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
    view.names = {p.id: p.name for p in library.roster}
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
                except review.ReviewError as exc:
                    view.refusals[action] = _refusal_words(action, str(exc), status, person)
        if status.status == Status.CONFLICT and view.refusals[REQUEST] is None:
            view.refusals[REQUEST] = QCoreApplication.translate(
                "ReviewPanel", "Edited on two computers: choose or combine first."
            )
    _find_baseline(library, view, person)
    _find_voiding_edits(library, view)
    return view


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
        ).replace("%1", _when(mine[-1].time))
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
    view.baseline_note = note.replace("%2", _when(candidate.time))


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
    }.get(kind, kind)


def _when(moment) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else ""


def _esc(text) -> str:
    return html.escape(str(text or ""))


# -- HTML ------------------------------------------------------------------------------------


def status_html(view: ReviewView) -> str:
    status = view.status
    state = str(status.status)
    colour = status_colour(state).name()
    count = len(status.sign_offs)
    parts = [
        f'<p style="font-size:large;"><b style="color:{colour};">'
        f"{_esc(status_word(state).capitalize())}</b></p>",
        "<p>"
        + _esc(
            QCoreApplication.translate("ReviewPanel", "Doctors' sign-offs: %1 of %2 needed")
            .replace("%1", str(count))
            .replace("%2", str(status.required))
        )
        + "</p>",
    ]
    if state == "conflict":
        parts.append(
            '<p style="color:#c62828;">'
            + _esc(
                QCoreApplication.translate(
                    "ReviewPanel",
                    "Edited on two computers: a person must choose or combine the versions.",
                )
            )
            + "</p>"
        )
    if status.source_changed:
        parts.append(
            '<p style="background:#fff4c2;color:#5c4400;padding:4px;">⚠ '
            + _esc(
                QCoreApplication.translate(
                    "ReviewPanel",
                    "Source changed: the original text was edited after this translation was "
                    "signed off. Check that the translation still says the same.",
                )
            )
            + "</p>"
        )
    rows = []
    for sign_off in status.sign_offs:
        rows.append(
            '<li style="color:#2e7d32;">✓ '
            + f"<b>{_esc(sign_off.name)}</b>"
            + (f", {_esc(sign_off.credentials)}" if sign_off.credentials else "")
            + f" — {_esc(_when(sign_off.time))}</li>"
        )
    for sign_off in status.void_sign_offs:
        voided = view.voided_on.get(sign_off.signature)
        why = (
            QCoreApplication.translate("ReviewPanel", "voided by an edit on %1").replace(
                "%1", _when(voided)
            )
            if voided
            else QCoreApplication.translate("ReviewPanel", "voided: the text changed since")
        )
        rows.append(
            '<li style="color:#8a8a8a;">✗ <s>'
            + _esc(sign_off.name)
            + (f", {_esc(sign_off.credentials)}" if sign_off.credentials else "")
            + f" — {_esc(_when(sign_off.time))}</s> "
            + f"<i>({_esc(why)})</i></li>"
        )
    if rows:
        parts.append('<ul style="margin-left:-20px;">' + "".join(rows) + "</ul>")
    return "".join(parts)


def thread_html(view: ReviewView) -> str:
    status = view.status
    not_counted = {p.line: p.message for p in status.problems if p.line is not None}
    if not status.records:
        return (
            "<p><i>"
            + _esc(QCoreApplication.translate("ReviewPanel", "No comments or review steps yet."))
            + "</i></p>"
        )
    colours = {
        CHANGES_REQUESTED: "#b35c00",
        SIGNED_OFF: "#2e7d32",
        SUBMITTED: "#1f5fbf",
        RETIRED: "#8a8a8a",
    }
    items = []
    for record in status.records:
        colour = colours.get(record.kind, "#222")
        earlier = record.content_hash != status.content_hash
        version = (
            QCoreApplication.translate("ReviewPanel", "on an earlier version")
            if earlier
            else QCoreApplication.translate("ReviewPanel", "on this version")
        )
        revision = f" · {record.revision[:8]}" if record.revision else ""
        head = (
            f'<span style="color:#5f6b7a;">{_esc(_when(record.time))}</span> '
            f"<b>{_esc(view.names.get(record.person, record.person))}</b> "
            f'<span style="color:{colour};">{_esc(kind_words(record.kind))}</span> '
            f'<span style="color:{"#8a6d00" if earlier else "#5f6b7a"};">'
            f"({_esc(version)}{_esc(revision)})</span>"
        )
        body = ""
        if record.message:
            body = (
                f'<div style="margin:2px 0 0 12px;border-left:3px solid {colour};'
                f'padding-left:6px;">{_esc(record.message)}</div>'
            )
        problem = not_counted.get(record.line)
        if problem:
            body += (
                '<div style="color:#b71c1c;margin-left:12px;">'
                + _esc(
                    QCoreApplication.translate("ReviewPanel", "Does not count: %1").replace(
                        "%1", problem
                    )
                )
                + "</div>"
            )
        items.append(f'<div style="margin-bottom:8px;">{head}{body}</div>')
    return "".join(items)


def diff_html(view: ReviewView) -> str:
    """Fields compared by name, then the body line by line; removed red, added green."""
    if view.baseline is None:
        if view.baseline_note:
            return f"<p><i>{_esc(view.baseline_note)}</i></p>"
        return ""
    old, new = view.baseline, view.current
    parts = [f"<p><b>{_esc(view.baseline_note)}</b></p>"]
    rows = []
    for name in COMPARED_FIELDS:
        before, after = _field_items(old, name), _field_items(new, name)
        if before != after:
            rows.append(
                f'<tr><td valign="top"><b>{_esc(field_label(name))}</b></td>'
                f'<td valign="top">{_items_html(before, after, REMOVED)}</td>'
                f'<td valign="top">{_items_html(after, before, ADDED)}</td></tr>'
            )
    if rows:
        headers = (
            QCoreApplication.translate("ReviewPanel", "Field"),
            QCoreApplication.translate("ReviewPanel", "Before"),
            QCoreApplication.translate("ReviewPanel", "Now"),
        )
        head = "".join(f'<th align="left">{_esc(h)}</th>' for h in headers)
        parts.append(
            '<table cellspacing="0" cellpadding="4" width="100%" style="border:1px solid #ddd;">'
            f"<tr>{head}</tr>" + "".join(rows) + "</table>"
        )
    body = _body_diff(old.body, new.body)
    if body:
        parts.append(f"<p><b>{_esc(field_label('body'))}</b></p>{body}")
    if not rows and not body:
        parts.append(
            "<p><i>"
            + _esc(
                QCoreApplication.translate("ReviewPanel", "Only the layout of the text changed.")
            )
            + "</i></p>"
        )
    return "".join(parts)


REMOVED = "background:#fdecea;color:#8e1c1c;text-decoration:line-through;"
ADDED = "background:#e6f4ea;color:#1b5e20;font-weight:bold;"


def _field_items(answer: Answer, name: str) -> list[str]:
    """A field as a list of lines: one per item of a list field, one for a plain field."""
    text = _field_text(answer, name)
    return text.split("\n") if text else []


def _items_html(items: list[str], others: list[str], style: str) -> str:
    """`items`, one a line; those not among `others` marked with `style`."""
    if not items:
        return '<span style="color:#999;">—</span>'
    lines = []
    for item in items:
        marked = item not in others
        bullet = "• " if len(items) > 1 or len(others) > 1 else ""
        text = _esc(bullet + item)
        lines.append(f'<span style="{style}">{text}</span>' if marked else text)
    return "<br>".join(lines)


def _field_text(answer: Answer, name: str) -> str:
    value = getattr(answer, name)
    if name == "sources":
        return "\n".join(f"{s.title} — {s.url}" for s in value)
    if isinstance(value, tuple):
        return "\n".join(str(v) for v in value)
    return str(value or "")


def _body_diff(old: str, new: str, context: int = 1) -> str:
    a, b = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    out = []
    for group in matcher.get_grouped_opcodes(context):
        if out:
            out.append('<div style="color:#999;">⋯</div>')
        for op, i1, i2, j1, j2 in group:
            if op == "equal":
                out += [_line(line, "color:#444;", "  ") for line in a[i1:i2]]
                continue
            out += [
                _line(line, "background:#fdecea;color:#8e1c1c;text-decoration:line-through;", "− ")
                for line in a[i1:i2]
            ]
            out += [_line(line, "background:#e6f4ea;color:#1b5e20;", "+ ") for line in b[j1:j2]]
    return "".join(out)


def _line(text: str, style: str, mark: str) -> str:
    return f'<div style="{style}white-space:pre-wrap;">{_esc(mark + text) or "&nbsp;"}</div>'
