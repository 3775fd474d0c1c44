"""Statuses kept between opens, for a library exactly as committed: used only while nothing
they depend on moved, and review threads read only when looked at."""

from __future__ import annotations

import datetime as dt

from authoring_app.review import actions as review
from authoring_app.review.library_status import library_status
from authoring_app.review.status import Status
from tests.review.support import (
    EN,
    RU,
)

# -- statuses remembered for a commit --------------------------------------------------------


def test_statuses_remembered_for_a_commit_are_used_only_while_nothing_they_depend_on_moved(
    signed, keys, monkeypatch
):
    """With the files exactly as committed, statuses are kept for that commit; the same
    statuses come back, the whole review thread included, and anything they depend on
    (the time, the published release, an unsaved edit, a record dated ahead) is heeded."""
    from authoring_app.review import library_status as status_module

    library = signed
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    worked_out = library_status(library, now=now)
    assert worked_out[EN].status == Status.APPROVED
    assert [r.kind for r in worked_out[EN].records] == [
        "edited",
        "submitted",
        "signed-off",
        "signed-off",
    ]

    derived = []
    real_derive = status_module.derive
    monkeypatch.setattr(
        status_module, "derive", lambda *a, **k: derived.append(1) or real_derive(*a, **k)
    )
    again = library_status(library, now=now + dt.timedelta(seconds=1))
    assert not derived, "the statuses were worked out again"
    assert again == worked_out

    due = worked_out[EN].review_due
    later = dt.datetime.combine(due + dt.timedelta(days=1), dt.time(), dt.UTC)
    assert library_status(library, now=later)[EN].status == Status.REVIEW_DUE
    assert library_status(library, now=now - dt.timedelta(hours=1))  # before it was kept
    published = {EN: worked_out[EN].content_hash}
    assert library_status(library, now=now, published=published)[EN].status == Status.PUBLISHED
    assert derived

    path = library.path / library.answer(EN).path  # edited, not saved: not as committed
    path.write_text(path.read_text("utf-8").replace("title:", "title: Edited", 1), "utf-8")
    library.reload()
    assert library_status(library, now=now)[EN].status != Status.APPROVED
    path.write_text(path.read_text("utf-8").replace("title: Edited", "title:", 1), "utf-8")
    library.reload()
    assert library_status(library, now=now)[EN].status == Status.APPROVED

    review.sign_off(library, RU, "dr-one", keys["dr-one"], now=now + dt.timedelta(days=2))
    derived.clear()
    for _ in range(2):  # a record from the future is never remembered as not counting
        assert [p.code for p in library_status(library, now=now)[RU].problems] == ["review-future"]
    assert len(derived) == 2 * len(library.answers())


def test_a_later_open_reads_no_review_file_until_a_thread_is_looked_at(signed, monkeypatch):
    """Opening a library exactly as committed takes its statuses and the review files'
    problems from what was kept; the records are read only when a thread is looked at, and
    are then those of the files as committed."""
    from authoring_app.library.library import Library
    from authoring_app.review import records, status_memory
    from authoring_app.sync import repository_check
    from authoring_app.sync.opening import open_library

    with open_library(signed.path) as first:
        thread = library_status(first)[EN].records
        assert [r.kind for r in thread] == ["edited", "submitted", "signed-off", "signed-off"]
    reads = []
    real = records.review_files

    def counted(*args, **kwargs):
        reads.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(status_memory, "review_files", counted)
    monkeypatch.setattr(repository_check, "review_files", counted)
    with open_library(signed.path) as again:
        statuses = library_status(again)
        assert reads == [] and isinstance(again, Library)
        assert statuses[EN].status == Status.APPROVED
        # The file changes on disk after the statuses were taken: the thread is still the
        # one they were worked out from, and the change is not taken for history.
        path = signed.path / "reviews" / "abscess-signs.en.jsonl"
        path.write_text(path.read_text("utf-8") + path.read_text("utf-8").splitlines()[0] + "\n")
        assert list(statuses[EN].records) == list(thread)
        assert reads == [1]
        assert statuses[EN].records == tuple(thread)
