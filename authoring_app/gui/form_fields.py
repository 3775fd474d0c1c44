"""Form widgets for an answer's list fields: phrases, sources, referrals and visibility."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from authoring_app.library.answer import Source
from authoring_app.library.directory import Directory, localise


class StringListEdit(QWidget):
    """An editable list of short texts: type into the box and press Enter (or Add) to add;
    double-click (or F2) an entry to change it; Delete (or Remove) takes it out."""

    changed = Signal()

    def __init__(self, name: str, placeholder: str, parent=None):
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setAccessibleName(name)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setMaximumHeight(110)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        self.list.model().rowsMoved.connect(lambda *_: self.changed.emit())
        self.entry = QLineEdit()
        self.entry.setPlaceholderText(placeholder)
        self.entry.setAccessibleName(self.tr("New entry for: %1").replace("%1", name))
        self.entry.returnPressed.connect(self.add_entry)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.setAccessibleName(self.tr("Add to: %1").replace("%1", name))
        self.add_button.clicked.connect(self.add_entry)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setAccessibleName(self.tr("Remove from: %1").replace("%1", name))
        self.remove_button.clicked.connect(self.remove_current)
        # The new entry across the whole width, its buttons under it: in a narrow column a
        # box beside two buttons is too short to show what is being typed.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.entry)
        layout.addLayout(row)

    def add_entry(self) -> None:
        text = " ".join(self.entry.text().split())
        if not text:
            return
        self._append(text)
        self.entry.clear()
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()

    def keyPressEvent(self, event):  # Qt override
        if event.key() == Qt.Key.Key_Delete and self.list.hasFocus():
            self.remove_current()
        else:
            super().keyPressEvent(event)

    def _append(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.addItem(item)

    def values(self) -> list[str]:
        texts = (" ".join(self.list.item(i).text().split()) for i in range(self.list.count()))
        return [t for t in texts if t]

    def set_values(self, values) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for value in values:
            self._append(value)
        self.list.blockSignals(False)

    def focus_entry(self, index: int | None = None) -> None:
        if index is not None and 0 <= index < self.list.count():
            self.list.setFocus()
            self.list.setCurrentRow(index)
        else:
            self.entry.setFocus()


class LinesEdit(QPlainTextEdit):
    """Short texts, one a line: the emergency response's trigger words."""

    changed = Signal()

    def __init__(self, name: str, placeholder: str, parent=None):
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self.setMaximumHeight(150)
        self.textChanged.connect(self.changed)

    def values(self) -> list[str]:
        lines = (" ".join(line.split()) for line in self.toPlainText().splitlines())
        return [line for line in lines if line]

    def set_values(self, values) -> None:
        self.blockSignals(True)
        self.setPlainText("\n".join(values))
        self.document().clearUndoRedoStacks()
        self.blockSignals(False)

    def focus_entry(self, index: int | None = None) -> None:
        """Put the cursor at the start of line `index` (of the non-empty lines)."""
        self.setFocus()
        if index is None:
            return
        block, seen = self.document().firstBlock(), -1
        while block.isValid():
            seen += bool(block.text().strip())
            if seen == index:
                cursor = self.textCursor()
                cursor.setPosition(block.position())
                self.setTextCursor(cursor)
                return
            block = block.next()


def _address_text(source: Source) -> str:
    """A source's address as its cell shows it: the web address, or doi:… for a DOI."""
    return source.url or (f"doi:{source.doi}" if source.doi else "")


def _source_from(title: str, address: str, before: Source | None) -> Source:
    """The source a row now says; `before` (what the row was loaded with) keeps what the
    cells do not show (an offline document) while the address is left as it was."""
    if before is not None and address == _address_text(before):
        return Source(title, before.url, before.doi, before.offline)
    bare = address.removeprefix("doi:").strip()
    if bare.startswith("10.") and "/" in bare:
        return Source(title, doi=bare)
    return Source(title, address or None)


class SourcesEdit(QWidget):
    """Sources as rows of title and web address (or DOI)."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table = QTableWidget(0, 2)
        self.table.setAccessibleName(self.tr("Sources"))
        self.table.setHorizontalHeaderLabels([self.tr("Title"), self.tr("Web address")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setMaximumHeight(120)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        self.title_entry = QLineEdit()
        self.title_entry.setPlaceholderText(self.tr("Source title, e.g. WHO guideline"))
        self.title_entry.setAccessibleName(self.tr("New source title"))
        self.url_entry = QLineEdit()
        self.url_entry.setPlaceholderText(self.tr("Web address (https://…) or DOI (10.…)"))
        self.url_entry.setAccessibleName(self.tr("New source web address"))
        self.title_entry.returnPressed.connect(self.add_entry)
        self.url_entry.returnPressed.connect(self.add_entry)
        add = QPushButton(self.tr("Add source"))
        add.clicked.connect(self.add_entry)
        remove = QPushButton(self.tr("Remove"))
        remove.setAccessibleName(self.tr("Remove source"))
        remove.clicked.connect(self.remove_current)
        # The title and the address each across the whole width, the buttons under them.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(add)
        row.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.title_entry)
        layout.addWidget(self.url_entry)
        layout.addLayout(row)

    def add_entry(self) -> None:
        title = " ".join(self.title_entry.text().split())
        if not title:
            self.title_entry.setFocus()
            return
        self._append(_source_from(title, self.url_entry.text().strip(), None))
        self.title_entry.clear()
        self.url_entry.clear()
        self.title_entry.setFocus()
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()

    def _append(self, source: Source) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        title = QTableWidgetItem(source.title)
        title.setData(Qt.ItemDataRole.UserRole, source)  # what the row was loaded with
        self.table.setItem(row, 0, title)
        self.table.setItem(row, 1, QTableWidgetItem(_address_text(source)))

    def values(self) -> list[Source]:
        found = []
        for row in range(self.table.rowCount()):
            title, url = (self.table.item(row, c) for c in (0, 1))
            title_text = " ".join((title.text() if title else "").split())
            if title_text:
                before = title.data(Qt.ItemDataRole.UserRole) if title else None
                address = url.text().strip() if url else ""
                found.append(_source_from(title_text, address, before))
        return found

    def set_values(self, sources) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for source in sources:
            self._append(source)
        self.table.blockSignals(False)

    def focus_entry(self, index: int | None = None) -> None:
        if index is not None and 0 <= index < self.table.rowCount():
            self.table.setFocus()
            self.table.setCurrentCell(index, 0)
        else:
            self.title_entry.setFocus()


class ReferralList(QListWidget):
    """Services from the directory to refer people to, ticked by name (in the order ticked)."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Refer to services"))
        self.setMaximumHeight(130)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.itemChanged.connect(self._item_changed)
        self._chosen: list[str] = []

    def set_directory(self, directory: Directory, locale: str) -> None:
        self.blockSignals(True)
        self.clear()
        for service in directory:
            item = QListWidgetItem(f"{localise(service.name, locale)} — {service.contact}")
            item.setData(Qt.ItemDataRole.UserRole, service.id)
            item.setToolTip(f"{localise(service.name, locale)} — {service.contact} ({service.id})")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.blockSignals(False)

    def set_values(self, ids) -> None:
        self._chosen = list(dict.fromkeys(ids))  # unknown ids are kept, and the checks say so
        self.blockSignals(True)
        for row in range(self.count()):
            item = self.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in self._chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.blockSignals(False)

    def _item_changed(self, item: QListWidgetItem) -> None:
        service_id = item.data(Qt.ItemDataRole.UserRole)
        checked = item.checkState() == Qt.CheckState.Checked
        if checked and service_id not in self._chosen:
            self._chosen.append(service_id)
        elif not checked and service_id in self._chosen:
            self._chosen.remove(service_id)
        self.changed.emit()

    def values(self) -> list[str]:
        return list(self._chosen)

    def check(self, service_id: str, on: bool = True) -> None:
        for row in range(self.count()):
            item = self.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == service_id:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


class VisibilityChoice(QWidget):
    """group or private, explained in words."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.group = QRadioButton(self.tr("Group chats too"))
        self.private = QRadioButton(self.tr("Private messages only"))
        self.group.setToolTip(self.tr("A bot may send this answer in a group chat."))
        self.private.setToolTip(
            self.tr("A bot sends this answer only in a one-to-one chat, never in a group.")
        )
        buttons = QButtonGroup(self)
        buttons.addButton(self.group)
        buttons.addButton(self.private)
        self.group.setChecked(True)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.explain.setStyleSheet("color: palette(placeholder-text);")
        self.group.toggled.connect(self._on_toggled)
        row = QHBoxLayout()
        row.addWidget(self.group)
        row.addWidget(self.private)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.explain)
        self._explain()

    def _on_toggled(self, _on: bool) -> None:
        self._explain()
        self.changed.emit()

    def _explain(self) -> None:
        self.explain.setText(
            self.tr("A bot may send this answer in a group chat as well as in private.")
            if self.group.isChecked()
            else self.tr("A bot sends this answer only in a one-to-one chat, never in a group.")
        )

    def value(self) -> str:
        return "group" if self.group.isChecked() else "private"

    def set_value(self, value: str) -> None:
        self.blockSignals(True)
        (self.private if value == "private" else self.group).setChecked(True)
        self.blockSignals(False)
        self._explain()


def explain_fields(editor) -> None:
    """Tooltips for the answer editor's fields whose use is not plain from their names."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("AnswerEditor", text)

    for widget, tip in (
        (editor.summary, tr("What a chat bot sends first; the full answer follows when the "
                            "person asks for more.")),
        (editor.questions, tr("Write each way people ask, in their own words: a bot uses "
                              "these to find this answer.")),
        (editor.red_flags, tr("Signs that mean the person must get medical help now or soon; "
                              "they are shown with the answer.")),
        (editor.refer_to, tr("Tick the services the answer points people to; their names, "
                             "numbers and hours come from the directory.")),
        (editor.tags, tr("Words that help a bot and the answer list find this answer.")),
    ):  # fmt: skip
        widget.setToolTip(tip)
