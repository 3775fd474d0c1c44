"""An answer edited on two computers: both versions side by side, each labelled by who saved
it and when (the same on every computer); keep either, or combine the two bodies by hand.
The choice is saved by the core's `resolve_conflict`."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
)

from authoring_app.gui.checks_panel import field_label
from authoring_app.gui.review_html import field_text
from authoring_app.gui.review_view import COMPARED_FIELDS
from authoring_app.gui.screen_fit import resize_to_fit

KEEP_MINE, TAKE_THEIRS, COMBINE = "mine", "theirs", "combine"


def version_html(answer, other) -> str:
    """The fields and body of `answer`; fields that differ from `other` are highlighted."""
    if answer is None:
        unreadable = QCoreApplication.translate("ConflictDialog", "This text cannot be read.")
        return "<p><i>" + html.escape(unreadable) + "</i></p>"
    rows = []
    for name in COMPARED_FIELDS:
        value = field_text(answer, name)
        differs = other is not None and value != field_text(other, name)
        style = "background:#fff4c2;" if differs else ""
        rows.append(
            f'<tr><td valign="top"><b>{html.escape(field_label(name))}</b></td>'
            f'<td valign="top" style="{style}white-space:pre-wrap;">{html.escape(value) or "—"}</td></tr>'
        )
    body_style = "background:#fff4c2;" if other is not None and answer.body != other.body else ""
    return (
        '<table cellspacing="0" cellpadding="3">' + "".join(rows) + "</table>"
        f"<p><b>{html.escape(field_label('body'))}</b></p>"
        f'<div style="{body_style}white-space:pre-wrap;">{html.escape(answer.body)}</div>'
    )


class ConflictDialog(QDialog):
    """`chosen()` is the answer to save once accepted."""

    def __init__(self, conflict, parent=None):
        super().__init__(parent)
        self.setObjectName("conflict_dialog")
        self.conflict = conflict
        self.choice: str | None = None
        mine, theirs = conflict.local, conflict.theirs
        self.setWindowTitle(self.tr("Edited on two computers — choose or combine"))
        intro = QLabel(
            self.tr(
                "This answer was changed here and on another computer. Both versions are kept "
                "until you choose. Differences are highlighted. Whatever you keep needs a "
                "doctor's sign-off again."
            )
        )
        intro.setWordWrap(True)
        (_, kept_by, kept_at), (_, other_by, other_at) = conflict.sides()
        self.kept_name = self._side_name(kept_by, kept_at, other_by, other_at)
        self.other_name = self._side_name(other_by, other_at, kept_by, kept_at)
        self.mine_label = QLabel("<b>" + html.escape(self._label(self.kept_name, kept_at)) + "</b>")
        self.theirs_label = QLabel(
            "<b>" + html.escape(self._label(self.other_name, other_at)) + "</b>"
        )
        self.mine_view = QTextBrowser()
        self.mine_view.setObjectName("conflict_mine")
        self.mine_view.setAccessibleName(self._label(self.kept_name, kept_at))
        self.mine_view.setHtml(version_html(mine, theirs))
        self.theirs_view = QTextBrowser()
        self.theirs_view.setObjectName("conflict_theirs")
        self.theirs_view.setAccessibleName(self._label(self.other_name, other_at))
        self.theirs_view.setHtml(version_html(theirs, mine))
        self.combined = QPlainTextEdit()
        self.combined.setObjectName("conflict_combined")
        self.combined.setAccessibleName(self.tr("Combined text of the full answer"))
        self.combined.setPlainText(mine.body if mine else (theirs.body if theirs else ""))
        self.combined.setVisible(False)
        self.combine_note = QLabel(
            self.tr(
                "Edit the full answer on the left, starting from the version on the left; the "
                "other is on the right. The other fields are kept from the version on the left."
            )
        )
        self.combine_note.setWordWrap(True)
        self.combine_note.setVisible(False)

        grid = QGridLayout()
        grid.addWidget(self.mine_label, 0, 0)
        grid.addWidget(self.theirs_label, 0, 1)
        grid.addWidget(self.mine_view, 1, 0)
        grid.addWidget(self.combined, 1, 0)
        grid.addWidget(self.theirs_view, 1, 1)

        self.keep_mine = QPushButton(self.tr("&Keep: %1").replace("%1", self.kept_name))
        self.keep_mine.setObjectName("conflict_keep_mine")
        self.keep_mine.setEnabled(mine is not None)
        self.keep_mine.clicked.connect(lambda: self._choose(KEEP_MINE))
        self.take_theirs = QPushButton(self.tr("K&eep: %1").replace("%1", self.other_name))
        self.take_theirs.setObjectName("conflict_take_theirs")
        self.take_theirs.setEnabled(theirs is not None)
        self.take_theirs.clicked.connect(lambda: self._choose(TAKE_THEIRS))
        self.combine = QPushButton(self.tr("C&ombine…"))
        self.combine.setObjectName("conflict_combine")
        self.combine.setEnabled(mine is not None and theirs is not None)
        self.combine.clicked.connect(self._start_combining)
        self.save_combined = QPushButton(self.tr("&Save combined text"))
        self.save_combined.setObjectName("conflict_save_combined")
        self.save_combined.setVisible(False)
        self.save_combined.clicked.connect(lambda: self._choose(COMBINE))
        cancel = QPushButton(self.tr("Decide later"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(cancel)
        buttons.addStretch(1)
        for button in (self.combine, self.save_combined, self.take_theirs, self.keep_mine):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.combine_note)
        layout.addLayout(grid, 1)
        layout.addLayout(buttons)
        resize_to_fit(self, 1200, 800)

    def _side_name(self, who, when, other_who, other_when) -> str:
        """Who saved this version; with "newer"/"older" when one person saved both."""
        name = who or self.tr("unknown")
        if who and who == other_who and when and other_when and when != other_when:
            return (self.tr("%1, newer") if when > other_when else self.tr("%1, older")).replace(
                "%1", name
            )
        return name

    def _label(self, name: str, when) -> str:
        saved = when.astimezone().strftime("%Y-%m-%d %H:%M") if when else "?"
        return self.tr("Version: %1 (saved %2)").replace("%1", name).replace("%2", saved)

    def _start_combining(self) -> None:
        self.mine_view.setVisible(False)
        self.combined.setVisible(True)
        self.combine_note.setVisible(True)
        self.mine_label.setText("<b>" + html.escape(self.tr("Combined")) + "</b>")
        self.save_combined.setVisible(True)
        self.combine.setVisible(False)
        self.combined.setFocus(Qt.FocusReason.OtherFocusReason)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def chosen(self):
        mine, theirs = self.conflict.local, self.conflict.theirs
        if self.choice == KEEP_MINE:
            return mine
        if self.choice == TAKE_THEIRS:
            return theirs
        if self.choice == COMBINE:
            return mine.edited(body=self.combined.toPlainText())
        return None
