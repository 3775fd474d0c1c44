"""Live preview of the answer as each channel will show it: site, Telegram, plain text."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from authoring_app.library.answer import Answer
from authoring_app.library.directory import Directory
from authoring_app.library.text import TELEGRAM_LIMIT, utf16_len
from authoring_app.release.render import expand_refs, render_html, render_telegram, render_text


def expanded_body(answer: Answer, directory: Directory) -> str:
    """The body with {{ref:ID}} filled in from the directory, as a release will show it."""

    def resolve(service_id: str) -> str | None:
        service = directory.get(service_id)
        return service.label(answer.locale) if service else None

    return expand_refs(answer.body, resolve)


class TelegramView(QScrollArea):
    """Each message in its own bubble, with its length against Telegram's limit."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName(self.tr("Telegram messages"))
        self._inner = QWidget()
        self._inner.setObjectName("telegram_background")
        self._inner.setStyleSheet("#telegram_background { background: #dfe8ef; }")
        self._layout = QVBoxLayout(self._inner)
        self._layout.setSpacing(10)
        self._layout.addStretch(1)
        self.setWidget(self._inner)
        self.bubbles: list[QLabel] = []
        self.counts: list[int] = []

    def show_messages(self, messages: list[str]) -> None:
        while self._layout.count() > 1:
            item = self._layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.bubbles, self.counts = [], []
        for number, message in enumerate(messages, 1):
            count = utf16_len(message)
            bubble = QLabel(message.replace("\n", "<br>"))
            bubble.setTextFormat(Qt.TextFormat.RichText)
            bubble.setWordWrap(True)
            bubble.setOpenExternalLinks(False)
            bubble.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            bubble.setStyleSheet(
                "QLabel { background: white; border-radius: 10px; padding: 8px; color: #111; }"
            )
            over = count > TELEGRAM_LIMIT
            info = QLabel(
                self.tr("Message %1 of %2 · %3 of %4 characters")
                .replace("%1", str(number))
                .replace("%2", str(len(messages)))
                .replace("%3", str(count))
                .replace("%4", str(TELEGRAM_LIMIT))
            )
            info.setStyleSheet(f"color: {'#b71c1c' if over else '#44525f'}; font-size: 11px;")
            frame = QFrame()
            box = QVBoxLayout(frame)
            box.setContentsMargins(0, 0, 40, 0)
            box.setSpacing(2)
            box.addWidget(bubble)
            box.addWidget(info)
            self._layout.insertWidget(self._layout.count() - 1, frame)
            self.bubbles.append(bubble)
            self.counts.append(count)
        if not messages:
            empty = QLabel(self.tr("Nothing to send yet: write the full answer text."))
            empty.setWordWrap(True)
            self._layout.insertWidget(0, empty)


class PreviewTabs(QTabWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Preview"))
        self.site = QTextBrowser()
        self.site.setOpenLinks(False)  # a preview never leaves the app
        self.site.setOpenExternalLinks(False)
        self.site.setAccessibleName(self.tr("Preview as a web page"))
        self.telegram = TelegramView()
        self.plain = QPlainTextEdit()
        self.plain.setReadOnly(True)
        self.plain.setAccessibleName(self.tr("Preview as plain text"))
        self.addTab(self.site, self.tr("Site"))
        self.addTab(self.telegram, self.tr("Telegram"))
        self.addTab(self.plain, self.tr("Plain text"))
        self.messages: list[str] = []

    def show_answer(self, answer: Answer | None, directory: Directory) -> None:
        if answer is None:
            self.site.setHtml("")
            self.telegram.show_messages([])
            self.plain.setPlainText("")
            self.messages = []
            return
        body = expanded_body(answer, directory)
        title = html.escape(answer.title)
        scroll = self.site.verticalScrollBar().value()
        self.site.setHtml(f"<h1>{title}</h1>{render_html(body)}")
        self.site.verticalScrollBar().setValue(scroll)
        self.messages = render_telegram(body, title=answer.title or None)
        self.telegram.show_messages(self.messages)
        self.plain.setPlainText(render_text(body))
