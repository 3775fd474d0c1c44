"""The body editor: plain text with Markdown highlighted (headings, emphasis, lists, links, refs)."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QMimeData, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPainter,
    QPyTextObject,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit

from authoring_app.library.directory import Directory, localise

REF = re.compile(r"\{\{ref:([^}\n]*)\}\}")
OBJECT = "\ufffc"  # the one character a chip takes in the document
CHIP_TYPE = int(QTextFormat.ObjectTypes.UserObject) + 1
CHIP_ID = int(QTextFormat.Property.UserProperty) + 1
CHIP_NAME = int(QTextFormat.Property.UserProperty) + 2


def _format(colour: str | None = None, *, bold=False, italic=False, background=None):
    fmt = QTextCharFormat()
    if colour:
        fmt.setForeground(QColor(colour))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    if background:
        fmt.setBackground(QColor(background))
    return fmt


class MarkdownHighlighter(QSyntaxHighlighter):
    RULES = (
        (re.compile(r"^#{1,6}\s.*$"), _format("#1f4e8c", bold=True)),
        (re.compile(r"^\s*(?:[-*+]|\d+[.)])\s"), _format("#8a4b00", bold=True)),
        (re.compile(r"^\s*>.*$"), _format("#5f6b7a", italic=True)),
        (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), _format(bold=True)),
        (re.compile(r"(?<![*_\w])([*_])(?=\S)(.+?)(?<=\S)\1(?![*_\w])"), _format(italic=True)),
        (re.compile(r"`[^`\n]+`"), _format("#6a1b9a", background="#f3eef7")),
        (re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)"), _format("#1565c0")),
        (re.compile(r"<https?://[^>\s]+>|https?://\S+"), _format("#1565c0")),
        (re.compile(r"\{\{ref:[^}\n]*\}\}"), _format("#1b5e20", bold=True, background="#e8f5e9")),
    )

    # The marks themselves are faint: the words are what a person reads.
    MARKS = (
        re.compile(r"^(#{1,6}\s)"),
        re.compile(r"(\*\*|__)(?=\S).+?(?<=\S)(\1)"),
    )
    FAINT = _format("#a0a8b0")

    def highlightBlock(self, text: str) -> None:  # Qt override
        for pattern, fmt in self.RULES:
            for match in pattern.finditer(text):
                self.setFormat(match.start(), match.end() - match.start(), fmt)
        for pattern in self.MARKS:
            for match in pattern.finditer(text):
                for group in range(1, (match.lastindex or 0) + 1):
                    start, end = match.span(group)
                    fmt = QTextCharFormat(self.format(start))
                    fmt.setForeground(self.FAINT.foreground())
                    self.setFormat(start, end - start, fmt)


class ServiceChip(QPyTextObject):
    """Draws a service reference as its name on a green rounded background."""

    PADDING = 6

    def intrinsicSize(self, _doc, _pos, fmt):  # Qt override
        metrics = QFontMetricsF(fmt.toCharFormat().font())
        width = metrics.horizontalAdvance(str(fmt.property(CHIP_NAME))) + 2 * self.PADDING
        return QSizeF(width, metrics.height())

    def drawObject(self, painter, rect, _doc, _pos, fmt):  # Qt override
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor("#2e7d32"))
        painter.setBrush(QColor("#e8f5e9"))
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        painter.setPen(QColor("#1b5e20"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(fmt.property(CHIP_NAME)))
        painter.restore()


class MarkdownEdit(QPlainTextEdit):
    """The answer's body. A service reference {{ref:ID}} shows as the service's name (one
    character of the document, so Backspace deletes the whole reference); `toPlainText` and
    `setPlainText` speak the stored text. With `show_source` on, the stored text is shown as
    it is. Qt's own undo and redo (Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y) work as in any text box."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Full answer text"))
        self.setTabChangesFocus(True)  # Tab moves on; the body needs no tab characters
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setPointSizeF(font.pointSizeF() + 1)
        self.setFont(font)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.highlighter = MarkdownHighlighter(self.document())
        self.chip = ServiceChip(self)
        self.document().documentLayout().registerHandler(CHIP_TYPE, self.chip)
        self.names: dict[str, str] = {}  # service id -> name in the answer's language
        self.show_source = False

    def set_services(self, directory: Directory, locale: str) -> None:
        """The services a reference may name, by their names in `locale`."""
        self.names = {s.id: localise(s.name, locale) or s.id for s in directory}

    def set_show_source(self, on: bool) -> None:
        """Show the stored text as it is (on) or references as names (off)."""
        if on == self.show_source:
            return
        text, position = self.toPlainText(), self.textCursor().position()
        self.show_source = on
        self.setPlainText(text)
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(self.document().toPlainText())))
        self.setTextCursor(cursor)

    # -- the stored text -------------------------------------------------------------------

    def toPlainText(self) -> str:  # the stored text, references as {{ref:ID}}
        return stored_text(self.document())

    def setPlainText(self, text: str) -> None:
        super().setPlainText("")
        self._insert_stored(self.textCursor(), text)
        self.document().clearUndoRedoStacks()
        self.document().setModified(False)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _insert_stored(self, cursor: QTextCursor, text: str) -> None:
        """Insert stored text, known references as chips (unknown ones stay as text, so the
        checks' message about them matches what is seen)."""
        cursor.beginEditBlock()
        at = 0
        for match in () if self.show_source else REF.finditer(text):
            if match.group(1) not in self.names:
                continue
            cursor.insertText(text[at : match.start()], QTextCharFormat())
            self._insert_chip(cursor, match.group(1))
            at = match.end()
        cursor.insertText(text[at:], QTextCharFormat())
        cursor.endEditBlock()

    def _insert_chip(self, cursor: QTextCursor, service_id: str) -> None:
        fmt = QTextCharFormat()
        fmt.setObjectType(CHIP_TYPE)
        fmt.setProperty(CHIP_ID, service_id)
        fmt.setProperty(CHIP_NAME, self.names.get(service_id, service_id))
        # A name from the directory is text: escaped, so a tooltip never reads it as markup.
        fmt.setToolTip("<p>" + html.escape(self.names.get(service_id, service_id)) + "</p>")
        cursor.insertText(OBJECT, fmt)
        cursor.setCharFormat(QTextCharFormat())  # what is typed next is plain text

    def insert_service(self, service_id: str) -> None:
        """Put a reference to `service_id` where the cursor is."""
        cursor = self.textCursor()
        if self.show_source:
            cursor.insertText(reference(service_id), QTextCharFormat())
        else:
            cursor.beginEditBlock()
            self._insert_chip(cursor, service_id)
            cursor.endEditBlock()
        self.setTextCursor(cursor)

    def chips(self) -> list[str]:
        """The service ids shown as names, in order (what a person sees as highlighted)."""
        return [service_id for _, service_id in _chips(self.document())]

    # -- copy and paste keep references whole ----------------------------------------------

    def createMimeDataFromSelection(self):  # Qt override
        data = QMimeData()
        copy = QTextDocument()
        QTextCursor(copy).insertFragment(self.textCursor().selection())
        data.setText(stored_text(copy))
        return data

    def insertFromMimeData(self, source):  # Qt override
        if source.hasText():
            cursor = self.textCursor()
            self._insert_stored(cursor, source.text())
            self.setTextCursor(cursor)


def reference(service_id: str) -> str:
    """How the stored text refers to a service."""
    return "{{ref:" + service_id + "}}"


def stored_text(document: QTextDocument) -> str:
    """The document's text with each chip written as the reference it stands for. Qt's own
    plain text (no-break spaces as spaces, line separators as new lines) keeps one character
    for each of the document's, so a chip's position is its place in that text."""
    text = list(document.toPlainText())
    for position, service_id in _chips(document):
        text[position] = reference(service_id)
    return "".join(text)


def _chips(document: QTextDocument) -> list[tuple[int, str]]:
    """(position, service id) of every chip in `document`."""
    found = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            fmt = fragment.charFormat()
            if fmt.objectType() == CHIP_TYPE:
                for offset, char in enumerate(fragment.text()):
                    if char == OBJECT:
                        found.append((fragment.position() + offset, str(fmt.property(CHIP_ID))))
            fragments += 1
        block = block.next()
    return found
