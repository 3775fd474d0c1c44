"""Statuses kept between opens, for a library exactly as committed.

When git finds the library's files exactly as committed (see snapshot.py), every status
follows from that commit and the time alone (which release counts as published is applied
afterwards). `remember` keeps them in the app's cache under that commit, true from the
moment they were worked out for until the next midnight (UTC: review due dates), and never while a record is dated in the future (it
counts once its time has come). `recall` gives them back only for the same commit; git
compares the files meanwhile. The review threads are left out of the kept copy and put back
from the review files, which opening has read anyway.
"""

from __future__ import annotations

import datetime as dt

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
    threads: dict[AnswerKey, list[ReviewRecord]] = {}
    for rel, review in review_files(library.path, snapshot.ids()).items():
        key = review_key(rel.rsplit("/", 1)[-1])
        if key is not None:
            threads[key] = in_order(review.records)
    for key, status in statuses.items():  # fresh from the cache: no one else holds them yet
        object.__setattr__(status, "records", tuple(threads.get(key, ())))
    return snapshot, (statuses, stray)
