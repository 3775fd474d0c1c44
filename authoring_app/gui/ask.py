"""Questions and messages for the person at the keyboard.

Every modal question goes through a function here, so tests replace it with
`monkeypatch.setattr(ask, "unsaved_changes", lambda *a: ask.SAVE)`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def unsaved_changes(parent: QWidget | None, title: str) -> str:
    """Save, discard or cancel unsaved changes to the answer called `title`."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Ask", "Unsaved changes"))
    box.setText(
        QCoreApplication.translate("Ask", "You have changed “%1” and not saved it.").replace(
            "%1", title
        )
    )
    box.setInformativeText(QCoreApplication.translate("Ask", "Save your changes before going on?"))
    save = box.addButton(
        QCoreApplication.translate("Ask", "&Save"), QMessageBox.ButtonRole.AcceptRole
    )
    discard = box.addButton(
        QCoreApplication.translate("Ask", "&Don't save"), QMessageBox.ButtonRole.DestructiveRole
    )
    box.addButton(QCoreApplication.translate("Ask", "Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    return SAVE if clicked is save else DISCARD if clicked is discard else CANCEL


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """Ask before doing something; `action` names the button that goes ahead."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(
        QCoreApplication.translate("Ask", "Cancel"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is go


def void_sign_offs(parent: QWidget | None, title: str, count: int, released: bool) -> bool:
    """Before the first change to a signed-off text: saving voids `count` sign-offs (and, if
    `released`, leaves the answer out of the next release). True to go on changing it."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Ask", "Change a signed-off answer?"))
    signed = (
        QCoreApplication.translate("Ask", "“%1” has been signed off by one doctor.")
        if count == 1
        else QCoreApplication.translate("Ask", "“%1” has been signed off by %2 doctors.")
    )
    box.setText(signed.replace("%1", title).replace("%2", str(count)))
    if released:
        saving = QCoreApplication.translate(
            "Ask",
            "If you save a change, these sign-offs no longer count and the answer is left out "
            "of the next release until doctors sign off the new text. A release bots already "
            "have keeps the old text.",
        )
    else:
        saving = QCoreApplication.translate(
            "Ask",
            "If you save a change, these sign-offs no longer count: doctors must sign off the "
            "new text.",
        )
    box.setInformativeText(saving)
    go = box.addButton(
        QCoreApplication.translate("Ask", "&Change the text"), QMessageBox.ButtonRole.AcceptRole
    )
    keep = box.addButton(
        QCoreApplication.translate("Ask", "&Leave it as it is"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is go


def restore_unsaved(parent: QWidget | None, title: str, when: str) -> bool:
    """Offer back text that was not saved when the app last stopped."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("Ask", "Unsaved text found"))
    box.setText(
        QCoreApplication.translate(
            "Ask", "The app stopped before your changes to “%1” were saved (%2)."
        )
        .replace("%1", title)
        .replace("%2", when)
    )
    box.setInformativeText(QCoreApplication.translate("Ask", "Bring back the unsaved text?"))
    restore = box.addButton(
        QCoreApplication.translate("Ask", "&Bring it back"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(
        QCoreApplication.translate("Ask", "&Throw it away"), QMessageBox.ButtonRole.DestructiveRole
    )
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore


def error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def message(
    parent: QWidget | None, title: str, prompt: str, action: str, *, required: bool = True
) -> str | None:
    """A comment or a reason; None if cancelled. With `required`, empty text is not accepted."""
    from authoring_app.gui.review_dialogs import MessageDialog

    dialog = MessageDialog(title, prompt, action, required=required, parent=parent)
    return dialog.message() if dialog.exec() else None


def unlock_key(parent: QWidget | None, title: str, statement: str, action: str, unlock):
    """Show what is about to be signed, then ask the passphrase; the unlocked key or None."""
    from authoring_app.gui.review_dialogs import UnlockDialog

    dialog = UnlockDialog(title, statement, action, unlock, parent)
    return dialog.private_key if dialog.exec() else None


def new_passphrase(parent: QWidget | None, name: str) -> str | None:
    """A passphrase for `name`'s first signing key, typed twice; None if they decline."""
    from authoring_app.gui.review_dialogs import NewPassphraseDialog

    dialog = NewPassphraseDialog(name, parent)
    return dialog.passphrase() if dialog.exec() else None
