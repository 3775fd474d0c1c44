"""The answer editor: the structured fields as a form, the body in a Markdown editor, a preview."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from authoring_app.gui.body_toolbar import BodyToolbar
from authoring_app.gui.dialogs import language_name
from authoring_app.gui.form_fields import (
    LinesEdit,
    ReferralList,
    SourcesEdit,
    StringListEdit,
    VisibilityChoice,
    explain_fields,
)
from authoring_app.gui.markdown_edit import MarkdownEdit
from authoring_app.gui.preview import PreviewTabs
from authoring_app.gui.service_picker import ServicePicker
from authoring_app.library.answer import Answer, normalise_body
from authoring_app.library.directory import Directory
from authoring_app.library.info import LibraryInfo
from authoring_app.library.text import TELEGRAM_LIMIT, utf16_len

PREVIEW_DELAY_MS = 150
CHECKS_DELAY_MS = 300


class AnswerEditor(QWidget):
    modified_changed = Signal(bool)
    edited = Signal()  # any change, at once
    checks_due = Signal()  # a moment after the last change

    def __init__(self, parent=None):
        super().__init__(parent)
        self.info: LibraryInfo | None = None
        self.directory = Directory()
        self.find = None  # the library's current text of an answer, by key
        self.ui_locale = "en"
        self.saved: Answer | None = None  # the saved text this edit started from
        self.is_new = False
        self.named_after_title = False  # a new answer whose id follows its title until saved
        self._loaded: Answer | None = None
        self._modified = False
        self._loading = False

        self.preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self.update_preview)
        self.checks_timer = QTimer(self, singleShot=True, interval=CHECKS_DELAY_MS)
        self.checks_timer.timeout.connect(self.checks_due)

        self._build()
        self.setEnabled(False)

    # -- building --------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = QLabel()
        self.heading.setObjectName("editor_heading")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.unsaved_label = QLabel(self.tr("● Unsaved changes"))
        self.unsaved_label.setObjectName("unsaved_label")
        self.unsaved_label.setStyleSheet("color: #b35c00; font-weight: bold;")
        self.unsaved_label.setVisible(False)

        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("The question, as a heading people understand"))
        self.topic = QComboBox()
        self.visibility = VisibilityChoice()
        self.questions = StringListEdit(
            self.tr("How people ask"), self.tr("Another way people ask it, then Enter")
        )
        self.triggers = LinesEdit(
            self.tr("Trigger words"), self.tr("not breathing\nwon't wake up\nblue lips")
        )
        self.summary = MarkdownEdit()  # a service in it shows by name, as in the body
        self.summary.setPlaceholderText(self.tr("A short reply that fits one chat message"))
        self.summary.setMinimumHeight(70)
        self.summary.setMaximumHeight(110)
        self.summary_count = QLabel()
        self.summary_count.setObjectName("summary_count")
        self.red_flags = StringListEdit(
            self.tr("When to get help urgently"),
            self.tr("A danger sign, then Enter"),
        )
        self.refer_to = ReferralList()
        self.sources = SourcesEdit()
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("words for search, separated by commas"))
        self.body = MarkdownEdit()
        self.body.setObjectName("body")
        self.body.setPlaceholderText(
            self.tr(
                "The full answer. The buttons above make words bold, lists and headings, "
                "and name a service from the directory."
            )
        )
        self.body_toolbar = BodyToolbar(self.body)
        self.body_toolbar.insert_service.connect(self.pick_service)
        self.summary.addAction(self.body_toolbar.actions_by_name["service"])  # Ctrl+Shift+I
        self.preview = PreviewTabs()

        for widget, name in (
            (self.title, "title"),
            (self.topic, "topic"),
            (self.summary, "summary"),
            (self.tags, "tags"),
            (self.triggers, "triggers"),
        ):
            widget.setObjectName(name)
        explain_fields(self)
        self.title.setAccessibleName(self.tr("Title"))
        self.topic.setAccessibleName(self.tr("Topic"))
        self.summary.setAccessibleName(self.tr("Short reply"))
        self.tags.setAccessibleName(self.tr("Tags"))

        left = self._form()
        left.addRow(self._label(self.tr("&Title"), self.title), self.title)
        left.addRow(self._label(self.tr("T&opic"), self.topic), self.topic)
        self.triggers_label = self._label(self.tr("Tr&igger words (one per line)"), self.triggers)
        self.triggers.setToolTip(
            self.tr(
                "The bot sends the emergency response first, before any answer, when a "
                "message holds one of these words or phrases."
            )
        )
        left.addRow(self.triggers_label, self.triggers)
        self.left_form = left
        summary_box = QVBoxLayout()
        summary_box.addWidget(self.summary)
        summary_box.addWidget(self.summary_count, 0, Qt.AlignmentFlag.AlignRight)
        left.addRow(self._label(self.tr("Short &reply (for chat)"), self.summary), summary_box)
        self.questions_label = self._label("", self.questions.entry)
        left.addRow(self.questions_label, self.questions)
        left.addRow(self._label(self.tr("Who can see it"), self.visibility), self.visibility)

        right = self._form()
        right.addRow(
            self._label(self.tr("When to get help &urgently"), self.red_flags.entry),
            self.red_flags,
        )
        right.addRow(self._label(self.tr("Re&fer to"), self.refer_to), self.refer_to)
        right.addRow(self._label(self.tr("&Sources"), self.sources.title_entry), self.sources)
        right.addRow(self._label(self.tr("Ta&gs"), self.tags), self.tags)

        form = QWidget()
        grid = QGridLayout(form)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        self.form_scroll = scroll
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(form)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        body_box = QWidget()
        body_layout = QVBoxLayout(body_box)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self._label(self.tr("Full &answer"), self.body))
        body_layout.addWidget(self.body_toolbar)
        body_layout.addWidget(self.body)
        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(QLabel(self.tr("Preview")))
        preview_layout.addWidget(self.preview)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(body_box)
        lower.addWidget(preview_box)
        lower.setSizes([500, 400])

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(lower)
        self.splitter.setSizes([470, 360])
        self.splitter.setChildrenCollapsible(False)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.unsaved_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        self.title.textChanged.connect(self._changed)
        self.topic.currentIndexChanged.connect(self._changed)
        self.summary.textChanged.connect(self._changed)
        self.tags.textChanged.connect(self._changed)
        self.body.textChanged.connect(self._changed)
        for widget in (
            self.questions,
            self.triggers,
            self.red_flags,
            self.refer_to,
            self.sources,
            self.visibility,
        ):
            widget.changed.connect(self._changed)
        self.setTabOrder(self.title, self.topic)
        self.setTabOrder(self.topic, self.summary)
        self.setTabOrder(self.summary, self.questions.entry)

    @staticmethod
    def _form() -> QFormLayout:
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return form

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        label.setStyleSheet("font-weight: bold;")
        return label

    def _show_kind(self, answer: Answer) -> None:
        """The emergency response's questions are example messages, and it has trigger
        words (shown for another answer only if it has some, so they can be removed)."""
        emergency = answer.kind == "emergency"
        self.questions_label.setText(
            self.tr("Example &messages (each must set off the emergency response)")
            if emergency
            else self.tr("How people &ask it")
        )
        self.left_form.setRowVisible(self.triggers, emergency or bool(answer.triggers))

    # -- the library around the answer -----------------------------------------------------

    def set_library(
        self, info: LibraryInfo, directory: Directory, ui_locale: str, find=None
    ) -> None:
        """`find` gives the library's current text of an answer (for the bot's own messages
        in the Telegram preview)."""
        self.info, self.directory, self.ui_locale = info, directory, ui_locale
        self.find = find

    # -- loading and reading ---------------------------------------------------------------

    def load(self, answer: Answer, *, saved: Answer | None, is_new: bool = False) -> None:
        """Show `answer`; `saved` is the saved text it is compared with (None if never saved)."""
        self._loading = True
        try:
            self.saved, self.is_new, self._loaded = saved, is_new, answer
            self.named_after_title = False
            for text in (self.summary, self.body):  # services shown by name
                text.set_services(self.directory, answer.locale)
            self.topic.clear()
            for topic in self.info.topics if self.info else ():
                self.topic.addItem(topic.label(self.ui_locale), topic.id)
            if self.topic.findData(answer.topic) < 0:
                self.topic.addItem(answer.topic, answer.topic)
            self.topic.setCurrentIndex(self.topic.findData(answer.topic))
            self.title.setText(answer.title)
            self.summary.setPlainText(answer.summary)
            self.questions.set_values(answer.questions)
            self.triggers.set_values(answer.triggers)
            self._show_kind(answer)
            self.red_flags.set_values(answer.red_flags)
            self.refer_to.set_directory(self.directory, answer.locale)
            self.refer_to.set_values(answer.refer_to)
            self.sources.set_values(answer.sources)
            self.tags.setText(", ".join(answer.tags))
            self.visibility.set_value(answer.visibility)
            self.body.setPlainText(answer.body)
            self.body.document().clearUndoRedoStacks()
            self.summary.document().clearUndoRedoStacks()
            self.heading.setText(self._heading_text(answer))
        finally:
            self._loading = False
        self.setEnabled(True)
        self._update_count()
        self._set_modified(self._compute_modified())
        self.update_preview()
        self.checks_due.emit()

    def clear(self) -> None:
        self._loaded = self.saved = None
        self.is_new = False
        self.heading.setText(self.tr("Choose an answer on the left, or make a new one."))
        self.preview.show_answer(None, self.directory)
        self._set_modified(False)
        self.setEnabled(False)

    @property
    def has_answer(self) -> bool:
        return self._loaded is not None

    def answer(self) -> Answer | None:
        """The answer as the form now stands (None if nothing is open)."""
        if self._loaded is None:
            return None
        tags = [t.strip() for t in self.tags.text().split(",") if t.strip()]
        return self._loaded.edited(
            topic=self.topic.currentData() or self._loaded.topic,
            title=" ".join(self.title.text().split()),
            questions=self.questions.values(),
            triggers=self.triggers.values(),
            summary=self.summary.toPlainText().strip(),
            red_flags=self.red_flags.values(),
            refer_to=self.refer_to.values(),
            sources=self.sources.values(),
            tags=tags,
            visibility=self.visibility.value(),
            body=normalise_body(self.body.toPlainText()),
        )

    @property
    def is_modified(self) -> bool:
        return self._modified

    def rename_new(self, answer_id: str) -> None:
        """A new, unsaved answer is to be saved as `answer_id`."""
        self._loaded = self._loaded.edited(id=answer_id)

    def mark_saved(self, answer: Answer) -> None:
        """The text `answer` is now saved; the form stays as it is."""
        self.saved, self.is_new, self.named_after_title = answer, False, False
        self._set_modified(self._compute_modified())

    def refresh_heading(self) -> None:
        if self._loaded is not None:
            self.heading.setText(self._heading_text(self._loaded))

    # -- changes ---------------------------------------------------------------------------

    def _changed(self, *_args) -> None:
        if self._loading:
            return
        self._update_count()
        self._set_modified(self._compute_modified())
        self.preview_timer.start()
        self.checks_timer.start()
        self.edited.emit()

    def _compute_modified(self) -> bool:
        current = self.answer()
        if current is None:
            return False
        if self.is_new or self.saved is None:
            return True
        return (
            current.content_hash() != self.saved.content_hash() or current.path != self.saved.path
        )

    def _set_modified(self, modified: bool) -> None:
        self.unsaved_label.setVisible(modified)
        if modified != self._modified:
            self._modified = modified
            self.modified_changed.emit(modified)

    def _update_count(self) -> None:
        count = utf16_len(self.summary.toPlainText().strip())
        over = count > TELEGRAM_LIMIT
        self.summary_count.setText(
            self.tr("%1 of %2 characters")
            .replace("%1", str(count))
            .replace("%2", str(TELEGRAM_LIMIT))
            + (" — " + self.tr("too long for one message") if over else "")
        )
        self.summary_count.setStyleSheet(f"color: {'#b71c1c' if over else '#44525f'};")

    def form_width(self) -> int:
        """How wide the editor must be for its form to show whole (the form scrolls only up
        and down)."""
        form = self.form_scroll.widget()
        scrollbar = self.form_scroll.verticalScrollBar().sizeHint().width()
        return form.minimumSizeHint().width() + scrollbar + 8 if form is not None else 0

    def update_preview(self) -> None:
        self.preview_timer.stop()
        self.preview.show_answer(self.answer(), self.directory, self.info, self.find)

    def pick_service(self) -> None:
        """Choose a service from the directory and name it where the cursor is."""
        if self._loaded is None:
            return
        text = self.summary if self.summary.hasFocus() else self.body
        picker = ServicePicker(self.directory, self._loaded.locale, self)
        if picker.exec() and picker.chosen():
            text.insert_service(picker.chosen())
        text.setFocus()

    # -- going to a field ------------------------------------------------------------------

    def focus_field(self, field: str) -> None:
        """Put the cursor in the widget for a field such as "title" or "questions[2]"."""
        root, _, rest = (field or "").partition("[")
        root = root.split(".")[0]
        index = int(rest.split("]")[0]) if rest[:1].isdigit() else None
        lists = {
            "questions": self.questions,
            "triggers": self.triggers,
            "red_flags": self.red_flags,
            "sources": self.sources,
        }
        if root in lists:
            lists[root].focus_entry(index)
            return
        if root == "refer_to":
            self.refer_to.setFocus()
            if index is not None:
                self.refer_to.setCurrentRow(min(index, self.refer_to.count() - 1))
            return
        widget = {
            "title": self.title,
            "topic": self.topic,
            "summary": self.summary,
            "tags": self.tags,
            "visibility": self.visibility.group,
            "body": self.body,
        }.get(root, self.title)
        widget.setFocus()

    # -- words -----------------------------------------------------------------------------

    def _locale_text(self, answer: Answer) -> str:
        text = language_name(answer.locale)
        if answer.translation_of:
            text += " " + self.tr("(translated from %1)").replace(
                "%1", language_name(answer.translation_of)
            )
        return text

    def _heading_text(self, answer: Answer) -> str:
        title = html.escape(answer.title) if answer.title else self.tr("Untitled answer")
        text = f"<b>{title}</b> · " + self.tr("language: %1").replace(
            "%1", self._locale_text(answer)
        )
        return text + (" · " + self.tr("new, not saved yet") if self.is_new else "")
