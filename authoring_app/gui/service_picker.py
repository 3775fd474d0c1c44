"""Pick a service from the directory by its name, to refer to it in an answer's text."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from authoring_app.library.directory import Directory, localise


class ServicePicker(QDialog):
    """A searchable list of the directory's services, named in the answer's language."""

    def __init__(self, directory: Directory, locale: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Insert a service"))
        intro = QLabel(
            self.tr(
                "Choose the service to name in the text. Readers see its name and contact as "
                "the directory has them, also after they change."
            )
        )
        intro.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setObjectName("service_search")
        self.search.setPlaceholderText(self.tr("Search by name or contact"))
        self.search.setAccessibleName(self.tr("Search services"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("services")
        self.list.setAccessibleName(self.tr("Services"))
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for service in directory:
            name = localise(service.name, locale) or service.id
            item = QListWidgetItem(f"{name} — {service.contact}")
            item.setData(Qt.ItemDataRole.UserRole, service.id)
            hours = localise(service.hours, locale)
            lines = [name, service.contact] + ([hours] if hours else [])
            item.setToolTip("<p>" + "<br>".join(html.escape(t) for t in lines) + "</p>")
            words = " ".join([*service.name.values(), service.contact, service.id]).lower()
            item.setData(Qt.ItemDataRole.UserRole + 1, words)
            self.list.addItem(item)
        self.empty = QLabel(self.tr("No service matches. Try another word."))
        self.empty.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(self.tr("Insert"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda _item: self._accept())
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.resize(600, 440)
        self._filter()

    def _filter(self) -> None:
        words = self.search.text().lower().split()
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            haystack = item.data(Qt.ItemDataRole.UserRole + 1)
            hidden = not all(word in haystack for word in words)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        self.list.setCurrentItem(first)
        self.empty.setVisible(first is None)
        self.ok.setEnabled(first is not None)

    def _accept(self) -> None:
        if self.chosen() is not None:
            self.accept()

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return None
        return item.data(Qt.ItemDataRole.UserRole)
