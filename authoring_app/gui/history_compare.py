"""Two versions of an answer side by side, field by field, in the words the editor uses:
services by name, lists one item a line, changed words highlighted. No file syntax."""

from __future__ import annotations

import difflib
import html
import re

from PySide6.QtCore import QCoreApplication

from authoring_app.library.answer import Answer
from authoring_app.library.directory import Directory, localise

REF = re.compile(r"\{\{ref:([^}\n]*)\}\}")
WORDS = re.compile(r"\s+|\w+|[^\w\s]")
REMOVED = "background:#fdecea;color:#8e1c1c;text-decoration:line-through;"
ADDED = "background:#e6f4ea;color:#1b5e20;font-weight:bold;"

# Each field a person edits, in the editor's order, named as the editor names it.
FIELDS = (
    ("title", "Title"),
    ("topic", "Topic"),
    ("summary", "Short reply (for chat)"),
    ("questions", "How people ask it"),
    ("triggers", "Trigger words"),
    ("red_flags", "When to get help urgently"),
    ("refer_to", "Refer to"),
    ("sources", "Sources"),
    ("tags", "Tags"),
    ("visibility", "Who can see it"),
    ("body", "Full answer"),
)


def tr(text: str) -> str:
    return QCoreApplication.translate("HistoryCompare", text)


def field_text(answer: Answer | None, name: str, directory: Directory, topics=None) -> str:
    """What a person reads of one field: services by name, a list one item a line, the
    topic by its title (`topics`: the library's topics)."""
    if answer is None:
        return ""
    locale = answer.locale
    if name == "topic":
        topic = next((t for t in topics or () if t.id == answer.topic), None)
        return topic.label(locale) if topic else answer.topic

    def named(text: str) -> str:
        def service(match: re.Match) -> str:
            found = directory.get(match.group(1))
            if found is None:
                return match.group(0)
            quotes = "«»" if locale == "ru" else "“”"
            return quotes[0] + localise(found.name, locale) + quotes[1]

        return REF.sub(service, text)

    value = getattr(answer, name)
    if name == "refer_to":
        return "\n".join(localise(s.name, locale) if (s := directory.get(i)) else i for i in value)
    if name == "sources":
        return "\n".join(f"{s.title} — {s.url}" if s.url else s.title for s in value)
    if name == "visibility":
        return tr("Group chats too") if value == "group" else tr("Private messages only")
    if isinstance(value, tuple):
        return "\n".join(named(v) for v in value)
    if name == "body":
        return named(readable(value or ""))
    return named(value or "")


def readable(body: str) -> str:
    """The body as a person reads it: list marks as bullets, no heading or bold marks, a
    link as its words and address."""
    lines = []
    for line in body.splitlines():
        line = re.sub(r"^(\s*)[-*+] ", r"\1• ", line)
        line = re.sub(r"^#{1,6} ", "", line)
        line = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", line)
        line = re.sub(r"\[([^\]\n]*)\]\(([^)\n]*)\)", r"\1 (\2)", line)
        lines.append(line)
    return "\n".join(lines)


def _marked(tokens: list[str], style: str) -> str:
    text = html.escape("".join(tokens))
    return f'<span style="{style}">{text}</span>' if text.strip() else text


def word_diff(old: str, new: str) -> tuple[str, str]:
    """`old` and `new` as HTML, the words taken out marked in one, those put in in the other."""
    a, b = WORDS.findall(old), WORDS.findall(new)
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            left.append(html.escape("".join(a[i1:i2])))
            right.append(html.escape("".join(b[j1:j2])))
            continue
        left.append(_marked(a[i1:i2], REMOVED))
        right.append(_marked(b[j1:j2], ADDED))
    return _lines("".join(left)), _lines("".join(right))


def _lines(text: str) -> str:
    return text.replace("\n", "<br>") or "&nbsp;"


def compare_html(old: Answer | None, new: Answer | None, directory: Directory, topics=()) -> str:
    """The fields that differ, before on the left and after on the right ('' if none)."""
    rows = []
    for name, label in FIELDS:
        before = field_text(old, name, directory, topics)
        after = field_text(new, name, directory, topics)
        if before == after:
            if name == "body" and old and new and old.body != new.body:
                note = html.escape(tr("Only the formatting changed (bold, lists, headings)."))
                rows.append(_row(label, note, note))
            continue
        rows.append(_row(label, *word_diff(before, after)))
    if not rows:
        return ""
    head = (
        f'<tr><th align="left">{html.escape(tr("Before"))}</th>'
        f'<th align="left">{html.escape(tr("After"))}</th></tr>'
    )
    return (
        '<table width="100%" cellspacing="4" cellpadding="4">' + head + "".join(rows) + "</table>"
    )


def _row(label: str, left: str, right: str) -> str:
    return (
        f'<tr><td colspan="2" style="padding-top:10px;"><b>{html.escape(tr(label))}</b>'
        "</td></tr>"
        f'<tr><td width="50%" style="background:#fafafa;">{left}</td>'
        f'<td width="50%" style="background:#fafafa;">{right}</td></tr>'
    )


def version_html(answer: Answer, directory: Directory, topics=()) -> str:
    """One version, field by field, for the first version of an answer."""
    parts = []
    for name, label in FIELDS:
        text = field_text(answer, name, directory, topics)
        if text:
            parts.append(f"<p><b>{html.escape(tr(label))}</b><br>{_lines(html.escape(text))}</p>")
    return "".join(parts)
