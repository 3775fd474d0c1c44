"""Sync between machines, on real repositories: a bare shared repository and its clones."""

from __future__ import annotations

import json
import shutil

import git
import pytest

from authoring_app.library.answer import AnswerKey
from authoring_app.library.library import Library, LibraryError, NotALibrary
from authoring_app.sync.failures import SyncFailure
from authoring_app.sync.opening import open_library
from authoring_app.sync.sync import (
    clone_library,
    conflicts,
    has_conflict,
    remote_status,
    resolve_conflict,
    sync,
)
from tests.conftest import answer_text
from tests.people import save_as
from tests.sync.helpers import (
    EN,
    RU,
    add_review,
    edit,
    fsck_ok,
    has_markers,
    make_team,
    visible_text,
)


def alex(lib):
    return lib.roster.get("alex")


def test_edits_to_different_answers_merge_silently(team):
    a, b = team
    edit(a, EN, "English edited on A.\n")
    edit(b, RU, "Русский текст с B.\n")
    assert sync(a, alex(a)).pushed == 1
    result = sync(b, alex(b))
    assert result.ok and result.conflicts == [] and result.fetched == 1
    assert result.merged == [EN]
    assert sync(a, alex(a)).merged == [RU]
    for lib in (a, b):
        assert lib.answer(EN).body == "English edited on A.\n"
        assert lib.answer(RU).body == "Русский текст с B.\n"
        assert not (lib.path / "conflicts").exists()
        assert not lib.repo.is_dirty(untracked_files=True)
        assert fsck_ok(lib.path)
    assert a.head() == b.head()
    assert remote_status(a).ahead == remote_status(a).behind == 0


def test_review_records_from_two_clinicians_are_both_kept(team):
    a, b = team
    add_review(a, EN, "dr-one", "Looks right to me")
    add_review(b, EN, "dr-two", "Add the dose")
    sync(a, alex(a))
    assert sync(b, alex(b)).conflicts == []
    sync(a, alex(a))
    for lib in (a, b):
        lines = (lib.path / "reviews/abscess-signs.en.jsonl").read_text("utf-8").splitlines()
        people = [json.loads(line).get("by") or json.loads(line).get("person") for line in lines]
        assert len(lines) == 2 and len(set(lines)) == 2, lines
        assert "Looks right to me" in "".join(lines) and "Add the dose" in "".join(lines)
        assert None not in people
    assert ".gitattributes" in a.repo.git.ls_files()
    assert "reviews/*.jsonl merge=union" in (a.path / ".gitattributes").read_text("utf-8")


def test_people_added_on_two_machines_merge(team):
    a, b = team
    for lib, person in ((a, "sam"), (b, "kim")):
        path = lib.path / "people.yaml"
        path.write_text(
            path.read_text("utf-8") + f"  - id: {person}\n    name: {person.title()}\n"
            "    roles: [author]\n",
            "utf-8",
        )
        lib.commit(alex(lib), f"Add {person}", ["people.yaml"])
    sync(a, alex(a))
    result = sync(b, alex(b))
    assert result.ok and result.other_versions == []
    sync(a, alex(a))
    for lib in (a, b):
        assert {"sam", "kim"} <= {p.id for p in lib.roster}
        assert not any(p.path == "people.yaml" for p in lib.problems)


def test_same_setting_changed_on_both_keeps_ours_and_theirs_beside(team):
    a, b = team
    for lib, name in ((a, "Name from A"), (b, "Name from B")):
        path = lib.path / "library.yaml"
        path.write_text(path.read_text("utf-8").replace("Test library", name), "utf-8")
        lib.commit(alex(lib), "Rename", ["library.yaml"])
    sync(a, alex(a))
    result = sync(b, alex(b))
    assert result.ok and result.other_versions == ["conflicts/library.yaml"]
    assert b.info.name == "Name from B"
    assert "Name from A" in (b.path / "conflicts/library.yaml").read_text("utf-8")
    assert any(p.code == "other-version" for p in open_library(b.path).problems)
    assert not has_markers(b)


def test_same_answer_edited_on_both_is_a_conflict_and_nothing_is_lost(team):
    a, b = team
    edit(a, EN, "Text written on A.\n")
    edit(b, EN, "Text written on B.\n", person="dr-two")
    sync(a, alex(a))
    result = sync(b, alex(b))
    assert result.ok and result.conflicts == [EN]
    assert "choose" in result.message
    assert b.answer(EN).body == "Text written on B.\n"  # the local text stays
    assert has_conflict(b, EN)
    assert "Text written on A." in (b.path / "conflicts/abscess-signs.en.md").read_text("utf-8")
    assert not (b.path / ".git/MERGE_HEAD").exists()
    assert "Conflict: abscess-signs.en" in b.repo.head.commit.message
    assert not has_markers(b) and fsck_ok(b.path)
    # The other machine receives the same state.
    sync(a, alex(a))
    assert a.head() == b.head() and has_conflict(a, EN)
    [conflict] = conflicts(b)
    assert conflict.key == EN
    assert conflict.local.body == "Text written on B.\n"
    assert conflict.theirs.body == "Text written on A.\n"
    assert conflict.theirs_author == "Alex Author" and conflict.theirs_time is not None
    assert any(p.code == "conflict" for p in open_library(b.path).problems)
    try:
        from authoring_app.review.library_status import answer_status
    except ImportError:
        return
    assert answer_status(b, EN).status.value == "conflict"


def test_resolve_saves_the_chosen_text_and_removes_the_other_in_one_commit(team):
    a, b = team
    edit(a, EN, "From A.\n")
    edit(b, EN, "From B.\n")
    sync(a, alex(a))
    sync(b, alex(b))
    before = b.head()
    combined = b.answer(EN).edited(body="From A.\n\nFrom B.\n")
    resolve_conflict(b, EN, combined, b.roster.get("dr-two"))
    assert b.repo.git.rev_parse("HEAD~1") == before
    assert not has_conflict(b, EN) and conflicts(b) == []
    assert b.answer(EN).body == "From A.\n\nFrom B.\n"
    assert "Action: resolve" in b.repo.head.commit.message
    assert not b.repo.is_dirty(untracked_files=True)
    sync(b, alex(b))
    sync(a, alex(a))
    assert not has_conflict(a, EN) and a.answer(EN).body == "From A.\n\nFrom B.\n"
    with pytest.raises(LibraryError, match="no conflict"):
        resolve_conflict(b, EN, combined, alex(b))


def test_three_machines_editing_one_answer_keep_every_text(tmp_path):
    clones = make_team(tmp_path, 3)
    for number, lib in enumerate(clones):
        edit(lib, EN, f"Version {number}.\n")
    for lib in clones + clones:
        assert sync(lib, alex(lib)).outcome == "synced"
    heads = {lib.head() for lib in clones}
    assert len(heads) == 1
    [conflict] = conflicts(clones[0])
    texts = {v.answer.body for v in conflict.versions} | {conflict.local.body}
    assert texts == {"Version 0.\n", "Version 1.\n", "Version 2.\n"}
    for lib in clones:
        lib.close()


def test_push_race_is_retried_after_merging(team, monkeypatch):
    a, b = team
    edit(a, EN, "A was first.\n")
    edit(b, RU, "B pushes second.\n")
    import authoring_app.sync.sync as sync_module

    real = sync_module.push
    raced = []

    def push(library, *args):
        # Just before B pushes, A pushes: B's first push is rejected.
        if library is b and not raced:
            raced.append(True)
            assert sync(a, alex(a)).pushed == 1
        return real(library, *args)

    monkeypatch.setattr(sync_module, "push", push)
    result = sync(b, alex(b))
    assert raced and result.ok and result.merged == [EN]
    assert result.pushed >= 1 and result.attempts == 2
    monkeypatch.undo()
    sync(a, alex(a))
    assert a.head() == b.head()
    assert a.answer(RU).body == "B pushes second.\n" and b.answer(EN).body == "A was first.\n"


def test_offline_keeps_local_work(team, tmp_path):
    a, b = team
    shutil.move(tmp_path / "shared.git", tmp_path / "away.git")
    revision = edit(a, EN, "Written on a train.\n")
    result = sync(a, alex(a))
    assert result.offline and "offline" in result.message and "later" in result.message
    assert result.detail
    assert a.head() == revision.commit and a.answer(EN).body == "Written on a train.\n"
    assert remote_status(a).ahead == 1
    shutil.move(tmp_path / "away.git", tmp_path / "shared.git")
    assert sync(a, alex(a)).pushed == 1
    sync(b, alex(b))
    assert b.answer(EN).body == "Written on a train.\n"


def test_a_library_that_is_not_shared_says_so(library):
    result = sync(library, library.roster.get("alex"))
    assert result.outcome == "not-shared" and not remote_status(library).shared


def test_clone_refuses_what_is_not_a_library(tmp_path):
    empty = tmp_path / "empty.git"
    git.Repo.init(empty, bare=True).close()
    with pytest.raises(NotALibrary, match="holds no library yet"):
        clone_library(empty, tmp_path / "x")
    assert not (tmp_path / "x").exists()
    other = tmp_path / "other"
    repo = git.Repo.init(other)
    (other / "README").write_text("hello")
    repo.git.add("-A")
    repo.git.commit("-qm", "x", env={"GIT_AUTHOR_NAME": "x", "GIT_AUTHOR_EMAIL": "x@x",
                                     "GIT_COMMITTER_NAME": "x", "GIT_COMMITTER_EMAIL": "x@x"})  # fmt: skip
    repo.close()
    with pytest.raises(NotALibrary, match="not a library"):
        clone_library(other, tmp_path / "y")
    with pytest.raises(SyncFailure) as caught:
        clone_library(tmp_path / "missing", tmp_path / "z")
    assert caught.value.failure.kind == "no-repository"


def test_hostile_files_in_a_pulled_change_are_reported_not_fatal(team):
    a, b = team
    files = {
        "answers/wound-care/huge.en.md": b"---\n" + b"x" * (5 * 1024 * 1024),
        "answers/wound-care/latin1.en.md": answer_text("latin1").encode("utf-8") + b"\xff\xfe",
        "answers/wound-care/bad-yaml.en.md": b"---\nid: [unclosed\n---\nbody\n",
        "directory.yaml": b"services: [\n",
    }
    for rel, data in files.items():
        (a.path / rel).write_bytes(data)
    marked = answer_text(body="<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> other\n")
    (a.path / "answers/wound-care/abscess-signs.en.md").write_text(marked, "utf-8")
    a.commit(alex(a), "Hostile change", [*files, "answers/wound-care/abscess-signs.en.md"])
    sync(a, alex(a))
    result = sync(b, alex(b))
    assert result.ok
    codes = {p.code for p in result.problems}
    assert {"too-large", "encoding", "yaml", "conflict-marker"} <= codes
    marker = next(p for p in result.problems if p.code == "conflict-marker")
    assert marker.path == "answers/wound-care/abscess-signs.en.md" and marker.line
    with open_library(b.path) as again:
        assert {"too-large", "conflict-marker"} <= {p.code for p in again.problems}


def test_cli_share_clone_sync_and_resolve(tmp_path, capsys):
    from authoring_app.cli import main
    from tests.conftest import write_library

    source = write_library(tmp_path / "source")
    Library.create(tmp_path / "a", template=source).close()
    git.Repo.init(tmp_path / "shared.git", bare=True, initial_branch="main").close()
    a = ["--library", str(tmp_path / "a")]
    b = ["--library", str(tmp_path / "b")]
    assert main(["share", str(tmp_path / "shared.git"), "--as", "alex", *a]) == 0
    assert main(["clone", str(tmp_path / "shared.git"), str(tmp_path / "b")]) == 0
    for lib_path, body, person in (("a", "From A.\n", "alex"), ("b", "From B.\n", "dr-two")):
        with open_library(tmp_path / lib_path) as lib:
            edit(lib, EN, body, person)
    assert main(["sync", "--as", "alex", *a]) == 0
    assert main(["sync", "--as", "alex", *b]) == 0
    capsys.readouterr()
    assert main(["conflicts", *b]) == 0
    assert "abscess-signs.en" in capsys.readouterr().out
    assert main(["resolve", "abscess-signs.en", "--keep", "alex", "--as", "alex", *b]) == 0
    with open_library(tmp_path / "b") as lib:
        assert lib.answer(EN).body == "From A.\n" and conflicts(lib) == []


def test_answer_moved_here_and_edited_there_follows_the_move(team):
    a, b = team
    moved = a.answer(EN).edited(topic="hiv-hepatitis")
    save_as(a, moved, alex(a))
    edit(b, RU, "Другой текст.\n")
    sync(a, alex(a))
    sync(b, alex(b))
    assert b.answer(EN).topic == "hiv-hepatitis"
    assert not (b.path / "answers/wound-care/abscess-signs.en.md").exists()
    assert AnswerKey("abscess-signs", "ru") in {x.key for x in b.answers()}


# -- many machines, random order ------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

KEYS = [EN, RU, AnswerKey("wound-clean", "en")]
STEP = st.tuples(st.integers(0, 2), st.one_of(st.just("sync"), st.integers(0, len(KEYS) - 1)))


@pytest.mark.slow
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(STEP, min_size=1, max_size=10))
def test_random_edits_and_syncs_on_three_machines_lose_nothing(tmp_path_factory, steps):
    root = tmp_path_factory.mktemp("team")
    answers = {
        "answers/wound-care/abscess-signs.en.md": answer_text(),
        "answers/wound-care/abscess-signs.ru.md": answer_text(locale="ru"),
        "answers/wound-care/wound-clean.en.md": answer_text("wound-clean"),
    }
    clones = make_team(root, 3, answers)
    expected: set[str] = set()
    try:
        for number, (machine, action) in enumerate(steps):
            lib = clones[machine]
            if action == "sync":
                assert sync(lib, alex(lib)).outcome == "synced"
                continue
            key = KEYS[action]
            current = lib.answer(key).body
            expected -= {text for text in expected if text in current}  # knowingly replaced
            text = f"edit-{number}-on-{machine}"
            edit(lib, key, f"{text}\n")
            expected.add(text)
        for lib in clones + clones:
            assert sync(lib, alex(lib)).outcome == "synced"
        assert len({lib.head() for lib in clones}) == 1
        final = visible_text(clones[0])
        for text in expected:
            assert text in final
        for lib in clones:
            assert not has_markers(lib)
            assert not lib.repo.is_dirty(untracked_files=True)
        assert fsck_ok(clones[0].path)
    finally:
        for lib in clones:
            lib.close()
