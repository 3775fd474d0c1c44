"""Work split over two processes gives exactly what doing it here gives, whatever happens."""

from __future__ import annotations

import os
import time

import pytest

from authoring_app.library import cache, parallel
from authoring_app.review import library_status as status
from authoring_app.review import record_checks
from authoring_app.sync.opening import open_library

needs_fork = pytest.mark.skipif(not parallel.fork_is_safe(), reason="one core, or not Linux")


@pytest.fixture(autouse=True)
def one_thread():
    """Forking is used only while this process has one thread. A thread an earlier test
    joined can stay in /proc/self/task for a moment after Python let it go: wait for it."""
    deadline = time.monotonic() + 5
    while not parallel.fork_is_safe() and time.monotonic() < deadline:
        time.sleep(0.01)


def square_with_pid(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


@needs_fork
def test_the_second_half_is_worked_out_in_another_process_and_comes_back_in_order():
    results = parallel.forked_map(square_with_pid, range(1000), min_items=10)
    assert [value for value, _ in results] == [n * n for n in range(1000)]
    pids = [pid for _, pid in results]
    assert set(pids[:500]) == {os.getpid()}
    assert os.getpid() not in pids[500:]


@needs_fork
def test_a_failing_copy_is_made_up_for_here(monkeypatch):
    """The copy dies, sends garbage or raises: the same results, worked out here."""
    parent = os.getpid()

    def fails_in_the_copy(number: int) -> int:
        if os.getpid() != parent:
            if number % 3 == 0:
                os._exit(3)
            raise RuntimeError("only in the copy")
        return number + 1

    assert parallel.forked_map(fails_in_the_copy, range(100), min_items=10) == list(range(1, 101))

    def unpicklable_in_the_copy(number: int):
        return (lambda: number) if os.getpid() != parent else number

    assert parallel.forked_map(unpicklable_in_the_copy, range(100), min_items=10) == list(
        range(100)
    )


@needs_fork
def test_an_error_here_stops_cleanly_and_leaves_no_process_behind():
    parent = os.getpid()

    def fails_here(number: int) -> int:
        if os.getpid() == parent and number == 5:
            raise ValueError("bad item")
        return number

    with pytest.raises(ValueError, match="bad item"):
        parallel.forked_map(fails_here, list(range(200_000)), min_items=10)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # the copy was waited for


def test_with_other_threads_running_nothing_is_forked():
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not parallel.fork_is_safe()
        pids = {pid for _, pid in parallel.forked_map(square_with_pid, range(500), min_items=10)}
        assert pids == {os.getpid()}
    finally:
        stop.set()
        thread.join()


@needs_fork
def test_a_library_read_on_two_cores_is_the_library_read_on_one(sample_library, monkeypatch):
    """Answers and review files parsed partly in the copy: the same answers, problems and
    statuses, and a cache that serves the next open just as well."""
    path = sample_library.path
    bad = path / "answers" / "wound-care" / "broken.en.md"
    bad.write_text("---\nid: broken\n<<<<<<< HEAD\n", "utf-8")  # problems come back too
    sample_library.close()

    def read():
        cache.clear(path)
        record_checks.SIGNATURE_CACHES.clear()
        with open_library(path) as library:
            return library.answers(), library.problems, status.library_status(library)

    one_core = read()
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)
    monkeypatch.setattr(parallel.forked_map, "__kwdefaults__", {"min_items": 2})
    two_cores = read()
    assert two_cores == one_core
    assert {p.code for p in two_cores[1]} >= {"conflict-marker", "unsaved-change"}
    with open_library(path) as library:  # from the cache the split reading left
        assert (library.answers(), library.problems, status.library_status(library)) == (one_core)
