"""Live preview of the answer as each channel will show it: site, Telegram, plain text."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
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

from authoring_app.library.answer import Answer, AnswerKey
from authoring_app.library.directory import Directory
from authoring_app.library.info import LibraryInfo
from authoring_app.library.text import TELEGRAM_LIMIT, utf16_len
from authoring_app.release.chat import (
    BODY_RENDERS_EMPTY,
    NO_READ_MORE,
    SUMMARY_TOO_LONG,
    Chat,
    chat_of,
)
from authoring_app.release.render import expand_refs, render_html, render_telegram, render_text


def _problems() -> dict[str, str]:
    return {
        SUMMARY_TOO_LONG: QCoreApplication.translate(
            "TelegramView", "The short reply does not fit one message: a release would refuse it."
        ),
        BODY_RENDERS_EMPTY: QCoreApplication.translate(
            "TelegramView", "The full text shows as nothing (nested too deeply?): simplify it."
        ),
        NO_READ_MORE: QCoreApplication.translate(
            "TelegramView",
            "The bot cannot send the full text: the library has no message for its “read more” "
            "button (bot-read-more).",
        ),
    }


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
        self.buttons: list[QLabel] = []

    def show_messages(self, messages: list[str]) -> None:
        """Messages only, one bubble each."""
        self.show_chat(Chat(tuple(messages), (), ()))

    def show_chat(self, chat: Chat | None) -> None:
        """What the bot sends, in order: the reply, the buttons under it, and what the "read
        more" button sends."""
        while self._layout.count() > 1:
            item = self._layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.bubbles, self.counts, self.buttons = [], [], []
        if chat is None or not (chat.messages or chat.more):
            empty = QLabel(self.tr("Nothing to send yet: write the short reply and the full text."))
            empty.setWordWrap(True)
            self._layout.insertWidget(0, empty)
            return
        for code in chat.problems:
            self._add(_note(_problems().get(code, code), "#b71c1c"))
        total = len(chat.messages) + len(chat.more)
        for text in chat.messages:
            self._bubble(text, total)
        for label in chat.buttons:
            button = QLabel(html.escape(label))
            button.setObjectName("telegram_button")
            button.setAlignment(Qt.AlignmentFlag.AlignCenter)
            button.setStyleSheet(
                "QLabel { background: #5b8fb9; color: white; border-radius: 6px; padding: 6px; }"
            )
            self._add(button)
            self.buttons.append(button)
        if chat.more:
            pressed = chat.buttons[0] if chat.buttons else ""
            self._add(
                _note(
                    self.tr("When the person presses “%1”, the bot sends:").replace("%1", pressed),
                    "#44525f",
                )
            )
            for text in chat.more:
                self._bubble(text, total)

    def _add(self, widget: QWidget) -> None:
        self._layout.insertWidget(self._layout.count() - 1, widget)

    def _bubble(self, message: str, total: int) -> None:
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
            .replace("%1", str(len(self.bubbles) + 1))
            .replace("%2", str(total))
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
        self._add(frame)
        self.bubbles.append(bubble)
        self.counts.append(count)


def _note(text: str, colour: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {colour};")
    return label


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

    def show_answer(
        self,
        answer: Answer | None,
        directory: Directory,
        info: LibraryInfo | None = None,
        find: Callable[[AnswerKey], Answer | None] | None = None,
    ) -> None:
        """Show `answer` in every channel; `info` and `find` (the library's settings and its
        current answers) let the Telegram tab show what the bot sends, from the bot's code."""
        if answer is None:
            self.site.setHtml("")
            self.telegram.show_chat(None)
            self.plain.setPlainText("")
            self.messages = []
            return
        body = expanded_body(answer, directory)
        title = html.escape(answer.title)
        scroll = self.site.verticalScrollBar().value()
        self.site.setHtml(f"<h1>{title}</h1>{render_html(body)}")
        self.site.verticalScrollBar().setValue(scroll)
        if info is not None:
            chat = chat_of(answer, info, directory, find or (lambda _key: None))
        else:  # no library: the full text alone
            chat = Chat((), (), tuple(render_telegram(body)))
        self.messages = [*chat.messages, *chat.more]
        self.telegram.show_chat(chat)
        self.plain.setPlainText(render_text(body))
