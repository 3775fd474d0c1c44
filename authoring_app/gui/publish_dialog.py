"""Publish…: what the next release holds, its version, then build, sign and record it.

The plan (core `plan_release`) is made off the GUI thread when the dialog opens; the publisher
checks what is added, changed, removed and left out (and why), sees where releases go (the
library's releases channels) and until when bots are told the last one is current, confirms
or raises the proposed version (checked with `choose_version`), and gives the passphrase of
their key. Publishing (core `publish`, then `deliver` to the channels) runs in the background
with a progress bar; the result says where the release went and how anyone can verify it.
With nothing to publish, the publisher can confirm the last release is still current (core
`renew_notice`) without building anything.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from authoring_app.gui import ask
from authoring_app.gui.network import link_for
from authoring_app.gui.publish_contents import ReleaseContents
from authoring_app.gui.publish_outcome import PublishOutcome
from authoring_app.gui.publish_questions import QuestionReport
from authoring_app.gui.publish_renewal import RenewAndResend
from authoring_app.gui.publish_words import (
    channels_html,
    due_soon_html,
    plain,
    sent_words,
    trust_html,
    why_words,
)
from authoring_app.gui.screen_fit import resize_to_fit

SHORTCUT = "Ctrl+Shift+P"


class PublishDialog(RenewAndResend, QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.library, self.person = window.library, window.person
        self.plan = None
        self.result = None
        self.job: int | None = None
        self.publishing = False
        self.failure = self.tr("Not published.")  # what a refusal says it stopped
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
        self.due_soon = QLabel()  # answers whose review comes soon, if any
        self.due_soon.setObjectName("publish_due_soon")
        self.due_soon.setWordWrap(True)
        self.due_soon.setTextFormat(Qt.TextFormat.RichText)
        self.due_soon.setVisible(False)
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
        self.channels = QLabel()
        self.channels.setObjectName("publish_channels")
        self.channels.setWordWrap(True)
        self.channels.setTextFormat(Qt.TextFormat.RichText)
        self.channels.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.contents = ReleaseContents()
        self.questions = QuestionReport(window, self.contents)

        self.progress = QProgressBar()
        self.progress.setObjectName("publish_progress")
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.setVisible(False)
        self.progress_text = QLabel()
        self.report = PublishOutcome(self)
        self.report.resend.clicked.connect(self.send_again)
        self.outcome, self.commands, self.copy = (
            self.report.outcome,
            self.report.commands,
            self.report.copy,
        )

        self.publish_button = QPushButton(self.tr("&Publish…"))
        self.publish_button.setObjectName("publish_go")
        self.publish_button.setEnabled(False)
        self.publish_button.setDefault(True)
        self.publish_button.setStyleSheet("QPushButton:enabled { font-weight: bold; }")
        self.publish_button.clicked.connect(self.publish)
        self.renew_button = QPushButton(self.tr("Confirm it is &still current…"))
        self.renew_button.setObjectName("publish_renew")
        self.renew_button.setToolTip(
            self.tr(
                "Tell bots that the last release is still the current one, without publishing "
                "a new one. Bots that stop hearing this notice know their copy may be stale."
            )
        )
        self.renew_button.setVisible(False)
        self.renew_button.clicked.connect(self.renew)
        self.replan = QPushButton(self.tr("Check &again"))
        self.replan.setObjectName("publish_replan")
        self.replan.clicked.connect(self.make_plan)
        self.close_button = QPushButton(self.tr("Cancel"))
        self.close_button.setObjectName("publish_close")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy)
        buttons.addStretch(1)
        buttons.addWidget(self.report.resend)
        buttons.addWidget(self.replan)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.renew_button)
        buttons.addWidget(self.publish_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.due_soon)
        layout.addWidget(self.questions)
        layout.addLayout(form)
        layout.addWidget(self.channels)
        layout.addWidget(self.contents, 1)
        layout.addWidget(self.progress_text)
        layout.addWidget(self.progress)
        layout.addWidget(self.report)
        layout.addLayout(buttons)
        window.tasks.progress.connect(self._progress)
        resize_to_fit(self, 1000, 700)
        self.make_plan()

    # -- the plan --------------------------------------------------------------------------

    def make_plan(self) -> None:
        from authoring_app.release.notice import current_notice
        from authoring_app.release.planning import ReleaseError, plan_release
        from authoring_app.sync.releases import prepare_to_publish

        library = self.library
        link = link_for(self.window)

        def plan(progress):
            # On a shared library, the shared releases first: this one goes on top of them.
            before = prepare_to_publish(library, link)
            if before.stranded:
                raise ReleaseError(
                    self.tr(
                        "Release %1 was made on this computer while another computer "
                        "published; it was not sent. Repair the library (authoring-app "
                        "repair), then publish again."
                    ).replace("%1", ", ".join(before.stranded))
                )
            return plan_release(library, progress=_reporter(progress)), current_notice(library)

        self.publish_button.setEnabled(False)
        self.renew_button.setVisible(False)
        self.summary.setText(self.tr("Working out what the release would hold…"))
        self._busy(True, cancellable=True)
        self.job = self.window.tasks.run(
            plan,
            on_done=self._planned,
            on_error=self._refused,
            channel="publish",
            description=self.tr("Planning the release"),
            with_progress=True,
        )

    def _planned(self, planned) -> None:
        plan, notice = planned
        self._busy(False)
        self.plan = plan
        self.channels.setText(channels_html(self.library.info.channels, notice))
        # Answers a doctor withdrew reach bots with a renewed notice too, without a release.
        withdrawn = [i for i in plan.left_out if i.status == "retired" and i.key in plan.removed]
        self.renew_button.setVisible(
            notice is not None and (bool(withdrawn) or (plan.nothing_changed and not plan.problems))
        )
        self.previous.setText(plan.previous_version or self.tr("none yet (this is the first)"))
        self.version.setEnabled(plan.can_publish)
        self.version.setText(plan.proposed_version)
        self.contents.fill(plan)
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
        text = trust_html(plan.trust_changes)
        text += f"<p><b>{html.escape(counts)}</b> {html.escape(left)}</p>"
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
        self._warn_due_soon(plan)
        self._check_version()

    def _warn_due_soon(self, plan) -> None:
        """Name the answers in the release whose review comes within the library's windows."""
        from authoring_app.review.due_soon import coming_up

        items = coming_up(
            # The emergency response and the bot's own messages stay on bots whatever the date.
            (
                (e.answer.key, e.governance.next_review)
                for e in plan.included
                if e.answer.kind == "answer"
            ),
            windows=self.library.info.due_soon_days,
        )
        titles = {e.answer.key: e.answer.title for e in plan.included}
        self.due_soon.setText(due_soon_html(items, titles))
        self.due_soon.setVisible(bool(items))

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
        from authoring_app.release.delivery import deliver
        from authoring_app.release.publishing import publish, store_ahead
        from authoring_app.review.keys import KeyStore
        from authoring_app.sync.releases import after_publishing

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
        sending = self.tr("Sending it to where bots and sites read it")
        link = link_for(self.window)

        def publish_and_deliver(progress):
            result = publish(
                library,
                plan,
                person.id,
                private_key,
                version=version,
                progress=_reporter(progress),
                ahead=ahead,
            )
            progress.report(3, 3, sending)
            return result, deliver(library), after_publishing(library, link)

        self.job = self.window.tasks.run(
            publish_and_deliver,
            on_done=self._published,
            on_error=self._refused,
            channel="publish",
            description=self.tr("Publishing"),
            with_progress=True,
        )

    def _published(self, published) -> None:
        result, deliveries, sent = published
        self.publishing = False
        self.result = result
        version = result.release.version
        self._done(
            self.tr("Release %1 is published.").replace("%1", version),
            self.tr(
                "Chat bots and web sites take it from where it was sent at their next check, "
                "and treat it as current until %1."
            ).replace("%1", f"{result.notice.expires:%Y-%m-%d %H:%M} UTC")
            + " "
            + sent_words(sent),
            deliveries,
            self.tr("It is tagged %1 on the “published” branch of this library.").replace(
                "%1", result.tag
            ),
        )
        self.window.refresh_list()

    def _done(self, headline: str, detail: str, deliveries, technical: str = "") -> None:
        """Show what was done, where it went, and how anyone checks it."""
        self._busy(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.report.show_done(headline, detail, deliveries, self.library, self.person, technical)
        self.renew_button.setVisible(False)
        self.close_button.setText(self.tr("Close"))
        self.close_button.setEnabled(True)
        self.replan.setVisible(False)

    # -- the freshness notice, and sending again ---------------------------------------------

    def _refused(self, exc: BaseException) -> None:
        self.publishing = False
        self._busy(False)
        self.report.show_refused(self.failure, str(exc))
        self.report.resend.setEnabled(True)
        self.renew_button.setEnabled(True)
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
