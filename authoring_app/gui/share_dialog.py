"""Connecting to a shared library: Library → Share this library… (connect the open library to
a server) and File → Clone library from… (copy a shared library to this computer).

Both take an address (https://…, ssh://…, user@host:path, or a folder), work in the
background (the server's questions come as dialogs, see network.py), can be stopped at any
point without leaving anything half-done, and say in plain words why not when it fails.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from authoring_app.gui.network import NetworkWork
from authoring_app.gui.sync_words import failure_words


def tr(text: str) -> str:
    return QCoreApplication.translate("ShareDialog", text)


EXAMPLES = "https://git.example.org/team/library.git · ssh://git@git.example.org/team/library.git"


class ConnectDialog(QDialog):
    """An address, a button that starts, progress, Stop, and what went wrong."""

    def __init__(self, window, title: str, intro: str, start_text: str):
        super().__init__(window)
        self.window = window
        self.network = NetworkWork(self)
        self.setWindowTitle(title)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.address = QLineEdit()
        self.address.setObjectName("connect_address")
        self.address.setPlaceholderText(EXAMPLES)
        self.address.setAccessibleName(tr("Address of the shared library"))
        self.address.textChanged.connect(lambda _t: self._update())
        self.form = QFormLayout()
        self.form.addRow(tr("&Address:"), self.address)
        self.outcome = QLabel()
        self.outcome.setObjectName("connect_outcome")
        self.outcome.setWordWrap(True)
        self.outcome.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.start_button = QPushButton(start_text)
        self.start_button.setObjectName("connect_start")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.close_button = QPushButton(tr("Cancel"))
        self.close_button.setObjectName("connect_cancel")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.progress)
        layout.addWidget(self.outcome)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(640, 320)
        self._update()

    def work(self, address: str):  # the network work, given the link; see subclasses
        raise NotImplementedError

    def connected(self, value) -> None:
        raise NotImplementedError

    def ready(self) -> bool:
        return bool(self.address.text().strip())

    def _update(self) -> None:
        working = self.network.running
        self.start_button.setEnabled(self.ready() and not working)
        self.address.setEnabled(not working)
        self.progress.setVisible(working)
        self.close_button.setText(tr("Stop") if working else tr("Cancel"))

    def start(self) -> None:
        if not self.ready() or self.network.running:
            return
        self.outcome.setVisible(False)
        self.network.start(self.work(self.address.text().strip()), self._done, self._failed)
        self._update()

    def _done(self, value) -> None:
        self._update()
        self.connected(value)

    def _failed(self, exc: BaseException) -> None:
        from authoring_app.sync.failures import SyncFailure

        self._update()
        if isinstance(exc, SyncFailure):
            title, text = failure_words(exc.failure.kind, exc.failure.host)
        else:
            title, text = tr("Not connected"), str(exc)
        self.show_problem(title, text)

    def show_problem(self, title: str, text: str) -> None:
        self.outcome.setText(
            f"<p style='color:#b71c1c;'><b>{html.escape(title)}</b></p><p>{html.escape(text)}</p>"
        )
        self.outcome.setVisible(True)

    def reject(self) -> None:  # Qt override: Stop while working, close otherwise
        if self.network.running:
            self.network.cancel()
            return
        super().reject()

    def closeEvent(self, event) -> None:  # Qt override
        self.network.stop()
        super().closeEvent(event)


class ShareDialog(ConnectDialog):
    """Connect the open library to a shared library on a server, then sync."""

    def __init__(self, window):
        super().__init__(
            window,
            tr("Share this library"),
            tr(
                "Connect this library to a shared library on your organisation's server "
                "(Gitea, Forgejo, GitLab, GitHub, or any server reachable over SSH), so that "
                "your colleagues' computers can receive and send changes. The repository on "
                "the server should be empty, or hold this same library. Your team lead has "
                "the address; docs/sharing.md explains how to set one up."
            ),
            tr("&Connect and sync"),
        )
        self.setObjectName("share_dialog")

    def work(self, address: str):
        from authoring_app.sync.sync import share_library, sync

        window = self.window
        library, person = window.library, window.person

        def connect(link):
            share_library(library, address, link)
            return sync(library, person, link=link, local=window.tasks.call, program="desktop app")

        return connect

    def connected(self, result) -> None:
        control = getattr(self.window, "sync_control", None)
        if control is not None:
            control.update_status()
        self.window.refresh_list()
        if result.ok or result.offline:
            self.window.statusBar().showMessage(
                tr("This library is now shared; Sync sends and receives changes."), 8000
            )
            self.accept()
            return
        host = result.failure.host if result.failure else ""
        self.show_problem(*failure_words(result.outcome, host, result.holder))


class CloneDialog(ConnectDialog):
    """Copy a shared library to this computer and open it."""

    def __init__(self, window):
        super().__init__(
            window,
            tr("Clone a shared library"),
            tr(
                "Copy a library your team shares to this computer. You then work on your "
                "copy and Sync sends and receives changes."
            ),
            tr("&Clone"),
        )
        self.setObjectName("clone_dialog")
        self.folder = QLineEdit(str(Path.home()))
        self.folder.setObjectName("clone_folder")
        self.folder.setAccessibleName(tr("Folder to keep the copy in"))
        self.folder.textChanged.connect(lambda _t: self._update())
        browse = QPushButton(tr("&Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.form.addRow(tr("Keep the copy in:"), row)
        self._update()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Where to keep the copy"))
        if folder:
            self.folder.setText(folder)

    def ready(self) -> bool:
        return super().ready() and bool(getattr(self, "folder", None) and self.folder.text())

    def target(self, address: str) -> Path:
        from authoring_app.sync.connecting import clean_address

        clean, _given = clean_address(address)
        name = clean.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1].removesuffix(".git")
        return Path(self.folder.text()).expanduser() / (name or "library")

    def work(self, address: str):
        from authoring_app.sync.connecting import clone_library

        target = self.target(address)
        return lambda link: clone_library(address, target, link)

    def connected(self, library) -> None:
        self.window.set_library(library, owned=True)
        self.accept()
