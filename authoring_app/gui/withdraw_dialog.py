"""Answer → Withdraw from the bots… (doctors only): take an answer off the bots in every
language (or one), signed, with a reason; then offer to publish an urgent release.

The core operation is review/withdrawal.py; this asks which languages (all by default) and
why (required), signs with the doctor's key, and then, for a publisher, opens the Publish
dialog at once (an urgent release, or "Confirm it is still current", which sends the signed
withdrawal notice). Anyone else is told to ask a publisher.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from authoring_app.gui import ask
from authoring_app.gui.dialogs import language_name
from authoring_app.gui.review_dialogs import action_buttons
from authoring_app.gui.screen_fit import resize_to_fit


class WithdrawDialog(QDialog):
    """Which languages and why; `accept` only with a reason."""

    def __init__(self, title: str, answer_id: str, locales: list[str], parent=None):
        super().__init__(parent)
        self.setObjectName("withdraw_dialog")
        self.setWindowTitle(self.tr("Withdraw from the bots"))
        intro = QLabel(
            "<h3>{}</h3><p>{}</p>".format(
                html.escape(self.tr("Withdraw “%1” from the bots").replace("%1", title)),
                html.escape(
                    self.tr(
                        "Bots stop giving this answer: it is left out of the next release, and "
                        "a publisher can take it off the bots at once. It comes back only when "
                        "doctors sign it off again. Your signature and the reason are kept in "
                        "the answer's history."
                    )
                ),
            )
        )
        intro.setWordWrap(True)
        self.languages = QComboBox()
        self.languages.setObjectName("withdraw_languages")
        every = ", ".join(language_name(loc) for loc in locales)
        self.languages.addItem(self.tr("All languages (%1)").replace("%1", every), None)
        for locale in locales:
            self.languages.addItem(language_name(locale), locale)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("withdraw_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setAccessibleName(self.tr("Why it is withdrawn"))
        self.reason.setPlaceholderText(
            self.tr("What is wrong with this advice, and what should happen next")
        )
        self.hint = QLabel()
        self.hint.setObjectName("withdraw_hint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #b71c1c;")
        self.hint.setVisible(False)
        form = QFormLayout()
        label = QLabel(self.tr("&Languages:"))
        label.setBuddy(self.languages)
        form.addRow(label, self.languages)
        label = QLabel(self.tr("&Reason (required):"))
        label.setBuddy(self.reason)
        form.addRow(label, self.reason)
        buttons = action_buttons(self, self.tr("&Withdraw…"))
        self.withdraw_button = buttons.buttons()[0]
        self.withdraw_button.setObjectName("withdraw_go")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form, 1)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        resize_to_fit(self, 640, 420)

    def locales(self) -> list[str] | None:
        """The chosen language, or None for every language."""
        chosen = self.languages.currentData()
        return None if chosen is None else [chosen]

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def accept(self) -> None:  # Qt override: never without a reason
        if not self.reason_text():
            self.hint.setText(
                self.tr(
                    "Say why the answer is withdrawn: a withdrawal needs a reason. It is signed "
                    "with it and shown in the history."
                )
            )
            self.hint.setVisible(True)
            self.reason.setFocus()
            return
        super().accept()


def can_withdraw(window) -> bool:
    person = window.person
    return (
        window.library is not None
        and person is not None
        and person.has_role("clinician")
        and window.current_key() is not None
    )


def refusal_words(exc: BaseException) -> str:
    """A refused withdrawal in the interface language."""
    code = getattr(exc, "code", None)
    params = getattr(exc, "params", {})
    if code == "no-reason":
        return WithdrawDialog.tr("Say why the answer is withdrawn: a withdrawal needs a reason.")
    if code == "not-clinician":
        return WithdrawDialog.tr(
            "Only a doctor (the clinician role in the governed people.yaml), with their own "
            "key, can withdraw an answer."
        )
    if code == "already-withdrawn":
        return WithdrawDialog.tr("This answer is already withdrawn.")
    if code == "no-such-answer":
        return WithdrawDialog.tr("There is no answer %1 in this library.").replace(
            "%1", str(params.get("answer", ""))
        )
    return str(exc)


def withdraw_answer(window) -> bool:
    """The whole flow from the menu; True once the signed withdrawal is on its way."""
    from authoring_app.review.withdrawal import withdraw

    tr = WithdrawDialog.tr
    if not can_withdraw(window):
        ask.error(window, tr("Only a doctor can withdraw"), refusal_words(_NotClinician()))
        return False
    if not window.leave_answer():
        return False
    library, person, key = window.library, window.person, window.current_key()
    locales = sorted(a.locale for a in library.answers() if a.id == key.id)
    answer = library.find(key)
    dialog = WithdrawDialog(answer.title if answer else key.id, key.id, locales, window)
    window.withdraw_dialog = dialog
    if not dialog.exec():
        return False
    private_key = window.session_keys.key_for(window, person)
    if private_key is None:
        window.statusBar().showMessage(tr("Not withdrawn: a withdrawal is signed with your key."))
        return False
    window.tasks.run(
        lambda: withdraw(
            library,
            key.id,
            person,
            private_key,
            reason=dialog.reason_text(),
            locales=dialog.locales(),
        ),
        on_done=lambda records: _withdrawn(window, person, key.id, records),
        on_error=lambda exc: ask.error(window, tr("Not withdrawn"), refusal_words(exc)),
        description=tr("Withdrawing"),
    )
    return True


def _withdrawn(window, person, answer_id: str, records) -> None:
    """Say what was withdrawn, then offer the urgent release (or say who can send it)."""
    tr = WithdrawDialog.tr
    window.refresh_list()
    languages = ", ".join(language_name(r.locale) for r in records)
    done = tr("Withdrawn: %1 (%2).").replace("%1", answer_id).replace("%2", languages)
    window.statusBar().showMessage(done, 8000)
    if person.has_role("publisher"):
        if ask.confirm(
            window,
            tr("Publish an urgent release?"),
            done
            + " "
            + tr(
                "Bots keep giving it until they receive a release without it. Publish an urgent "
                "release now?"
            ),
            tr("&Publish now…"),
        ):
            from authoring_app.gui.publish_action import open_publish_dialog

            open_publish_dialog(window)
    else:
        ask.inform(
            window,
            tr("Ask a publisher to publish now"),
            done
            + " "
            + tr(
                "Bots keep giving it until a publisher publishes an urgent release, or confirms "
                "the current release (a signed notice: bots drop the answer at their next "
                "pull). Ask a publisher to do it now."
            ),
        )


class _NotClinician(Exception):
    code = "not-clinician"
    params: dict = {}


def install(window) -> None:
    tr = WithdrawDialog.tr
    action = window.actions.add(
        "withdraw",
        tr("&Withdraw from the bots…"),
        lambda: withdraw_answer(window),
        menu="answer",
        tip=tr("Take this answer off the bots in every language (doctors only)"),
    )

    def update(*_args) -> None:
        allowed = can_withdraw(window)
        action.setEnabled(allowed)
        action.setToolTip(
            tr("Take this answer off the bots in every language (doctors only)")
            if allowed
            else tr("Only a doctor can withdraw an answer")
        )

    for signal in (window.library_loaded, window.person_changed, window.answer_opened):
        signal.connect(update)
    update()
