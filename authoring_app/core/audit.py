"""The audit trail, read from git: who last changed each answer, and an answer's full log.

Each read is one `git log` command over the whole library, never a loop over commits or answers
(libraries hold thousands of answers). Nothing here writes: history is never rewritten.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import git

from authoring_app.core.library import Library

_RECORD, _FIELD, _END = "\x1e", "\x1f", "\x1d"


@dataclass(frozen=True)
class Edit:
    """The last commit that changed a file: by whom (roster id, if known) and when."""

    commit: str
    time: dt.datetime
    person: str | None


@dataclass(frozen=True)
class LogEntry:
    """One step in an answer's history: an edit or a review action."""

    commit: str
    time: dt.datetime
    author: str  # the name git recorded
    person: str | None  # the roster id, when the app made the commit
    action: str  # add, edit, restore, submitted, comment, signed-off, ... or "commit"
    subject: str
    message: str  # the commit body, without trailers
    files: tuple[str, ...] = field(default_factory=tuple)

    @property
    def short(self) -> str:
        return self.commit[:8]


def last_edits(library: Library, paths: list[str] | None = None) -> dict[str, Edit]:
    """For every answer file (or only `paths`), the last commit that changed it."""
    if library.repo is None:
        return {}
    by_email = {p.git_email.lower(): p.id for p in library.roster}
    edits: dict[str, Edit] = {}
    for entry in _log(library, ["--", *(paths or ["answers"])]):
        person = entry.person or by_email.get(entry.email.lower())
        for path in entry.files:
            if path not in edits:  # newest first: the first commit seen is the last edit
                edits[path] = Edit(entry.commit, entry.time, person)
    return edits


def answer_log(library: Library, answer_id: str) -> list[LogEntry]:
    """Every commit that touched answer `answer_id` in any language, its review records or a
    conflict copy, oldest first."""
    pathspecs = [
        f":(glob)answers/*/{answer_id}.*.md",
        f":(glob)reviews/{answer_id}.*.jsonl",
        f":(glob)conflicts/{answer_id}.*.md",
    ]
    entries = _log(library, ["--reverse", "--", *pathspecs])
    return [e.entry for e in entries]


@dataclass(frozen=True)
class _Commit:
    commit: str
    time: dt.datetime
    email: str
    person: str | None
    entry: LogEntry
    files: tuple[str, ...]


def _log(library: Library, args: list[str]) -> list[_Commit]:
    if library.repo is None:
        return []
    fields = ["%H", "%aI", "%an", "%ae", "%s", "%(trailers:only,unfold)", "%b"]
    fmt = _RECORD + _FIELD.join(fields) + _END
    try:
        out = library.repo.git.log(f"--format={fmt}", "--name-only", "--no-renames", *args)
    except git.GitCommandError:
        return []  # an empty repository has no history yet
    commits = []
    for chunk in out.split(_RECORD):
        if not chunk.strip():
            continue
        head, _, names = chunk.partition(_END)
        sha, when, author, email, subject, trailer_text, body = head.split(_FIELD, 6)
        trailers = {}
        for line in trailer_text.splitlines():
            name, sep, value = line.partition(": ")
            if sep:
                trailers.setdefault(name, value)
        message = body.strip()
        if trailer_text.strip() and message.endswith(trailer_text.strip()):
            message = message[: -len(trailer_text.strip())].strip()
        time = dt.datetime.fromisoformat(when).astimezone(dt.UTC)
        files = tuple(n for n in names.splitlines() if n.strip())
        person = trailers.get("Person")
        entry = LogEntry(
            commit=sha,
            time=time,
            author=author,
            person=person,
            action=trailers.get("Action", "commit"),
            subject=subject,
            message=message,
            files=files,
        )
        commits.append(_Commit(sha, time, email, person, entry, files))
    return commits
