"""First authors: kept per commit and brought forward, always what the whole log says."""

from __future__ import annotations

import pytest

from authoring_app.library import audit, cache
from authoring_app.library.answer import AnswerKey
from tests.conftest import answer_text

ABSCESS_EN = AnswerKey("abscess-signs", "en")


def from_whole_log(library):
    return audit._first_authors(library, ["--", "answers"])


def agree(library):
    """The carried-forward result equals the whole log's (and is then kept for HEAD)."""
    carried = audit.first_authors(library)
    assert carried == from_whole_log(library)
    assert cache.latest(library.path, audit.FIRST_AUTHORS)[0] == library.head()
    return carried


def add_answer(library, person, answer_id="new-answer", locale="en", topic="wound-care"):
    rel = f"answers/{topic}/{answer_id}.{locale}.md"
    (library.path / rel).write_text(answer_text(answer_id, locale, topic), "utf-8")
    library.commit(person, f"Add {answer_id}", [rel], trailers={"Person": person.id})
    library.reload()


def test_carried_forward_after_edits_new_answers_and_moves(library, monkeypatch):
    alex, dr_two = library.roster.get("alex"), library.roster.get("dr-two")
    first = agree(library)
    assert set(first) == {"abscess-signs.en", "abscess-signs.ru"}

    answer = library.answer(ABSCESS_EN)
    library.save_answer(answer.edited(body=answer.body + "More.\n"), dr_two)
    add_answer(library, dr_two)
    # Brought forward from the commits since: the whole history is not read again.
    real = audit._first_authors
    ranges = []

    def spy(lib, args):
        ranges.append(args[0])
        return real(lib, args)

    monkeypatch.setattr(audit, "_first_authors", spy)
    kept_at = cache.latest(library.path, audit.FIRST_AUTHORS)[0]
    carried = audit.first_authors(library)
    assert ranges == [f"{kept_at}..{library.head()}"]
    monkeypatch.setattr(audit, "_first_authors", real)
    assert carried == from_whole_log(library)
    assert carried["abscess-signs.en"] == first["abscess-signs.en"]  # the edit is not first
    assert carried["new-answer.en"] == ("dr-two", "Dr Two")

    # Moved to another topic by someone else: the older first commit still wins.
    moved = library.answer(ABSCESS_EN)
    library.save_answer(moved.edited(topic="hiv-hepatitis"), alex)
    assert agree(library)["abscess-signs.en"] == first["abscess-signs.en"]
    # Unchanged HEAD: the kept result as it is.
    expected = from_whole_log(library)
    monkeypatch.setattr(audit, "_log", lambda *a: pytest.fail("the log was read again"))
    assert audit.first_authors(library) == expected


def test_a_rewound_branch_a_merge_or_a_damaged_cache_reads_the_whole_log(library):
    alex, dr_two = library.roster.get("alex"), library.roster.get("dr-two")
    start = library.head()
    add_answer(library, dr_two, "gone-answer")
    agree(library)  # kept at a commit that is about to be rewound away

    library.repo.git.reset("--hard", start)
    library.reload()
    add_answer(library, alex, "gone-answer")  # the same answer, written first by Alex now
    assert agree(library)["gone-answer.en"][0] == "alex"

    # A merge since the kept commit.
    base = library.head()
    library.repo.git.checkout("-q", "-b", "side")
    add_answer(library, dr_two, "side-answer", locale="ru")
    library.repo.git.checkout("-q", "main")
    add_answer(library, alex, "main-answer")
    agree(library)
    library.repo.git.merge("-q", "--no-ff", "-m", "Merge side", "side")
    library.reload()
    assert library.repo.git.rev_list("--merges", f"{base}..HEAD")
    assert agree(library)["side-answer.ru"][0] == "dr-two"

    # A damaged cache file is ignored.
    (cache.folder_for(library.path) / "first-authors.pickle").write_bytes(b"garbage")
    assert agree(library)["side-answer.ru"][0] == "dr-two"
    cache.store(library.path, audit.FIRST_AUTHORS, 42, {"side-answer.ru": ("alex", "Alex")})
    assert agree(library)["main-answer.en"][0] == "alex"
    cache.store(library.path, audit.FIRST_AUTHORS, library.head(), ["not", "first authors"])
    assert agree(library)["main-answer.en"][0] == "alex"
