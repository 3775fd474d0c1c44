"""The end of the Publish dialog: what was done (a release published, or the last one
confirmed current), where it went, and the commands anyone runs to check it."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from authoring_app.gui.publish_words import delivery_html, plain, verify_commands


class PublishOutcome(QWidget):
    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.outcome = self._label("publish_outcome")
        self.sent = self._label("publish_sent")
        self.sent.setTextFormat(Qt.TextFormat.RichText)
        self.commands = QPlainTextEdit()
        self.commands.setObjectName("publish_commands")
        self.commands.setReadOnly(True)
        self.commands.setAccessibleName(
            QApplication.translate("PublishDialog", "Commands to verify the release")
        )
        self.commands.setMaximumHeight(120)
        self.commands.setVisible(False)
        self.copy = QPushButton(QApplication.translate("PublishDialog", "&Copy commands"))
        self.copy.setObjectName("publish_copy")
        self.copy.setVisible(False)
        self.copy.clicked.connect(
            lambda: QApplication.clipboard().setText(self.commands.toPlainText())
        )
        self.resend = QPushButton(QApplication.translate("PublishDialog", "Send &again"))
        self.resend.setObjectName("publish_resend")
        self.resend.setToolTip(
            QApplication.translate(
                "PublishDialog", "Send the release again to where bots and sites read it"
            )
        )
        self.resend.setVisible(False)
        # Tags, branches and commands are there for whoever opens them, not in the way.
        self.details = QPushButton(QApplication.translate("PublishDialog", "Show &details"))
        self.details.setObjectName("publish_details")
        self.details.setCheckable(True)
        self.details.setVisible(False)
        self.details.setToolTip(
            QApplication.translate(
                "PublishDialog", "Where the release is kept, and how anyone can check it"
            )
        )
        self.details.toggled.connect(self._show_details)
        self.technical = self._label("publish_technical")
        self.deliveries: list = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.outcome, self.sent, self.details, self.technical, self.commands):
            layout.addWidget(widget)
        layout.setAlignment(self.details, Qt.AlignmentFlag.AlignLeft)

    def _label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setVisible(False)
        return label

    def show_done(
        self, headline: str, detail: str, deliveries, library, person, technical: str = ""
    ) -> None:
        """A release published or confirmed: where it went; behind Show details, where git
        keeps it (`technical`) and how anyone checks it."""
        self.outcome.setText(
            f"<p style='color:#1b5e20;font-size:large;'><b>{html.escape(headline)}</b></p><p>{html.escape(detail)}</p>"
        )
        self.outcome.setVisible(True)
        self.show_sent(deliveries)
        check = QApplication.translate(
            "PublishDialog",
            "To check it, anyone can run these commands; a bot maintainer pins your key once, "
            "after checking its fingerprint with you by phone or in person:",
        )
        self.technical.setText(
            (f"<p>{html.escape(technical)}</p>" if technical else "")
            + f"<p>{html.escape(check)}</p>"
        )
        self.commands.setPlainText(verify_commands(library.path, person.id, library.info.channels))
        self.details.setVisible(True)
        self._show_details(self.details.isChecked())

    def _show_details(self, on: bool) -> None:
        for widget in (self.technical, self.commands, self.copy):
            widget.setVisible(on)
        self.details.setText(
            QApplication.translate("PublishDialog", "Hide &details")
            if on
            else QApplication.translate("PublishDialog", "Show &details")
        )

    def show_sent(self, deliveries) -> None:
        self.deliveries = list(deliveries)
        self.sent.setText(delivery_html(deliveries))
        self.sent.setVisible(True)
        self.resend.setVisible(not all(d.delivered for d in deliveries))
        self.resend.setEnabled(True)

    def show_refused(self, headline: str, why: str) -> None:
        self.outcome.setText(
            f"<p style='color:#b71c1c;'><b>{html.escape(headline)}</b> {html.escape(plain(why))}</p>"
        )
        self.outcome.setVisible(True)
