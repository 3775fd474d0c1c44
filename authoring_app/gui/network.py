"""Work that talks to the shared library (sync, share, clone), off the GUI thread and apart
from the saves.

It runs on a thread of its own, one piece of work at a time; its steps that change files go
through the window's TaskRunner (`tasks.call`), in turn with saves, so a save never waits
for the network. When git or ssh asks something (a password, whether to trust a server),
`ServerQuestions` asks the person in a dialog on the GUI thread and hands the answer back.
`cancel` stops the work cleanly (see sync/transport.py); `stop` is what quitting does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog

from authoring_app.gui import server_dialogs
from authoring_app.sync.transport import Link


class ServerQuestions(QObject):
    """A responder for askpass.py: called on another thread, it asks on the GUI thread."""

    _asked = Signal(object, object)  # question, reply box

    def __init__(self, parent_widget, cancelled: Callable[[], bool]):
        super().__init__(parent_widget)
        self._widget = parent_widget
        self._cancelled = cancelled
        self._passwords: dict[str, str] = {}  # asked together with the user name, used once
        self._asked.connect(self._show)

    def __call__(self, question) -> str | None:
        if question.kind == "password" and question.where in self._passwords:
            return self._passwords.pop(question.where)
        box: dict[str, Any] = {"done": threading.Event()}
        self._asked.emit(question, box)
        while not box["done"].wait(0.2):
            if self._cancelled():
                return None
        return box.get("answer")

    def _show(self, question, box) -> None:
        """Open the dialog (window-modal, no nested event loop); answer when it closes."""
        dialog = server_dialogs.server_dialog(self._widget, question)

        def closed(result: int) -> None:
            try:
                reply = server_dialogs.answer(dialog, result == QDialog.DialogCode.Accepted)
                if isinstance(reply, tuple):  # a user name, with its password for the next ask
                    reply, password = reply
                    self._passwords[question.where] = password
                box["answer"] = reply
            finally:
                box["done"].set()
                dialog.deleteLater()

        dialog.finished.connect(closed)
        dialog.open()


class NetworkWork(QObject):
    """Runs one piece of network work at a time; delivers its result on the GUI thread."""

    _finished = Signal(object, bool, object)  # (on_done, on_error), ok, value

    def __init__(self, parent_widget):
        super().__init__(parent_widget)
        self.link: Link | None = None
        self._thread: threading.Thread | None = None
        self.questions = ServerQuestions(parent_widget, lambda: self.cancelled)
        self._finished.connect(self._deliver)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def cancelled(self) -> bool:
        return self.link is not None and self.link.cancelled

    def start(
        self,
        work: Callable[[Link], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> Link:
        """Run `work(link)` on the network thread; `link` carries the questions and Cancel."""
        link = Link(responder=self.questions)
        self.link = link

        def run() -> None:
            try:
                value = work(link)
            except BaseException as exc:  # delivered to the GUI thread, never lost
                self._finished.emit((on_done, on_error), False, exc)
            else:
                self._finished.emit((on_done, on_error), True, value)

        self._thread = threading.Thread(target=run, name="network", daemon=True)
        self._thread.start()
        return link

    def cancel(self) -> None:
        if self.link is not None:
            self.link.cancel.set()

    def stop(self, seconds: float = 15) -> bool:
        """Cancel and wait for the work to end (on quitting); True if it has ended."""
        self.cancel()
        if self._thread is not None:
            self._thread.join(seconds)
        return not self.running

    def _deliver(self, callbacks, ok: bool, value) -> None:
        # The thread emitted its result as its last step: let it end, so that the callbacks
        # see `running` False and the dialog's buttons come back on.
        if self._thread is not None:
            self._thread.join(5)
        on_done, on_error = callbacks
        (on_done if ok else on_error)(value)


def link_for(window) -> Link:
    """A Link for work the window runs elsewhere (publishing): the window's questions."""
    network = getattr(window, "network", None)
    return Link(responder=network.questions if network is not None else None)
