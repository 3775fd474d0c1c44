"""Try a question: an outreach worker types a message as someone would write it in a chat and
sees what a bot would send for it, from the library as it is now (drafts and unsaved changes
included) and from the latest release (what bots send today).

The panel says it in plain words: the emergency response first when it fires, then the answer
by its title with where it stands (draft, published...), or that the bot would not answer and
would offer a person to talk to; and the other answers that came close. No scores, ids or
Markdown. Matching runs on the GUI thread against indexes built off it (bot_index.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from answer_kit.matching import Match
from authoring_app.gui.extensions import SCREENSHOT_VIEWS
from authoring_app.gui.try_words import release_html, result_html
from authoring_app.library import questions

SHORTCUT = "Ctrl+T"
PANEL_WIDTH = 440
DELAY_MS = 150
# Messages the screenshot views type, as people write them: an emergency, an ordinary
# question and one the library has no answer for.
EXAMPLES = {
    "en": {
        "try-emergency": "my friend won't wake up and his lips are blue",
        "try-answer": "where can i get tested for hep c",
        "try-declined": "what time does your office open",
    },
    "ru": {
        "try-emergency": "подруга не просыпается и губы синие",
        "try-answer": "где сдать тест на гепатит с",
        "try-declined": "во сколько открывается ваш офис",
    },
}


@dataclass(frozen=True)
class Tried:
    """What a bot would do with `message`: from the library now, and from the release."""

    message: str
    now: Match | None = None  # None while the library's index is being built
    release: Match | None = None  # None before the first release, or while it is read


class TryPanel(QWidget):
    def __init__(self, window):
        super().__init__()
        self.window = window
        self.bot = window.bot_index
        self.tried = Tried("")
        self.setObjectName("try_panel")
        intro = QLabel(
            "<b>{}</b><br>{}".format(
                self.tr("What would the bot answer?"),
                self.tr(
                    "Type a message as someone would write it in a chat, with their words "
                    "and typos."
                ),
            )
        )
        intro.setWordWrap(True)
        self.message = QLineEdit()
        self.message.setObjectName("try_message")
        self.message.setAccessibleName(self.tr("Message to try"))
        self.message.setPlaceholderText(self.tr("e.g. my friend won't wake up"))
        self.message.setClearButtonEnabled(True)
        self.result = QLabel()
        self.result.setObjectName("try_result")
        self.result.setAccessibleName(self.tr("What the bot would send"))
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.setWordWrap(True)
        self.result.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setMargin(4)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.result)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)
        self.timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self.timer.timeout.connect(self.try_message)
        self.message.textChanged.connect(lambda _text: self.timer.start())
        self.message.returnPressed.connect(self.try_message)
        self.bot.changed.connect(self.try_message)
        window.editor.edited.connect(self._answer_changed)
        window.answer_opened.connect(self._answer_changed)
        window.library_refreshed.connect(self._answer_changed)  # statuses may have changed
        self.try_message()

    def _answer_changed(self, *_args) -> None:
        if self.message.text().strip():
            self.timer.start()

    def open_text(self, answer=None):
        """The open answer as the editor holds it (or `answer`), where the library's index
        does not hold that text yet (unsaved, or saved a moment ago): matched in its place."""
        answer = answer or self.window.editor.answer()
        library, matcher = self.window.library, self.bot.matcher
        if answer is None or library is None or matcher is None:
            return None
        entry = questions.entry_of(answer, library.directory)
        return None if matcher.entries.get(entry.key) == entry else entry

    def try_message(self) -> Tried:
        """Match the message and show what the bot would do (now and in the release)."""
        self.timer.stop()
        text = self.message.text().strip()
        window, bot = self.window, self.bot
        if not text or window.library is None:
            self.tried = Tried(text)
            self.result.setText(
                "<p style='color:#5f6b7a;'>{}</p>".format(
                    self.tr(
                        "The answer the bot would send shows here, with the emergency response "
                        "first when a message calls for it."
                    )
                )
            )
            return self.tried
        answer = window.editor.answer()
        locale = answer.locale if answer is not None else window.ui_locale
        own = self.open_text(answer)
        now = bot.matcher.match(text, locale=locale, instead=own) if bot.matcher else None
        release = bot.release.matcher.match(text, locale=locale) if bot.release else None
        self.tried = Tried(text, now, release)
        parts = [result_html(window, now, own)]
        parts.append(release_html(window, release, bot))
        self.result.setText("".join(parts))
        return self.tried

    def focus(self) -> None:
        self.message.setFocus()
        self.message.selectAll()


def show_try_panel(window) -> None:
    window.show_side_panel("try")
    _panel_shown(window, window.try_panel)  # (no signal if it already showed)
    window.try_panel.focus()


def _panel_shown(window, panel) -> None:
    """The panel needs room, and the latest release's index."""
    if window.side_tabs.currentWidget() is panel:
        window.widen_side_panel(PANEL_WIDTH)
        window.bot_index.want_release()


def install(window) -> None:
    panel = TryPanel(window)
    window.try_panel = panel
    window.add_side_panel(panel, QApplication.translate("TryPanel", "Try a question"), name="try")
    action = window.actions.add(
        "try_question",
        QApplication.translate("TryPanel", "&Try a question…"),
        lambda: show_try_panel(window),
        menu="answer",
        shortcut=SHORTCUT,
        toolbar=True,
        tip=QApplication.translate(
            "TryPanel", "See what the bot would answer to a message, before and after publishing"
        ),
    )
    action.setIcon(window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxQuestion))
    window.side_tabs.currentChanged.connect(lambda _i: _panel_shown(window, panel))


def try_screenshot(view: str):
    def prepare(window):
        bot = window.bot_index
        show_try_panel(window)
        bot.build()
        for _ in range(50):
            bot.wait()
            window.tasks.wait()
            QApplication.processEvents()
            known = bot.release is not None or bot.no_release
            if bot.matcher is not None and known and not bot.building:
                break
        language = "ru" if window.ui_locale == "ru" else "en"
        window.try_panel.message.setText(EXAMPLES[language][view])
        window.try_panel.try_message()
        return window

    return prepare


for _view in EXAMPLES["en"]:
    SCREENSHOT_VIEWS[_view] = try_screenshot(_view)
