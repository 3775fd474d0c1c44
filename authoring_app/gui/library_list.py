"""The library on the left: answers grouped by topic, with a search box and filters.

`AnswerTreeModel` is a thin adapter over the core's answers and statuses; `AnswerFilter`
narrows it in memory on every keystroke (no files are read again).
"""

from __future__ import annotations

import ctypes
import sys
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from authoring_app.core.answers import Answer, AnswerKey
from authoring_app.gui.dialogs import language_name
from authoring_app.gui.status_view import STATUSES, StatusView, status_colour, status_word

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 3
TITLE, LOCALE, STATUS, EDITOR, DUE = range(5)
_ROOT = QModelIndex()


def _to_qt(value):
    """`value`, returned from a Qt override. PySide6 6.12 on Python 3.11 drops one reference to
    None each time an override returns None to Qt; a list of thousands of answers returns it
    millions of times and the app aborts ("deallocating None"). Give that reference back."""
    if value is None and sys.version_info < (3, 12):  # None is immortal from Python 3.12
        _py_incref(None)
    return value


_py_incref = ctypes.pythonapi.Py_IncRef
_py_incref.argtypes = [ctypes.py_object]
_TOPIC = 0  # internal id of topic rows; answer rows carry their topic's index + 1


@dataclass(frozen=True)
class AnswerRow:
    key: AnswerKey
    topic: str
    title: str
    status: StatusView
    editor_name: str
    search_text: str


@dataclass
class TopicGroup:
    id: str
    label: str
    rows: list[AnswerRow]


class AnswerTreeModel(QAbstractItemModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._groups: list[TopicGroup] = []

    def set_content(
        self,
        answers: list[Answer],
        statuses: dict[AnswerKey, StatusView],
        topic_labels: dict[str, str],
        person_names: dict[str, str],
    ) -> None:
        """Show `answers`, grouped by topic in the order of `topic_labels` (unknown topics last)."""
        groups = {tid: TopicGroup(tid, label, []) for tid, label in topic_labels.items()}
        for answer in answers:
            group = groups.setdefault(answer.topic, TopicGroup(answer.topic, answer.topic, []))
            status = statuses.get(answer.key, StatusView())
            editor = status.last_editor or ""
            text = " ".join(
                [answer.id, answer.title, answer.summary, *answer.questions, *answer.tags]
            )
            group.rows.append(
                AnswerRow(
                    answer.key,
                    answer.topic,
                    answer.title,
                    status,
                    person_names.get(editor, editor),
                    text.casefold(),
                )
            )
        self.beginResetModel()
        self._groups = [g for g in groups.values() if g.rows]
        self.endResetModel()

    # -- lookups ---------------------------------------------------------------------------

    def row_at(self, index: QModelIndex) -> AnswerRow | None:
        if not index.isValid() or index.internalId() == _TOPIC:
            return None
        return self._groups[index.internalId() - 1].rows[index.row()]

    def group_at(self, index: QModelIndex) -> TopicGroup | None:
        if not index.isValid():
            return None
        number = index.row() if index.internalId() == _TOPIC else index.internalId() - 1
        return self._groups[number]

    def index_of(self, key: AnswerKey) -> QModelIndex:
        for number, group in enumerate(self._groups):
            for row, item in enumerate(group.rows):
                if item.key == key:
                    return self.createIndex(row, 0, number + 1)
        return QModelIndex()

    def keys(self) -> list[AnswerKey]:
        return [row.key for group in self._groups for row in group.rows]

    # -- QAbstractItemModel ----------------------------------------------------------------

    def index(self, row, column, parent=_ROOT):
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOPIC)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index=_ROOT):  # type: ignore[override]
        if not index.isValid() or index.internalId() == _TOPIC:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOPIC)

    def rowCount(self, parent=_ROOT):
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _TOPIC and parent.column() == 0:
            return len(self._groups[parent.row()].rows)
        return 0

    def columnCount(self, parent=_ROOT):
        return 5

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        return _to_qt(self._header_data(section, orientation, role))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return _to_qt(self._data(index, role))

    def _header_data(self, section, orientation, role):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Answer"),
            self.tr("Language"),
            self.tr("Status"),
            self.tr("Last edited by"),
            self.tr("Review due"),
        )[section]

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _data(self, index, role):
        if not index.isValid():
            return None
        if index.internalId() == _TOPIC:
            group = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole and index.column() == TITLE:
                return f"{group.label} ({len(group.rows)})"
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        row = self._groups[index.internalId() - 1].rows[index.row()]
        column = index.column()
        if role == KEY_ROLE:
            return row.key
        if role == STATUS_ROLE:
            return row.status
        if role == DETAIL_ROLE and column == TITLE:
            return self._detail(row)
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            return f"{row.title}\n{self._detail(row)}"
        if role == Qt.ItemDataRole.AccessibleTextRole and column == TITLE:
            return f"{row.title}. {status_word(row.status.status)}. {self._detail(row)}"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == TITLE:
                return row.title or str(row.key)
            if column == LOCALE:
                return row.key.locale
            if column == STATUS:
                return status_word(row.status.status)
            if column == EDITOR:
                return row.editor_name or "—"
            if column == DUE:
                due = row.status.review_due
                return due.isoformat() if due else "—"
        if column == STATUS:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(status_colour(row.status.status))
            if role == Qt.ItemDataRole.DecorationRole:
                return status_colour(row.status.status)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        return None

    def _detail(self, row: AnswerRow) -> str:
        parts = [language_name(row.key.locale)]
        if row.editor_name:
            parts.append(self.tr("edited by %1").replace("%1", row.editor_name))
        if row.status.review_due:
            parts.append(self.tr("review due %1").replace("%1", row.status.review_due.isoformat()))
        return " · ".join(parts)


class AnswerDelegate(QStyledItemDelegate):
    """The title, and under it in small grey letters who edited it last and when review is due."""

    def paint(self, painter, option, index):  # Qt override
        detail = index.data(DETAIL_ROLE)
        if not detail:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = option.rect.adjusted(4, 2, -4, -2)
        title_font = QFont(option.font)
        small = QFont(option.font)
        small.setPointSizeF(max(6.0, option.font.pointSizeF() - 1.5))
        title_height = QFontMetrics(title_font).height()
        painter.save()
        painter.setFont(title_font)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(option.palette.color(role))
        title = QFontMetrics(title_font).elidedText(
            index.data(), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(rect.adjusted(0, 0, 0, -(rect.height() - title_height)), 0, title)
        painter.setFont(small)
        if not selected:
            painter.setPen(QColor("#5f6b7a"))
        detail_rect = rect.adjusted(0, title_height, 0, 0)
        painter.drawText(
            detail_rect,
            0,
            QFontMetrics(small).elidedText(detail, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.restore()

    def sizeHint(self, option, index):  # Qt override
        hint = super().sizeHint(option, index)
        if index.data(DETAIL_ROLE):
            hint.setHeight(QFontMetrics(option.font).height() * 2 + 6)
        return hint


class AnswerFilter(QSortFilterProxyModel):
    """Search and filters over `AnswerTreeModel`; topics with no visible answers are hidden."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.search_words: list[str] = []
        self.status: str | None = None
        self.topic: str | None = None
        self.locale: str | None = None
        self.reviewer = None  # a Person: show only answers waiting for their sign-off
        self.review_due_only = False

    def set_filters(self, **changes) -> None:
        self.beginFilterChange()
        for name, value in changes.items():
            if name == "search":
                self.search_words = value.casefold().split()
            else:
                setattr(self, name, value)
        self.endFilterChange()

    def filterAcceptsRow(self, source_row, source_parent):
        model: AnswerTreeModel = self.sourceModel()  # type: ignore[assignment]
        if not source_parent.isValid():
            return False  # a topic shows when one of its answers does
        row = model.row_at(model.index(source_row, 0, source_parent))
        if row is None:
            return False
        if self.topic and row.topic != self.topic:
            return False
        if self.locale and row.key.locale != self.locale:
            return False
        if self.status and row.status.status != self.status:
            return False
        if self.review_due_only and not row.status.is_review_due:
            return False
        if self.reviewer is not None and not row.status.needs_review_by(self.reviewer):
            return False
        return all(word in row.search_text for word in self.search_words)


class LibraryPanel(QWidget):
    """Search, filters and the grouped list of answers."""

    answer_selected = Signal(object)  # AnswerKey

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = AnswerTreeModel(self)
        self.proxy = AnswerFilter(self)
        self.proxy.setSourceModel(self.model)
        self._filtering = False
        self.person = None

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

        self.view = QTreeView()
        self.view.setObjectName("answer_list")
        self.view.setAccessibleName(self.tr("Answers"))
        self.view.setModel(self.proxy)
        self.view.setUniformRowHeights(False)
        self.view.setItemDelegateForColumn(TITLE, AnswerDelegate(self.view))
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.ResizeToContents)
        for column in (LOCALE, EDITOR, DUE):  # shown under each title instead
            self.view.setColumnHidden(column, True)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.proxy.rowsInserted.connect(lambda *_: self._filtering or self._expand())
        self.proxy.layoutChanged.connect(self._expand)
        self.proxy.modelReset.connect(self._expand)

        filters = QGridLayout()
        filters.addWidget(self.status_filter, 0, 0)
        filters.addWidget(self.topic_filter, 0, 1)
        filters.addWidget(self.locale_filter, 1, 0)
        filters.addWidget(self.my_review, 1, 1)
        filters.addWidget(self.review_due, 2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        self._ignore_selection = False

    def _filter(self, **changes) -> None:
        """Filter, then open the topics once (not once per batch of rows the proxy inserts:
        with thousands of answers that made every keystroke take seconds)."""
        self._filtering = True
        try:
            self.proxy.set_filters(**changes)
        finally:
            self._filtering = False
        self._expand()

    def _expand(self) -> None:
        """Topics open, their names across the whole row."""
        for top in range(self.proxy.rowCount()):
            self.view.setFirstColumnSpanned(top, QModelIndex(), True)
        self.view.expandAll()

    def _combo(self, everything: str, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.addItem(everything, None)
        return combo

    def set_library(self, library, statuses, ui_locale: str, person) -> None:
        """Fill the list from an open library."""
        self.person = person
        self.my_review.setEnabled(person is not None and person.has_role("clinician"))
        topics = {t.id: t.label(ui_locale) for t in library.info.topics}
        names = {p.id: p.name for p in library.roster}
        current = self.current_key()
        self.model.set_content(library.answers(), statuses, topics, names)
        self._fill(self.topic_filter, list(topics.items()))
        self._fill(self.locale_filter, [(loc, language_name(loc)) for loc in library.info.locales])
        self._expand()
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
            self.answer_selected.emit(key)
