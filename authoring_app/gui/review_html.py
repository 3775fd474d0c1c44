"""The review panel's three views as HTML: where the answer stands, the review thread, and
what changed since the reviewer last looked."""

from __future__ import annotations

import difflib
import html

from PySide6.QtCore import QCoreApplication

from authoring_app.gui.checks_panel import check_headline, field_label
from authoring_app.gui.review_view import COMPARED_FIELDS, ReviewView, kind_words, when
from authoring_app.gui.status_view import status_colour, status_word
from authoring_app.library.answer import Answer
from authoring_app.review.records import CHANGES_REQUESTED, RETIRED, SIGNED_OFF, SUBMITTED


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
            + f" — {_esc(when(sign_off.time))}</li>"
        )
    for sign_off in status.void_sign_offs:
        voided = view.voided_on.get(sign_off.signature)
        why = (
            QCoreApplication.translate("ReviewPanel", "voided by an edit on %1").replace(
                "%1", when(voided)
            )
            if voided
            else QCoreApplication.translate("ReviewPanel", "voided: the text changed since")
        )
        rows.append(
            '<li style="color:#8a8a8a;">✗ <s>'
            + _esc(sign_off.name)
            + (f", {_esc(sign_off.credentials)}" if sign_off.credentials else "")
            + f" — {_esc(when(sign_off.time))}</s> "
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
            f'<span style="color:#5f6b7a;">{_esc(when(record.time))}</span> '
            f"<b>{_esc(view.names.get(record.person, record.person))}</b> "
            f'<span style="color:{colour};">{_esc(kind_words(record.kind))}</span> '
            f'<span style="color:{"#8a6d00" if earlier else "#5f6b7a"};">'
            f"({_esc(version)}{_esc(revision)})</span>"
        )
        body = ""
        if record.message:
            message = record.message
            if record.check:  # an exception: which check it lets pass, and why
                message = f"{check_headline(record.check)}: {message}"
            body = (
                f'<div style="margin:2px 0 0 12px;border-left:3px solid {colour};'
                f'padding-left:6px;">{_esc(message)}</div>'
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


def _field_items(answer: Answer, name: str) -> list[str]:
    """A field as a list of lines: one per item of a list field, one for a plain field."""
    text = field_text(answer, name)
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


def field_text(answer: Answer, name: str) -> str:
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


def _esc(text) -> str:
    return html.escape(str(text or ""))


REMOVED = "background:#fdecea;color:#8e1c1c;text-decoration:line-through;"


ADDED = "background:#e6f4ea;color:#1b5e20;font-weight:bold;"
