"""Formatting buttons above an answer's text: bold, lists, heading, link, a service, and the
stored text for those who want it. Each writes the Markdown, so nobody needs to know it."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QInputDialog,
    QLineEdit,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from authoring_app.gui.markdown_edit import MarkdownEdit

BULLET = re.compile(r"^[-*+] ")
NUMBER = re.compile(r"^\d+[.)] ")
HEADING = re.compile(r"^#{1,6} ")


class BodyToolbar(QWidget):
    """The buttons act on `body`; `insert_service` asks the editor to pick a service. Two
    rows, so every button shows beside a narrow text on a laptop's screen."""

    insert_service = Signal()

    def __init__(self, body: MarkdownEdit, parent=None):
        super().__init__(parent)
        self.body = body
        self.setObjectName("body_toolbar")
        self.actions_by_name: dict[str, QAction] = {}
        self.rows = [QToolBar(self), QToolBar(self)]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for row in self.rows:
            row.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            layout.addWidget(row)
        first, second = self.rows
        self._add(first, "bold", self.tr("B"),
                  self.bold, QKeySequence.StandardKey.Bold,
                  self.tr("Bold: make the chosen words bold"))  # fmt: skip
        self._add(first, "bullets", self.tr("• List"), self.bullets, "Ctrl+Shift+8",
                  self.tr("Turn the chosen lines into a bulleted list"))  # fmt: skip
        self._add(first, "numbers", self.tr("1. List"), self.numbers, "Ctrl+Shift+7",
                  self.tr("Turn the chosen lines into a numbered list"))  # fmt: skip
        self._add(first, "heading", self.tr("Heading"), self.heading, "Ctrl+Alt+2",
                  self.tr("Make this line a heading inside the answer"))  # fmt: skip
        self._add(first, "link", self.tr("Link…"), self.link, "Ctrl+K",
                  self.tr("Link the chosen words to a web page"))  # fmt: skip
        self._add(second, "service", self.tr("Insert service…"), self.insert_service.emit,
                  "Ctrl+Shift+I",
                  self.tr("Name a service from the directory; readers see its name and "
                          "contact as the directory has them"))  # fmt: skip
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        second.addWidget(spacer)
        source = self._add(second, "source", self.tr("Show source"), self._toggle_source, None,
                           self.tr("Show the text as it is stored, with its formatting "
                                   "marks and service references"))  # fmt: skip
        source.setCheckable(True)
        bold = self.button("bold")
        font = bold.font()
        font.setBold(True)
        bold.setFont(font)
        bold.setAccessibleName(self.tr("Bold"))

    def button(self, name: str) -> QToolButton:
        action = self.actions_by_name[name]
        row = next(r for r in self.rows if action in r.actions())
        return row.widgetForAction(action)

    def _add(self, row: QToolBar, name, text, slot, shortcut, tip) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        elif shortcut:
            action.setShortcut(QKeySequence(shortcut))
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({keys})" if keys else tip)
        action.triggered.connect(lambda _checked=False: slot())
        row.addAction(action)
        # The shortcuts work while the text has the focus, and nowhere else.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.body.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _toggle_source(self) -> None:
        self.body.set_show_source(self.actions_by_name["source"].isChecked())
        self.body.setFocus()

    # -- formatting ------------------------------------------------------------------------

    def bold(self) -> None:
        """Put ** around the chosen words (or take them off); with none, start bold text
        here. Only marks are added or removed, so services named in the words stay whole."""
        cursor = self.body.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        selected = cursor.selectedText()
        # Spaces stay outside the marks: "** word**" is not bold in Markdown.
        start += len(selected) - len(selected.lstrip())
        end -= len(selected) - len(selected.rstrip())
        inner = selected.strip()
        edit = QTextCursor(self.body.document())
        edit.beginEditBlock()
        if not inner:
            edit.setPosition(cursor.position())
            edit.insertText("****")
            edit.movePosition(QTextCursor.MoveOperation.Left, n=2)
        elif len(inner) > 4 and inner.startswith("**") and inner.endswith("**"):
            for at in (end - 2, start):
                edit.setPosition(at)
                edit.setPosition(at + 2, QTextCursor.MoveMode.KeepAnchor)
                edit.removeSelectedText()
            edit.setPosition(start)
            edit.setPosition(end - 4, QTextCursor.MoveMode.KeepAnchor)
        else:
            _insert_at(edit, end, "**")
            _insert_at(edit, start, "**")
            edit.setPosition(start)
            edit.setPosition(end + 4, QTextCursor.MoveMode.KeepAnchor)
        edit.endEditBlock()
        self.body.setTextCursor(edit)
        self.body.setFocus()

    def bullets(self) -> None:
        self._lines(lambda n, line: None if BULLET.match(line) else "- ")

    def numbers(self) -> None:
        self._lines(lambda n, line: None if NUMBER.match(line) else f"{n}. ")

    def heading(self) -> None:
        self._lines(lambda n, line: None if HEADING.match(line) else "## ", lists=False)

    def _lines(self, prefix, *, lists: bool = True) -> None:
        """Give each chosen line `prefix(number, line)`; if every line already has its kind
        of mark (prefix gives None), take the marks off instead."""
        cursor = self.body.textCursor()
        doc = self.body.document()
        first = doc.findBlock(cursor.selectionStart())
        last = doc.findBlock(cursor.selectionEnd())
        blocks, block = [], first
        while block.isValid():
            if block.text().strip() or first == last:
                blocks.append(block)
            if block == last:
                break
            block = block.next()
        marks = [prefix(n, b.text()) for n, b in enumerate(blocks, 1)]
        remove = all(m is None for m in marks)
        edit = QTextCursor(doc)
        edit.beginEditBlock()
        for n, block in enumerate(blocks, 1):
            edit.setPosition(block.position())
            old = (BULLET, NUMBER) if lists else (HEADING,)
            match = next((p.match(block.text()) for p in old if p.match(block.text())), None)
            if match:  # a line's old mark goes: a bullet becomes a number, not both
                edit.setPosition(block.position() + match.end(), QTextCursor.MoveMode.KeepAnchor)
                edit.removeSelectedText()
            if not remove:
                edit.insertText(prefix(n, "") or "")
        edit.endEditBlock()
        self.body.setFocus()

    def link(self) -> None:
        cursor = self.body.textCursor()
        words = cursor.selectedText().strip()
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Link"))
        dialog.setLabelText(self.tr("Web address the words lead to:"))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue("https://")
        dialog.setOkButtonText(self.tr("Insert link"))
        dialog.setCancelButtonText(self.tr("Cancel"))
        dialog.setObjectName("link_dialog")
        if not dialog.exec():
            return
        address = dialog.textValue().strip()
        if address in ("", "https://", "http://"):
            return
        if not re.match(r"^[a-z]+://", address):
            address = "https://" + address
        address = address.replace(" ", "%20").replace(")", "%29")
        edit = QTextCursor(self.body.document())
        edit.beginEditBlock()
        if words:
            start, end = cursor.selectionStart(), cursor.selectionEnd()
            _insert_at(edit, end, f"]({address})")
            _insert_at(edit, start, "[")
        else:
            _insert_at(edit, cursor.position(), f"[{address}]({address})")
        edit.endEditBlock()
        self.body.setTextCursor(edit)
        self.body.setFocus()


def _insert_at(cursor: QTextCursor, position: int, text: str) -> None:
    cursor.setPosition(position)
    cursor.setCharFormat(QTextCharFormat())
    cursor.insertText(text, QTextCharFormat())
