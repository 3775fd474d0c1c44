"""The library on the left: answers grouped by topic, with a search box and filters.

`AnswerTreeModel` is a thin adapter over the core's answers and statuses. What each row shows
(title, the grey line under it, the status word and colour) and the lower-cased text a search
looks in are worked out once, when the library or its statuses load, and kept in Qt's own
item model, so laying out, scrolling and drawing thousands of rows never calls into Python per
row. `AnswerFilter` decides in Python, over those precomputed rows, which answers a keystroke
leaves (no files are read again), marks them on their items and re-filters once.
"""

from __future__ import annotations

import ctypes
import sys
from dataclasses import dataclass
from typing import NamedTuple

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPalette,
    QStandardItem,
    QStandardItemModel,
)
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
    QStyleOptionViewItem,
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
SHOWN_ROLE = Qt.ItemDataRole.UserRole + 4  # "1" on the items the search and filters leave
TITLE, LOCALE, STATUS, EDITOR, DUE = range(5)
SHOWN, HIDDEN = "1", "0"
_ROOT = QModelIndex()
_DETAIL_COLOUR = "#5f6b7a"


def _to_qt(value):
    """`value`, returned from a Qt override. PySide6 6.12 on Python 3.11 drops one reference to
    None each time an override returns None to Qt; a list of thousands of answers returns it
    millions of times and the app aborts ("deallocating None"). Give that reference back.
    (The list's model and filter no longer override any method Qt calls per row; any override
    here that can return None must still return through this.)"""
    if value is None and sys.version_info < (3, 12):  # None is immortal from Python 3.12
        _py_incref(None)
    return value


_py_incref = ctypes.pythonapi.Py_IncRef
_py_incref.argtypes = [ctypes.py_object]
_MANY = 1 << 40


def _keep_none_alive() -> None:
    """The same PySide6 drops a reference to None on every call of a Qt method that returns
    nothing (`item.setData`, `view.expand`, the `painter` calls that draw a row: about 18 each
    time the list is redrawn), so scrolling or filtering a long list would in time free None
    and abort the app. Python 3.12 makes None immortal; do the same here, once, by giving it
    more references than any session drops."""
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        return  # immortal already; or a debug build, where the count is not the first field
    count = ctypes.c_ssize_t.from_address(id(None))  # PyObject.ob_refcnt
    if count.value < _MANY:
        count.value += _MANY


_keep_none_alive()


class AnswerRow(NamedTuple):
    """One answer as the list shows and searches it, worked out once per load."""

    key: AnswerKey
    topic: str
    title: str
    status: StatusView
    editor_name: str
    search_text: str  # id, title, summary, questions and tags, case-folded


@dataclass
class TopicGroup:
    id: str
    label: str
    rows: list[AnswerRow]


_ANSWER_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_TOPIC_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _template(value, role) -> QStandardItem:
    """An answer's cell, ready to be copied: not editable, never a parent, holding `value`."""
    item = QStandardItem()
    item.setFlags(_ANSWER_FLAGS)
    item.setData(value, role)
    return item


def _status_look(status: str, bold: QFont) -> tuple[str, QStandardItem]:
    """The status in words, and a status cell to copy: the word in bold, in its colour."""
    word, colour = status_word(status), status_colour(status)
    cell = _template(word, Qt.ItemDataRole.DisplayRole)
    cell.setData(QBrush(colour), Qt.ItemDataRole.ForegroundRole)
    cell.setData(colour, Qt.ItemDataRole.DecorationRole)
    cell.setData(bold, Qt.ItemDataRole.FontRole)
    return word, cell


class AnswerTreeModel(QStandardItemModel):
    """Topics, each with its answers: five columns, of which the list shows the title (with
    the grey line under it) and the status."""

    def __init__(self, parent=None):
        super().__init__(0, 5, parent)
        self._groups: list[TopicGroup] = []
        self._rows: list[AnswerRow] = []  # every answer, in list order
        self._indexes: list[QModelIndex] = []  # each answer's title, in the same order
        self._topic_indexes: list[QModelIndex] = []
        self._first: list[int] = []  # each topic's first position in `_rows`
        self._places: dict[AnswerKey, int] = {}  # key -> position in `_rows`
        self._shown: list[bool] = []
        self._texts: dict[AnswerKey, tuple[Answer, str]] = {}  # each answer's search text
        self.setHorizontalHeaderLabels(
            [
                self.tr("Answer"),
                self.tr("Language"),
                self.tr("Status"),
                self.tr("Last edited by"),
                self.tr("Review due"),
            ]
        )

    def set_content(
        self,
        answers: list[Answer],
        statuses: dict[AnswerKey, StatusView],
        topic_labels: dict[str, str],
        person_names: dict[str, str],
        shown=None,
    ) -> None:
        """Show `answers`, grouped by topic in the order of `topic_labels` (unknown topics last).
        `shown(rows)` says for each row whether the search and filters leave it (all, without)."""
        groups = {tid: TopicGroup(tid, label, []) for tid, label in topic_labels.items()}
        default = StatusView()
        texts = self._texts
        for answer in answers:
            group = groups.get(answer.topic)
            if group is None:
                group = groups[answer.topic] = TopicGroup(answer.topic, answer.topic, [])
            key = answer.key
            status = statuses.get(key, default)
            editor = status.last_editor or ""
            known = texts.get(key)
            if known is None or known[0] is not answer:  # worked out again only when edited
                text = " ".join(
                    [answer.id, answer.title, answer.summary, *answer.questions, *answer.tags]
                )
                known = texts[key] = (answer, text.casefold())
            group.rows.append(
                AnswerRow(
                    key,
                    answer.topic,
                    answer.title,
                    status,
                    person_names.get(editor, editor),
                    known[1],
                )
            )
        self._groups = [g for g in groups.values() if g.rows]
        self._rows = [row for group in self._groups for row in group.rows]
        self._places = {row.key: number for number, row in enumerate(self._rows)}
        if len(texts) > len(self._rows):
            self._texts = {row.key: texts[row.key] for row in self._rows}
        self._shown = [True] * len(self._rows) if shown is None else shown(self._rows)
        self._build_items()

    def _build_items(self) -> None:
        """Qt's items for every topic and answer, filled once: Qt reads them without Python.
        Each item starts as a copy of a ready-made one (flags, the status's word and colour, a
        language, an editor, a date), so only what is the answer's own is set one by one."""
        bold = QFont()
        bold.setBold(True)
        edited_by = self.tr("edited by %1")
        due_on = self.tr("review due %1")
        shown_title = _template(SHOWN, SHOWN_ROLE)
        hidden_title = _template(HIDDEN, SHOWN_ROLE)
        looks: dict[str, tuple[str, QStandardItem]] = {}  # status -> (word, its cell)
        cells: dict[str, QStandardItem] = {}  # text -> a plain cell saying it
        languages: dict[str, str] = {}
        topics, firsts = [], []
        position = 0
        for group in self._groups:
            topic = QStandardItem(f"{group.label} ({len(group.rows)})")
            topic.setFlags(_TOPIC_FLAGS)
            topic.setData(bold, Qt.ItemDataRole.FontRole)
            any_shown = False
            for number, row in enumerate(group.rows):
                key, status = row.key, row.status
                look = looks.get(status.status)
                if look is None:
                    look = looks[status.status] = _status_look(status.status, bold)
                word, status_template = look
                language = languages.get(key.locale)
                if language is None:
                    language = languages[key.locale] = language_name(key.locale)
                due = status.review_due.isoformat() if status.review_due else ""
                detail = [language]
                if row.editor_name:
                    detail.append(edited_by.replace("%1", row.editor_name))
                if due:
                    detail.append(due_on.replace("%1", due))
                detail = " · ".join(detail)
                shown = self._shown[position + number]
                any_shown = any_shown or shown

                item = (shown_title if shown else hidden_title).clone()
                item.setData(row.title or str(key), Qt.ItemDataRole.DisplayRole)
                item.setData(key, KEY_ROLE)
                item.setData(status, STATUS_ROLE)
                item.setData(detail, DETAIL_ROLE)
                item.setData(f"{row.title}\n{detail}", Qt.ItemDataRole.ToolTipRole)
                item.setData(f"{row.title}. {word}. {detail}", Qt.ItemDataRole.AccessibleTextRole)
                cell = status_template.clone()
                cell.setData(key, KEY_ROLE)
                cell.setData(status, STATUS_ROLE)
                texts = (key.locale, row.editor_name or "—", due or "—")
                for text in texts:
                    if text not in cells:
                        cells[text] = _template(text, Qt.ItemDataRole.DisplayRole)
                # The language, editor and date columns are not shown (the grey line under
                # the title says them); they keep their text for anything that reads them.
                topic.appendRow(
                    [item, cells[texts[0]].clone(), cell]
                    + [cells[text].clone() for text in texts[1:]]
                )
            topic.setData(SHOWN if any_shown else HIDDEN, SHOWN_ROLE)
            topics.append(topic)
            firsts.append(position)
            position += len(group.rows)
        root = self.invisibleRootItem()
        root.removeRows(0, root.rowCount())
        if topics:
            root.appendRows(topics)
        # Items are reached through indexes from here on: PySide lets go of the Python side of
        # items once they are in the model. The list changes shape only here.
        self._topic_indexes = [self.index(number, TITLE) for number in range(len(topics))]
        self._indexes = [
            self.index(row, TITLE, parent)
            for parent, group in zip(self._topic_indexes, self._groups, strict=True)
            for row in range(len(group.rows))
        ]
        self._first = firsts

    @property
    def rows(self) -> list[AnswerRow]:
        """Every answer, in list order."""
        return self._rows

    def show_only(self, now: list[bool]) -> bool:
        """Mark the answers to show (one flag per row, in list order) and the topics that keep
        any; True if that changed anything. Qt's signals stay quiet: the filter re-filters once
        afterwards."""
        if now == self._shown:
            return False
        before, self._shown = self._shown, now
        indexes, set_data = self._indexes, self.setData
        blocked = self.blockSignals(True)
        try:
            for number, (old, new) in enumerate(zip(before, now, strict=True)):
                if old is not new:
                    set_data(indexes[number], SHOWN if new else HIDDEN, SHOWN_ROLE)
            ends = self._first[1:] + [len(now)]
            for topic, first, end in zip(self._topic_indexes, self._first, ends, strict=True):
                set_data(topic, SHOWN if True in now[first:end] else HIDDEN, SHOWN_ROLE)
        finally:
            self.blockSignals(blocked)
        return True

    # -- lookups ---------------------------------------------------------------------------

    def row_at(self, index: QModelIndex) -> AnswerRow | None:
        if not index.isValid() or not index.parent().isValid():
            return None
        return self._groups[index.parent().row()].rows[index.row()]

    def group_at(self, index: QModelIndex) -> TopicGroup | None:
        if not index.isValid():
            return None
        parent = index.parent()
        return self._groups[parent.row() if parent.isValid() else index.row()]

    def index_of(self, key: AnswerKey) -> QModelIndex:
        number = self._places.get(key)
        if number is None:
            return QModelIndex()
        return self._indexes[number]

    def keys(self) -> list[AnswerKey]:
        return [row.key for row in self._rows]


class AnswerDelegate(QStyledItemDelegate):
    """The title, and under it in small grey letters who edited it last and when review is due.
    Every row is two lines high, so the list lays out without asking each row its size."""

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
        title_metrics = QFontMetrics(title_font)
        title_height = title_metrics.height()
        painter.save()
        painter.setFont(title_font)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(option.palette.color(role))
        title = title_metrics.elidedText(index.data(), Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect.adjusted(0, 0, 0, -(rect.height() - title_height)), 0, title)
        painter.setFont(small)
        if not selected:
            painter.setPen(QColor(_DETAIL_COLOUR))
        detail_rect = rect.adjusted(0, title_height, 0, 0)
        painter.drawText(
            detail_rect,
            0,
            QFontMetrics(small).elidedText(detail, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.restore()

    def sizeHint(self, option, index):  # Qt override
        hint = super().sizeHint(option, index)
        hint.setHeight(QFontMetrics(option.font).height() * 2 + 6)
        return hint


class AnswerFilter(QSortFilterProxyModel):
    """Search and filters over `AnswerTreeModel`; topics with no visible answers are hidden.

    Which answers are left is decided in Python over the precomputed rows (`accepts`); the
    model marks them, and Qt keeps the marked rows without calling back into Python."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFilterRole(SHOWN_ROLE)
        self.setFilterKeyColumn(TITLE)
        self.setFilterFixedString(SHOWN)
        self.setDynamicSortFilter(False)
        self.search_words: list[str] = []
        self.status: str | None = None
        self.topic: str | None = None
        self.locale: str | None = None
        self.reviewer = None  # a Person: show only answers waiting for their sign-off
        self.review_due_only = False

    def set_filters(self, **changes) -> None:
        for name, value in changes.items():
            if name == "search":
                self.search_words = value.casefold().split()
            else:
                setattr(self, name, value)
        model: AnswerTreeModel = self.sourceModel()  # type: ignore[assignment]
        if model.show_only(self.shown(model.rows)):
            self.invalidate()

    def shown(self, rows: list[AnswerRow]) -> list[bool]:
        """For each of `rows`, whether the search and filters leave it."""
        narrowed = (self.topic, self.locale, self.status, self.review_due_only, self.reviewer)
        if any(value not in (None, False, "") for value in narrowed):
            return [self.accepts(row) for row in rows]
        words = self.search_words
        if not words:
            return [True] * len(rows)
        texts = [row.search_text for row in rows]
        flags = [words[0] in text for text in texts]
        for word in words[1:]:
            flags = [flag and word in text for flag, text in zip(flags, texts, strict=True)]
        return flags

    def accepts(self, row: AnswerRow) -> bool:
        """Whether the search and filters leave `row`."""
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
        text = row.search_text
        return all(word in text for word in self.search_words)


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
        """Filter in one step, then open the topics that came back."""
        self.proxy.set_filters(**changes)
        self._expand()

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
        self.my_review.setEnabled(person is not None and person.has_role("clinician"))
        topics = {t.id: t.label(ui_locale) for t in library.info.topics}
        names = {p.id: p.name for p in library.roster}
        current = self.current_key()
        self.model.set_content(library.answers(), statuses, topics, names, shown=self.proxy.shown)
        self._fit_status()
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
