"""Keeps the editor's unsaved text in a recovery file, a moment after each change.

The file is written a second after typing pauses, and at least every few seconds while typing
goes on; it is removed when the answer is saved or the change is thrown away. The files
themselves are handled by `authoring_app.library.recovery`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from authoring_app.library.answer import Answer, AnswerKey
from authoring_app.library.recovery import RecoveryStore

DEBOUNCE_MS = 1000
MAX_WAIT_MS = 5000


class RecoveryWriter(QObject):
    written = Signal(object)  # the AnswerKey whose text was written

    def __init__(self, store: RecoveryStore, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self._source: Callable[[], tuple[Answer, bool, str | None] | None] | None = None
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.flush)
        self._max_wait = QTimer(self, singleShot=True, interval=MAX_WAIT_MS)
        self._max_wait.timeout.connect(self.flush)

    def changed(self, source: Callable[[], tuple[Answer, bool, str | None] | None]) -> None:
        """The editor changed; `source()` gives (answer, is_new, base hash) when it is time."""
        self._source = source
        self._debounce.start()
        if not self._max_wait.isActive():
            self._max_wait.start()

    def flush(self) -> None:
        self._debounce.stop()
        self._max_wait.stop()
        source, self._source = self._source, None
        found = source() if source else None
        if found is None:
            return
        answer, is_new, base_hash = found
        try:
            self.store.write(answer, is_new=is_new, base_hash=base_hash)
        except OSError:
            return  # a full disk must not stop editing; the next change tries again
        self.written.emit(answer.key)

    def discard(self, key: AnswerKey) -> None:
        """The text of `key` was saved or thrown away."""
        self._debounce.stop()
        self._max_wait.stop()
        self._source = None
        self.store.discard(key)
