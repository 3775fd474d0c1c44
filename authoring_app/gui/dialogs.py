"""Small dialogs: a new answer, a new translation, settings."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from authoring_app.library.answer import Answer, AnswerKey
from authoring_app.library.ids import id_from_title
from authoring_app.library.info import LibraryInfo

LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


class _Form(QDialog):
    def __init__(self, title: str, intro: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b71c1c;")
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(self.tr("Create"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        text = QLabel(intro)
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(480, 260)

    def problem(self) -> str | None:
        return None

    def _try_accept(self) -> None:
        problem = self.problem()
        self.error.setText(problem or "")
        if problem is None:
            self.accept()


class NewAnswerDialog(_Form):
    """The question, topic and language of a new answer; its id is made from the question."""

    def __init__(self, info: LibraryInfo, existing: set[AnswerKey], ui_locale: str, parent=None):
        super().__init__(
            self.tr("New answer"),
            self.tr(
                "Write the question as people would ask it. You can change it and add "
                "everything else in the editor."
            ),
            parent,
        )
        self.taken = {key.id for key in existing}
        self.question = QLineEdit()
        self.question.setObjectName("question")
        self.question.setPlaceholderText(self.tr("For example: How do I look after my veins?"))
        self.question.setAccessibleName(self.tr("Question"))
        self.topic = QComboBox()
        self.topic.setObjectName("topic")
        for topic in info.topics:
            self.topic.addItem(topic.label(ui_locale), topic.id)
        self.locale = QComboBox()
        self.locale.setObjectName("locale")
        for code in info.locales:
            self.locale.addItem(language_name(code), code)
        self.locale.setCurrentIndex(max(0, self.locale.findData(info.default_locale)))
        self.file_name = QLabel()
        self.file_name.setObjectName("file_name")
        self.file_name.setStyleSheet("color: #5f6b7a; font-size: small;")
        self.file_name.setToolTip(
            self.tr(
                "The answer's files are named after the question, in Latin letters. "
                "You never need to type this name."
            )
        )
        self.form.addRow(self.tr("&Question:"), self.question)
        self.form.addRow(self.tr("&Topic:"), self.topic)
        self.form.addRow(self.tr("&Language:"), self.locale)
        self.form.addRow("", self.file_name)
        self.question.textChanged.connect(self._show_file_name)
        self._show_file_name()

    @property
    def answer_id(self) -> str:
        return id_from_title(self.question.text(), self.taken)

    def _show_file_name(self) -> None:
        shown = self.answer_id if self.question.text().strip() else "…"
        self.file_name.setText(self.tr("Name in files: %1").replace("%1", shown))

    def problem(self) -> str | None:
        if not self.question.text().strip():
            return self.tr("Write the question first.")
        return None

    def new_answer(self) -> Answer:
        return Answer(
            id=self.answer_id,
            locale=self.locale.currentData(),
            topic=self.topic.currentData(),
            title=" ".join(self.question.text().split()),
            questions=(),
            summary="",
            body="",
            visibility="group",
        )


class NewTranslationDialog(_Form):
    """The language of a translation of an existing answer."""

    def __init__(self, source: Answer, free_locales: list[str], parent=None):
        super().__init__(
            self.tr("New translation"),
            self.tr(
                "The new translation starts as a copy of “%1”. Translate every field; "
                "a doctor signs it off in its own language."
            ).replace("%1", source.title),
            parent,
        )
        self.source = source
        self.locale = QComboBox()
        self.locale.setObjectName("locale")
        for code in free_locales:
            self.locale.addItem(language_name(code), code)
        self.form.addRow(self.tr("&Language:"), self.locale)

    def problem(self) -> str | None:
        if self.locale.currentData() is None:
            return self.tr("This answer already exists in every language of the library.")
        return None

    def new_answer(self) -> Answer:
        return self.source.edited(
            locale=self.locale.currentData(), translation_of=self.source.locale
        )


class SettingsDialog(QDialog):
    def __init__(self, language: str | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem(self.tr("As the computer's language"), None)
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        note = QLabel(self.tr("A new language is used from the next time you start the app."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Interface &language:"), self.language)
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("OK"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def chosen_language(self) -> str | None:
        return self.language.currentData()
