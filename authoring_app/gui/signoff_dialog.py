"""The sign-off dialog: before the passphrase, the doctor sees what they sign (who, what the
signature means, the exact text), every check result, every service and number the answer
will show, and the summary as the bot sends it. While a must-fix check stands without a
governor's exception, it says why signing is refused and asks for no passphrase."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QTextBrowser, QVBoxLayout

from authoring_app.gui.checks_panel import check_detail, check_headline, field_label
from authoring_app.gui.review_dialogs import action_buttons
from authoring_app.library.roster import Person
from authoring_app.release.preview import SignOffPreview


def _t(text: str) -> str:
    return QCoreApplication.translate("SignOffDialog", text)


def _esc(text: str) -> str:
    return html.escape(text or "", quote=False)


def statement_text(preview: SignOffPreview, person: Person, content_hash: str) -> str:
    """Who signs, what the signature means and which text, in the interface language."""
    signer = person.name + (f", {person.credentials}" if person.credentials else "")
    lines = [
        _t("Signing as: %1").replace("%1", signer),
        _t("Meaning of this signature: clinical approval for publication"),
        _t("Answer: %1 (%2)").replace("%1", str(preview.key)).replace("%2", preview.title),
        _t("Text signed: %1").replace("%1", content_hash),
        _t("Any later change to this text, or to a service it shows, voids this sign-off."),
    ]
    if person.demo:
        lines.insert(0, _t("DEMONSTRATION KEY: this sign-off counts only in a sample library."))
    return "\n".join(lines)


def details_html(preview: SignOffPreview) -> str:
    """Every check result, the services and numbers, and the summary as the bot sends it."""
    parts = [f"<h3>{_esc(_t('Checks'))}</h3>"]
    if not preview.checks:
        parts.append(f'<p style="color:#2e7d32;">✓ {_esc(_t("Every check passes."))}</p>')
    rows = []
    for problem in preview.checks:
        exception = preview.exception_for(problem.code)
        if problem.severity == "error" and exception is None:
            mark, colour = _t("Must fix"), "#b71c1c"
        elif problem.severity == "error":
            mark, colour = _t("Passed by an exception"), "#5c4400"
        else:
            mark, colour = _t("Consider"), "#8a5a00"
        row = (
            f'<li><b style="color:{colour};">{_esc(mark)}</b> · '
            f"{_esc(field_label(problem.field))}: <b>{_esc(check_headline(problem.code))}</b>"
            f"<br>{_esc(check_detail(problem))}"
        )
        if exception is not None:
            row += "<br><i>" + _esc(
                _t("Exception recorded by governor %1: %2")
                .replace("%1", preview.governor_name(exception.person))
                .replace("%2", exception.message or "")
            )
            row += "</i>"
        rows.append(row + "</li>")
    if rows:
        parts.append("<ul>" + "".join(rows) + "</ul>")
    parts.append(f"<h3>{_esc(_t('Services and numbers it shows'))}</h3>")
    services = []
    for service in preview.services:
        if service.get("missing"):
            missing = _t("%1: not in the directory").replace("%1", service["id"])
            services.append(f'<li style="color:#b71c1c;">{_esc(missing)}</li>')
            continue
        hours = f" · {_esc(service['hours'])}" if service.get("hours") else ""
        services.append(
            f"<li><b>{_esc(service['name'])}</b>: {_esc(service['contact'])}{hours}</li>"
        )
    parts.append(
        "<ul>" + "".join(services) + "</ul>" if services else f"<p>{_esc(_t('None.'))}</p>"
    )
    parts.append(f"<h3>{_esc(_t('The summary as the bot sends it'))}</h3>")
    parts.append(
        '<p style="background:#eef6ee;border:1px solid #b9d8b9;padding:6px;white-space:pre-wrap;">'
        f"{_esc(preview.summary)}</p>"
    )
    return "".join(parts)


def refusal_text(preview: SignOffPreview) -> str:
    names = "; ".join(dict.fromkeys(check_headline(p.code) for p in preview.standing))
    return _t(
        "Signing is refused: must-fix checks stand without a governor's exception (%1). "
        "Fix the answer, or ask a governor to record an exception with a reason."
    ).replace("%1", names)


class SignOffDialog(QDialog):
    """Shows what a sign-off covers, then asks for the passphrase (or refuses to sign).
    `unlock(passphrase)` returns the private key or raises, as for UnlockDialog."""

    def __init__(
        self,
        preview: SignOffPreview,
        person: Person,
        content_hash: str,
        intro: str,
        unlock: Callable[[str], object],
        parent=None,
    ):
        super().__init__(parent)
        self.setObjectName("signoff_dialog")
        self.setWindowTitle(_t("Sign off"))
        self._unlock = unlock
        self.private_key = None
        self.preview = preview
        self.statement = QLabel(intro + "\n\n" + statement_text(preview, person, content_hash))
        self.statement.setObjectName("unlock_statement")
        self.statement.setWordWrap(True)
        self.statement.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statement.setStyleSheet(
            "background: #f4f7fb; border: 1px solid #c9d6e8; padding: 10px;"
        )
        self.details = QTextBrowser()
        self.details.setObjectName("signoff_details")
        self.details.setHtml(details_html(preview))
        self.refusal = QLabel()
        self.refusal.setObjectName("signoff_refusal")
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet(
            "color: #b71c1c; font-weight: bold; background: #fdecea; padding: 8px;"
        )
        self.refusal.setVisible(bool(preview.standing))
        if preview.standing:
            self.refusal.setText(refusal_text(preview))
        ask = QLabel(_t("Passphrase of your signing key:"))
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_t("Passphrase"))
        ask.setBuddy(self.passphrase)
        self.error = QLabel()
        self.error.setObjectName("unlock_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.error.setVisible(False)
        buttons = action_buttons(self, _t("Sign off"))
        self.ok = buttons.buttons()[0]
        layout = QVBoxLayout(self)
        layout.addWidget(self.statement)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.refusal)
        layout.addWidget(ask)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        for widget in (ask, self.passphrase, self.ok):
            widget.setEnabled(not preview.standing)
        self.passphrase.setFocus()
        self.resize(860, 660)

    def accept(self) -> None:  # Qt override: only with an unlocked key, never while refused
        from authoring_app.review.keys import KeyStoreError, NoKey, WrongPassphrase

        if self.preview.standing:
            return
        try:
            self.private_key = self._unlock(self.passphrase.text())
        except WrongPassphrase:
            self._refuse(
                QCoreApplication.translate(
                    "UnlockDialog", "That passphrase is not right. Nothing was signed. Try again."
                )
            )
            return
        except NoKey:
            self._refuse(
                QCoreApplication.translate(
                    "UnlockDialog",
                    "There is no signing key for you on this computer. Nothing was signed. "
                    "Sign on the computer where your key was made, or make one with "
                    "“authoring-app keys new”.",
                )
            )
            return
        except KeyStoreError as exc:
            self._refuse(
                QCoreApplication.translate(
                    "UnlockDialog", "Your key could not be opened: %1"
                ).replace("%1", str(exc))
            )
            return
        super().accept()

    def _refuse(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)
        self.passphrase.clear()
        self.passphrase.setFocus()
