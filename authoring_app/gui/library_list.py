"""The library on the left: answers grouped by topic, with a search box and filters.

The model and the filter it shows are in `library_model`.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from authoring_app.gui.dialogs import language_name
from authoring_app.gui.library_model import (
    _ROOT,
    DUE,
    EDITOR,
    KEY_ROLE,
    LOCALE,
    STATUS,
    TITLE,
    AnswerDelegate,
    AnswerFilter,
    AnswerTreeModel,
    _status_look,
)
from authoring_app.gui.status_view import STATUSES, status_word
from authoring_app.library.answer import AnswerKey


class LibraryPanel(QWidget):
    """Search, filters and the grouped list of answers."""

    answer_selected = Signal(object)  # AnswerKey

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = AnswerTreeModel(self)
        self.proxy = AnswerFilter(self)
        self.proxy.setSourceModel(self.model)
        self.person = None
        self._chosen: AnswerKey | None = None  # the answer last selected, kept while filtered out

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search answers (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search answers"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self._filter(search=text))

        self.status_filter = self._combo(self.tr("Any status"), self.tr("Filter by status"))
        for status in STATUSES:
            self.status_filter.addItem(status_word(status), status)
        self.topic_filter = self._combo(self.tr("Any topic"), self.tr("Filter by topic"))
        self.locale_filter = self._combo(self.tr("Any language"), self.tr("Filter by language"))
        self.status_filter.currentIndexChanged.connect(
            lambda: self._filter(status=self.status_filter.currentData())
        )
        self.topic_filter.currentIndexChanged.connect(
            lambda: self._filter(topic=self.topic_filter.currentData())
        )
        self.locale_filter.currentIndexChanged.connect(
            lambda: self._filter(locale=self.locale_filter.currentData())
        )
        self.my_review = QCheckBox(self.tr("Needs my review"))
        self.my_review.toggled.connect(
            lambda on: self._filter(reviewer=self.person if on else None)
        )
        self.review_due = QCheckBox(self.tr("Review due"))
        self.review_due.toggled.connect(lambda on: self._filter(review_due_only=on))
        self.due_soon = QCheckBox(self.tr("Review due soon"))
        self.due_soon.setObjectName("due_soon_filter")
        self.due_soon.setToolTip(
            self.tr(
                "Approved answers whose review date comes within %1 days: on that date they "
                "leave the bots unless a doctor signs them off again."
            )
        )
        self.due_soon.toggled.connect(lambda on: self._filter(due_soon_only=on))
        self._soon_tip = self.due_soon.toolTip()

        self.view = QTreeView()
        self.view.setObjectName("answer_list")
        self.view.setAccessibleName(self.tr("Answers"))
        self.view.setModel(self.proxy)
        self.view.setUniformRowHeights(True)  # two lines each: no per-row size questions
        self.view.setItemDelegateForColumn(TITLE, AnswerDelegate(self.view))
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.Fixed)  # see _fit_status
        for column in (LOCALE, EDITOR, DUE):  # shown under each title instead
            self.view.setColumnHidden(column, True)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)

        # When the search and filters leave nothing, say so and why, with a way back.
        self.empty_note = QLabel()
        self.empty_note.setObjectName("empty_list_note")
        self.empty_note.setWordWrap(True)
        self.show_all = QPushButton(self.tr("Show all answers"))
        self.show_all.setObjectName("show_all_answers")
        self.show_all.clicked.connect(self.clear_filters)
        self.empty_box = QWidget()
        empty_layout = QVBoxLayout(self.empty_box)
        empty_layout.setContentsMargins(6, 6, 6, 6)
        empty_layout.addWidget(self.empty_note)
        empty_layout.addWidget(self.show_all)
        self.empty_box.setVisible(False)

        filters = QGridLayout()
        filters.addWidget(self.status_filter, 0, 0)
        filters.addWidget(self.topic_filter, 0, 1)
        filters.addWidget(self.locale_filter, 1, 0)
        filters.addWidget(self.my_review, 1, 1)
        filters.addWidget(self.due_soon, 2, 0)
        filters.addWidget(self.review_due, 2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.empty_box)
        layout.addWidget(self.view, 1)
        self._ignore_selection = False

    def _filter(self, **changes) -> None:
        """Filter in one step, then open the topics that came back."""
        self.proxy.set_filters(**changes)
        self._expand()
        self._say_if_empty()

    def _say_if_empty(self) -> None:
        """Under the filters: why the list is empty, if it is."""
        empty = self.model.rows and not self.visible_keys()
        self.empty_box.setVisible(bool(empty))
        if not empty:
            return
        if self.my_review.isChecked() and not self._narrowed_otherwise():
            self.empty_note.setText(self.tr("Nothing is waiting for your review."))
        else:
            self.empty_note.setText(self.tr("No answer matches the search and filters above."))

    def _narrowed_otherwise(self) -> bool:
        return bool(
            self.search.text().strip()
            or self.status_filter.currentIndex() > 0
            or self.topic_filter.currentIndex() > 0
            or self.locale_filter.currentIndex() > 0
            or self.review_due.isChecked()
            or self.due_soon.isChecked()
        )

    def clear_filters(self) -> None:
        """Every answer again: the search emptied, every filter back to "any"."""
        for widget in (self.search, self.status_filter, self.topic_filter, self.locale_filter):
            widget.blockSignals(True)
        self.search.clear()
        for combo in (self.status_filter, self.topic_filter, self.locale_filter):
            combo.setCurrentIndex(0)
        for widget in (self.search, self.status_filter, self.topic_filter, self.locale_filter):
            widget.blockSignals(False)
        for box in (self.my_review, self.review_due, self.due_soon):
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
        self._filter(
            search="",
            status=None,
            topic=None,
            locale=None,
            reviewer=None,
            review_due_only=False,
            due_soon_only=False,
        )

    def _expand(self) -> None:
        """Topics open, their names across the whole row. Only topics the filter has just
        brought back need it: the others keep both (thousands of answers are never visited)."""
        view, proxy = self.view, self.proxy
        spans = []
        for top in range(proxy.rowCount()):
            view.expand(proxy.index(top, 0))  # at once when it is open already
            if not view.isFirstColumnSpanned(top, _ROOT):
                spans.append(top)
        for top in spans:
            view.setFirstColumnSpanned(top, _ROOT, True)
        if self._chosen is not None and not view.currentIndex().isValid():
            self._show_chosen()

    def _show_chosen(self) -> None:
        """Mark the answer last chosen again once the filter shows it (quietly)."""
        index = self.proxy.mapFromSource(self.model.index_of(self._chosen))
        if index.isValid():
            self._ignore_selection = True
            try:
                self.view.setCurrentIndex(index)
            finally:
                self._ignore_selection = False

    def _fit_status(self) -> None:
        """The status column as wide as the widest status word in the list, as resizing to
        contents made it; but measured once per load over those few words rather than over a
        thousand rows at each layout."""
        self.view.ensurePolished()
        bold = QFont()
        bold.setBold(True)
        words = QStandardItemModel(0, 1)
        for status in sorted({row.status.status for row in self.model.rows} or {STATUSES[0]}):
            words.appendRow(_status_look(status, bold)[1])
        for status in sorted({r.status.status for r in self.model.rows if r.status.is_due_soon}):
            cell = _status_look(status, bold)[1]  # marked "review soon" instead
            cell.setData(self.model.soon_word, Qt.ItemDataRole.DisplayRole)
            words.appendRow(cell)
        option = QStyleOptionViewItem()
        self.view.initViewItemOption(option)
        delegate = self.view.itemDelegateForColumn(STATUS) or self.view.itemDelegate()
        width = max(
            delegate.sizeHint(QStyleOptionViewItem(option), words.index(row, 0)).width()
            for row in range(words.rowCount())
        )
        header = self.view.header()
        header.resizeSection(STATUS, max(width, header.sectionSizeHint(STATUS)))

    def _combo(self, everything: str, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.addItem(everything, None)
        return combo

    def set_library(self, library, statuses, ui_locale: str, person) -> None:
        """Fill the list from an open library."""
        self.person = person
        clinician = person is not None and person.has_role("clinician")
        self.my_review.setEnabled(clinician)
        self.my_review.setToolTip(
            ""
            if clinician
            else self.tr("Only for doctors: the answers waiting for their sign-off.")
        )
        if self.my_review.isChecked() and not clinician:
            self.my_review.setChecked(False)  # no one's review is waiting for them: show all
        elif self.my_review.isChecked():
            self.proxy.set_filters(reviewer=person)  # the same filter, for who is here now
        self.due_soon.setToolTip(self._soon_tip.replace("%1", str(max(library.info.due_soon_days))))
        topics = {t.id: t.label(ui_locale) for t in library.info.topics}
        names = {p.id: p.name for p in library.roster}
        current = self.current_key()
        self.model.set_content(library.answers(), statuses, topics, names, shown=self.proxy.shown)
        self._fit_status()
        self._fill(self.topic_filter, list(topics.items()))
        self._fill(self.locale_filter, [(loc, language_name(loc)) for loc in library.info.locales])
        self._expand()
        self._say_if_empty()
        if current is not None:
            self.select(current)

    def _fill(self, combo: QComboBox, items: list[tuple[str, str]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for value, label in items:
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
        combo.blockSignals(False)

    def current_key(self) -> AnswerKey | None:
        index = self.view.currentIndex()
        return index.data(KEY_ROLE) if index.isValid() else None

    def visible_keys(self) -> list[AnswerKey]:
        keys = []
        for top in range(self.proxy.rowCount()):
            parent = self.proxy.index(top, 0)
            keys += [
                self.proxy.index(r, 0, parent).data(KEY_ROLE)
                for r in range(self.proxy.rowCount(parent))
            ]
        return keys

    def select(self, key: AnswerKey | None, *, quiet: bool = True) -> None:
        """Make `key` the current row; with `quiet`, without announcing it."""
        index = self.proxy.mapFromSource(self.model.index_of(key)) if key else None
        self._chosen = key
        self._ignore_selection = quiet
        try:
            if index is None or not index.isValid():
                self.view.selectionModel().clearCurrentIndex()
                self.view.clearSelection()
            else:
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
        finally:
            self._ignore_selection = False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._ignore_selection:
            return
        key = current.data(KEY_ROLE) if current.isValid() else None
        if key is not None:
            self._chosen = key
            self.answer_selected.emit(key)
