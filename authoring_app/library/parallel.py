"""Long runs of independent work split over two processes, where that is safe.

Reading a large library for the first time parses thousands of files, all in Python. On a
machine with two or more cores, `forked_map` parses the second half of them in a forked copy
of the process while this one parses the first half, and takes the results back through a
pipe. The result is always what `[func(item) for item in items]` gives: if the copy cannot
be made or fails in any way, its half is simply done here.

A fork is only safe in a process with one thread (another thread may hold a lock the copy
would inherit, held for ever), so it is only used then: the command line, not the desktop
app, whose Qt threads are many. Linux only (counted in /proc/self/task).
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
MIN_ITEMS = 300  # below this, making the copy costs more than it saves


def forked_map(func: Callable[[T], Any], items: Sequence[T], *, min_items: int = MIN_ITEMS):
    """`[func(item) for item in items]`, the second half in a forked process if worth it.

    `func` must be pure (what it returns depends only on its item and on files it reads)
    and return something that can be pickled."""
    items = list(items)
    if len(items) < min_items or not fork_is_safe():
        return [func(item) for item in items]
    half = (len(items) + 1) // 2
    mine, theirs = items[:half], items[half:]
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return [func(item) for item in items]
    if pid == 0:
        _child(func, theirs, read_end, write_end)  # never returns
    os.close(write_end)
    reader = os.fdopen(read_end, "rb")
    try:
        done = [func(item) for item in mine]
        data = reader.read()
    finally:
        reader.close()  # first: a child still writing then stops instead of waiting for ever
        _, status = os.waitpid(pid, 0)
    rest = None
    if os.waitstatus_to_exitcode(status) == 0:
        try:
            rest = pickle.loads(data)
        except Exception:  # a damaged answer from the copy: do its half here
            rest = None
    if not isinstance(rest, list) or len(rest) != len(theirs):
        rest = [func(item) for item in theirs]
    return done + rest


def _child(func, items, read_end: int, write_end: int) -> None:
    """In the forked copy: work out `items`, send the results, and leave without running any
    of the parent's clean-up (no atexit, no flushing of its buffers, no garbage collection
    that could finalise objects, such as git processes, that the parent still uses)."""
    code = 1
    try:
        gc.disable()
        os.close(read_end)
        data = pickle.dumps([func(item) for item in items], protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
        code = 0
    except BaseException:  # the parent does this half again
        pass
    finally:
        os._exit(code)


def fork_is_safe() -> bool:
    """Linux, two cores or more, and this process has exactly one thread."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    try:
        if len(os.sched_getaffinity(0)) < 2:
            return False
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False
