"""Background work: one worker thread, one job at a time, results delivered on the GUI thread.

Git writes (save, restore), opening a library and other slow work run here so the window never
freezes. A job is a plain function; it never touches widgets. Its result (or exception) comes
back through a signal of `TaskRunner`, an object living on the GUI thread, and is handed to the
callbacks given to `run`. A newer job on the same `channel` makes older results stale: they are
dropped, never delivered.

    job = window.tasks.run(lambda: library.save_answer(answer, person),
                           on_done=show_saved, on_error=show_error, description="Saving")
"""

from __future__ import annotations

import itertools
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class Progress:
    """Handed to jobs that accept a `progress` argument: report(done, total, text)."""

    def __init__(self, runner: TaskRunner, job_id: int):
        self._runner, self._job_id = runner, job_id

    def report(self, done: int, total: int, text: str = "") -> None:
        self._runner._progress.emit(self._job_id, done, total, text)

    @property
    def cancelled(self) -> bool:
        return self._job_id in self._runner._cancelled


@dataclass
class _Job:
    id: int
    channel: str | None
    description: str
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None


class _Worker(QRunnable):
    def __init__(self, runner: TaskRunner, job_id: int, func: Callable, with_progress: bool):
        super().__init__()
        self.setAutoDelete(True)
        self._runner, self._job_id, self._func = runner, job_id, func
        self._with_progress = with_progress

    def run(self) -> None:  # Qt override; runs on the worker thread
        try:
            if self._with_progress:
                result = self._func(progress=Progress(self._runner, self._job_id))
            else:
                result = self._func()
        except BaseException as exc:  # delivered to the GUI thread, never lost
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._runner._finished.emit(self._job_id, False, exc)
        else:
            self._runner._finished.emit(self._job_id, True, result)


class TaskRunner(QObject):
    """Runs jobs one at a time off the GUI thread; owned by (and delivering on) the GUI thread."""

    finished = Signal(int, object)  # job id, result (after the job's own on_done)
    failed = Signal(int, object)  # job id, exception (after the job's own on_error)
    progress = Signal(int, int, int, str)  # job id, done, total, text
    busy_changed = Signal(bool, str)  # busy, description of the running job

    _finished = Signal(int, bool, object)  # from the worker thread
    _progress = Signal(int, int, int, str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # git writes never overlap
        self._ids = itertools.count(1)
        self._jobs: dict[int, _Job] = {}
        self._latest: dict[str, int] = {}
        self._cancelled: set[int] = set()
        self._finished.connect(self._deliver)
        self._progress.connect(self._relay_progress)

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def run(
        self,
        func: Callable[..., Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        channel: str | None = None,
        description: str = "",
        with_progress: bool = False,
    ) -> int:
        """Queue `func`; returns the job id. With `with_progress`, func gets `progress=`."""
        job_id = next(self._ids)
        self._jobs[job_id] = _Job(job_id, channel, description, on_done, on_error)
        if channel is not None:
            self._latest[channel] = job_id
        if len(self._jobs) == 1:
            self.busy_changed.emit(True, description)
        self._pool.start(_Worker(self, job_id, func, with_progress))
        return job_id

    def call(self, func: Callable[[], Any]) -> Any:
        """From a thread other than the GUI's: run `func` on the worker, in turn with every
        other job, wait for it and return its result (or raise its exception). Background
        work that talks to the network runs its steps that change files this way, so they
        never overlap a save, while its waiting on the network holds up nothing."""
        done = threading.Event()
        box: dict[str, Any] = {}

        class Step(QRunnable):
            def run(self) -> None:  # Qt override; runs on the worker thread
                try:
                    box["value"] = func()
                except BaseException as exc:  # raised again on the calling thread
                    box["error"] = exc
                finally:
                    done.set()

        step = Step()
        step.setAutoDelete(True)
        self._pool.start(step)
        done.wait()
        if "error" in box:
            raise box["error"]
        return box.get("value")

    def cancel(self, job_id: int) -> None:
        """Drop the result of `job_id` (a job that is safe to stop also sees `cancelled`)."""
        self._cancelled.add(job_id)

    def is_stale(self, job_id: int) -> bool:
        job = self._jobs.get(job_id)
        if job is None or job_id in self._cancelled:
            return True
        return job.channel is not None and self._latest.get(job.channel) != job_id

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every queued job has run (results still arrive through the event loop)."""
        return self._pool.waitForDone(msecs)

    def _deliver(self, job_id: int, ok: bool, value: Any) -> None:
        stale = self.is_stale(job_id)
        job = self._jobs.pop(job_id, None)
        self._cancelled.discard(job_id)
        try:
            if job is not None and not stale:
                if ok:
                    if job.on_done:
                        job.on_done(value)
                    self.finished.emit(job_id, value)
                else:
                    if job.on_error:
                        job.on_error(value)
                    self.failed.emit(job_id, value)
        finally:
            if not self._jobs:
                self.busy_changed.emit(False, "")

    def _relay_progress(self, job_id: int, done: int, total: int, text: str) -> None:
        if not self.is_stale(job_id):
            self.progress.emit(job_id, done, total, text)
