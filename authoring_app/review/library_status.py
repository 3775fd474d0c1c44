"""Where every answer stands in review, worked out for the whole library at once: the governed
roster and rules once, one read of each review file, every record that matters checked once
(on two threads), and the statuses kept between opens for a library exactly as committed
(see status_memory.py). How one answer's status follows from its records is in status.py."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

from authoring_app.library.answer import Answer, AnswerKey
from authoring_app.library.layout import REVIEWS_DIR
from authoring_app.library.library import Library
from authoring_app.library.problems import Problem
from authoring_app.library.snapshot import Snapshot
from authoring_app.review import status_memory
from authoring_app.review.governed import governed
from authoring_app.review.record_checks import record_problem, signatures_of, unknown_answer
from authoring_app.review.records import (
    EDITED,
    ReviewRecord,
    read_review_file,
    review_files,
    review_key,
    review_path,
)
from authoring_app.review.removed import removed_review_records
from authoring_app.review.status import (
    NOT_NEEDED,
    AnswerStatus,
    Status,
    conflict_names,
    derive,
    hold_translations,
)


def library_status(
    library: Library,
    *,
    now: dt.datetime | None = None,
    published: Mapping[AnswerKey, str] | None = None,
    remember: bool = True,
) -> dict[AnswerKey, AnswerStatus]:
    """The status of every answer in the library (one git command, one read per review file).

    `published`: answer -> content hash in the release that counts as published (see
    release/published.py); an approved answer whose text it holds is "published". None:
    no release counts. `remember`: keep them for the next open (see status_memory.py)."""
    statuses, _ = _review_library(library, now=now, published=published, remember=remember)
    return statuses


def answer_status(
    library: Library,
    key: AnswerKey,
    *,
    now: dt.datetime | None = None,
    published: Mapping[AnswerKey, str] | None = None,
    _hold: bool = True,
) -> AnswerStatus:
    """The status of one answer (raises AnswerNotFound for an unknown answer)."""
    answer = library.answer(key)
    now = _now(now)
    records, file_problems = _read(library, key)
    files = {key: (records, file_problems)}
    _add_removed(library, files)
    records, file_problems = files[key]
    trusted = governed(library, now)
    source = _source_of(library, answer)
    status = derive(library, answer, records, file_problems, now, source, trusted)
    if _hold and answer.translation_of and answer.translation_of != answer.locale:
        statuses = {key: status}
        if source is not None:  # (its own source not followed: two files naming each other)
            statuses[source.key] = answer_status(library, source.key, now=now, _hold=False)
        hold_translations(statuses, {key: AnswerKey(answer.id, answer.translation_of)})
        status = statuses[key]
    return _with_published(status, published or {})


def review_problems(library: Library, *, now: dt.datetime | None = None) -> list[Problem]:
    """Every review record that does not count, and why, after what is wrong or pending in
    the governed files (a check for `validate`)."""
    from authoring_app.review.governed import governed

    statuses, stray = _review_library(library, now=now, published={})
    problems = [*governed(library, now).problems, *stray]
    for status in statuses.values():
        problems += status.problems
    return problems


def _review_library(
    library, *, now, published, remember: bool = True
) -> tuple[dict[AnswerKey, AnswerStatus], list]:
    now = _now(now)
    published = published or {}
    snapshot, remembered = status_memory.recall(library, now)
    if remembered is None:
        statuses, stray = _derive_library(library, now, snapshot)
        clean = snapshot.clean_head() if snapshot is not None else None
        if remember and clean is not None and clean == library.head():
            status_memory.remember(library, clean, now, statuses, stray)
    else:
        statuses, stray = remembered
    if published:
        statuses = {key: _with_published(found, published) for key, found in statuses.items()}
    return statuses, stray


def _derive_library(library: Library, now: dt.datetime, snapshot: Snapshot | None):
    """Every answer's status before any release is taken into account, and the problems of
    review files of answers that do not exist. `snapshot`: what git says of the files."""
    # Checking signatures is most of the work, and lets go of Python's lock: half of them
    # are checked on another thread.
    signatures_of(library)  # loaded once, before the threads share it
    trusted = governed(library, now)
    files, stray = _review_files(library, snapshot.ids() if snapshot is not None else {})
    _add_removed(library, files)
    conflicts = conflict_names(library)
    current = {answer.key: answer.content_hash() for answer in library.answers()}
    records = [record for found, _ in files.values() for record in found]
    half = len(records) // 2
    with ThreadPoolExecutor(max_workers=1) as background:
        theirs = background.submit(_check_records, library, records[half:], now, trusted, current)
        checked = {
            **_check_records(library, records[:half], now, trusted, current),
            **theirs.result(),
        }
    statuses = {}
    for answer in library.answers():
        records, file_problems = files.pop(answer.key, ([], []))
        statuses[answer.key] = derive(
            library,
            answer,
            records,
            file_problems,
            now,
            _source_of(library, answer),
            trusted,
            conflicts,
            checked,
        )
    hold_translations(statuses, _sources(library))
    # Review files of answers that do not exist: every record is reported.
    for records, file_problems in files.values():
        stray += file_problems
        for record in records:
            found = checked[id(record)]
            stray.append(found if found not in (None, NOT_NEEDED) else unknown_answer(record))
    signatures_of(library).save()
    return statuses, stray


def _add_removed(library: Library, files: dict) -> None:
    """Records removed from a review file in history still count, and are reported."""
    present = {review_path(key): records for key, (records, _) in files.items()}
    for path, removed in removed_review_records(library, present).items():
        key = review_key(path.rsplit("/", 1)[-1])
        if key is None:
            continue
        records, problems = files.setdefault(key, ([], []))
        for record, commit in removed:
            records.append(record)
            problems.append(
                Problem(
                    path,
                    None,
                    None,
                    "review-record-removed",
                    f"a {record.kind} record by {record.person} ({record.time:%Y-%m-%d %H:%M} "
                    f"UTC) was removed from this file in commit {commit[:8]}; records are "
                    "never removed, so it still counts if its signature verifies",
                )
            )


def _with_published(status: AnswerStatus, published: Mapping[AnswerKey, str]) -> AnswerStatus:
    """`status`, "published" if it is approved and the release `published` holds its text."""
    if status.status != Status.APPROVED or published.get(status.key) != status.content_hash:
        return status
    copy = object.__new__(AnswerStatus)  # `dataclasses.replace`, four times faster
    copy.__dict__.update(status.__dict__, status=Status.PUBLISHED)
    return copy


def _check_records(library: Library, records, now, trusted, current) -> dict:
    """`record_problem` of each record, by id; an edit of an earlier text (`current`: each
    answer's content hash) is not needed for any status, and not checked."""
    return {
        id(record): NOT_NEEDED
        if record.kind == EDITED and current.get(record.key) != record.content_hash
        else record_problem(library, record, now, trusted)
        for record in records
    }


def _read(library: Library, key: AnswerKey) -> tuple[list[ReviewRecord], list[Problem]]:
    rel = review_path(key)
    if not (library.path / rel).is_file():
        return [], []
    return read_review_file(library.path, rel)


def _review_files(library: Library, ids: Mapping[str, str]):
    """Every review file's records and problems, by the answer its name says; stray files.
    `ids`: the blob id of each file git vouches for."""
    folder = library.path / REVIEWS_DIR
    files: dict[AnswerKey, tuple[list, list]] = {}
    stray: list[Problem] = []
    if not folder.is_dir():
        return files, stray
    read = review_files(library.path, ids)
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.name.startswith("."):
            continue
        rel = f"{REVIEWS_DIR}/{entry.name}"
        key = review_key(entry.name)
        if key is None or not entry.is_file():
            stray.append(
                Problem(
                    rel,
                    None,
                    None,
                    "wrong-place",
                    "only review files (<id>.<locale>.jsonl) belong in reviews/",
                    "warning",
                )
            )
            continue
        if rel in read:
            files[key] = (list(read[rel].records), list(read[rel].problems))
        else:  # appeared a moment ago
            files[key] = read_review_file(library.path, rel)
    return files, stray


def _sources(library: Library) -> dict[AnswerKey, AnswerKey]:
    """Each translation's key -> the key of the answer it translates."""
    return {
        answer.key: AnswerKey(answer.id, answer.translation_of)
        for answer in library.answers()
        if answer.translation_of and answer.translation_of != answer.locale
    }


def _source_of(library: Library, answer: Answer) -> Answer | None:
    if not answer.translation_of or answer.translation_of == answer.locale:
        return None
    return library.find(AnswerKey(answer.id, answer.translation_of))


def _now(now: dt.datetime | None) -> dt.datetime:
    if now is None:
        return dt.datetime.now(dt.UTC)
    return now if now.tzinfo else now.replace(tzinfo=dt.UTC)
