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
import re
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
    local_author: str | None = None  # who saved the text in answers/, and when
    local_time: dt.datetime | None = None

    def sides(self) -> list[tuple[Answer | None, str | None, dt.datetime | None]]:
        """(text, who saved it, when) of the version in answers/, then the first other one:
        the same on every computer, whichever merged them."""
        return [
            (self.local, self.local_author, self.local_time),
            (self.theirs, self.theirs_author, self.theirs_time),
        ]

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
        kept, other = _recorded_sides(library, key)
        if other and versions:
            versions[0] = OtherVersion(
                versions[0].path, versions[0].text, versions[0].answer, *other
            )
        local = library.find(key)
        if kept is None and local is not None:
            kept = _who_wrote(library, key, local.path)
        out.append(Conflict(key, local, tuple(versions), *(kept or (None, None))))
    return out


def _recorded_sides(library: Library, key: AnswerKey) -> tuple[tuple | None, tuple | None]:
    """Who saved each side of `key`'s conflict and when, as the merge that made it recorded
    (integrate.py): (kept in answers/, kept in conflicts/), each (name, time) or None."""
    if library.repo is None:
        return None, None
    found: dict[str, tuple] = {}
    try:
        message = library.repo.git.log(
            "-1", "--format=%B", "-E", f"--grep=^Conflict-Kept: {re.escape(str(key))} "
        )
    except Exception:  # history is a nicety here; a conflict shows without it
        return None, None
    for line in message.splitlines():
        name, _, rest = line.partition(": ")
        parts = rest.split(" ", 2)
        if name in ("Conflict-Kept", "Conflict-Other") and len(parts) == 3 and parts[0] == str(key):
            try:
                found[name] = (parts[2], dt.datetime.fromisoformat(parts[1]))
            except ValueError:
                continue
    return found.get("Conflict-Kept"), found.get("Conflict-Other")


def choose(conflict: Conflict, keep: str, roster) -> Answer:
    """The version `keep` names: "newer" or "older" (by when each was saved), or a person
    (an id from the roster, or a name) who saved one of them. Raises LibraryError if that
    names no version, or both."""
    sides = [side for side in conflict.sides() if side[0] is not None]
    if keep in ("mine", "theirs", "yours"):
        raise LibraryError(
            f"'{keep}' would mean different texts on different computers; say whose version "
            "to keep (a person's id or name), or newer or older"
        )
    if keep in ("newer", "older"):
        timed = [side for side in sides if side[2] is not None]
        if len(timed) < 2:
            raise LibraryError(f"when each version of {conflict.key} was saved is not known")
        timed.sort(key=lambda side: side[2])
        if timed[0][2] == timed[-1][2]:
            raise LibraryError(f"both versions of {conflict.key} were saved at the same time")
        return (timed[-1] if keep == "newer" else timed[0])[0]
    person = roster.get(keep) if roster is not None else None
    name = person.name if person is not None else keep
    matching = [side for side in sides if side[1] and side[1].casefold() == name.casefold()]
    if not matching:
        who = ", ".join(sorted({side[1] for side in sides if side[1]})) or "unknown people"
        raise LibraryError(f"no version of {conflict.key} was saved by {name} (saved by: {who})")
    if len(matching) > 1:
        raise LibraryError(
            f"{name} saved both versions of {conflict.key}; say newer or older instead"
        )
    return matching[0][0]


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
