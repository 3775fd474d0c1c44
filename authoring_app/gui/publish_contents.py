"""The Publish dialog's list of what the release holds: added, changed, removed, unchanged,
and every answer left out with why."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QTreeWidget, QTreeWidgetItem

from authoring_app.gui.publish_words import left_out_words, plain
from authoring_app.gui.status_view import status_colour, status_word


class ReleaseContents(QTreeWidget):
    def __init__(self):
        super().__init__()
        self.setObjectName("publish_contents")
        self.setAccessibleName(
            QApplication.translate("PublishDialog", "What the release holds and what is left out")
        )
        self.setHeaderLabels(
            [
                QApplication.translate("PublishDialog", "Answer"),
                QApplication.translate("PublishDialog", "Status"),
                QApplication.translate("PublishDialog", "Why"),
            ]
        )
        self.setColumnWidth(0, 560)
        self.setColumnWidth(1, 150)
        self.setWordWrap(True)
        self.setRootIsDecorated(True)

    def _group(self, title: str, colour: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self, [title])
        item.setForeground(0, QBrush(QColor(colour)))
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setExpanded(True)
        return item

    def fill(self, plan) -> None:
        self.clear()
        titles = {e.answer.key: e.answer.title for e in plan.included}
        sections = (
            (
                QApplication.translate("PublishDialog", "Added (%1)"),
                plan.added,
                "#2e7d32",
                QApplication.translate("PublishDialog", "new in this release"),
            ),
            (
                QApplication.translate("PublishDialog", "Changed (%1)"),
                plan.changed,
                "#1f5fbf",
                QApplication.translate("PublishDialog", "approved text changed"),
            ),
            (
                QApplication.translate("PublishDialog", "Removed (%1)"),
                plan.removed,
                "#b71c1c",
                QApplication.translate("PublishDialog", "no longer approved"),
            ),
        )
        for title, keys, colour, why in sections:
            if keys:
                parent = self._group(title.replace("%1", str(len(keys))), colour)
                for key in keys:
                    QTreeWidgetItem(parent, [f"{titles.get(key, key)}  ({key})", "", why])
        unchanged = len(plan.included) - len(plan.added) - len(plan.changed)
        if unchanged > 0:
            self._group(
                QApplication.translate(
                    "PublishDialog", "Unchanged since the last release (%1)"
                ).replace("%1", str(unchanged)),
                "#5f6b7a",
            )
        if plan.left_out:
            parent = self._group(
                QApplication.translate("PublishDialog", "Left out (%1)").replace(
                    "%1", str(len(plan.left_out))
                ),
                "#b35c00",
            )
            for item in plan.left_out:
                row = QTreeWidgetItem(
                    parent,
                    [f"{item.title}  ({item.key})", status_word(item.status), left_out_words(item)],
                )
                row.setForeground(1, QBrush(status_colour(item.status)))
                row.setToolTip(2, plain(item.reason))
