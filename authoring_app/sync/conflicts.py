"""Answers edited on two computers: both versions, side by side, until a person chooses.

After a sync, the local text of such an answer stays in `answers/` and the other text is in
`conflicts/<id>.<locale>.md` (more versions, if any, in `<id>.<locale>.2.md`, ...). While any
of these exist the answer is "conflict": it cannot be signed off or published. Resolving saves
the chosen or combined text and removes the other versions in one revision.

Other files changed on the same lines on two computers (people.yaml, directory.yaml,
library.yaml) keep this computer's version; the other one is kept as `conflicts/<file>`.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from authoring_app.library import atomic
from authoring_app.library.answer import Answer, AnswerKey, parse_answer
from authoring_app.library.documents import DocumentError, read_text
from authoring_app.library.layout import CONFLICTS_DIR
from authoring_app.library.library import Library, LibraryError, Revision
from authoring_app.library.roster import Person
from authoring_app.sync.merge import conflict_key, conflict_path


@dataclass(frozen=True)
class OtherVersion:
    """The other computer's text of an answer, and who wrote it when (if history says)."""

    path: str  # conflicts/<id>.<locale>.md
    text: str | None  # None if the file cannot be read as UTF-8 text
    answer: Answer | None  # None if the text is not a valid answer file
    author: str | None = None
    time: dt.datetime | None = None


@dataclass(frozen=True)
class Conflict:
    """One answer edited on two computers."""

    key: AnswerKey
    local: Answer | None  # the text in answers/ (None if that file is broken)
    versions: tuple[OtherVersion, ...]  # the other texts, oldest name first

    @property
    def theirs(self) -> Answer | None:
        return self.versions[0].answer if self.versions else None

    @property
    def theirs_author(self) -> str | None:
        return self.versions[0].author if self.versions else None

    @property
    def theirs_time(self) -> dt.datetime | None:
        return self.versions[0].time if self.versions else None

    @property
    def path(self) -> str:
        return conflict_path(self.key)


def has_conflict(library: Library, key: AnswerKey) -> bool:
    """True while the other computer's text of `key` is waiting for a person to choose."""
    return (library.path / conflict_path(key)).is_file()


def conflict_files(library: Library) -> dict[AnswerKey, list[str]]:
    """Every conflicts/ file of an answer, by answer, first name first."""
    folder = library.path / CONFLICTS_DIR
    found: dict[AnswerKey, list[str]] = {}
    if not folder.is_dir():
        return found
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        rel = f"{CONFLICTS_DIR}/{entry.name}"
        key = conflict_key(rel)
        if key is not None and entry.is_file():
            found.setdefault(key, []).append(rel)
    for paths in found.values():
        paths.sort(key=lambda p: (p != conflict_path(conflict_key(p)), len(p), p))
    return found


def conflicts(library: Library) -> list[Conflict]:
    """Every answer waiting for a person to choose between versions."""
    out = []
    for key, paths in sorted(conflict_files(library).items(), key=lambda item: str(item[0])):
        versions = []
        for rel in paths:
            try:
                text = read_text(library.path / rel, rel)
            except DocumentError:
                text = None
            answer = None
            if text is not None:
                answer, _ = parse_answer(text, library.find(key).path if library.find(key) else rel)
            author, when = _who_wrote(library, key, rel)
            versions.append(OtherVersion(rel, text, answer, author, when))
        out.append(Conflict(key, library.find(key), tuple(versions)))
    return out


def resolve_conflict(
    library: Library, key: AnswerKey, chosen: Answer, person: Person
) -> Revision | None:
    """Save `chosen` (either text, or a combination) as the answer and remove the other versions.

    One revision, by `person`. The answer then needs sign-off again like any edit.
    """
    if chosen.key != key:
        raise LibraryError(f"the chosen text is for {chosen.key}, not {key}")
    with library.write_lock:
        others = conflict_files(library).get(key)
        if not others:
            raise LibraryError(f"{key} has no conflict to resolve")
        current = library.find(key)
        paths = [chosen.path, *others]
        if current is not None and current.path != chosen.path:
            (library.path / current.path).unlink(missing_ok=True)
            paths.append(current.path)
        atomic.write_text(library.path / chosen.path, chosen.to_text())
        for rel in others:
            (library.path / rel).unlink(missing_ok=True)
        revision = library.commit(
            person,
            f"Resolve conflict in answer {key}: keep the chosen text",
            paths,
            trailers={"Answer": str(key), "Action": "resolve", "Person": person.id},
        )
        library.reload()
        return revision


def other_file_versions(library: Library) -> list[str]:
    """conflicts/ copies of files other than answers (e.g. conflicts/people.yaml)."""
    folder = library.path / CONFLICTS_DIR
    if not folder.is_dir():
        return []
    return sorted(
        p.relative_to(library.path).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and conflict_key(p.relative_to(library.path).as_posix()) is None
    )


def remove_other_version(library: Library, path: str, person: Person) -> Revision | None:
    """After copying what is needed from conflicts/<file> into the file, remove the copy."""
    if not path.startswith(f"{CONFLICTS_DIR}/") or ".." in Path(path).parts:
        raise LibraryError(f"{path} is not a kept version under {CONFLICTS_DIR}/")
    with library.write_lock:
        (library.path / path).unlink(missing_ok=True)
        return library.commit(
            person,
            f"Remove the other version {path} after merging it by hand",
            [path],
            trailers={"Action": "resolve", "Person": person.id},
        )


def _who_wrote(library: Library, key: AnswerKey, rel: str) -> tuple[str | None, dt.datetime | None]:
    """The author and time of the revision that first had this text as the answer."""
    if library.repo is None:
        return None, None
    try:
        blob = library.repo.git.hash_object(str(library.path / rel)).strip()
        out = library.repo.git.log(
            "--all",
            "--no-merges",
            "--full-history",
            "--raw",
            "--no-abbrev",
            "--format=@%an\x1f%aI",
            "--",
            f"answers/*/{key.id}.{key.locale}.md",
        )
    except Exception:  # history is a nicety here; a conflict shows without it
        return None, None
    who = None
    for line in out.splitlines():
        if line.startswith("@"):
            who = line[1:].split("\x1f")
        elif who and line.startswith(":") and line.split()[3] == blob:
            return who[0], dt.datetime.fromisoformat(who[1])
    return None, None
