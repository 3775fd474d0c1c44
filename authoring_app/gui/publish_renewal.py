"""The publish dialog's second duties: confirming the latest release is still current (a
new freshness notice, no new bundle) and sending the releases to their channels again."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from authoring_app.gui import ask
from authoring_app.gui.publish_words import channels_html


def _tr(text: str) -> str:
    return QCoreApplication.translate("PublishDialog", text)


class RenewAndResend:
    """Mixed into PublishDialog (its library, person, plan, tasks, buttons and report)."""

    def renew(self) -> None:
        from authoring_app.release.delivery import deliver
        from authoring_app.release.renewal import renew_notice
        from authoring_app.review.keys import KeyStore

        person, version = self.person, self.plan.previous_version
        withdrawn = [
            str(i.key)
            for i in self.plan.left_out
            if i.status == "retired" and i.key in self.plan.removed
        ]
        statement = (
            _tr(
                "Confirming as: %1\nBots will be told that release %2 is still the current "
                "one for the next %3 days. Nothing else changes."
            )
            if not withdrawn
            else _tr(
                "Confirming as: %1\nBots will be told that release %2 is still the current "
                "one for the next %3 days, without the answers doctors withdrew (bots drop "
                "them at their next pull): %4"
            ).replace("%4", ", ".join(withdrawn))
        )
        private_key = ask.unlock_key(
            self,
            _tr("Confirm release %1 is still current").replace("%1", version),
            statement.replace("%1", person.display)
            .replace("%2", version)
            .replace("%3", str(self.library.info.notice_days)),
            _tr("Confirm"),
            lambda passphrase: KeyStore().load(person.id, passphrase),
        )
        if private_key is None:
            return
        library = self.library
        self.publishing = True
        self.failure = _tr("Not confirmed.")
        self.renew_button.setEnabled(False)
        self._busy(True, cancellable=False)
        self.job = self.window.tasks.run(
            lambda: (renew_notice(library, person.id, private_key), deliver(library)),
            on_done=self._renewed,
            on_error=self._refused,
            channel="publish",
            description=_tr("Confirming the release is current"),
        )

    def _renewed(self, renewed) -> None:
        from authoring_app.release.notice import NoticeState

        renewal, deliveries = renewed
        self.publishing = False
        self.result = renewal
        notice = NoticeState(renewal.notice.version, renewal.notice.expires)
        self.channels.setText(channels_html(self.library.info.channels, notice))
        self._done(
            _tr("Release %1 is confirmed current.").replace("%1", renewal.notice.version),
            _tr("Bots are told it is current until %1.").replace(
                "%1", f"{renewal.notice.expires:%Y-%m-%d %H:%M} UTC"
            ),
            deliveries,
        )

    def send_again(self) -> None:
        from authoring_app.release.delivery import deliver

        library = self.library
        self.failure = _tr("Not sent.")
        self.report.resend.setEnabled(False)
        self._busy(True, cancellable=False)
        self.job = self.window.tasks.run(
            lambda: deliver(library),
            on_done=self._sent_again,
            on_error=self._refused,
            channel="publish",
            description=_tr("Sending the release again"),
        )

    def _sent_again(self, deliveries) -> None:
        self._busy(False)
        self.report.show_sent(deliveries)
