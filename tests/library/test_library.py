"""The git-backed store, on real repositories: save, history, diff, restore, moves, bad folders."""

from __future__ import annotations

import git
import pytest

from authoring_app.library.answer import AnswerKey
from authoring_app.library.library import Library, NotALibrary

KEY = AnswerKey("abscess-signs", "en")


def commit_count(lib: Library) -> int:
    return int(lib.repo.git.rev_list("--count", "HEAD"))


def test_save_creates_exactly_one_commit_by_the_person_saving(library):
    alex = library.roster.get("alex")
    before = commit_count(library)
    answer = library.answer(KEY).edited(body="Keep the wound clean.\n")

    revision = library.save_answer(answer, alex, "simpler wording")

    assert commit_count(library) == before + 1
    head = library.repo.head.commit
    assert head.author.name == "Alex Author"
    assert head.committer.name == "Alex Author"
    assert "simpler wording" in head.message
    assert "Answer: abscess-signs.en" in head.message
    assert revision.commit == head.hexsha
    # Exactly that file, and the file on disk is the new text.
    assert list(head.stats.files) == ["answers/wound-care/abscess-signs.en.md"]
    assert "Keep the wound clean." in (library.path / answer.path).read_text("utf-8")
    assert library.repo.is_dirty(untracked_files=True) is False


def test_saving_unchanged_text_makes_no_commit(library):
    before = commit_count(library)
    assert library.save_answer(library.answer(KEY), library.roster.get("alex")) is None
    assert commit_count(library) == before


def test_reopening_sees_the_saved_text(library):
    library.save_answer(library.answer(KEY).edited(title="A new title"), library.roster.get("alex"))
    with Library.open(library.path) as again:
        assert again.answer(KEY).title == "A new title"


def test_history_diff_and_restore(library):
    alex, dr_two = library.roster.get("alex"), library.roster.get("dr-two")
    original = library.answer(KEY)
    library.save_answer(original.edited(body="Second version.\n"), alex)
    library.save_answer(library.answer(KEY).edited(body="Third version.\n"), dr_two)

    history = library.history(KEY)
    assert [r.author for r in history] == ["Dr Two", "Alex Author", "Authoring app"]
    assert history[0].time >= history[1].time

    first, second = history[2].commit, history[1].commit
    assert "Second version." in library.text_at(KEY, second)
    diff = library.diff(KEY, first, second)
    assert "-See a nurse if the lump grows." in diff
    assert "+Second version." in diff

    restored = library.restore(KEY, first, alex)
    assert restored is not None
    assert library.answer(KEY).body == original.body
    assert library.answer(KEY).content_hash() == original.content_hash()
    assert library.history(KEY)[0].action == "restore"
    # Restore is a new revision; nothing in the history is rewritten.
    assert len(library.history(KEY)) == 4


def test_moving_an_answer_to_another_topic_keeps_its_history(library):
    alex = library.roster.get("alex")
    library.save_answer(library.answer(KEY).edited(topic="hiv-hepatitis"), alex)
    assert not (library.path / "answers/wound-care/abscess-signs.en.md").exists()
    assert (library.path / "answers/hiv-hepatitis/abscess-signs.en.md").exists()
    assert len(library.history(KEY)) == 2
    assert not library.repo.is_dirty(untracked_files=True)


def test_a_folder_that_is_not_a_git_repository_is_not_a_library(tmp_path):
    (tmp_path / "library.yaml").write_text("name: x\n")
    with pytest.raises(NotALibrary, match="not a git repository"):
        Library.open(tmp_path)


def test_a_git_repository_without_library_yaml_is_not_a_library(tmp_path):
    git.Repo.init(tmp_path).close()
    with pytest.raises(NotALibrary, match="git repository but not a library"):
        Library.open(tmp_path)


def test_a_stale_index_lock_left_by_a_crash_does_not_block_saving(library):
    import os
    import time

    lock = library.path / ".git" / "index.lock"
    lock.write_text("")
    old = time.time() - 3600
    os.utime(lock, (old, old))
    revision = library.save_answer(
        library.answer(KEY).edited(title="After a crash"), library.roster.get("alex")
    )
    assert revision is not None
    assert not lock.exists()


def test_saved_files_keep_ordinary_permissions(library):
    import stat

    path = library.path / "answers/wound-care/abscess-signs.en.md"
    before = stat.S_IMODE(path.stat().st_mode)
    library.save_answer(
        library.answer(KEY).edited(title="Readable by the team"), library.roster.get("alex")
    )
    assert stat.S_IMODE(path.stat().st_mode) == before
    new = library.answer(KEY).edited(id="brand-new")
    library.save_answer(new, library.roster.get("alex"))
    mode = stat.S_IMODE((library.path / new.path).stat().st_mode)
    assert mode & 0o044 == 0o044  # group and others may read, as git expects of shared files


def test_a_first_run_library_holds_no_private_keys(tmp_path):
    from authoring_app.sync.opening import own_library

    target = own_library()
    assert not (target / "demo-keys").exists()
    tracked = Library.open(target).repo.git.ls_files().splitlines()
    assert not [p for p in tracked if p.endswith(".key")]


def test_the_current_commit_can_be_read_from_many_threads_at_once(library):
    """Background jobs (two windows' statuses, a release plan's helpers) ask for it at the
    same moment; none may hang or get another's answer."""
    import threading

    alex = library.roster.get("alex")
    library.save_answer(library.answer(KEY).edited(body="Once more.\n"), alex)
    expected = library.repo.git.rev_parse("HEAD")
    found: list[str | None] = []

    def ask() -> None:
        found.extend(library.head() for _ in range(100))

    threads = [threading.Thread(target=ask, daemon=True) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "reading HEAD hung"
    assert found == [expected] * 800
