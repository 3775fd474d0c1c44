"""Statuses kept between opens, for a library exactly as committed.

When git finds the library's files exactly as committed (see snapshot.py), every status
follows from that commit and the time alone (which release counts as published is applied
afterwards). `remember` keeps them in the app's cache under that commit, true from the
moment they were worked out for until the next midnight (UTC: review due dates), and never while a record is dated in the future (it
counts once its time has come). `recall` gives them back only for the same commit; git
compares the files meanwhile. The review threads are left out of the kept copy and read
back from the review files (as committed) only when one is first looked at.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence

from authoring_app.library import cache
from authoring_app.library.answer import AnswerKey
from authoring_app.library.cache import Kind
from authoring_app.library.library import Library
from authoring_app.library.snapshot import Snapshot
from authoring_app.review.records import ReviewRecord, in_order, review_files, review_key

# Statuses follow from every file of the library and all of review's rules.
STATUSES = Kind(
    "statuses",
    ("authoring_app.library", "authoring_app.review", "content_schema"),
    ("PyYAML", "fastjsonschema", "jsonschema"),
)


def remember(library: Library, clean: str, now: dt.datetime, statuses, stray) -> None:
    """Keep `statuses` and `stray` problems, worked out at `now` from the files exactly as
    committed at `clean`."""
    problems = [p for status in statuses.values() for p in status.problems] + stray
    if any(p.code == "review-future" for p in problems):
        return  # worked out each time until the record's time has come
    midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(), dt.UTC)
    threadless = {key: _without_thread(status) for key, status in statuses.items()}
    cache.store(library.path, STATUSES, clean, (threadless, stray), during=(now, midnight))


def _without_thread(status):
    """A copy of `status` with no review thread (`dataclasses.replace`, four times faster)."""
    copy = object.__new__(type(status))
    copy.__dict__.update(status.__dict__, records=())
    return copy


def recall(library: Library, now: dt.datetime) -> tuple[Snapshot | None, tuple | None]:
    """(what git says of the files now, or None without a repository; the statuses and stray
    problems kept for the commit they are exactly as, or None). Git compares the files while
    the kept statuses are loaded."""
    if library.repo is None:
        return None, None
    snapshot = Snapshot(library.repo)
    found = cache.load(library.path, STATUSES, snapshot.head, now=now)
    clean = snapshot.clean_head()
    if clean is None or clean != snapshot.head or not isinstance(found, tuple):
        return snapshot, None
    statuses, stray = found
    threads = _Threads(library.path, snapshot.ids())
    for key, status in statuses.items():  # fresh from the cache: no one else holds them yet
        object.__setattr__(status, "records", Thread(threads, key))
    return snapshot, (statuses, stray)


class _Threads:
    """Every answer's review thread, read from the review files git vouches for (`ids`) the
    first time any one is wanted: most opens look at few threads, or none."""

    def __init__(self, root, ids):
        self._root, self._ids = root, dict(ids)
        self._lock = threading.Lock()
        self._threads: dict[AnswerKey, tuple[ReviewRecord, ...]] | None = None

    def get(self, key: AnswerKey) -> tuple[ReviewRecord, ...]:
        with self._lock:
            if self._threads is None:
                self._threads = {}
                for rel, review in review_files(self._root, self._ids).items():
                    found = review_key(rel.rsplit("/", 1)[-1])
                    if found is not None:
                        self._threads[found] = tuple(in_order(review.records))
            return self._threads.get(key, ())


class Thread(Sequence):
    """One answer's review thread, oldest first, read when first looked at."""

    __slots__ = ("_threads", "_key", "_records")

    def __init__(self, threads: _Threads, key: AnswerKey):
        self._threads, self._key, self._records = threads, key, None

    def _all(self) -> tuple[ReviewRecord, ...]:
        if self._records is None:
            self._records = self._threads.get(self._key)
        return self._records

    def __getitem__(self, index):
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self):
        return iter(self._all())

    def __eq__(self, other) -> bool:
        return tuple(self._all()) == tuple(other) if isinstance(other, Sequence) else NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self):  # a copy holds the records themselves
        return tuple, (self._all(),)
