"""Small dialogs for review and publishing: a message that may be required, and unlocking a key.

`UnlockDialog` shows what is about to be signed, and only below it asks for the passphrase. A
wrong passphrase is said plainly in the dialog, which stays open for another try; nothing is
signed until the key is unlocked.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from authoring_app.gui.screen_fit import resize_for_text


def action_buttons(dialog: QDialog, action: str) -> QDialogButtonBox:
    """The dialog's buttons: `action` (the default) and Cancel, wired to accept and reject."""
    buttons = QDialogButtonBox()
    buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
    buttons.addButton(dialog.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class MessageDialog(QDialog):
    """A comment or a reason; with `required`, OK stays disabled until something is written."""

    def __init__(self, title: str, prompt: str, action: str, *, required: bool, parent=None):
        super().__init__(parent)
        self.setObjectName("message_dialog")
        self.setWindowTitle(title)
        self.required = required
        label = QLabel(prompt)
        label.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("message_text")
        self.text.setAccessibleName(title)
        self.text.setTabChangesFocus(True)
        label.setBuddy(self.text)
        self.hint = QLabel(self.tr("Write something first: this cannot be empty."))
        self.hint.setObjectName("message_hint")
        self.hint.setStyleSheet("color: #b35c00;")
        self.hint.setVisible(required)
        buttons = action_buttons(self, action)
        self.ok = buttons.buttons()[0]
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.text.textChanged.connect(self._changed)
        self._changed()
        self.resize(520, 300)

    def message(self) -> str:
        return self.text.toPlainText().strip()

    def _changed(self) -> None:
        empty = not self.message()
        self.ok.setEnabled(not (self.required and empty))
        self.hint.setVisible(self.required and empty)

    def accept(self) -> None:  # Qt override: never accept an empty required text
        if self.required and not self.message():
            self.hint.setVisible(True)
            return
        super().accept()


class UnlockDialog(QDialog):
    """Shows `statement` (what is signed and what the signature means), then asks the passphrase.

    `unlock(passphrase)` returns the private key or raises; `WrongPassphrase` keeps the dialog
    open with a plain message, any other error is shown and the dialog stays open too.
    """

    def __init__(
        self,
        title: str,
        statement: str,
        action: str,
        unlock: Callable[[str], object],
        parent=None,
    ):
        super().__init__(parent)
        self.setObjectName("unlock_dialog")
        self.setWindowTitle(title)
        self._unlock = unlock
        self.private_key = None
        self.attempts = 0
        self.statement = QLabel(statement)
        self.statement.setObjectName("unlock_statement")
        self.statement.setWordWrap(True)
        self.statement.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statement.setStyleSheet(
            "background: #f4f7fb; border: 1px solid #c9d6e8; padding: 10px;"
        )
        ask = QLabel(self.tr("Passphrase of your signing key:"))
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        ask.setBuddy(self.passphrase)
        self.error = QLabel()
        self.error.setObjectName("unlock_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.error.setVisible(False)
        buttons = action_buttons(self, action)
        self.ok = buttons.buttons()[0]
        layout = QVBoxLayout(self)
        layout.addWidget(self.statement)
        layout.addSpacing(8)
        layout.addWidget(ask)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.passphrase.setFocus()
        resize_for_text(self, 600)

    def accept(self) -> None:  # Qt override: only with an unlocked key
        from authoring_app.review.keys import KeyStoreError, NoKey, WrongPassphrase

        self.attempts += 1
        try:
            self.private_key = self._unlock(self.passphrase.text())
        except WrongPassphrase:
            self._refuse(self.tr("That passphrase is not right. Nothing was signed. Try again."))
            return
        except NoKey:
            self._refuse(
                self.tr(
                    "There is no signing key for you on this computer. Nothing was signed. "
                    "Sign on the computer where your key was made, or make one with "
                    "“authoring-app keys new”."
                )
            )
            return
        except KeyStoreError as exc:
            self._refuse(self.tr("Your key could not be opened: %1").replace("%1", str(exc)))
            return
        super().accept()

    def _refuse(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)
        self.passphrase.clear()
        self.passphrase.setFocus()


class NewPassphraseDialog(QDialog):
    """Makes a person's first signing key: a passphrase typed twice, of a sensible length."""

    MINIMUM = 8

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.setObjectName("new_key_dialog")
        self.setWindowTitle(self.tr("Make your signing key"))
        intro = QLabel(
            self.tr(
                "%1, you have no signing key on this computer yet. What you save and every "
                "review step are signed with it, so that everyone can see they are yours. "
                "Choose a passphrase you will remember: nobody can recover it."
            ).replace("%1", name)
        )
        intro.setWordWrap(True)
        self.first = self._field(self.tr("Passphrase"), "new_passphrase")
        self.second = self._field(self.tr("The same passphrase again"), "new_passphrase_again")
        self.error = QLabel()
        self.error.setObjectName("new_key_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.error.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for label, field in (
            (self.tr("Passphrase (at least %1 characters):").replace("%1", str(self.MINIMUM)),
             self.first),
            (self.tr("The same passphrase again:"), self.second),
        ):  # fmt: skip
            caption = QLabel(label)
            caption.setBuddy(field)
            layout.addWidget(caption)
            layout.addWidget(field)
        layout.addWidget(self.error)
        buttons = action_buttons(self, self.tr("Make my key"))
        self.ok = buttons.buttons()[0]
        layout.addWidget(buttons)
        self.first.setFocus()
        resize_for_text(self, 560)

    def _field(self, name: str, object_name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(object_name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(name)
        return field

    def passphrase(self) -> str:
        return self.first.text()

    def accept(self) -> None:  # Qt override: only two equal, long enough passphrases
        if len(self.first.text()) < self.MINIMUM:
            problem = self.tr("The passphrase is too short.")
        elif self.first.text() != self.second.text():
            problem = self.tr("The two passphrases differ.")
        else:
            super().accept()
            return
        self.error.setText(problem + " " + self.tr("Nothing was made yet."))
        self.error.setVisible(True)
        self.second.clear()
        self.first.setFocus()
