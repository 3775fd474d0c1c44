"""Who are you? Chosen from the library's roster, with each person's roles."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from authoring_app.library.roster import Person, Roster


def role_words(person: Person) -> str:
    words = {
        "author": QCoreApplication.translate("IdentityDialog", "writes answers"),
        "clinician": QCoreApplication.translate("IdentityDialog", "reviews and signs off"),
        "publisher": QCoreApplication.translate("IdentityDialog", "publishes releases"),
    }
    return ", ".join(words.get(r, r) for r in person.roles)


class IdentityDialog(QDialog):
    def __init__(self, roster: Roster, current: str | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Who are you?"))
        intro = QLabel(
            self.tr(
                "Choose yourself from the people of this library. Everything you save is "
                "recorded under your name. You can change this later in the Library menu."
            )
        )
        intro.setWordWrap(True)
        self.people = QListWidget()
        self.people.setAccessibleName(self.tr("People in this library"))
        for person in roster:
            text = f"{person.name}\n    {person.credentials or ''}"
            text += "\n    " + self.tr("Can: %1").replace("%1", role_words(person))
            item = QListWidgetItem(text.replace("\n    \n", "\n"))
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            self.people.addItem(item)
            if person.id == current:
                self.people.setCurrentItem(item)
        if self.people.currentRow() < 0 and self.people.count():
            self.people.setCurrentRow(0)
        self.people.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox()
        ok = buttons.addButton(self.tr("This is me"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.people, 1)
        layout.addWidget(buttons)
        self.resize(520, 420)

    def person_id(self) -> str | None:
        item = self.people.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None
