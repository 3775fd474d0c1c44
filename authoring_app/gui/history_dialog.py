"""Every revision of an answer: who, when, what; the changes between any two; restore one."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from authoring_app.gui import ask
from authoring_app.gui.history_compare import compare_html, version_html
from authoring_app.gui.screen_fit import resize_to_fit
from authoring_app.library.answer import AnswerKey
from authoring_app.library.library import Revision

COMMIT_ROLE = Qt.ItemDataRole.UserRole + 1


def action_words(action: str) -> str:
    return {
        "add": QCoreApplication.translate("HistoryDialog", "wrote the first version"),
        "edit": QCoreApplication.translate("HistoryDialog", "edited"),
        "restore": QCoreApplication.translate("HistoryDialog", "brought back an earlier version"),
        "submit": QCoreApplication.translate("HistoryDialog", "sent for review"),
        "comment": QCoreApplication.translate("HistoryDialog", "commented"),
        "approve": QCoreApplication.translate("HistoryDialog", "signed off"),
        "sign-off": QCoreApplication.translate("HistoryDialog", "signed off"),
        "request-changes": QCoreApplication.translate("HistoryDialog", "asked for changes"),
        "retire": QCoreApplication.translate("HistoryDialog", "retired"),
        "excepted": QCoreApplication.translate(
            "HistoryDialog", "let a must-fix check pass (governor's exception)"
        ),
    }.get(action, action)


def diff_html(diff: str) -> str:
    """A unified diff, coloured: removed lines red, added lines green."""
    lines = []
    for number, line in enumerate(diff.splitlines()):
        text = html.escape(line) or "&nbsp;"
        if number < 2 and line.startswith(("--- ", "+++ ")):
            style = "color:#5f6b7a;"
        elif line.startswith("@@"):
            style = "color:#1f4e8c;background:#eef3fa;"
        elif line.startswith("+"):
            style = "background:#e6f4ea;color:#1b5e20;"
        elif line.startswith("-"):
            style = "background:#fdecea;color:#8e1c1c;"
        else:
            style = "color:#222;"
        lines.append(f'<div style="{style}white-space:pre-wrap;">{text}</div>')
    return '<div style="font-family:monospace;">' + "".join(lines) + "</div>"


class HistoryDialog(QDialog):
    restored = Signal(object)  # AnswerKey

    def __init__(self, library, key: AnswerKey, person, tasks, parent=None):
        super().__init__(parent)
        self.library, self.key, self.person, self.tasks = library, key, person, tasks
        self.revisions: list[Revision] = []
        answer = library.find(key)
        self.setWindowTitle(
            self.tr("History of “%1”").replace("%1", answer.title if answer else str(key))
        )
        heading = QLabel(f"<h2>{html.escape(answer.title if answer else str(key))}</h2>")
        heading.setWordWrap(True)
        intro = QLabel(
            self.tr(
                "Every saved version of this answer, newest first. Select one version to see "
                "what it changed, or two (Ctrl+click) to compare them."
            )
        )
        intro.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setObjectName("revisions")
        self.list.setAccessibleName(self.tr("Saved versions"))
        self.list.setHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What")])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.list.itemSelectionChanged.connect(self.show_diff)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("font-weight: bold;")
        self.diff = QTextEdit()
        self.diff.setObjectName("diff")
        self.diff.setReadOnly(True)
        self.diff.setAccessibleName(self.tr("Changes"))
        self.file_changes = QCheckBox(self.tr("Show the &file's changes"))
        self.file_changes.setObjectName("file_changes")
        self.file_changes.setToolTip(
            self.tr("The changes to the stored file, line by line, as git shows them")
        )
        self.file_changes.toggled.connect(self.show_diff)
        self.restore_button = QPushButton(self.tr("&Bring back this version…"))
        self.restore_button.setObjectName("restore")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_selected)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.caption)
        lower_layout.addWidget(self.diff, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(lower)
        splitter.setSizes([220, 480])
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.file_changes)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        resize_to_fit(self, 1000, 720)
        self.reload()

    def reload(self) -> None:
        self.caption.setText(self.tr("Loading…"))
        self.tasks.run(
            lambda: self.library.history(self.key),
            on_done=self._show_revisions,
            on_error=lambda exc: self.caption.setText(str(exc)),
            channel=f"history:{self.key}",
            description=self.tr("Reading history"),
        )

    def _show_revisions(self, revisions: list[Revision]) -> None:
        self.revisions = revisions
        self.list.clear()
        names = {p.id: p.name for p in self.library.roster}
        for revision in revisions:
            who = names.get(revision.person or "", revision.author)
            item = QTreeWidgetItem(
                [
                    revision.time.astimezone().strftime("%Y-%m-%d %H:%M"),
                    who,
                    action_words(revision.action)
                    if "Action" in revision.trailers
                    else self.tr("saved"),
                ]
            )
            item.setData(0, COMMIT_ROLE, revision.commit)
            item.setToolTip(2, revision.subject)
            self.list.addTopLevelItem(item)
        if revisions:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        else:
            self.caption.setText(self.tr("This answer has not been saved yet."))

    def selected_commits(self) -> list[str]:
        """Selected revisions, oldest first."""
        rows = sorted(
            (self.list.indexOfTopLevelItem(i) for i in self.list.selectedItems()), reverse=True
        )
        return [self.revisions[r].commit for r in rows]

    def show_diff(self) -> None:
        commits = self.selected_commits()
        self.restore_button.setEnabled(len(commits) == 1 and commits[0] != self.revisions[0].commit)
        if not commits:
            self.caption.setText(self.tr("Select a version to see its changes."))
            self.diff.clear()
            return
        if len(commits) == 1:
            position = [r.commit for r in self.revisions].index(commits[0])
            if position + 1 >= len(self.revisions):
                self.caption.setText(
                    self.tr("The first version of this answer, as it was written:")
                )
                first = self.library.answer_at(self.key, commits[0])
                if self.file_changes.isChecked() or first is None:
                    self.diff.setPlainText(self.library.text_at(self.key, commits[0]) or "")
                else:
                    self.diff.setHtml(
                        version_html(first, self.library.directory, self.library.info.topics)
                    )
                return
            old, new = self.revisions[position + 1].commit, commits[0]
            self.caption.setText(self.tr("What this version changed:"))
        else:
            old, new = commits[0], commits[-1]
            self.caption.setText(
                self.tr("Changes from %1 to %2:")
                .replace("%1", self._when(old))
                .replace("%2", self._when(new))
            )
        if not self.file_changes.isChecked():
            before, after = (self.library.answer_at(self.key, c) for c in (old, new))
            text = compare_html(before, after, self.library.directory, self.library.info.topics)
            if text:
                self.diff.setHtml(text)
            else:
                self.diff.setPlainText(self.tr("The text is the same in both versions."))
            return
        text = self.library.diff(self.key, old, new)
        if text:
            self.diff.setHtml(diff_html(text))
        else:
            self.diff.setPlainText(self.tr("The text is the same in both versions."))

    def _when(self, commit: str) -> str:
        revision = next(r for r in self.revisions if r.commit == commit)
        return revision.time.astimezone().strftime("%Y-%m-%d %H:%M")

    def restore_selected(self) -> None:
        commits = self.selected_commits()
        if len(commits) != 1 or self.person is None:
            return
        commit = commits[0]
        if not ask.confirm(
            self,
            self.tr("Bring back this version?"),
            self.tr(
                "The answer will be saved again with the text it had on %1. "
                "Nothing is lost: the current text stays in the history."
            ).replace("%1", self._when(commit)),
            self.tr("Bring it back"),
        ):
            return
        from authoring_app.review import edits

        window = self.parent()
        keys = getattr(window, "session_keys", None)  # the main window's unlocked key
        private_key = keys.key_for(window, self.person) if keys is not None else None
        library, key, person = self.library, self.key, self.person
        self.restore_button.setEnabled(False)
        self.tasks.run(
            lambda: edits.kept(
                lambda signing_key: edits.restore(library, key, commit, person, signing_key),
                lambda: library.restore(key, commit, person),
                private_key,
            ),
            on_done=lambda outcome: self._restored(outcome[0]),
            on_error=lambda exc: ask.error(self, self.tr("Could not bring it back"), str(exc)),
            description=self.tr("Bringing back an earlier version"),
        )

    def _restored(self, _revision) -> None:
        self.restored.emit(self.key)
        self.reload()
