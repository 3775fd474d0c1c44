"""The history of one answer: its revisions, its text at any of them, and what changed.

Each read is one git command, never a loop over commits (see also audit.py for what is read
of the whole library's history).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import git

from authoring_app.library.answer import Answer, AnswerKey, parse_answer
from authoring_app.library.documents import decode
from authoring_app.library.layout import ANSWERS_DIR

if TYPE_CHECKING:
    from authoring_app.library.library import Library

_FIELD_SEP, _RECORD_SEP = "\x1f", "\x1e"


@dataclass(frozen=True)
class Revision:
    """One commit, as a person sees it: who, when, what."""

    commit: str
    author: str
    email: str
    time: dt.datetime
    subject: str
    trailers: dict[str, str] = field(default_factory=dict)

    @property
    def short(self) -> str:
        return self.commit[:8]

    @property
    def action(self) -> str:
        return self.trailers.get("Action", "edit")

    @property
    def person(self) -> str | None:
        """The roster id of who made this revision (None for commits made outside the app)."""
        return self.trailers.get("Person")


def history(library: Library, key: AnswerKey) -> list[Revision]:
    """Every revision that touched this answer, newest first (following moves)."""
    path = library.answer(key).path
    # Not --follow, which diffs every commit of the library (seconds with years of
    # history): the file's own path (fast with the commit-graph's path filters), and its
    # paths in every topic folder only if it was ever moved between topics.
    ensure_commit_graph(library.repo)
    found = revisions(library, ["--no-renames", "HEAD", "--", path])
    if found and _moved_in(library.repo, found[-1].commit, key, path):
        topics = {t.id for t in library.info.topics} | _topic_folders(library.path)
        paths = sorted(f"{ANSWERS_DIR}/{t}/{key.id}.{key.locale}.md" for t in topics)
        found = revisions(library, ["--no-renames", "HEAD", "--", *paths])
    return found


def revisions(library: Library, args: list[str]) -> list[Revision]:
    """The revisions `git log args` lists, newest first."""
    library.require_repo()
    fmt = (
        _FIELD_SEP.join(["%H", "%an", "%ae", "%aI", "%s", "%(trailers:only,unfold)"]) + _RECORD_SEP
    )
    try:
        out = library.repo.git.log(f"--format={fmt}", *args)
    except git.GitCommandError:
        return []
    found = []
    for record in out.split(_RECORD_SEP):
        record = record.strip("\n")
        if not record:
            continue
        sha, name, email, when, subject, trailer_text = record.split(_FIELD_SEP)
        trailers = {}
        for line in trailer_text.splitlines():
            k, sep, v = line.partition(": ")
            if sep:
                trailers[k] = v
        found.append(Revision(sha, name, email, dt.datetime.fromisoformat(when), subject, trailers))
    return found


def path_at(library: Library, key: AnswerKey, commit: str) -> str | None:
    """Where the file of `key` was at `commit` (its topic folder may have changed since)."""
    library.require_repo()
    suffix = f"/{key.id}.{key.locale}.md"
    out = library.repo.git.ls_tree("-r", "--name-only", commit, "--", ANSWERS_DIR)
    return next((p for p in out.splitlines() if p.endswith(suffix)), None)


def text_at(library: Library, key: AnswerKey, commit: str) -> str | None:
    """The answer's file as it was at `commit` (None if it did not exist then)."""
    path = path_at(library, key, commit)
    if path is None:
        return None
    data = library.repo.git.show(
        f"{commit}:{path}", stdout_as_string=False, strip_newline_in_stdout=False
    )
    return decode(data, path)


def answer_at(library: Library, key: AnswerKey, commit: str) -> Answer | None:
    """The answer as it was at `commit` (None if it did not exist or cannot be read)."""
    text = text_at(library, key, commit)
    if text is None:
        return None
    answer, _ = parse_answer(text, path_at(library, key, commit) or "")
    return answer


def diff(library: Library, key: AnswerKey, old_commit: str | None, new_commit: str | None) -> str:
    """A unified diff of the answer file between two revisions (None: the working file)."""

    def text(commit: str | None) -> str:
        if commit is None:
            answer = library.find(key)
            return answer.to_text() if answer else ""
        return text_at(library, key, commit) or ""

    old, new = text(old_commit), text(new_commit)
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=f"{key} @ {old_commit[:8] if old_commit else 'now'}",
            tofile=f"{key} @ {new_commit[:8] if new_commit else 'now'}",
        )
    )


def ensure_commit_graph(repo: git.Repo) -> None:
    """Write git's commit-graph with changed-path filters once, so the history of one file
    does not read every commit's tree (later commits are walked normally until git's own
    maintenance rewrites it)."""
    graph = Path(repo.git_dir) / "objects" / "info"
    if (graph / "commit-graph").exists() or (graph / "commit-graphs").exists():
        return
    with contextlib.suppress(git.GitCommandError):
        repo.git.commit_graph("write", "--reachable", "--changed-paths")


def _moved_in(repo: git.Repo, commit: str, key: AnswerKey, path: str) -> bool:
    """Did `commit` (which added the answer's file at `path`) move it from another topic?"""
    try:
        out = repo.git.show("--no-renames", "--name-status", "--format=", commit, "--")
    except git.GitCommandError:
        return False
    name = f"/{key.id}.{key.locale}.md"
    return any(
        line.startswith("D") and line.endswith(name) and not line.endswith(path)
        for line in out.splitlines()
    )


def _topic_folders(root: Path) -> set[str]:
    with contextlib.suppress(OSError):
        return {e.name for e in os.scandir(root / ANSWERS_DIR) if e.is_dir()}
    return set()
