"""The audit trail, read from git: who last changed each answer, and an answer's full log.

Each read is one `git log` command over the whole library, never a loop over commits or answers
(libraries hold thousands of answers). Nothing here writes: history is never rewritten.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import git

from authoring_app.library import cache
from authoring_app.library.cache import Kind

if TYPE_CHECKING:
    from authoring_app.library.library import Library

_RECORD, _FIELD, _END = "\x1e", "\x1f", "\x1d"
# Kept by the commit they were worked out at (and brought forward from an older one).
LAST_EDITS = Kind("last-edits", ("authoring_app.library.audit",))
FIRST_AUTHORS = Kind("first-authors", ("authoring_app.library.audit",))


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
    changes = _changes(library, ["--", *paths]) if paths else _last_changes(library)
    return {
        path: Edit(commit, time, person or by_email.get(email.lower()))
        for path, (commit, time, person, email) in changes.items()
    }


def _changes(library: Library, args: list[str]) -> dict[str, tuple]:
    """path -> (commit, time, Person trailer, author email) of the last commit changing it."""
    changes: dict[str, tuple] = {}
    for entry in _log(library, args):
        for path in entry.files:
            if path not in changes:  # newest first: the first commit seen is the last edit
                changes[path] = (entry.commit, entry.time, entry.person, entry.email)
    return changes


def _last_changes(library: Library) -> dict[str, tuple]:
    """`_changes` of every answer file, worked out once per commit: kept in the app's cache
    by the commit it was made at, and brought up to date from the commits made since when
    they are a straight line from it (any merge, or a rewound branch: worked out again).

    The log is read newest first only until every current answer file has been seen (most
    are changed by recent commits); the result holds at least every current answer file
    that has a history, and `complete` says whether the whole log was read."""
    head = library.head()
    if head is None:
        return {}
    wanted = {answer.path for answer in library.answers()}
    kept = _kept(cache.load(library.path, LAST_EDITS, head))
    if kept is not None:
        changes, complete = kept
    else:
        older = cache.latest(library.path, LAST_EDITS)
        since = _kept(older[1]) if older and isinstance(older[0], str) else None
        if since is not None and straight_line(library, older[0], head):
            newer = _changes(library, [f"{older[0]}..{head}", "--", "answers"])
            changes, complete = {**since[0], **newer}, since[1]
        else:
            changes, complete = {}, False
    if not complete and not wanted <= changes.keys():
        changes, complete = _changes_until(library, wanted, head)
    elif kept is not None:
        return changes
    cache.store(library.path, LAST_EDITS, head, (changes, complete))
    return changes


def _kept(value) -> tuple[dict, bool] | None:
    """A kept (changes, complete) pair, if it is one."""
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], dict):
        return value[0], bool(value[1])
    return None


def _changes_until(library: Library, wanted: set[str], head: str) -> tuple[dict[str, tuple], bool]:
    """`_changes` of the answers folder at `head`, reading the log only until every path in
    `wanted` has been seen; and whether the whole log was read."""
    changes: dict[str, tuple] = {}
    missing = set(wanted)
    ahead, library.log_ahead = library.log_ahead, None
    started = ahead.take(head) if ahead is not None else None
    try:
        with contextlib.closing(_stream_log(library, _answers_log_args(head), started)) as log:
            for entry in log:
                for path in entry.files:
                    if path not in changes:
                        changes[path] = (entry.commit, entry.time, entry.person, entry.email)
                        missing.discard(path)
                if not missing:
                    return changes, False
    except git.GitCommandError:
        return {}, False
    return changes, True


def _answers_log_args(head: str) -> list[str]:
    return [head, "--", "answers"]


class LogAhead:
    """The log `_changes_until` reads when the app's cache has no last edits, started as a
    library opens (see `Library.open`) so that git walks the history on its own core while
    this process reads the files. What git writes waits in the pipe, which is made as large
    as the system allows: git gets well ahead, but stops there rather than read years of
    history that an early stop would never need. Taken once by `take`; `close` stops git if
    nothing took it."""

    def __init__(self, repo: git.Repo, head: str):
        self.head = head
        try:
            self._handle = repo.git.execute(
                _log_command(repo, _answers_log_args(head)), as_process=True
            )
        except (git.GitCommandError, OSError):
            self._handle = None
            return
        _widen_pipe(self._handle.proc.stdout)
        # At the lowest priority: while both cores parse files git mostly waits, and it
        # catches up in the gaps (writing the caches, the steps that use one core).
        with contextlib.suppress(AttributeError, OSError):
            os.setpriority(os.PRIO_PROCESS, self._handle.proc.pid, 19)

    @classmethod
    def wanted(cls, library_path: Path) -> bool:
        """Only a library whose last edits the cache does not hold needs the log read."""
        return not cache.exists(library_path, LAST_EDITS)

    def take(self, head: str):
        """The running git command, if it reads the log at `head` (else it is stopped)."""
        handle, self._handle = self._handle, None
        if handle is not None and head != self.head:
            _stop(handle)
            return None
        return handle

    def close(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            _stop(handle)


def _stop(handle) -> None:
    with contextlib.suppress(OSError):
        handle.proc.kill()
        handle.proc.communicate()


def _widen_pipe(stream) -> None:
    """Let git write up to 1 MiB (Linux's usual largest pipe) before it waits."""
    try:
        import fcntl

        with open("/proc/sys/fs/pipe-max-size", encoding="ascii") as limit:
            size = min(int(limit.read()), 1 << 20)
        fcntl.fcntl(stream.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), size)
    except (ImportError, OSError, ValueError):
        pass  # the usual pipe: git just waits sooner


def straight_line(library: Library, old: str, new: str) -> bool:
    """Is `new` a descendant of `old` with no merge between them?"""
    try:
        library.repo.git.merge_base("--is-ancestor", old, new)
        return not library.repo.git.rev_list("--merges", "-1", f"{old}..{new}").strip()
    except git.GitCommandError:
        return False


def first_authors(library: Library) -> dict[str, tuple[str | None, str]]:
    """For every answer (`id.locale`), who first wrote it: (roster id or None, git name).

    An answer moved to another topic keeps its first author, as in its history. Worked out
    from the whole history once, then kept in the app's cache by the commit it was made at
    and brought forward from the commits made since when they are a straight line from it:
    an answer's first commit never changes, so only answers new since then are added (any
    merge, a rewound branch or a damaged cache: worked out again from the whole log)."""
    head = library.head()
    if head is None:
        return {}
    kept = cache.load(library.path, FIRST_AUTHORS, head)
    if isinstance(kept, dict):
        return dict(kept)
    older = cache.latest(library.path, FIRST_AUTHORS)
    if (
        older is not None
        and isinstance(older[0], str)
        and isinstance(older[1], dict)
        and straight_line(library, older[0], head)
    ):
        newer = _first_authors(library, [f"{older[0]}..{head}", "--", "answers"])
        firsts = {**newer, **older[1]}  # an answer's older first commit wins
    else:
        firsts = _first_authors(library, ["--", "answers"])
    cache.store(library.path, FIRST_AUTHORS, head, firsts)
    return dict(firsts)


def _first_authors(library: Library, args: list[str]) -> dict[str, tuple[str | None, str]]:
    """`id.locale` -> (Person trailer, git name) of the oldest commit in the log of `args`
    that added its file, in any topic folder (the oldest commit that touched it added it;
    asking git for additions only leaves a quarter of the log to read)."""
    firsts: dict[str, tuple[str | None, str]] = {}
    for entry in _log(library, ["--diff-filter=A", *args]):  # newest first: the last wins
        for path in entry.files:
            name = path.rsplit("/", 1)[-1]
            if name.endswith(".md"):
                firsts[name[: -len(".md")]] = (entry.person, entry.entry.author)
    return firsts


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


_FORMAT = _RECORD + _FIELD.join(["%H", "%aI", "%an", "%ae", "%s", "%(trailers:only,unfold)", "%b"])
_FORMAT += _END


def _log(library: Library, args: list[str]) -> list[_Commit]:
    if library.repo is None:
        return []
    try:
        out = library.repo.git.execute(_log_command(library.repo, args))
    except git.GitCommandError:
        return []  # an empty repository has no history yet
    return [_commit(chunk) for chunk in out.split(_RECORD) if chunk.strip()]


def _log_command(repo: git.Repo, args: list[str]) -> list[str]:
    git_program = repo.git.GIT_PYTHON_GIT_EXECUTABLE or "git"
    return [git_program, "log", f"--format={_FORMAT}", "--name-only", "--no-renames", *args]


def _stream_log(library: Library, args: list[str], started=None) -> Iterator[_Commit]:
    """The commits of `_log`, newest first, read from git as it writes them: stopping early
    stops git. Raises GitCommandError if git fails. `started`: that very git command, already
    running (see `LogAhead`)."""
    command = _log_command(library.repo, args)
    # GitPython's handle kills git when dropped
    handle = started or library.repo.git.execute(command, as_process=True)
    process = handle.proc
    decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
    pending = ""
    finished = False
    try:
        while True:
            data = process.stdout.read1(1 << 16)
            pending += decoder.decode(data, final=not data)
            chunks = pending.split(_RECORD)
            pending = chunks.pop() if data else ""
            for chunk in chunks:
                if chunk.strip():
                    yield _commit(chunk)
            if not data:
                break
        finished = True
    finally:
        if not finished:
            process.kill()
        _, error = process.communicate()
        if finished and process.returncode:
            raise git.GitCommandError(command, process.returncode, error)


def _commit(chunk: str) -> _Commit:
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
    return _Commit(sha, time, email, person, entry, files)
