"""What a bot would answer, kept ready for the window: a matcher over the library as it is now
(drafts included) and one over the latest release, each built off the GUI thread.

Building the index of thousands of answers takes seconds, so it runs on a thread of its own (a
`TaskRunner` of its own: saving and syncing never wait for it), from the answers as the GUI
thread last saw them. It is built a moment after a library opens, and again a moment after
the library changes (a save, a sync, a reload); a build whose answers are what the index
already holds stops at once, and a newer build drops an older one's result. The latest release's bundle is
read through the window's own task runner, like every read of git, and only when the
published branch has moved. Matching one message then takes about a millisecond, so the
panels match on the GUI thread.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from answer_kit.matching import Matcher
from authoring_app.gui.tasks import TaskRunner
from authoring_app.library import questions

REBUILD_DELAY_MS = 800


@contextmanager
def collector_waits():
    """Python's cycle collector waits while an index is built. Building allocates so much
    that a collection of every object in the app often falls in it, holding every thread
    (the GUI's too) for about a tenth of a second at 5,000 answers; an index makes no
    cycles, and the collector runs as ever once it is built."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@dataclass(frozen=True)
class Release:
    """The latest release as a bot's matcher reads it."""

    version: str
    matcher: Matcher
    commit: str


class BotIndex(QObject):
    changed = Signal()  # a matcher became ready or was replaced

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.runner = TaskRunner(self)
        self.matcher: Matcher | None = None  # the library now, drafts included
        self.release: Release | None = None
        self.no_release = False  # True once known that nothing is published yet
        self.release_wanted = False
        self._last_built: tuple | None = None  # (fingerprint, matcher), on the runner's thread
        self._release_commit: str | None = None
        self._timer = QTimer(self, singleShot=True, interval=REBUILD_DELAY_MS)
        self._timer.timeout.connect(self.build)
        window.library_loaded.connect(self._library_loaded)
        window.answer_saved.connect(lambda _key: self._timer.start())
        window.library_refreshed.connect(self._timer.start)

    @property
    def building(self) -> bool:
        return self.runner.busy or self._timer.isActive()

    def _library_loaded(self, library) -> None:
        """A moment after a library opens (not at once: the window has its own work to do
        then, and a build competing with it for Python's lock slows it down)."""
        self._last_built = None  # (a job still running for the last library may set it)
        self.matcher, self.release, self.no_release = None, None, False
        self._release_commit = None
        self.changed.emit()
        self._timer.start()

    def build(self) -> None:
        """Build the library's index again (if its answers changed), and read the latest
        release (if the published branch moved)."""
        self._timer.stop()
        library = self.window.library
        if library is None:
            return
        answers, directory = library.answers(), library.directory

        def job():
            # Jobs run one at a time: a build asked for while another ran finds its index.
            fingerprint = (id(directory), *sorted((str(a.key), a.content_hash()) for a in answers))
            last = self._last_built
            if last is not None and last[0] == fingerprint:
                return last
            with collector_waits():
                self._last_built = fingerprint, questions.matcher_of(answers, directory)
            return self._last_built

        self.runner.run(
            job,
            on_done=lambda built: self._built(library, built),
            on_error=lambda _exc: None,  # the panels keep the index they have
            channel="library",
        )
        if self.release_wanted:
            self._read_release(library)

    def want_release(self) -> None:
        """The latest release's index is wanted (Try a question shows): read it from now on.
        Until then it is not read at all: a large release takes a second and much memory."""
        if not self.release_wanted:
            self.release_wanted = True
            if self.window.library is not None:
                self._read_release(self.window.library)

    def _built(self, library, built) -> None:
        if library is not self.window.library or built[1] is self.matcher:
            return
        self.matcher = built[1]
        self.changed.emit()

    def _read_release(self, library) -> None:
        from authoring_app.release import published

        self.window.tasks.run(
            lambda: published.tip(library),
            on_done=lambda commit: self._release_moved(library, commit),
            on_error=lambda _exc: None,
            channel="bot-release",
        )

    def _release_moved(self, library, commit: str | None) -> None:
        """Read the release at `commit` of the published branch, if it is another one. Its
        bundle is read by `git cat-file` into a file, on this index's own thread (git reads
        objects safely while another command writes)."""
        from authoring_app.release import published

        if library is not self.window.library:
            return
        if commit is None:
            self.release, self.no_release, self._release_commit = None, True, None
            self.changed.emit()
            return
        if commit == self._release_commit:
            return  # the same release as before
        self._release_commit = commit

        def job():
            data = published.read_large_file(library, "bundle.json", commit)
            if data is None:
                raise published.PublishError("the latest release's bundle cannot be read")
            with collector_waits():
                version, entries = published.matcher_entries(data)
                return Release(version, Matcher(entries), commit)

        self.runner.run(
            job, on_done=lambda release: self._release_built(library, release), channel="release"
        )

    def _release_built(self, library, release: Release) -> None:
        if library is self.window.library:
            self.release, self.no_release = release, False
            self.changed.emit()

    def question_problems(self, answer) -> list:
        """The questions of `answer` (as it stands, saved or not) a bot would answer
        otherwise, as warnings; none until the library's index is ready."""
        library = self.window.library
        if self.matcher is None or library is None:
            return []
        entries = self.matcher.entries

        def title_of(key) -> str | None:
            found = entries.get(str(key))
            return found.title if found else None

        return questions.question_problems(answer, self.matcher, library.directory, title_of)

    def wait(self) -> None:
        """Let a build finish (before the library closes, and in tests)."""
        self.runner.wait()
