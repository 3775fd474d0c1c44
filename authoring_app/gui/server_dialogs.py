"""What the server asks, asked of the person: signing in, an SSH key's passphrase, and
whether to trust an SSH server met for the first time.

A password typed here goes to git through askpass (sync/askpass.py) and is kept only by the
system's credential store (git's credential helper); it is never shown again, written into
the library or put in a message.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)


def tr(text: str) -> str:
    return QCoreApplication.translate("ServerDialogs", text)


def server_dialog(parent, question) -> QDialog:
    """The dialog that asks `question` (askpass.Question); see `answer`."""
    if question.kind == "host-key":
        return HostKeyDialog(question, parent)
    return SignInDialog(question, parent)


def answer(dialog: QDialog, accepted: bool):
    """What the person answered in `dialog`: None if they cancelled; for a user name, (user
    name, password), asked together."""
    if isinstance(dialog, HostKeyDialog):
        return "yes" if accepted else "no"
    if not accepted:
        return None
    if dialog.question.kind == "username":
        return dialog.username.text(), dialog.password.text()
    return dialog.password.text()


class SignInDialog(QDialog):
    """User name and password (or access token), or a key's passphrase."""

    def __init__(self, question, parent=None):
        super().__init__(parent)
        self.setObjectName("sign_in_dialog")
        self.question = question
        where = html.escape(question.where)
        if question.kind == "passphrase":
            self.setWindowTitle(tr("Unlock your SSH key"))
            text = tr("Type the passphrase of your SSH key %1 to connect to the shared library.")
        else:
            self.setWindowTitle(tr("Sign in to %1").replace("%1", question.where))
            text = tr(
                "The shared library at %1 asks who you are. Use your account on that server. "
                "Where the server offers access tokens, put the token in the password field."
            )
        intro = QLabel(text.replace("%1", f"<b>{where}</b>"))
        intro.setWordWrap(True)
        kept = QLabel(
            tr(
                "Your password is kept by this computer's password store (or, without one, "
                "in memory until the end of the day). It is never written into the library."
            )
        )
        kept.setWordWrap(True)
        kept.setStyleSheet("color: #5f6b7a;")
        self.username = QLineEdit(question.username)
        self.username.setObjectName("sign_in_username")
        self.username.setAccessibleName(tr("User name"))
        self.password = QLineEdit()
        self.password.setObjectName("sign_in_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        if question.kind == "username":
            form.addRow(tr("&User name:"), self.username)
        elif question.username:
            form.addRow(tr("User name:"), QLabel(html.escape(question.username)))
        label = tr("&Passphrase:") if question.kind == "passphrase" else tr("&Password or token:")
        self.password.setAccessibleName(label.replace("&", "").rstrip(":"))
        form.addRow(label, self.password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Sign in"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(kept)
        layout.addWidget(buttons)
        (self.username if question.kind == "username" else self.password).setFocus()
        self.resize(520, self.sizeHint().height())


class HostKeyDialog(QDialog):
    """First contact with an SSH server: its fingerprint, to compare before trusting it."""

    def __init__(self, question, parent=None):
        super().__init__(parent)
        self.setObjectName("host_key_dialog")
        self.setWindowTitle(tr("First connection to %1").replace("%1", question.where))
        intro = QLabel(
            tr(
                "This computer has not connected to %1 before. To be sure it is your "
                "organisation's server and not someone in between, compare its fingerprint "
                "with the one your team lead gave you (by phone or in person)."
            ).replace("%1", f"<b>{html.escape(question.where)}</b>")
        )
        intro.setWordWrap(True)
        self.fingerprint = QLabel(html.escape(question.fingerprint or "?"))
        self.fingerprint.setObjectName("host_key_fingerprint")
        self.fingerprint.setStyleSheet("font-family: monospace; font-size: large; padding: 8px;")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        advice = QLabel(
            tr("Connect only if the two are exactly the same. The app remembers this server.")
        )
        advice.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.connect_button = buttons.addButton(
            tr("They match: connect"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.connect_button.setObjectName("host_key_accept")
        self.refuse_button = buttons.addButton(
            tr("Do not connect"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.refuse_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel(tr("Fingerprint (%1):").replace("%1", question.key_type or "?")))
        layout.addWidget(self.fingerprint)
        layout.addWidget(advice)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())
