"""Publish…: what the next release holds, its version, then build, sign and record it.

The plan (core `plan_release`) is made off the GUI thread when the dialog opens; the publisher
checks what is added, changed, removed and left out (and why), confirms or raises the proposed
version (checked with `choose_version`), and gives the passphrase of their key. Publishing
(core `publish`) runs in the background with a progress bar; the result says where the release
is and how anyone can verify it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from authoring_app.gui import ask
from authoring_app.gui.publish_questions import QuestionReport
from authoring_app.gui.publish_words import left_out_words, plain, verify_commands, why_words
from authoring_app.gui.status_view import status_colour, status_word

SHORTCUT = "Ctrl+Shift+P"


class PublishDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.library, self.person = window.library, window.person
        self.plan = None
        self.result = None
        self.job: int | None = None
        self.publishing = False
        self.setObjectName("publish_dialog")
        self.setWindowTitle(self.tr("Publish a release"))

        self.title = QLabel(
            "<h2>{}</h2><p>{}</p>".format(
                html.escape(
                    self.tr("Publish a release of “%1”").replace("%1", self.library.info.name)
                ),
                html.escape(
                    self.tr(
                        "Only answers that doctors signed off in their current text go into a "
                        "release. You sign it as: %1"
                    ).replace("%1", self.person.display if self.person else "?")
                ),
            )
        )
        self.title.setWordWrap(True)
        self.summary = QLabel(self.tr("Working out what the release would hold…"))
        self.summary.setObjectName("publish_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.version = QLineEdit()
        self.version.setObjectName("publish_version")
        self.version.setAccessibleName(self.tr("Version of the new release"))
        self.version.setEnabled(False)
        self.version.textChanged.connect(self._check_version)
        self.version_note = QLabel()
        self.version_note.setObjectName("publish_version_note")
        self.version_note.setWordWrap(True)
        self.previous = QLabel("—")
        form = QFormLayout()
        label = QLabel(self.tr("&Version:"))
        label.setBuddy(self.version)
        form.addRow(label, self.version)
        form.addRow("", self.version_note)
        form.addRow(self.tr("Previous release:"), self.previous)

        self.contents = QTreeWidget()
        self.contents.setObjectName("publish_contents")
        self.contents.setAccessibleName(self.tr("What the release holds and what is left out"))
        self.contents.setHeaderLabels([self.tr("Answer"), self.tr("Status"), self.tr("Why")])
        self.contents.setColumnWidth(0, 560)
        self.contents.setColumnWidth(1, 150)
        self.contents.setWordWrap(True)
        self.contents.setRootIsDecorated(True)
        self.questions = QuestionReport(window, self.contents)

        self.progress = QProgressBar()
        self.progress.setObjectName("publish_progress")
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.setVisible(False)
        self.progress_text = QLabel()
        self.outcome = QLabel()
        self.outcome.setObjectName("publish_outcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.setVisible(False)
        self.commands = QPlainTextEdit()
        self.commands.setObjectName("publish_commands")
        self.commands.setReadOnly(True)
        self.commands.setAccessibleName(self.tr("Commands to verify the release"))
        self.commands.setMaximumHeight(120)
        self.commands.setVisible(False)
        self.copy = QPushButton(self.tr("&Copy commands"))
        self.copy.setObjectName("publish_copy")
        self.copy.setVisible(False)
        self.copy.clicked.connect(
            lambda: QApplication.clipboard().setText(self.commands.toPlainText())
        )

        self.publish_button = QPushButton(self.tr("&Publish…"))
        self.publish_button.setObjectName("publish_go")
        self.publish_button.setEnabled(False)
        self.publish_button.setDefault(True)
        self.publish_button.setStyleSheet("QPushButton:enabled { font-weight: bold; }")
        self.publish_button.clicked.connect(self.publish)
        self.replan = QPushButton(self.tr("Check &again"))
        self.replan.setObjectName("publish_replan")
        self.replan.clicked.connect(self.make_plan)
        self.close_button = QPushButton(self.tr("Cancel"))
        self.close_button.setObjectName("publish_close")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy)
        buttons.addStretch(1)
        buttons.addWidget(self.replan)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.publish_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.questions)
        layout.addLayout(form)
        layout.addWidget(self.contents, 1)
        layout.addWidget(self.progress_text)
        layout.addWidget(self.progress)
        layout.addWidget(self.outcome)
        layout.addWidget(self.commands)
        layout.addLayout(buttons)
        window.tasks.progress.connect(self._progress)
        self.resize(1000, 700)
        self.make_plan()

    # -- the plan --------------------------------------------------------------------------

    def make_plan(self) -> None:
        from authoring_app.release.planning import plan_release

        library = self.library
        self.publish_button.setEnabled(False)
        self.summary.setText(self.tr("Working out what the release would hold…"))
        self._busy(True, cancellable=True)
        self.job = self.window.tasks.run(
            lambda progress: plan_release(library, progress=_reporter(progress)),
            on_done=self._planned,
            on_error=self._refused,
            channel="publish",
            description=self.tr("Planning the release"),
            with_progress=True,
        )

    def _planned(self, plan) -> None:
        self._busy(False)
        self.plan = plan
        self.previous.setText(plan.previous_version or self.tr("none yet (this is the first)"))
        self.version.setEnabled(plan.can_publish)
        self.version.setText(plan.proposed_version)
        self._fill(plan)
        if plan.included:
            self.questions.check(plan)
        counts = self.tr("%1 answers in the release: %2 added, %3 changed, %4 removed.")
        for number, value in enumerate(
            (len(plan.included), len(plan.added), len(plan.changed), len(plan.removed)), 1
        ):
            counts = counts.replace(f"%{number}", str(value))
        left = self.tr("%1 answers left out (see why below).").replace(
            "%1", str(len(plan.left_out))
        )
        text = f"<p><b>{html.escape(counts)}</b> {html.escape(left)}</p>"
        if plan.problems:
            text += '<p style="color:#b71c1c;"><b>{}</b><br>{}</p>'.format(
                html.escape(self.tr("This release cannot be published:")),
                "<br>".join(html.escape(plain(p)) for p in plan.problems),
            )
        elif plan.nothing_changed:
            text += '<p style="color:#b35c00;">{}</p>'.format(
                html.escape(self.tr("Nothing to publish: nothing changed since the last release."))
            )
        else:
            text += "<p>{}</p>".format(
                html.escape(self.tr("Why this version: %1").replace("%1", why_words(plan)))
            )
        self.summary.setText(text)
        self._check_version()

    def _fill(self, plan) -> None:
        self.contents.clear()
        titles = {e.answer.key: e.answer.title for e in plan.included}

        def group(title: str, colour: str) -> QTreeWidgetItem:
            item = QTreeWidgetItem(self.contents, [title])
            item.setForeground(0, QBrush(QColor(colour)))
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            item.setExpanded(True)
            return item

        sections = (
            (self.tr("Added (%1)"), plan.added, "#2e7d32", self.tr("new in this release")),
            (self.tr("Changed (%1)"), plan.changed, "#1f5fbf", self.tr("approved text changed")),
            (self.tr("Removed (%1)"), plan.removed, "#b71c1c", self.tr("no longer approved")),
        )
        for title, keys, colour, why in sections:
            if keys:
                parent = group(title.replace("%1", str(len(keys))), colour)
                for key in keys:
                    QTreeWidgetItem(parent, [f"{titles.get(key, key)}  ({key})", "", why])
        unchanged = len(plan.included) - len(plan.added) - len(plan.changed)
        if unchanged > 0:
            group(
                self.tr("Unchanged since the last release (%1)").replace("%1", str(unchanged)),
                "#5f6b7a",
            )
        if plan.left_out:
            parent = group(
                self.tr("Left out (%1)").replace("%1", str(len(plan.left_out))), "#b35c00"
            )
            for item in plan.left_out:
                row = QTreeWidgetItem(
                    parent,
                    [f"{item.title}  ({item.key})", status_word(item.status), left_out_words(item)],
                )
                row.setForeground(1, QBrush(status_colour(item.status)))
                row.setToolTip(2, plain(item.reason))

    def _check_version(self) -> None:
        from authoring_app.release.planning import ReleaseError
        from authoring_app.release.publishing import choose_version

        plan = self.plan
        if plan is None or not plan.can_publish or self.publishing or self.result is not None:
            self.publish_button.setEnabled(False)
            return
        try:
            chosen = choose_version(plan, self.version.text().strip() or None)
        except ReleaseError as exc:
            self.version_note.setText(str(exc))
            self.version_note.setStyleSheet("color: #b71c1c;")
            self.publish_button.setEnabled(False)
            return
        self.version_note.setStyleSheet("color: #5f6b7a;")
        self.version_note.setText(
            self.tr("Proposed: %1 (%2)")
            .replace("%1", plan.proposed_version)
            .replace("%2", why_words(plan))
        )
        self.publish_button.setEnabled(bool(chosen))

    # -- publishing ------------------------------------------------------------------------

    def publish(self) -> None:
        from authoring_app.release.publishing import publish, store_ahead
        from authoring_app.review.keys import KeyStore

        plan, person = self.plan, self.person
        version = self.version.text().strip() or plan.proposed_version  # blank: as proposed
        ahead = store_ahead(self.library, plan, version)  # while the passphrase is typed
        statement = (
            self.tr(
                "Publishing as: %1\nRelease %2 with %3 answers, signed with your key. Bots and "
                "sites that trust your key will serve exactly these answers."
            )
            .replace("%1", person.display)
            .replace("%2", version)
            .replace("%3", str(len(plan.included)))
        )
        private_key = ask.unlock_key(
            self,
            self.tr("Publish release %1").replace("%1", version),
            statement,
            self.tr("Publish"),
            lambda passphrase: KeyStore().load(person.id, passphrase),
        )
        if private_key is None:
            return
        library = self.library
        self.publishing = True
        self.publish_button.setEnabled(False)
        self.version.setEnabled(False)
        self._busy(True, cancellable=False)
        self.job = self.window.tasks.run(
            lambda progress: publish(
                library,
                plan,
                person.id,
                private_key,
                version=version,
                progress=_reporter(progress),
                ahead=ahead,
            ),
            on_done=self._published,
            on_error=self._refused,
            channel="publish",
            description=self.tr("Publishing"),
            with_progress=True,
        )

    def _published(self, result) -> None:
        self.publishing = False
        self.result = result
        self._busy(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        version = result.release.version
        self.outcome.setText(
            "<p style='color:#1b5e20;font-size:large;'><b>{}</b></p><p>{}</p><p>{}</p>".format(
                html.escape(self.tr("Release %1 is published.").replace("%1", version)),
                html.escape(
                    self.tr(
                        "It is on the “published” branch of this library, tagged %1, "
                        "commit %2. Sync to send it to the shared library."
                    )
                    .replace("%1", result.tag)
                    .replace("%2", result.commit[:12])
                ),
                html.escape(
                    self.tr(
                        "To check it, anyone can run these commands (get publisher.pub from "
                        "your organisation, not from the same place as the bundle):"
                    )
                ),
            )
        )
        self.outcome.setVisible(True)
        self.commands.setPlainText(verify_commands(self.library.path, version))
        self.commands.setVisible(True)
        self.copy.setVisible(True)
        self.close_button.setText(self.tr("Close"))
        self.close_button.setEnabled(True)
        self.replan.setVisible(False)
        self.window.refresh_list()

    def _refused(self, exc: BaseException) -> None:
        self.publishing = False
        self._busy(False)
        self.outcome.setText(
            "<p style='color:#b71c1c;'><b>{}</b> {}</p>".format(
                html.escape(self.tr("Not published.")), html.escape(plain(str(exc)))
            )
        )
        self.outcome.setVisible(True)
        self._check_version()

    # -- small things ----------------------------------------------------------------------

    def _busy(self, busy: bool, *, cancellable: bool = True) -> None:
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)
        self.progress_text.setVisible(busy)
        self.progress_text.setText("")
        self.replan.setEnabled(not busy)
        self.close_button.setEnabled(not busy or cancellable)
        self.close_button.setToolTip(
            "" if not busy or cancellable else self.tr("Publishing cannot be stopped halfway.")
        )

    def _progress(self, job_id: int, done: int, total: int, text: str) -> None:
        if job_id != self.job:
            return
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        self.progress_text.setText(text)

    def reject(self) -> None:  # Qt override: leaving drops a plan still being made
        if self.publishing:
            return
        if self.job is not None:
            self.window.tasks.cancel(self.job)
        self.questions.stop()
        super().reject()


def _reporter(progress):
    """The core's progress(text, done, total) onto the task's report(done, total, text)."""
    return lambda text, done, total: progress.report(done, total, text)
