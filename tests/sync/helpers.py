"""Real repositories for sync tests: a bare shared repository and clones of it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import git

from authoring_app.library.answer import AnswerKey
from authoring_app.library.library import Library
from authoring_app.sync.sync import clone_library, share_library, sync
from tests.conftest import write_library
from tests.people import key_of, save_as

EN = AnswerKey("abscess-signs", "en")
RU = AnswerKey("abscess-signs", "ru")


def make_team(root: Path, count: int = 2, answers: dict[str, str] | None = None) -> list[Library]:
    """A shared bare repository and `count` open clones of one library."""
    source = write_library(root / "source", answers)
    first = Library.create(root / "clone-0", template=source)
    shared = root / "shared.git"
    git.Repo.init(shared, bare=True, initial_branch="main").close()
    share_library(first, shared)
    result = sync(first, first.roster.get("alex"))
    assert result.ok, result
    clones = [first]
    for number in range(1, count):
        clones.append(clone_library(shared, root / f"clone-{number}"))
    return clones


def edit(library: Library, key: AnswerKey, body: str, person: str = "alex"):
    return save_as(library, library.answer(key).edited(body=body), library.roster.get(person))


def add_review(library: Library, key: AnswerKey, person: str, note: str) -> None:
    """Add one signed review record (a comment) and commit it."""
    from authoring_app.review import actions as review

    review.comment(library, key, person, key_of(person), note)


def fsck_ok(path: Path) -> bool:
    done = subprocess.run(
        ["git", "fsck", "--strict", "--no-progress"], cwd=path, capture_output=True
    )
    return done.returncode == 0


def visible_text(library: Library) -> str:
    """Everything a person can see in answers/ and conflicts/."""
    out = []
    for folder in ("answers", "conflicts"):
        root = library.path / folder
        if root.is_dir():
            out += [p.read_text("utf-8") for p in sorted(root.rglob("*.md"))]
    return "\n".join(out)


def has_markers(library: Library) -> bool:
    for path in library.path.rglob("*"):
        if ".git" in path.parts or not path.is_file():
            continue
        data = path.read_bytes()
        if any(line.startswith((b"<<<<<<<", b">>>>>>>")) for line in data.splitlines()):
            return True
    return False
