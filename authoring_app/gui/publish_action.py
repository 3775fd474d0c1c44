"""Library → Publish…: the action (for publishers only), and the dialog's screenshot view."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from authoring_app.gui import ask
from authoring_app.gui.extensions import SCREENSHOT_VIEWS
from authoring_app.gui.publish_dialog import SHORTCUT, PublishDialog


def can_publish(window) -> bool:
    person = window.person
    return window.library is not None and person is not None and person.has_role("publisher")


def open_publish_dialog(window) -> PublishDialog | None:
    if not can_publish(window):
        ask.error(
            window,
            QApplication.translate("PublishDialog", "Only a publisher can publish"),
            QApplication.translate(
                "PublishDialog",
                "Publishing needs the publisher role in people.yaml. Say who you are in the "
                "Library menu.",
            ),
        )
        return None
    if not window.leave_answer():
        return None
    dialog = PublishDialog(window)
    window.publish_dialog = dialog
    dialog.open()
    return dialog


def install(window) -> None:
    action = window.actions.add(
        "publish",
        QApplication.translate("PublishDialog", "&Publish…"),
        lambda: open_publish_dialog(window),
        menu="library",
        shortcut=SHORTCUT,
        tip=QApplication.translate("PublishDialog", "Build, sign and release the approved answers"),
    )

    def update(*_args) -> None:
        allowed = can_publish(window)
        action.setEnabled(allowed)
        action.setToolTip(
            QApplication.translate("PublishDialog", "Build, sign and release the approved answers")
            if allowed
            else QApplication.translate("PublishDialog", "Only a publisher can publish")
        )

    window.library_loaded.connect(update)
    window.person_changed.connect(update)
    update()


def publish_screenshot(window):
    """The publish dialog over the open library, as its first publisher."""
    publisher = next(iter(window.library.roster.with_role("publisher")), None)
    if publisher is not None:
        window.person = publisher
        window._show_person()
        window.person_changed.emit(publisher)
    dialog = PublishDialog(window)
    dialog.resize(window.size())
    for _ in range(40):
        window.tasks.wait()
        window.bot_index.wait()
        QApplication.processEvents()
        if not window.tasks.busy and not window.bot_index.runner.busy:
            break
    return dialog


SCREENSHOT_VIEWS["publish"] = publish_screenshot
