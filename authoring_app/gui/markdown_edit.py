"""The body editor: plain text with Markdown highlighted (headings, emphasis, lists, links, refs)."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QFontDatabase, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QPlainTextEdit


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

    def highlightBlock(self, text: str) -> None:  # Qt override
        for pattern, fmt in self.RULES:
            for match in pattern.finditer(text):
                self.setFormat(match.start(), match.end() - match.start(), fmt)


class MarkdownEdit(QPlainTextEdit):
    """Qt's own undo and redo (Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y) work as in any text box."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Full answer text (Markdown)"))
        self.setTabChangesFocus(True)  # Tab moves on; the body needs no tab characters
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setPointSizeF(font.pointSizeF() + 1)
        self.setFont(font)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.highlighter = MarkdownHighlighter(self.document())
