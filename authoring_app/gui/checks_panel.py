"""The checks of the answer being edited, each linking to the field at fault."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from authoring_app.library.problems import Problem
from authoring_app.library.readability import SMOG, Reading

FIELD_ROLE = Qt.ItemDataRole.UserRole + 1


def field_label(field: str | None) -> str:
    """A field of the form, as the form names it."""
    root = (field or "").split("[")[0].split(".")[0]
    labels = {
        "id": QCoreApplication.translate("Fields", "Answer id"),
        "locale": QCoreApplication.translate("Fields", "Language"),
        "topic": QCoreApplication.translate("Fields", "Topic"),
        "title": QCoreApplication.translate("Fields", "Title"),
        "questions": QCoreApplication.translate("Fields", "How people ask"),
        "summary": QCoreApplication.translate("Fields", "Short reply"),
        "red_flags": QCoreApplication.translate("Fields", "When to get help urgently"),
        "refer_to": QCoreApplication.translate("Fields", "Refer to"),
        "sources": QCoreApplication.translate("Fields", "Sources"),
        "tags": QCoreApplication.translate("Fields", "Tags"),
        "visibility": QCoreApplication.translate("Fields", "Who can see it"),
        "translation_of": QCoreApplication.translate("Fields", "Translated from"),
        "body": QCoreApplication.translate("Fields", "Full answer"),
        "triggers": QCoreApplication.translate("Fields", "Trigger words"),
    }
    return labels.get(root, QCoreApplication.translate("Fields", "The answer"))


def check_headline(code: str) -> str:
    """A check, in plain words in the interface language."""
    headlines = {
        "schema": QCoreApplication.translate(
            "Checks", "This field is missing or not filled in correctly"
        ),
        "red-flags-missing": QCoreApplication.translate(
            "Checks", "Say when to get in-person or emergency care"
        ),
        "unknown-reference": QCoreApplication.translate(
            "Checks", "Refers to a service that is not in the directory"
        ),
        "phone-in-text": QCoreApplication.translate(
            "Checks", "A phone number is typed into the text"
        ),
        "summary-too-long": QCoreApplication.translate(
            "Checks", "The short reply does not fit one Telegram message"
        ),
        "raw-html": QCoreApplication.translate("Checks", "HTML code is not allowed; use Markdown"),
        "no-sources": QCoreApplication.translate("Checks", "No sources listed"),
        "source-no-address": QCoreApplication.translate(
            "Checks", "A source has no web address or DOI for readers to check"
        ),
        "body-empty": QCoreApplication.translate("Checks", "The full answer is empty"),
        "translation-source-missing": QCoreApplication.translate(
            "Checks", "The text this translates does not exist"
        ),
        "unknown-topic": QCoreApplication.translate("Checks", "The topic is not in this library"),
        "unknown-locale": QCoreApplication.translate(
            "Checks", "The language is not in this library"
        ),
        "wrong-place": QCoreApplication.translate(
            "Checks", "The answer id, topic or language does not match its file"
        ),
        "question-won-elsewhere": QCoreApplication.translate(
            "Checks", "The bot would send another answer for this question"
        ),
        "question-not-found": QCoreApplication.translate(
            "Checks", "The bot would not answer this question"
        ),
        "example-does-not-fire": QCoreApplication.translate(
            "Checks", "This example does not set off the emergency response"
        ),
        "hard-to-read": QCoreApplication.translate("Checks", "Hard to read"),
    }
    return headlines.get(code, code)


def check_detail(problem: Problem) -> str:
    """What to do about a check, in the interface language where its words are known (and,
    for an error a governor let pass, whose exception and why)."""
    detail = _detail(problem)
    governor = problem.param("excepted_by")
    if governor:
        detail += "\n" + QCoreApplication.translate(
            "Checks", "Passed for this exact text by the exception of governor %1: %2"
        ).replace("%1", governor).replace("%2", problem.param("reason"))
    return detail


def _detail(problem: Problem) -> str:
    question = problem.param("question")
    if problem.code == "question-won-elsewhere":
        return (
            QCoreApplication.translate(
                "Checks",
                "For “%1” the bot would send “%2”. Say it as only this answer would, or "
                "leave it to the other answer.",
            )
            .replace("%1", question)
            .replace("%2", problem.param("title"))
        )
    if problem.code == "question-not-found":
        text = (
            QCoreApplication.translate(
                "Checks",
                "For “%1” the bot would think of this answer first, but not be sure enough "
                "to send it. Use the words people use in the answer.",
            )
            if problem.param("unsure")
            else QCoreApplication.translate(
                "Checks",
                "For “%1” the bot would find no answer and say it did not understand. Use "
                "the words people use in the answer.",
            )
        )
        return text.replace("%1", question)
    if problem.code == "hard-to-read":
        text = (
            QCoreApplication.translate(
                "Checks",
                "Reading grade %1 is above this library's limit of %2. Use shorter sentences "
                "and everyday words.",
            )
            if problem.param("measure") == SMOG
            else QCoreApplication.translate(
                "Checks",
                "Easy to read: %1 of 100, below this library's limit of %2. Use shorter "
                "sentences and everyday words.",
            )
        )
        return text.replace("%1", problem.param("value")).replace("%2", problem.param("limit"))
    if problem.code == "source-no-address" and problem.param("source"):
        return QCoreApplication.translate(
            "Checks",
            "“%1”: give its web address or DOI so a reader can check it (a governor may let "
            "this pass, saying why).",
        ).replace("%1", problem.param("source"))
    if problem.code == "example-does-not-fire":
        return QCoreApplication.translate(
            "Checks", "“%1”: add the words people write in it to the trigger words."
        ).replace("%1", question)
    return problem.message


class ChecksPanel(QWidget):
    field_activated = Signal(str)  # e.g. "questions[1]"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.list = QListWidget()
        self.list.setObjectName("checks")
        self.list.setAccessibleName(self.tr("Checks"))
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.itemActivated.connect(self._activate)
        self.list.itemClicked.connect(self._activate)
        self.reading = QLabel()
        self.reading.setObjectName("readability")
        self.reading.setWordWrap(True)
        self.reading.setTextFormat(Qt.TextFormat.RichText)
        self.reading.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.reading.setVisible(False)
        hint = QLabel(self.tr("Click a check (or press Enter on it) to go to the field."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.reading)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        self.problems: list[Problem] = []
        self.show_problems(None)

    def show_problems(self, problems: list[Problem] | None) -> None:
        """The checks of the current answer; None when no answer is open."""
        self.problems = list(problems or [])
        self.list.clear()
        self._stretch()
        if problems is None:
            self.list.setVisible(False)
            self.summary.setText(self.tr("Open an answer to see its checks."))
            self.summary.setStyleSheet("")
            return
        errors = sum(p.severity == "error" for p in self.problems)
        warnings = len(self.problems) - errors
        self.list.setVisible(bool(self.problems))
        if not self.problems:
            self.summary.setText(
                "<b>✔ "
                + self.tr("All checks pass.")
                + "</b><br><br>"
                + self.tr(
                    "The checks run as you type: required fields, danger signs, phone numbers "
                    "typed into the text, services missing from the directory, sources, "
                    "whether the short reply fits one Telegram message, and whether the bot "
                    "would find this answer for each way people ask it."
                )
            )
            self.summary.setStyleSheet("color: #2e7d32;")
        else:
            self.summary.setText(
                self.tr("%1 to fix, %2 to consider")
                .replace("%1", str(errors))
                .replace("%2", str(warnings))
            )
            self.summary.setStyleSheet(
                f"color: {'#b71c1c' if errors else '#8a5a00'}; font-weight: bold;"
            )
        for problem in sorted(self.problems, key=lambda p: p.severity != "error"):
            error = problem.severity == "error"
            word = self.tr("Fix") if error else self.tr("Consider")
            detail = check_detail(problem)
            item = QListWidgetItem(
                f"{word} · {field_label(problem.field)}: {check_headline(problem.code)}\n{detail}"
            )
            item.setData(FIELD_ROLE, problem.field or "")
            item.setToolTip(detail)
            item.setForeground(QColor("#b71c1c" if error else "#8a5a00"))
            self.list.addItem(item)

    def show_readability(self, readings: list[Reading] | None) -> None:
        """How easy the short reply and the full answer are to read, in the answer's language
        (a grade for English, 0 to 100 for Russian), against the library's limit."""
        self.reading.setVisible(bool(readings))
        self._stretch()
        if not readings:
            self.reading.clear()
            return
        grade = readings[0].figure.measure == SMOG
        lines = [
            "<b>"
            + (
                self.tr("Reading level: a school grade (7 to 9 is readable by most adults)")
                if grade
                else self.tr("Easy to read: 0 to 100, the higher the easier")
            )
            + "</b>"
        ]
        for reading in readings:
            if grade:
                figure = (
                    self.tr("grade %1 (Flesch–Kincaid: %2)")
                    .replace("%1", reading.value_text)
                    .replace("%2", f"{reading.figure.grade:.1f}")
                )
            else:
                figure = self.tr("%1 of 100").replace("%1", reading.value_text)
            if reading.too_hard:
                mark = (
                    ' <span style="color:#8a5a00">— '
                    + self.tr("harder than this library's limit (%1)").replace(
                        "%1", reading.limit_text
                    )
                    + "</span>"
                )
            else:
                mark = ' <span style="color:#2e7d32">✔</span>'
            lines.append(f"{escape(field_label(reading.field))}: {escape(figure)}{mark}")
        self.reading.setText("<br>".join(lines))
        self.reading.setToolTip(
            self.tr(
                "Measured on the text a person reads (without Markdown marks and service "
                "names). English: SMOG grade, as the NHS uses, and the Flesch–Kincaid grade. "
                "Russian: Flesch reading ease with Oborneva's coefficients for Russian. "
                "Governors set the limits in the library's settings."
            )
        )

    def _stretch(self) -> None:
        """Without a list of checks, the last text shown takes the room, so the figures sit
        right under the summary."""
        reading = not self.reading.isHidden()
        self.layout().setStretchFactor(self.summary, 0 if self.problems or reading else 1)
        self.layout().setStretchFactor(self.reading, 0 if self.problems or not reading else 1)

    def _activate(self, item: QListWidgetItem) -> None:
        self.field_activated.emit(item.data(FIELD_ROLE) or "")
