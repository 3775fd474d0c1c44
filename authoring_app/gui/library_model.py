"""The Qt model behind the library list: answers grouped by topic, and the filter over them.

`AnswerTreeModel` is a thin adapter over the core's answers and statuses. What each row shows
(title, the grey line under it, the status word and colour) and the lower-cased text a search
looks in are worked out once, when the library or its statuses load, and kept in Qt's own
item model, so laying out, scrolling and drawing thousands of rows never calls into Python per
row. `AnswerFilter` decides in Python, over those precomputed rows, which answers a keystroke
leaves (no files are read again), marks them on their items and re-filters once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
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
    QApplication,
    QStyle,
    QStyledItemDelegate,
)

from authoring_app.gui.dialogs import language_name
from authoring_app.gui.qt_fixes import keep_none_alive
from authoring_app.gui.search import search_words, searchable
from authoring_app.gui.status_view import StatusView, status_colour, status_word
from authoring_app.library.answer import Answer, AnswerKey

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 3
SHOWN_ROLE = Qt.ItemDataRole.UserRole + 4  # "1" on the items the search and filters leave
TITLE, LOCALE, STATUS, EDITOR, DUE = range(5)
SHOWN, HIDDEN = "1", "0"
_ROOT = QModelIndex()
_DETAIL_COLOUR = "#5f6b7a"
SOON_COLOUR = "#b35c00"  # an approved answer whose review comes soon


keep_none_alive()


class AnswerRow(NamedTuple):
    """One answer as the list shows and searches it, worked out once per load."""

    key: AnswerKey
    topic: str
    title: str
    status: StatusView
    editor_name: str
    search_text: str  # id, title, summary, questions and tags, `searchable`


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
        self.soon_word = ""  # what marks an answer whose review comes soon
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
                known = texts[key] = (answer, searchable(text))
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
        soon_on = self.tr("review due soon: %1 (within %2 days)")
        soon_word = self.soon_word = self.tr("review soon")
        soon_colour = QColor(SOON_COLOUR)
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
                if due and status.is_due_soon:
                    detail.append(soon_on.replace("%1", due).replace("%2", str(status.due_within)))
                elif due:
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
                if status.is_due_soon:  # marked in place of "approved": review comes soon
                    cell.setData(soon_word, Qt.ItemDataRole.DisplayRole)
                    cell.setData(f"{word} · {detail}", Qt.ItemDataRole.ToolTipRole)
                    cell.setData(soon_colour, Qt.ItemDataRole.DecorationRole)
                    cell.setData(QBrush(soon_colour), Qt.ItemDataRole.ForegroundRole)
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
    """The title (wrapped onto two lines), and under it in small grey letters who edited it
    last and when review is due. Every row is as high as that, so the list lays out without
    asking each row its size."""

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
        lines = title_lines(index.data() or "", title_metrics, rect.width())
        for number, line in enumerate(lines):
            top = rect.top() + number * title_height
            painter.drawText(rect.left(), top, rect.width(), title_height, 0, line)
        painter.setFont(small)
        if not selected:
            painter.setPen(QColor(_DETAIL_COLOUR))
        detail_rect = rect.adjusted(0, title_height * TITLE_LINES, 0, 0)
        painter.drawText(
            detail_rect,
            0,
            QFontMetrics(small).elidedText(detail, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.restore()

    def sizeHint(self, option, index):  # Qt override
        hint = super().sizeHint(option, index)
        hint.setHeight(QFontMetrics(option.font).height() * (TITLE_LINES + 1) + 6)
        return hint


TITLE_LINES = 2  # a title wraps onto a second line before it is cut short


def title_lines(title: str, metrics: QFontMetrics, width: int) -> list[str]:
    """`title` in at most TITLE_LINES lines of `width` pixels, broken between words, the last
    line cut short with "…" if it still does not fit."""
    lines: list[str] = []
    rest = title.strip()
    while rest and len(lines) < TITLE_LINES - 1 and metrics.horizontalAdvance(rest) > width:
        words, line = rest.split(" "), ""
        for count in range(len(words), 0, -1):
            candidate = " ".join(words[:count])
            if metrics.horizontalAdvance(candidate) <= width:
                line = candidate
                break
        if not line:  # one word wider than the line: cut it on the last line instead
            break
        lines.append(line)
        rest = rest[len(line) :].strip()
    if rest:
        lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
    return lines


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
        self.due_soon_only = False

    def set_filters(self, **changes) -> None:
        for name, value in changes.items():
            if name == "search":
                self.search_words = search_words(value)
            else:
                setattr(self, name, value)
        model: AnswerTreeModel = self.sourceModel()  # type: ignore[assignment]
        if model.show_only(self.shown(model.rows)):
            self.invalidate()

    def shown(self, rows: list[AnswerRow]) -> list[bool]:
        """For each of `rows`, whether the search and filters leave it."""
        narrowed = (
            self.topic,
            self.locale,
            self.status,
            self.review_due_only,
            self.due_soon_only,
            self.reviewer,
        )
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
        if self.due_soon_only and not row.status.is_due_soon:
            return False
        if self.reviewer is not None and not row.status.needs_review_by(self.reviewer):
            return False
        text = row.search_text
        return all(word in text for word in self.search_words)
