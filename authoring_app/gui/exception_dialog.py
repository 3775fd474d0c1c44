"""Answer → Let a must-fix check pass…: a governor records a signed exception for the open
answer's exact text, naming the check and saying why (review/exceptions.py). Anyone may open
it to see what stands; only a governor's key signs. The exception shows in the checks, the
sign-off dialog, the audit trail and the bundle, and holds only for this text."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from authoring_app.gui import ask
from authoring_app.gui.checks_panel import check_headline
from authoring_app.gui.extensions import SCREENSHOT_VIEWS


def tr(text: str) -> str:
    return QApplication.translate("ExceptionDialog", text)


class ExceptionDialog(QDialog):
    def __init__(self, window, answer, standing, governors):
        super().__init__(window)
        self.window, self.answer = window, answer
        self.setObjectName("exception_dialog")
        self.setWindowTitle(tr("Let a must-fix check pass"))
        intro = QLabel(
            tr(
                "A governor may let a must-fix check pass for this exact text of “%1”, saying "
                "why. Doctors see the exception before they sign off, and it goes out with the "
                "answer. Any change to the text ends it."
            ).replace("%1", answer.title)
        )
        intro.setWordWrap(True)
        self.check = QComboBox()
        self.check.setObjectName("exception_check")
        for problem in standing:
            self.check.addItem(check_headline(problem.code), problem.code)
        self.governor = QComboBox()
        self.governor.setObjectName("exception_governor")
        for governor in governors:
            self.governor.addItem(governor.name, governor.id)
        person = getattr(window, "person", None)
        index = self.governor.findData(person.id if person else None)
        self.governor.setCurrentIndex(max(index, 0))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("exception_reason")
        self.reason.setPlaceholderText(
            tr("Why this text may go out as it is (everyone who checks the answer reads this)")
        )
        self.reason.textChanged.connect(self._update)
        form = QFormLayout()
        form.addRow(tr("Check"), self.check)
        form.addRow(tr("Governor"), self.governor)
        form.addRow(tr("Reason"), self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.sign = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign.setText(tr("Sign the exception…"))
        self.sign.setObjectName("exception_sign")
        self.buttons.accepted.connect(self.sign_exception)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(620, 360)
        self._update()

    def _update(self) -> None:
        self.sign.setEnabled(bool(self.reason.toPlainText().strip()) and self.check.count() > 0)

    def sign_exception(self) -> None:
        from authoring_app.library.library import LibraryError
        from authoring_app.review.exceptions import record_exception
        from authoring_app.review.keys import KeyStore
        from authoring_app.review.signing import ReviewError

        governor_id, name = self.governor.currentData(), self.governor.currentText()
        check, reason = self.check.currentData(), self.reason.toPlainText().strip()
        key = ask.unlock_key(
            self,
            tr("Sign the exception"),
            tr("Signing as: %1\nYou let “%2” pass for this exact text, because: %3")
            .replace("%1", name)
            .replace("%2", self.check.currentText())
            .replace("%3", reason),
            tr("Sign"),
            lambda passphrase: KeyStore().load(governor_id, passphrase),
        )
        if key is None:
            return
        try:
            record_exception(self.window.library, self.answer.key, governor_id, key, check, reason)
        except (ReviewError, LibraryError, OSError) as exc:
            ask.error(self, tr("Not signed"), str(exc))
            return
        self.accept()
        self.window.refresh_list()
        self.window.statusBar().showMessage(tr("The exception is signed and recorded."), 8000)


def standing_of(window):
    """(the open answer as saved, the must-fix checks standing on it without an exception)."""
    from authoring_app.review.exceptions import standing_errors
    from authoring_app.review.library_status import answer_status

    key = window.current_key()
    if window.library is None or key is None or window.editor.is_modified:
        return None, []
    answer = window.library.find(key)
    if answer is None:
        return None, []
    status = answer_status(window.library, key)
    return answer, standing_errors(window.library, answer, status.exceptions)


def open_exception_dialog(window) -> ExceptionDialog | None:
    from authoring_app.review.governed import governed

    if window.library is not None and window.editor.is_modified:
        ask.inform(
            window,
            tr("Save first"),
            tr("Save the answer first: an exception holds for saved text."),
        )
        return None
    answer, standing = standing_of(window)
    if answer is None:
        return None
    if not standing:
        ask.inform(
            window,
            tr("Nothing to let pass"),
            tr("No must-fix check stands on this answer's text without an exception."),
        )
        return None
    trusted = governed(window.library)
    if not trusted.founded:
        ask.inform(
            window,
            tr("No governors yet"),
            tr("Only a governor records an exception, and this library has no governors yet."),
        )
        return None
    dialog = ExceptionDialog(window, answer, standing, trusted.governors)
    window.exception_dialog = dialog
    dialog.open()
    return dialog


def install(window) -> None:
    window.actions.add(
        "record_exception",
        tr("Let a must-fix check &pass… (governor)"),
        lambda: open_exception_dialog(window),
        menu="answer",
        tip=tr("A governor lets a must-fix check pass for this exact text, saying why"),
    )


def exception_screenshot(window):
    from authoring_app.review.governed import governed

    answer, standing = standing_of(window)
    if answer is None or not standing:
        return window
    dialog = ExceptionDialog(window, answer, standing, governed(window.library).governors)
    dialog.reason.setPlainText(tr("Example reason"))
    return dialog


SCREENSHOT_VIEWS["exception"] = exception_screenshot
