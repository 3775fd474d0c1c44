"""Driving review, sign-off and publishing through the real widgets and dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from tests.release.helpers import PASSPHRASE


def settle(qtbot, window) -> None:
    """Every queued background job has run and delivered."""
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=15_000)


def in_next_dialog(callback) -> None:
    """Run `callback(dialog)` on the modal dialog about to open."""

    def run():
        dialog = QApplication.activeModalWidget()
        assert dialog is not None, "no dialog opened"
        callback(dialog)

    QTimer.singleShot(0, run)


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def become(qtbot, window, person_id: str) -> None:
    """Say who is at the keyboard through the real Who am I dialog."""

    def choose(dialog):
        for row in range(dialog.people.count()):
            if dialog.people.item(row).data(Qt.ItemDataRole.UserRole) == person_id:
                dialog.people.setCurrentRow(row)
        dialog.accept()

    in_next_dialog(choose)
    window.actions["identity"].trigger()
    assert window.person.id == person_id
    settle(qtbot, window)


def open_review(qtbot, window, key) -> object:
    """Open `key` with the Review panel showing; returns the panel once it is read."""
    window.open_answer(key)
    window.actions["show_review"].trigger()
    panel = window.review_panel
    settle(qtbot, window)
    qtbot.waitUntil(lambda: panel.view is not None and panel.view.key == key)
    return panel


def type_message(qtbot, text: str):
    def write(dialog):
        qtbot.keyClicks(dialog.text, text)
        click(qtbot, dialog.ok)

    in_next_dialog(write)


def give_passphrase(qtbot, *attempts: str, seen: list | None = None):
    """Answer the unlock dialog with each passphrase in turn (the last one should unlock)."""

    def unlock(dialog):
        if seen is not None:
            seen.append(dialog.statement.text())
        for passphrase in attempts:
            dialog.passphrase.clear()
            qtbot.keyClicks(dialog.passphrase, passphrase)
            click(qtbot, dialog.ok)
            if dialog.isVisible() and seen is not None:
                seen.append(dialog.error.text())
        if dialog.isVisible():
            dialog.reject()

    in_next_dialog(unlock)


def sign_off(qtbot, window, panel, passphrase: str = PASSPHRASE, seen=None) -> None:
    give_passphrase(qtbot, passphrase, seen=seen)
    click(qtbot, panel.buttons["sign_off"])
    settle(qtbot, window)


def plain(label) -> str:
    """What a rich-text label says, without its markup."""
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText()
