"""What is kept between runs is used only for exactly what it was worked out from."""

from __future__ import annotations

import datetime as dt
import os
import subprocess

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from authoring_app.library import cache, loading
from authoring_app.library.answer import AnswerKey
from authoring_app.library.audit import last_edits
from authoring_app.library.documents import _plain, is_valid, load_yaml_plain, validator_for
from authoring_app.library.library import Library
from authoring_app.sync.opening import open_library
from tests.people import save_as

KEY = AnswerKey("abscess-signs", "en")


def reopen(library: Library) -> Library:
    library.close()
    return open_library(library.path)


def cache_file(library: Library, name: str = "answers"):
    return cache.folder_for(library.path) / f"{name}.pickle"


def kept_answers(library: Library) -> dict:
    return cache.load(library.path, loading.ANSWERS, "by-blob")


def parses(monkeypatch) -> list[str]:
    """The answer files parsed from now on (not found among what was kept)."""
    parsed: list[str] = []
    real = loading.answer_file
    monkeypatch.setattr(
        loading, "answer_file", lambda rel, data: parsed.append(rel) or real(rel, data)
    )
    return parsed


def test_the_cache_is_kept_outside_the_library(library):
    library = reopen(library)
    try:
        assert cache_file(library).is_file()
        assert library.path not in cache_file(library).parents
        assert not library.repo.is_dirty(untracked_files=True)
    finally:
        library.close()


def test_an_edit_behind_the_apps_back_is_seen_even_with_the_same_size_and_time(library):
    library = reopen(library)  # the cache now holds the answer
    path = library.path / library.answer(KEY).path
    text = path.read_text("utf-8")
    info = path.stat()
    changed = text.replace("title: ", "title: X", 1).replace("\n\n", "\n", 1)
    if len(changed.encode()) != len(text.encode()):
        changed = text.replace("title: ", "title: X", 1)[:-1]
    assert len(changed.encode()) == len(text.encode())
    path.write_text(changed, "utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # hide the edit's time
    library = reopen(library)
    try:
        assert library.answer(KEY).title.startswith("X")
    finally:
        library.close()


def test_a_corrupt_cache_is_ignored_and_rebuilt(library):
    library = reopen(library)
    title = library.answer(KEY).title
    cache_file(library).write_bytes(b"\x80\x04 not a pickle at all")
    library = reopen(library)
    try:
        assert library.answer(KEY).title == title
        assert kept_answers(library)  # written again, readable
    finally:
        library.close()


def test_a_cache_from_other_code_is_not_used(library, monkeypatch):
    library = reopen(library)
    assert kept_answers(library)
    monkeypatch.setattr(cache, "_code_digest", lambda code, distributions: "other code")
    assert kept_answers(library) is None
    library.close()


def test_a_deleted_answer_is_gone(library):
    library = reopen(library)
    (library.path / library.answer(KEY).path).unlink()
    library = reopen(library)
    try:
        assert library.find(KEY) is None
        assert all(KEY.id + ".en" not in rel for rel, _blob in kept_answers(library))
    finally:
        library.close()


def test_a_broken_file_is_reported_from_the_cache_too(library):
    path = library.path / library.answer(KEY).path
    path.write_text(path.read_text("utf-8").replace("visibility: group", "visibility: all"))
    for _ in range(2):  # parsed, then from the cache
        library = reopen(library)
        assert library.find(KEY) is None
        assert any(p.path.endswith("abscess-signs.en.md") for p in library.problems)
    library.close()


def test_last_edits_follow_new_commits_and_a_rewound_branch(library):
    alex = library.roster.get("alex")
    path = library.answer(KEY).path
    first = last_edits(library)[path].commit
    save_as(library, library.answer(KEY).edited(body="New words.\n"), alex)
    assert last_edits(library)[path].commit == library.head() != first
    subprocess.run(["git", "-C", str(library.path), "reset", "-q", "--hard", "HEAD~1"], check=True)
    assert last_edits(library)[path].commit == first


def test_history_read_ahead_gives_the_same_last_edits_and_never_stale_ones(library):
    """Opening for statuses starts git on the log while the files load; what it reads is
    used only for the commit it was started at, and git never outlives the library."""
    alex, dr_two = library.roster.get("alex"), library.roster.get("dr-two")
    path = library.answer(KEY).path
    save_as(library, library.answer(KEY).edited(body="Alex's words.\n"), alex)
    expected = last_edits(library)

    cache.clear(library.path)
    library.close()
    library = open_library(library.path, statuses_next=True)
    git_process = library.log_ahead._handle.proc
    assert last_edits(library) == expected  # read from the log started at open
    assert library.log_ahead is None and git_process.poll() is not None

    # A save between opening and the statuses: the log started at open is not used.
    cache.clear(library.path)
    library.close()
    library = open_library(library.path, statuses_next=True)
    save_as(library, library.answer(KEY).edited(body="Dr Two's words.\n"), dr_two)
    assert last_edits(library)[path].person == "dr-two"
    assert last_edits(library)[path].commit == library.head()

    # The cache holds the last edits now: nothing to read ahead.
    library.close()
    library = open_library(library.path, statuses_next=True)
    assert library.log_ahead is None

    # Opened for statuses, closed without them: git is stopped, not left waiting.
    cache.clear(library.path)
    library.close()
    library = open_library(library.path, statuses_next=True)
    git_process = library.log_ahead._handle.proc
    library.close()
    assert git_process.poll() is not None


@pytest.mark.parametrize(
    "change",
    [
        {"title": True},
        {"title": ""},
        {"questions": []},
        {"visibility": "everyone"},
        {"extra": 1},
        {"id": "Not An Id"},
        {"sources": [{"title": "x", "url": "ftp://x"}]},
        {"refer_to": ["a", "a"]},
        {"locale": "en\n"},
    ],
)
def test_the_quick_check_agrees_with_the_full_schema(change):
    data = {
        "id": "abscess-signs",
        "locale": "en",
        "topic": "wound-care",
        "title": "When?",
        "questions": ["what?"],
        "summary": "See a nurse.",
        "sources": [{"title": "NHS"}],
        "visibility": "group",
    }
    assert is_valid(data, "answer")
    data.update(change)
    # The quick check may be stricter (the full check then decides and explains), never laxer.
    if is_valid(data, "answer"):
        assert validator_for("answer").is_valid(data)
    if not validator_for("answer").is_valid(data):
        assert not is_valid(data, "answer")


_SCALAR_START = st.sampled_from(
    list("yYnNtTfFoO-+0123456789.<~=!&*'\" ") + ["", "x", "я", "null", "2024-05-01", "0x1F"]
)


@settings(max_examples=300, deadline=None)
@given(start=_SCALAR_START, rest=st.text(st.characters(blacklist_categories=("Cs",)), max_size=12))
def test_the_quick_yaml_reading_gives_what_pyyaml_gives(start, rest):
    """Plain text is typed quicker by its first letter; numbers, dates, booleans and nulls
    still come out as PyYAML makes them (dates as the text a person typed)."""
    value = (start + rest).replace("\n", " ")
    text = f"a: {value}\nb: [{value}]\n"
    try:
        expected = _plain(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    except yaml.YAMLError:
        with pytest.raises(yaml.YAMLError):
            load_yaml_plain(text)
        return
    assert load_yaml_plain(text) == expected


def test_statuses_are_the_same_with_and_without_the_cache(library):
    from authoring_app.review import record_checks
    from authoring_app.review.library_status import answer_status, library_status
    from tests.review.support import EN, RU, approve, give_keys, review_lines, write_lines

    keys = give_keys(library, "dr-one", "dr-two")
    approve(library, EN, keys)
    approve(library, RU, keys)
    alex = library.roster.get("alex")
    save_as(library, library.answer(RU).edited(body="Other words.\n"), alex)  # voids RU
    records = review_lines(library, EN)
    signed_off = next(r for r in records if r["kind"] == "signed-off")
    signed_off["name"] = "Dr Someone Else"  # a tampered sign-off
    write_lines(library, EN, records)
    path = library.path / library.answer(EN).path  # an edit not saved, with a marker
    path.write_text(path.read_text("utf-8") + "<<<<<<< HEAD\n", "utf-8")

    def open_and_derive():
        nonlocal library
        library.close()
        record_checks.SIGNATURE_CACHES.clear()  # nothing kept in memory between opens
        library = open_library(library.path)
        return library_status(library), library.problems

    cache.clear(library.path)
    cold = open_and_derive()
    warm = open_and_derive()
    warmer = open_and_derive()
    try:
        assert cold == warm == warmer
        statuses, problems = cold
        assert {p.code for p in problems} >= {"conflict-marker", "unsaved-change"}
        assert statuses[RU].void_sign_offs and not statuses[RU].sign_offs
        assert {p.code for p in statuses[EN].problems} == {
            "review-bad-signature",
            "review-unsigned-text",  # the edit not saved
        }
        for key, found in statuses.items():  # one answer at a time: no cache of last edits
            assert answer_status(library, key) == found
    finally:
        library.close()


def test_last_edits_read_only_as_far_as_needed_and_further_when_asked(library):
    alex = library.roster.get("alex")
    old = library.answer(KEY)
    save_as(library, old.edited(id="old-answer"), alex)
    gone = library.answer(AnswerKey("old-answer", "en"))
    text = (library.path / gone.path).read_text("utf-8")
    subprocess.run(["git", "-C", str(library.path), "rm", "-q", gone.path], check=True)
    subprocess.run(["git", "-C", str(library.path), "commit", "-qm", "Remove"], check=True)
    for number in range(3):
        save_as(library, old.edited(title=f"Edit {number}"), alex)
    library = reopen(library)
    try:
        edits = last_edits(library)  # stops early: every current answer was seen
        for answer in library.answers():
            assert edits[answer.path] == last_edits(library, [answer.path])[answer.path]
        (library.path / gone.path).write_text(text, "utf-8")  # back, not committed
        library.reload()
        assert last_edits(library)[gone.path] == last_edits(library, [gone.path])[gone.path]
    finally:
        library.close()


def test_review_files_read_at_open_are_read_again_once_they_change(library):
    """Opening reads every review file (for the repository check) and statuses reuse what it
    read; a file changed in between, even keeping its size and time, is read again."""
    from authoring_app.review.library_status import library_status
    from authoring_app.sync import repository_check
    from tests.review.support import EN, approve, give_keys, review_lines, write_lines

    approve(library, EN, give_keys(library, "dr-one"))
    library = reopen(library)
    try:
        assert library_status(library)[EN].sign_offs
        path = library.path / "reviews" / f"{EN}.jsonl"
        info = path.stat()
        records = review_lines(library, EN)
        records[-1]["name"] = records[-1]["name"][:-1] + "X"  # same length, signature void
        write_lines(library, EN, records)
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
        assert path.stat().st_size == info.st_size
        found = library_status(library)[EN]
        assert not found.sign_offs
        assert [p.code for p in found.problems] == ["review-bad-signature"]

        path.write_bytes(path.read_bytes()[:-20])  # cut off mid-record
        codes = [p.code for p in repository_check.check_repository(library)]
        assert codes.count("review-cut-off") == 1
    finally:
        library.close()


def test_a_warm_open_parses_nothing_and_a_change_parses_only_that_file(library, monkeypatch):
    library = reopen(library)
    parsed = parses(monkeypatch)
    library = reopen(library)
    assert parsed == []
    alex = library.roster.get("alex")
    save_as(library, library.answer(KEY).edited(body="Words.\n"), alex)
    library = reopen(library)
    try:
        assert parsed == [library.answer(KEY).path]
    finally:
        library.close()


def test_a_file_is_known_by_its_content_wherever_it_is_in_history(library, monkeypatch):
    """An edit that is not saved is read and known by its bytes; put back as it was, the
    file is git's committed blob again and what was kept for it is used."""
    library = reopen(library)
    path = library.path / library.answer(KEY).path
    committed = path.read_bytes()
    parsed = parses(monkeypatch)
    path.write_bytes(committed.replace(b"title: ", b"title: Unsaved ", 1))
    library = reopen(library)
    assert library.answer(KEY).title.startswith("Unsaved") and len(parsed) == 1
    library = reopen(library)  # the unsaved bytes again: known by their id
    assert len(parsed) == 1
    path.write_bytes(committed)
    library = reopen(library)
    try:
        assert not library.answer(KEY).title.startswith("Unsaved") and len(parsed) == 2
    finally:
        library.close()


def test_a_kept_value_answers_only_its_own_key_code_and_time(library):
    kind = cache.Kind("test-kind", ("authoring_app.library.cache",))
    noon = dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC)
    midnight = dt.datetime(2026, 5, 2, tzinfo=dt.UTC)
    cache.store(library.path, kind, "commit-a", {"x": 1}, during=(noon, midnight))
    assert cache.load(library.path, kind, "commit-a", now=noon) == {"x": 1}
    assert cache.load(library.path, kind, "commit-b", now=noon) is None  # another commit
    assert cache.load(library.path, kind, "commit-a", now=midnight) is None  # too late
    assert cache.load(library.path, kind, "commit-a", now=noon.replace(hour=11)) is None
    assert cache.load(library.path, kind, "commit-a") is None  # time-bound: a time is needed
    assert cache.latest(library.path, kind) == ("commit-a", {"x": 1})  # only to bring forward
    other = cache.Kind("test-kind", ("authoring_app.library.audit",))  # the same name, other code
    assert cache.load(library.path, other, "commit-a", now=noon) is None
    assert cache.latest(library.path, other) is None
    (cache.folder_for(library.path) / "test-kind.pickle").write_bytes(b"\x80\x04garbage")
    assert cache.load(library.path, kind, "commit-a", now=noon) is None
    assert cache.latest(library.path, kind) is None


def test_a_value_file_that_does_not_match_its_key_file_is_not_used(library):
    """The small key file is read first; the value file must name the same key too (a write
    interrupted between the two never pairs one value with another key)."""
    kind = cache.Kind("pair", ("authoring_app.library.cache",))
    cache.store(library.path, kind, "commit-a", "value of a")
    key_file = cache.folder_for(library.path) / "pair.key"
    kept = key_file.read_bytes()
    cache.store(library.path, kind, "commit-b", "value of b")
    key_file.write_bytes(kept)  # the key file says commit-a, the value is commit-b's
    assert cache.load(library.path, kind, "commit-a") is None
    assert cache.load(library.path, kind, "commit-b") is None
