"""Library → Governors and rules…: who counts as a clinician, the rules, and every change to
them that waits for the governors. Anyone may look; a governor reads a change line by line
and signs or declines it with their own key, or signs the founding of a new library. What
counts is worked out from the governors' signed records (review/governed.py), never from
what the files on disk say. See docs/review.md."""

from __future__ import annotations

import difflib
import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from authoring_app.gui import ask
from authoring_app.gui.extensions import SCREENSHOT_VIEWS

FILE_WORDS = {
    "people.yaml": "the people and their keys",
    "library.yaml": "the rules and the governors",
    "directory.yaml": "the services and their numbers",
}


def tr(text: str) -> str:
    return QApplication.translate("GovernanceDialog", text)


def files_words(names) -> str:
    return ", ".join(tr(FILE_WORDS.get(name, name)) for name in sorted(names))


class GovernanceDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.window, self.library, self.person = window, window.library, window.person
        self.trusted = None
        self.setObjectName("governance_dialog")
        self.setWindowTitle(self.tr("Governors and rules"))
        self.resize(1100, 680)

        self.summary = QLabel()
        self.summary.setObjectName("governance_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.problems = QLabel()
        self.problems.setObjectName("governance_problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #8b1a1a;")

        self.changes = QListWidget()
        self.changes.setObjectName("governance_changes")
        self.changes.setWordWrap(True)
        self.changes.setAccessibleName(self.tr("Changes waiting for the governors"))
        self.changes.currentRowChanged.connect(self._show_change)
        self.diff = QTextBrowser()
        self.diff.setObjectName("governance_diff")
        self.diff.setAccessibleName(self.tr("The change, line by line"))
        split = QSplitter()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Waiting for the governors:")))
        left_layout.addWidget(self.changes)
        split.addWidget(left)
        split.addWidget(self.diff)
        split.setSizes([380, 720])

        self.found_button = QPushButton(self.tr("Sign the founding…"))
        self.found_button.setObjectName("governance_found")
        self.found_button.clicked.connect(self.found)
        self.approve_button = QPushButton(self.tr("Sign this change…"))
        self.approve_button.setObjectName("governance_approve")
        self.approve_button.clicked.connect(self.approve)
        self.reject_button = QPushButton(self.tr("Decline…"))
        self.reject_button.setObjectName("governance_reject")
        self.reject_button.clicked.connect(self.reject_change)
        self.signer = QComboBox()
        self.signer.setObjectName("governance_signer")
        self.signer.setAccessibleName(self.tr("Sign as"))
        self.note = QLabel(self.tr("Sign as:"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        row = QHBoxLayout()
        row.addWidget(self.note)
        row.addWidget(self.signer)
        for button in (self.found_button, self.approve_button, self.reject_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems)
        layout.addWidget(split, 1)
        layout.addLayout(row)
        self.refresh()

    # -- showing -------------------------------------------------------------------------------

    def refresh(self) -> None:
        from authoring_app.review.governed import forget, governed

        forget(self.library)
        self.trusted = trusted = governed(self.library)
        self.summary.setText(self._summary_html(trusted))
        errors = [p for p in trusted.problems if p.severity == "error"]
        self.problems.setText("<br>".join(html.escape(str(p)) for p in errors))
        self.problems.setVisible(bool(errors))
        self._fill_signers(trusted)
        self.changes.clear()
        for change in trusted.pending:
            item = QListWidgetItem(self._change_words(change))
            self.changes.addItem(item)
        if trusted.pending:
            self.changes.setCurrentRow(0)
        else:
            self.diff.setHtml(
                "<p>"
                + html.escape(
                    self.tr("Nothing is waiting: the files are as the governors signed them.")
                )
                + "</p>"
            )
        self._update_buttons()

    def _summary_html(self, trusted) -> str:
        names = lambda people: ", ".join(html.escape(p.name) for p in people)  # noqa: E731
        if not trusted.founded:
            governors = self.library.info.governors
            return (
                "<b>" + html.escape(self.tr("This library is not founded yet.")) + "</b> "
                + html.escape(
                    self.tr(
                        "Nothing can be signed off or published until %1 of its governors (%2) "
                        "sign its people, rules and services as they are."
                    )
                    .replace("%1", str(self.library.info.signatures_required))
                    .replace("%2", names(governors) or "—")
                )
            )  # fmt: skip
        clinicians = [p for p in trusted.roster if p.has_role("clinician")]
        return (
            "<b>" + html.escape(self.tr("Governors:")) + "</b> " + names(trusted.governors)
            + ". " + html.escape(
                self.tr("%1 of them must sign every change to the people, the rules and the "
                        "services before it counts.").replace("%1", str(trusted.required))
            )
            + "<br><b>" + html.escape(self.tr("Clinicians whose sign-offs count:")) + "</b> "
            + (names(clinicians) or html.escape(self.tr("nobody yet")))
        )  # fmt: skip

    def _change_words(self, change) -> str:
        lines = [self.tr("Change to %1").replace("%1", files_words(change.files))]
        for person, when in change.proposed_by:
            lines.append(
                self.tr("proposed by %1 on %2")
                .replace("%1", self._name(person))
                .replace("%2", f"{when:%Y-%m-%d %H:%M} UTC")
            )
        lines.append(
            self.tr("signed by %1 of %2 governors needed")
            .replace("%1", str(len(change.approved_by)))
            .replace("%2", str(change.needed))
        )
        for person, reason in change.rejected_by:
            lines.append(
                self.tr("declined by %1: %2")
                .replace("%1", self._name(person))
                .replace("%2", reason)
            )
        return "\n".join(lines)

    def _name(self, person_id: str) -> str:
        person = self.trusted.roster.get(person_id) if self.trusted else None
        governor = self.trusted.governor(person_id) if self.trusted else None
        return (person or governor).name if (person or governor) else person_id

    def _show_change(self, row: int) -> None:
        change = self.selected()
        if change is None:
            self._update_buttons()
            return
        parts = []
        for name in sorted(change.texts):
            old, new = change.texts[name]
            words = files_words([name])
            words = words[:1].upper() + words[1:]
            parts.append(f"<h3>{html.escape(words)} ({html.escape(name)})</h3>")
            parts.append(diff_html(old, new))
        self.diff.setHtml("".join(parts))
        self._update_buttons()

    def selected(self):
        row = self.changes.currentRow()
        pending = self.trusted.pending if self.trusted else ()
        return pending[row] if 0 <= row < len(pending) else None

    def _fill_signers(self, trusted) -> None:
        """The governors one may sign as (the passphrase of their key shows who it is); the
        person the app knows first, if they are one."""
        governors = trusted.governors if trusted.founded else self.library.info.governors
        chosen = self.signer.currentData() or (self.person.id if self.person else None)
        self.signer.clear()
        for governor in governors:
            self.signer.addItem(governor.name, governor.id)
        index = self.signer.findData(chosen)
        self.signer.setCurrentIndex(max(index, 0))

    def _governor(self):
        if self.trusted is None:
            return None
        governors = self.trusted.governors if self.trusted.founded else self.library.info.governors
        return next((g for g in governors if g.id == self.signer.currentData()), None)

    def _update_buttons(self) -> None:
        governor = self._governor()
        founded = self.trusted is not None and self.trusted.founded
        self.found_button.setVisible(not founded)
        self.found_button.setEnabled(governor is not None)
        change = self.selected() if founded else None
        self.approve_button.setVisible(founded)
        self.reject_button.setVisible(founded)
        self.approve_button.setEnabled(governor is not None and change is not None)
        self.reject_button.setEnabled(governor is not None and change is not None)

    # -- signing -------------------------------------------------------------------------------

    def _unlock(self, governor, title: str, statement: str):
        from authoring_app.review.keys import KeyStore

        return ask.unlock_key(
            self,
            title,
            self.tr("Signing as: %1\n%2").replace("%1", governor.name).replace("%2", statement),
            self.tr("Sign"),
            lambda passphrase: KeyStore().load(governor.id, passphrase),
        )

    def found(self) -> None:
        from authoring_app.review import governing

        governor = self._governor()
        if governor is None:
            return
        key = self._unlock(
            governor,
            self.tr("Sign the founding of this library"),
            self.tr(
                "You sign the library's people, rules and services exactly as they are now. "
                "Read them first: from then on, only what the governors sign counts."
            ),
        )
        if key is not None:
            self._run(lambda: governing.found(self.library, governor.id, key))

    def approve(self) -> None:
        from authoring_app.review import governing

        governor, change = self._governor(), self.selected()
        if governor is None or change is None:
            return
        key = self._unlock(
            governor,
            self.tr("Sign this change"),
            self.tr(
                "You sign exactly the change shown, line by line. It counts once %1 governors "
                "have signed it."
            ).replace("%1", str(change.needed)),
        )
        if key is not None:
            self._run(lambda: governing.approve(self.library, governor.id, key, change))

    def reject_change(self) -> None:
        from authoring_app.review import governing

        governor, change = self._governor(), self.selected()
        if governor is None or change is None:
            return
        reason, given = QInputDialog.getMultiLineText(
            self,
            self.tr("Decline this change"),
            self.tr("Why do you decline it? Everyone who sees the change will read this."),
        )
        if not given:
            return
        if not reason.strip():
            ask.error(self, self.tr("Not declined"), self.tr("Declining a change needs a reason."))
            return
        key = self._unlock(
            governor, self.tr("Decline this change"), self.tr("You decline the change shown.")
        )
        if key is not None:
            self._run(lambda: governing.reject(self.library, governor.id, key, change, reason))

    def _run(self, job) -> None:
        from authoring_app.library.library import LibraryError
        from authoring_app.review.signing import ReviewError

        try:
            job()
        except (ReviewError, LibraryError, OSError) as exc:
            ask.error(self, self.tr("Not signed"), str(exc))
            return
        self.refresh()
        self.window.refresh_list()
        getattr(self.window, "governance_banner_update", lambda: None)()


def diff_html(old: str, new: str) -> str:
    """The governed text and the proposed one, line by line: removed lines red, added green."""
    rows = []
    for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=3):
        if line.startswith(("---", "+++")):
            continue
        colour = {"+": "#d7f5dd", "-": "#fbdada", "@": "#eef"}.get(line[:1], "")
        style = f' style="background:{colour}"' if colour else ""
        rows.append(f"<div{style}>{html.escape(line) or '&nbsp;'}</div>")
    return f'<pre style="font-family: monospace">{"".join(rows)}</pre>'


def open_governance_dialog(window) -> GovernanceDialog | None:
    if window.library is None:
        return None
    dialog = GovernanceDialog(window)
    window.governance_dialog = dialog
    dialog.open()
    return dialog


def pending_words(trusted) -> str:
    """The banner's words when the governed files need the governors, or ""."""
    if not trusted.founded:
        return tr(
            "This library is not founded yet: its governors must sign it before anything counts."
        )
    if trusted.pending:
        return tr("%1 change(s) to the people, rules or services wait for the governors.").replace(
            "%1", str(len(trusted.pending))
        )
    return ""


def install(window) -> None:
    window.actions.add(
        "governance",
        tr("&Governors and rules…"),
        lambda: open_governance_dialog(window),
        menu="library",
        tip=tr("Who counts as a clinician, the rules, and changes waiting for the governors"),
    )
    banner = QLabel()
    banner.setObjectName("governance_banner")
    banner.setWordWrap(True)
    banner.setStyleSheet("background: #fde7c8; color: #5a3500; padding: 6px;")
    banner.setVisible(False)
    banner.linkActivated.connect(lambda _link: open_governance_dialog(window))
    layout = window.banner.parentWidget().layout()
    layout.insertWidget(layout.indexOf(window.banner) + 1, banner)
    window.governance_banner = banner

    def update(*_args) -> None:
        from authoring_app.review.governed import governed

        words = pending_words(governed(window.library)) if window.library is not None else ""
        link = f' <a href="governance">{html.escape(tr("See them"))}</a>'
        banner.setText(html.escape(words) + link if words else "")
        banner.setVisible(bool(words))

    window.governance_banner_update = update
    window.library_loaded.connect(update)


def governance_screenshot(window):
    dialog = GovernanceDialog(window)
    dialog.resize(window.size())
    return dialog


SCREENSHOT_VIEWS["governance"] = governance_screenshot
