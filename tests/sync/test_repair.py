"""A library damaged by a crash or by hand opens, says what is wrong, and repair fixes it."""

from __future__ import annotations

import json

from authoring_app.library.library import Library
from authoring_app.sync.opening import open_library, validate
from authoring_app.sync.repair import RECOVERED, repair
from authoring_app.sync.repository_check import check_repository
from authoring_app.sync.sync import sync
from tests.conftest import answer_text
from tests.sync.helpers import EN, RU, edit, fsck_ok, make_team

ANSWER = "answers/wound-care/abscess-signs.en.md"


def codes(problems):
    return {p.code for p in problems}


def reopen(library: Library) -> Library:
    library.close()
    return open_library(library.path)


def test_a_lock_left_by_a_killed_process_is_removed_on_open(library):
    (library.path / ".git/index.lock").write_text("")
    (library.path / ".git/refs/heads/main.lock").write_text("")
    again = reopen(library)
    assert "interrupted" in codes(again.problems)
    assert not (library.path / ".git/index.lock").exists()
    assert edit(again, EN, "Saved after the crash.\n") is not None
    again.close()


def test_half_written_temporary_files_are_removed_on_open(library):
    (library.path / "answers/wound-care/.abscess-signs.en.md.x1y2.tmp").write_text("---\nid: ha")
    again = reopen(library)
    assert not list((library.path / "answers").rglob("*.tmp"))
    assert again.answer(EN).body == library.answer(EN).body
    again.close()


def test_a_save_written_but_not_committed_is_reported_and_recovered(library):
    text = answer_text(body="Written, then the power went off.\n")
    (library.path / ANSWER).write_text(text, "utf-8")
    (library.path / "answers/wound-care/new-one.en.md").write_text(answer_text("new-one"), "utf-8")
    again = reopen(library)
    unsaved = [p for p in again.problems if p.code == "unsaved-change"]
    assert {p.path for p in unsaved} == {ANSWER, "answers/wound-care/new-one.en.md"}
    assert "repair" in unsaved[0].message
    done = repair(again, again.roster.get("alex"))
    assert any(RECOVERED in line for line in done)
    assert again.repo.head.commit.summary == RECOVERED
    assert "Written, then the power went off." in again.repo.git.show(f"HEAD:{ANSWER}")
    assert check_repository(again) == [] and not again.repo.is_dirty(untracked_files=True)
    again.close()


def test_files_deleted_by_hand_are_named_and_brought_back(library):
    (library.path / ANSWER).unlink()
    (library.path / "library.yaml").unlink()
    again = reopen(library)  # no library.yaml on disk, but it is in history: still opens
    missing = {p.path for p in again.problems if p.code == "missing-file"}
    assert missing == {ANSWER, "library.yaml"}
    repair(again, again.roster.get("alex"))
    assert (library.path / ANSWER).is_file() and (library.path / "library.yaml").is_file()
    assert again.info.name == "Test library" and again.find(EN) is not None
    again.close()


def test_conflict_markers_committed_by_hand_are_reported_with_file_and_line(library):
    path = library.path / "people.yaml"
    lines = path.read_text("utf-8").splitlines()
    lines[3:3] = ["<<<<<<< HEAD", "    name: Mine", "=======", "    name: Theirs", ">>>>>>> x"]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    library.commit(library.roster.get("alex"), "Oops", ["people.yaml"])
    again = reopen(library)
    markers = [p for p in again.problems if p.code == "conflict-marker"]
    assert [(p.path, p.line) for p in markers] == [("people.yaml", 4), ("people.yaml", 8)]
    assert "<<<<<<<" in markers[0].message
    problems = validate(again)
    assert len([p for p in problems if p.code == "conflict-marker"]) == 2  # not repeated
    again.close()


def test_a_truncated_review_file_is_reported_and_restored(library):
    rel = "reviews/abscess-signs.en.jsonl"
    claimed = (library.path / rel).read_text("utf-8").splitlines()
    records = claimed + [json.dumps({"kind": "comment", "n": n}) for n in range(3)]
    (library.path / rel).write_text("\n".join(records) + "\n", "utf-8")
    library.commit(library.roster.get("dr-one"), "Comments", [rel])
    data = (library.path / rel).read_bytes()
    (library.path / rel).write_bytes(data[: len(data) - 15])  # cut in the last record
    again = reopen(library)
    assert {"review-cut-off", "unsaved-change"} <= codes(again.problems)
    repair(again, again.roster.get("alex"))
    assert (library.path / rel).read_text("utf-8").splitlines() == records
    assert check_repository(again) == []
    again.close()


def test_a_detached_head_is_reported_and_put_back(library):
    alex = library.roster.get("alex")
    edit(library, EN, "Second.\n")
    tip = library.head()
    library.repo.git.checkout("-q", "HEAD~1")
    again = reopen(library)
    assert "detached" in codes(again.problems)
    repair(again, alex)
    assert not again.repo.head.is_detached and again.head() == tip
    # Revisions made while detached are kept: merged back into the branch.
    again.repo.git.checkout("-q", "HEAD~1")
    edit(again, RU, "Made while detached.\n")
    edit_commit = again.head()
    repair(again, alex)
    assert not again.repo.head.is_detached
    assert again.repo.is_ancestor(edit_commit, "HEAD") and again.repo.is_ancestor(tip, "HEAD")
    assert again.answer(RU).body == "Made while detached.\n"
    assert again.answer(EN).body == "Second.\n"
    again.close()


def test_an_interrupted_sync_is_undone_on_open_and_redone_by_the_next_sync(tmp_path):
    a, b = make_team(tmp_path)
    edit(a, EN, "From A.\n")
    sync(a, a.roster.get("alex"))
    edit(b, RU, "From B.\n")
    b.repo.git.fetch("-q", "origin")
    # What a kill in the middle of a merge leaves: the marker, MERGE_HEAD, a half-changed tree.
    (b.path / ".git/authoring-app-sync").write_text("x")
    b.repo.git.merge("--no-ff", "--no-commit", "-q", "-s", "ours", "origin/main")
    (b.path / ANSWER).write_text("---\nid: half", "utf-8")
    b.repo.git.add(ANSWER)
    b.close()
    b = open_library(b.path)
    assert "interrupted-sync" in codes(b.problems)
    assert not (b.path / ".git/MERGE_HEAD").exists()
    assert not b.repo.is_dirty(untracked_files=True) and fsck_ok(b.path)
    assert b.answer(RU).body == "From B.\n"
    result = sync(b, b.roster.get("alex"))
    assert result.ok and b.answer(EN).body == "From A.\n" and b.answer(RU).body == "From B.\n"
    a.close()
    b.close()


def test_a_merge_left_by_hand_is_reported_and_abandoned(tmp_path):
    a, b = make_team(tmp_path)
    edit(a, EN, "From A.\n")
    sync(a, a.roster.get("alex"))
    edit(b, EN, "From B.\n")
    b.repo.git.fetch("-q", "origin")
    b.repo.git.merge("origin/main", with_exceptions=False)  # plain git: stops with markers
    b = reopen(b)
    assert {"merge-in-progress", "conflict-marker"} <= codes(b.problems)
    repair(b, b.roster.get("alex"))
    assert not (b.path / ".git/MERGE_HEAD").exists()
    assert b.answer(EN).body == "From B.\n"
    result = sync(b, b.roster.get("alex"))
    assert result.conflicts == [EN]
    assert check_repository(b) and all(p.code == "conflict" for p in check_repository(b))
    a.close()
    b.close()


def test_cli_repair(library, capsys):
    from authoring_app.cli import main

    (library.path / ANSWER).write_text(answer_text(body="Unsaved.\n"), "utf-8")
    assert main(["repair", "--as", "alex", "--library", str(library.path)]) == 0
    assert RECOVERED in capsys.readouterr().out
    assert main(["repair", "--as", "alex", "--library", str(library.path)]) == 0
    assert "nothing needed repair" in capsys.readouterr().out
