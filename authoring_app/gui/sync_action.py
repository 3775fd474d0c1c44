"""Sync: send and receive changes through the shared library, in the background.

A Sync button in the toolbar, a line in the status bar saying where this copy stands ("Up to
date", "3 changes to send", "Offline — …", "2 answers need a decision"), and, on an answer
edited on two computers, a banner over the editor that opens the side-by-side choice.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStyle

from authoring_app.gui import ask
from authoring_app.gui.network import NetworkWork
from authoring_app.gui.sync_words import failure_words

SHORTCUT = "Ctrl+Shift+Y"


def _sync_module():
    try:
        from authoring_app.sync import sync
    except ImportError:
        return None
    return sync


def _conflict_files(library) -> dict:
    from authoring_app.sync.conflicts import conflict_files

    return conflict_files(library)


class SyncControl:
    """The Sync action, its status line and the conflict banner of one window."""

    def __init__(self, window, sync):
        self.window, self.sync = window, sync
        self.offline = False
        self.running = False
        self.last_result = None
        self.label = QLabel()
        self.label.setObjectName("sync_status")
        self.label.setAccessibleName(QCoreApplication.translate("Sync", "Sync status"))
        window.statusBar().addPermanentWidget(self.label)
        self.action = window.actions.add(
            "sync",
            QCoreApplication.translate("Sync", "S&ync"),
            self.run,
            menu="library",
            shortcut=SHORTCUT,
            toolbar=True,
            tip=QCoreApplication.translate(
                "Sync", "Send your saved work to the shared library and receive others' work"
            ),
        )
        self.action.setIcon(window.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        self.network = NetworkWork(window)
        window.network = self.network
        window.before_close.append(self.stop)
        self.share_action = window.actions.add(
            "share_library",
            QCoreApplication.translate("Sync", "S&hare this library…"),
            self.share,
            menu="library",
            tip=QCoreApplication.translate(
                "Sync", "Connect this library to a shared library on a server"
            ),
        )
        self._build_banner()
        window.library_loaded.connect(lambda _l: self.update_status())
        window.library_refreshed.connect(self.update_status)
        window.answer_opened.connect(lambda _k: self.update_banner())
        window.answer_saved.connect(lambda _k: self.update_status())

    def _build_banner(self) -> None:
        self.banner = QFrame()
        self.banner.setObjectName("conflict_banner")
        self.banner.setStyleSheet(
            "#conflict_banner { background: #fdecea; border: 1px solid #e57373; }"
        )
        self.banner_text = QLabel(
            QCoreApplication.translate("Sync", "Edited on two computers — choose or combine")
        )
        self.banner_text.setStyleSheet("color: #8e1c1c; font-weight: bold;")
        self.banner_button = QPushButton(QCoreApplication.translate("Sync", "&Choose or combine…"))
        self.banner_button.setObjectName("conflict_choose")
        self.banner_button.setAccessibleName(
            QCoreApplication.translate("Sync", "Choose or combine the two versions")
        )
        self.banner_button.clicked.connect(self.resolve)
        row = QHBoxLayout(self.banner)
        row.addWidget(self.banner_text, 1)
        row.addWidget(self.banner_button)
        self.banner.setVisible(False)
        centre = self.window.banner.parentWidget().layout()
        centre.insertWidget(centre.indexOf(self.window.banner) + 1, self.banner)

    # -- where this copy stands ------------------------------------------------------------

    def update_status(self) -> None:
        window, sync = self.window, self.sync
        library = window.library
        self.update_banner()
        if library is None:
            self.label.setText("")
            return
        if library.repo is None or not library.repo.remotes:  # in-process, no git command
            self._show_status((self.sync.RemoteStatus(None, None), self._conflict_count()))
            return
        self.window.tasks.run(
            lambda: (sync.remote_status(library), len(_conflict_files(library))),
            on_done=self._show_status,
            on_error=lambda exc: self.label.setText(str(exc)),
            channel="sync-status",
            description=QCoreApplication.translate("Sync", "Checking what is left to send"),
        )

    def _show_status(self, found) -> None:
        remote, conflicts = found
        self.action.setEnabled(remote.shared)
        self.share_action.setEnabled(not self.running)
        if self.running:
            return
        self.action.setToolTip(
            QCoreApplication.translate(
                "Sync", "Send your saved work to the shared library and receive others' work"
            )
            if remote.shared
            else QCoreApplication.translate(
                "Sync", "This library is only on this computer; it is not shared yet"
            )
        )
        if conflicts:
            text = QCoreApplication.translate("Sync", "%1 answers need a decision").replace(
                "%1", str(conflicts)
            )
        elif not remote.shared:
            text = QCoreApplication.translate("Sync", "Not shared: only on this computer")
        elif self.offline:
            text = QCoreApplication.translate(
                "Sync", "Offline — your work is kept and will be sent later"
            )
        elif remote.ahead:
            text = QCoreApplication.translate("Sync", "%1 changes to send").replace(
                "%1", str(remote.ahead)
            )
        else:
            text = QCoreApplication.translate("Sync", "Up to date")
        self.label.setText(text)
        self.label.setToolTip(self.last_result.message if self.last_result else "")

    def _conflict_count(self) -> int:
        return len(_conflict_files(self.window.library))

    def update_banner(self) -> None:
        window = self.window
        key = window.current_key()
        shown = (
            window.library is not None
            and key is not None
            and not window.editor.is_new
            and self.sync.has_conflict(window.library, key)
        )
        self.banner.setVisible(shown)

    # -- syncing ---------------------------------------------------------------------------

    def run(self) -> bool:
        """Sync in the background (saves go on meanwhile); while it runs, the same action
        stops it. True if a sync started."""
        window = self.window
        if self.running:
            self.cancel()
            return False
        if window.library is None or not window.ensure_person():
            return False
        if not window.leave_answer(on_saved=self.run):
            return False
        library, person, sync = window.library, window.person, self.sync
        self._set_running(True)
        self.network.start(
            lambda link: sync.sync(
                library,
                person,
                progress=lambda text: None,
                link=link,
                local=window.tasks.call,
                program="desktop app",
            ),
            on_done=self._synced,
            on_error=self._failed,
        )
        return True

    def cancel(self) -> None:
        if self.running:
            self.network.cancel()
            self.label.setText(QCoreApplication.translate("Sync", "Stopping…"))

    def stop(self) -> None:
        """On quitting: stop a sync cleanly and wait for it."""
        if self.running:
            self.network.stop()

    def _set_running(self, running: bool) -> None:
        self.running = running
        self.action.setText(
            QCoreApplication.translate("Sync", "Stop s&ync")
            if running
            else QCoreApplication.translate("Sync", "S&ync")
        )
        self.share_action.setEnabled(not running)
        if running:
            self.label.setText(QCoreApplication.translate("Sync", "Syncing…"))

    def _synced(self, result) -> None:
        self._set_running(False)
        self.last_result = result
        self.offline = result.offline
        window = self.window
        if result.ok:
            text = (
                QCoreApplication.translate("Sync", "Synced: received %1, sent %2")
                .replace("%1", str(result.fetched))
                .replace("%2", str(result.pushed))
            )
            if result.conflicts:
                text += "; " + QCoreApplication.translate(
                    "Sync", "conflict: %1 answers edited on two computers"
                ).replace("%1", str(len(result.conflicts)))
            window.statusBar().showMessage(text, 8000)
        elif result.outcome in ("offline", "cancelled"):
            window.statusBar().showMessage(failure_words(result.outcome)[1], 8000)
        elif result.outcome != "not-shared":
            host = result.failure.host if result.failure else ""
            ask.error(window, *failure_words(result.outcome, host, result.holder))
        self._reload_open_answer()
        window.refresh_list()
        self.update_status()

    def _failed(self, exc: BaseException) -> None:
        self._set_running(False)
        ask.error(self.window, QCoreApplication.translate("Sync", "Not synced"), str(exc))
        self.update_status()

    def share(self):
        from authoring_app.gui.share_dialog import ShareDialog

        window = self.window
        if window.library is None or self.running or not window.ensure_person():
            return None
        dialog = ShareDialog(window)
        dialog.open()
        return dialog

    def _reload_open_answer(self) -> None:
        """Show what arrived in the open answer, unless it has unsaved edits."""
        window = self.window
        key = window.current_key()
        if key is None or window.editor.is_new or window.editor.is_modified:
            self.update_banner()
            return
        saved = window.library.find(key)
        if saved is not None and (
            window.editor.saved is None
            or saved.content_hash() != window.editor.saved.content_hash()
        ):
            window.editor.load(saved, saved=saved)
        self.update_banner()
        window.answer_opened.emit(key)

    # -- conflicts -------------------------------------------------------------------------

    def conflict_dialog(self):
        from authoring_app.gui.conflict_dialog import ConflictDialog

        window = self.window
        key = window.current_key()
        if key is None or window.library is None:
            return None
        found = next((c for c in self.sync.conflicts(window.library) if c.key == key), None)
        return ConflictDialog(found, window) if found is not None else None

    def resolve(self) -> None:
        window = self.window
        if not window.leave_answer() or not window.ensure_person():
            return
        dialog = self.conflict_dialog()
        if dialog is None:
            self.update_banner()
            return
        if not dialog.exec():
            return
        self.resolve_with(dialog.conflict.key, dialog.chosen())

    def resolve_with(self, key, chosen) -> int | None:
        window = self.window
        if chosen is None:
            return None
        library, person, sync = window.library, window.person, self.sync
        return window.tasks.run(
            lambda: sync.resolve_conflict(library, key, chosen, person),
            on_done=lambda _revision: self._resolved(key),
            on_error=lambda exc: ask.error(
                window, QCoreApplication.translate("Sync", "Not resolved"), str(exc)
            ),
            description=QCoreApplication.translate("Sync", "Saving the chosen text"),
        )

    def _resolved(self, key) -> None:
        window = self.window
        saved = window.library.find(key)
        if saved is not None:
            window.recovery.discard(key)
            window.editor.load(saved, saved=saved)
        self.update_banner()
        window.statusBar().showMessage(
            QCoreApplication.translate("Sync", "Saved the chosen text; it needs sign-off again."),
            6000,
        )
        window.refresh_list()
        window.answer_saved.emit(key)


def install(window) -> None:
    sync = _sync_module()
    if sync is None:
        return
    window.sync_control = SyncControl(window, sync)
