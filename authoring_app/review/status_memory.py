"""Statuses kept between opens, for a library exactly as committed.

When git finds the library's files exactly as committed (snapshot.clean_head), every status
follows from that commit and the time alone (which release counts as published is applied
afterwards). `remember` keeps them in the app's cache for that commit, until the next
midnight (UTC: review due dates), and never while a record is dated in the future (it counts
once its time has come).
`recall` gives them back only for the same inputs; git compares the files meanwhile. The
review threads are left out of the kept copy and put back from the review files, which
opening has read anyway.
"""

from __future__ import annotations

import datetime as dt

from authoring_app.library import cache
from authoring_app.library.answer import AnswerKey
from authoring_app.library.library import Library
from authoring_app.library.snapshot import CleanCheck
from authoring_app.review.records import ReviewRecord, in_order, review_files, review_key


def _inputs(head: str | None) -> str:
    """What statuses depend on besides the time: the files at `head`."""
    return str(head)


def remember(library: Library, clean: str, now: dt.datetime, statuses, stray) -> None:
    """Keep `statuses` and `stray` problems, worked out at `now` from the files exactly as
    committed at `clean`."""
    problems = [p for status in statuses.values() for p in status.problems] + stray
    if any(p.code == "review-future" for p in problems):
        return  # worked out each time until the record's time has come
    inputs = _inputs(clean)
    good_until = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(), dt.UTC)
    threadless = {key: _without_thread(status) for key, status in statuses.items()}
    cache.store(
        library.path, "statuses", {"inputs": inputs, "statuses": threadless, "stray": stray}
    )
    # Small, read first: whether the large entry is worth loading at all.
    cache.store(
        library.path, "statuses-for", {"inputs": inputs, "made_at": now, "good_until": good_until}
    )


def _without_thread(status):
    """A copy of `status` with no review thread (`dataclasses.replace`, four times faster)."""
    copy = object.__new__(type(status))
    copy.__dict__.update(status.__dict__, records=())
    return copy


def recall(library: Library, now: dt.datetime) -> tuple[str | None, tuple | None]:
    """(the commit git finds the files exactly as, or None; the statuses and stray problems
    kept for exactly these inputs, or None). Git compares the files while the kept statuses
    are loaded, when they are for the current commit and time."""
    if library.repo is None:
        return None, None
    check = CleanCheck(library.repo)
    head = library.head()
    wanted = _inputs(head)
    kept = cache.load(library.path, "statuses-for")
    found = None
    if (
        isinstance(kept, dict)
        and kept.get("inputs") == wanted
        and kept["made_at"] <= now < kept["good_until"]
    ):
        found = cache.load(library.path, "statuses")
    clean = check.result()
    if clean is None or clean != head or not isinstance(found, dict):
        return clean, None
    if found.get("inputs") != wanted:
        return clean, None
    statuses, stray = found["statuses"], found["stray"]
    threads: dict[AnswerKey, list[ReviewRecord]] = {}
    for rel, review in review_files(library.path, clean_at=clean).items():
        key = review_key(rel.rsplit("/", 1)[-1])
        if key is not None:
            threads[key] = in_order(review.records)
    for key, status in statuses.items():  # fresh from the cache: no one else holds them yet
        object.__setattr__(status, "records", tuple(threads.get(key, ())))
    return clean, (statuses, stray)
