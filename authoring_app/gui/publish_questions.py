"""The publish dialog's report of answers whose own questions a bot would answer otherwise.

Once the plan is made, every question of every answer in the release is matched against the
release (core `planning.question_report`) on the thread that builds the bot's indexes, so
publishing never waits for it. It is a warning: the Publish button does not depend on it.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem

WARNING = "#8a5a00"


def tr(text: str) -> str:
    return QCoreApplication.translate("PublishDialog", text)


class QuestionReport(QLabel):
    """One line on how each answer's questions fare, and a group of the tree naming the
    answers whose questions find another answer or none."""

    def __init__(self, window, tree: QTreeWidget):
        super().__init__()
        self.window, self.tree = window, tree
        self.job: int | None = None
        self.report = None
        self.setObjectName("publish_questions")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        window.bot_index.runner.progress.connect(self._progress)

    def check(self, plan) -> None:
        from authoring_app.release.planning import question_report

        directory, runner = self.window.library.directory, self.window.bot_index.runner
        self.report = None
        self.setText(html.escape(tr("Checking that each answer's questions find it…")))
        titles = {e.answer.key: e.answer.title for e in plan.included}
        self.job = runner.run(
            lambda progress: question_report(
                plan, directory, lambda done, total: progress.report(done, total, "")
            ),
            on_done=lambda report: self._show(report, titles),
            on_error=lambda _exc: self.setText(""),
            channel="publish-questions",
            with_progress=True,
        )

    def stop(self) -> None:
        if self.job is not None:
            self.window.bot_index.runner.cancel(self.job)

    def _progress(self, job_id: int, done: int, total: int, _text: str) -> None:
        if job_id == self.job and total:
            self.setText(
                html.escape(
                    tr("Checking that each answer's questions find it: %1 of %2 answers…")
                    .replace("%1", str(done))
                    .replace("%2", str(total))
                )
            )

    def _show(self, report, titles: dict) -> None:
        self.report = report
        lost = report.lost_answers
        if not lost:
            self.setText(
                "<span style='color:#2e7d32;'>✔ {}</span>".format(
                    html.escape(
                        tr("All %1 ways of asking find their own answer (%2 answers).")
                        .replace("%1", str(report.questions))
                        .replace("%2", str(report.answers))
                    )
                )
            )
            return
        counts = (
            tr(
                "%1 of %2 answers have questions the bot would answer otherwise (%3 of %4 ways "
                "of asking). This does not stop publishing; see the list below."
            )
            .replace("%1", str(len(lost)))
            .replace("%2", str(report.answers))
            .replace("%3", str(len(report.lost)))
            .replace("%4", str(report.questions))
        )
        self.setText(f"<span style='color:{WARNING};'><b>⚠ {html.escape(counts)}</b></span>")
        group = QTreeWidgetItem([tr("Questions the bot would answer otherwise (%1)")])
        group.setText(0, group.text(0).replace("%1", str(len(lost))))
        group.setForeground(0, QBrush(QColor(WARNING)))
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        self.tree.insertTopLevelItem(0, group)
        for key, items in lost.items():
            for item in items:
                if item.found is None:
                    why = _filled(
                        tr("“%1”: the bot would say it did not understand"), item.question
                    )
                else:
                    found = titles.get(item.found, str(item.found))
                    why = _filled(tr("“%1”: the bot would send “%2”"), item.question, found)
                row = QTreeWidgetItem(group, [titles.get(key, str(key)), "", why])
                row.setToolTip(2, why)
        group.setExpanded(True)


def _filled(template: str, *values: str) -> str:
    """`template` with %1, %2... replaced in one pass (a value may itself hold "%2")."""
    return re.sub(r"%(\d)", lambda m: values[int(m.group(1)) - 1], template)
