"""Sharing a library between machines through an ordinary git remote: receive, merge, send.

`sync(library, person)` works at any time: without a connection it keeps everything here and
says so ("offline") instead of failing. Edits to different answers, review records added on
two machines and roster or directory changes to different entries merge without asking. Two
edits of the same answer never overwrite each other: the local text stays in `answers/`, the
other one goes to `conflicts/` (see merge.py and conflicts.py), and the merge is committed, so
the repository is never left half-merged.

While files are being changed a marker (`.git/authoring-app-sync`) says so; if the app is
killed there, the next open puts the files back to the last commit (see repair.py) and the next
sync does the merge again. Nothing saved is lost either way.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import git

from authoring_app.library.answer import PATH_PATTERN, AnswerKey
from authoring_app.library.layout import write_gitattributes
from authoring_app.library.library import Library
from authoring_app.library.problems import Problem
from authoring_app.library.roster import Person
from authoring_app.sync import failures, releases
from authoring_app.sync.conflicts import (  # noqa: F401 - part of this module's interface
    Conflict,
    OtherVersion,
    conflicts,
    has_conflict,
    other_file_versions,
    remove_other_version,
    resolve_conflict,
)
from authoring_app.sync.connecting import clone_library, share_library  # noqa: F401
from authoring_app.sync.failures import Failure
from authoring_app.sync.integrate import integrate
from authoring_app.sync.merge import MergeOutcome, conflict_key
from authoring_app.sync.remote import (  # noqa: F401 - part of this module's interface
    PUBLISHED_BRANCH,
    RemoteStatus,
    count_between,
    current_branch,
    fetch,
    push,
    remote_name,
    remote_status,
    revision_of,
    set_upstream,
)
from authoring_app.sync.repair import repair
from authoring_app.sync.repository_check import conflict_markers
from authoring_app.sync.sync_lock import Holder, SyncRunning, sync_lock
from authoring_app.sync.transport import Link

MAX_PUSH_ATTEMPTS = 8

Progress = Callable[[str], None]
Local = Callable[[Callable[[], Any]], Any]  # runs a step that changes files here


@dataclass
class SyncResult:
    """What a sync did. `outcome`: synced, not-shared, needs-repair, running (another sync
    of this library is under way: `holder` says whose), failed, or a failure kind from
    failures.py (offline, sign-in, key-refused, host-unknown, host-changed, no-repository,
    race, cancelled); `failure` then says more."""

    outcome: str = "synced"
    message: str = ""
    fetched: int = 0  # revisions received from others
    merged: list[AnswerKey] = field(default_factory=list)  # answers others changed, now here
    pushed: int = 0  # revisions sent
    conflicts: list[AnswerKey] = field(default_factory=list)  # answers edited on both sides
    other_versions: list[str] = field(default_factory=list)  # conflicts/<file> for other files
    notes: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)  # leftovers of an interruption, fixed
    problems: list[Problem] = field(default_factory=list)  # in files that arrived
    received_files: list[str] = field(default_factory=list)  # files others changed, now here
    stranded: list[str] = field(default_factory=list)  # releases made here that were not sent
    releases_sent: bool = False
    attempts: int = 0  # pushes tried (more than one: others sent at the same moment)
    failure: Failure | None = None
    holder: Holder | None = None
    detail: str = ""  # git's own words, for whoever helps

    @property
    def offline(self) -> bool:
        return self.outcome == failures.OFFLINE

    @property
    def ok(self) -> bool:
        return self.outcome == "synced"


# -- sync --------------------------------------------------------------------------------


def sync(
    library: Library,
    person: Person,
    *,
    progress: Progress | None = None,
    link: Link | None = None,
    local: Local | None = None,
    program: str = "command line",
) -> SyncResult:
    """Receive others' changes, merge them, send ours. Never raises for a failed connection:
    the result says why, by kind.

    `link`: who answers the server's questions, and the Cancel (see transport.py): stopped
    at any point, the library is left as it was. `local`: runs each step that changes files
    here (the desktop app runs them with its saves, one at a time; network talk happens
    outside them, so saves never wait for it). `program` names who holds the sync lock.
    """
    result = SyncResult()
    if library.repo is None:
        return _finish(result, "failed", "this library was opened for checking only")
    remote = remote_name(library)
    if remote is None:
        return _finish(
            result,
            "not-shared",
            "This library is not shared yet; your work is saved on this computer. "
            "To share it, connect it to a shared library (see docs/sharing.md).",
        )
    try:
        with sync_lock(library.repo.git_dir, program, person.name):
            return _sync(library, person, remote, result, progress, link or Link(), local)
    except SyncRunning as exc:
        result.holder = exc.holder
        return _finish(result, "running", str(exc))


def _sync(library, person, remote, result, progress, link: Link, local) -> SyncResult:
    say = progress or (lambda _message: None)
    here = local or (lambda step: step())
    try:
        branch = here(lambda: _prepare(library, person, result))
        if branch is None:
            return _finish(
                result, "needs-repair", "this library is not on a branch; run repair first"
            )
        before = (library.head(), revision_of(library, f"refs/heads/{PUBLISHED_BRANCH}"))
        merged: list[str | None] = [None]  # the head the sync's own merge made
        for attempt in range(MAX_PUSH_ATTEMPTS):
            if link.cancelled:
                return _cancelled(library, result, before, merged[0], here)
            say("Receiving changes from others…")
            failure = fetch(library, remote, link)
            if failure is not None:
                return _failed(library, result, failure, before, merged[0], here)
            if link.cancelled:
                return _cancelled(library, result, before, merged[0], here)
            theirs, head, to_send = here(
                lambda: _merge(library, person, remote, branch, result, say)
            )
            if head != before[0]:
                merged[0] = head
            if to_send == 0:
                break
            if link.cancelled:
                return _cancelled(library, result, before, merged[0], here)
            say("Sending your changes…")
            result.attempts = attempt + 1
            pushed = push(library, remote, [f"{head}:refs/heads/{branch}"], link)
            if pushed.ok:
                result.pushed += to_send
                here(lambda: set_upstream(library, remote, branch))
                break
            if not pushed.raced:
                failure = pushed.failure or Failure(
                    failures.FAILED, detail="; ".join(pushed.rejected.values())
                )
                return _failed(library, result, failure, before, merged[0], here)
            time.sleep(random.uniform(0.05, 0.3) * (attempt + 1))  # let the other one finish
        else:
            return _finish(result, failures.RACE, failures.english(Failure(failures.RACE)))
        failure = releases.send_releases(library, remote, link, result.stranded)
        result.releases_sent = failure is None
        if failure is not None and failure.kind == failures.CANCELLED:
            return _cancelled(library, result, before, merged[0], here)
        if failure is not None:
            result.notes.append(f"releases were not sent this time: {failures.english(failure)}")
    except (git.GitCommandError, OSError) as exc:
        return _finish(result, "failed", f"sync stopped: {reason(exc)}", detail=str(exc))
    finally:
        here(library.reload)
    result.problems = _arrived_problems(library, result)
    return _finish(result, "synced", _summary(result))


def _prepare(library: Library, person: Person, result: SyncResult) -> str | None:
    with library.write_lock:
        result.repaired = repair(library, person)
        branch = current_branch(library)
        if branch is None or library.head() is None:
            return None
        ensure_gitattributes(library, person)
        return branch


def _merge(library, person, remote, branch, result, say) -> tuple[str | None, str, int]:
    """Merge what arrived; (their commit, the head to send, how many revisions to send)."""
    with library.write_lock:
        theirs = revision_of(library, f"refs/remotes/{remote}/{branch}")
        if theirs is not None:
            say("Merging…")
            arrived = count_between(library, theirs, library.head())
            _record(result, arrived, integrate(library, person, theirs, remote))
            result.conflicts = [k for k in result.conflicts if has_conflict(library, k)]
        releases.follow_published(library, remote, result.stranded)
        head = library.head()
        return theirs, head, count_between(library, head, theirs)


def _cancelled(library, result, before, merged, here) -> SyncResult:
    here(lambda: _undo(library, before, merged))
    failure = Failure(failures.CANCELLED)
    result.fetched, result.merged, result.conflicts, result.received_files = 0, [], [], []
    return _finish(result, failures.CANCELLED, failures.english(failure))


def _failed(library, result, failure: Failure, before, merged, here) -> SyncResult:
    if failure.kind == failures.CANCELLED:
        return _cancelled(library, result, before, merged, here)
    result.failure = failure
    return _finish(result, failure.kind, failures.english(failure), detail=failure.detail)


def _undo(library: Library, before: tuple, merged: str | None) -> None:
    """Put the branch back where the sync found it, if the sync moved it and nothing was
    saved since (a merge can always be done again; a save is never undone)."""
    head, published = before
    with library.write_lock:
        now = library.head()
        if merged is not None and now == merged and head and now != head:
            branch = current_branch(library)
            library.repo.git.update_ref(f"refs/heads/{branch}", head, now)
            library.repo.git.reset("--hard", "-q", head)
        current = revision_of(library, f"refs/heads/{PUBLISHED_BRANCH}")
        if current != published and published is not None:
            library.repo.git.update_ref(f"refs/heads/{PUBLISHED_BRANCH}", published, current)


def ensure_gitattributes(library: Library, person: Person) -> bool:
    """Make sure plain git also keeps both sides' review records; commit if it was missing."""
    if not write_gitattributes(library.path):
        return False
    library.commit(
        person,
        "Keep review records from every computer when syncing",
        [".gitattributes"],
        trailers={"Action": "settings", "Person": person.id},
    )
    return True


# -- helpers -----------------------------------------------------------------------------


def _record(result: SyncResult, arrived: int, outcome: MergeOutcome | None) -> None:
    if outcome is None:
        return
    result.fetched += arrived
    result.received_files += [p for p in outcome.changed_by_them if p not in result.received_files]
    for path in outcome.changed_by_them:
        match = PATH_PATTERN.match(path)
        if match:
            key = AnswerKey(match.group(2), match.group(3))
            if key not in result.merged:
                result.merged.append(key)
    arrived_conflicts = [conflict_key(p) for p in outcome.changed_by_them]
    for key in [*outcome.conflicts, *arrived_conflicts]:
        if key is not None and key not in result.conflicts:
            result.conflicts.append(key)  # made here, or by the computer that merged them
    result.other_versions += outcome.other_versions
    result.notes += outcome.notes


def _arrived_problems(library: Library, result: SyncResult) -> list[Problem]:
    if not result.fetched:
        return []
    arrived = set(result.received_files)
    problems = [p for p in library.problems if p.path in arrived]
    problems += [p for p in conflict_markers(library) if p.path in arrived and p not in problems]
    return problems


def _finish(result: SyncResult, outcome: str, message: str, *, detail: str = "") -> SyncResult:
    result.outcome = outcome
    result.message = message
    if detail:
        result.detail = detail
    return result


def _summary(result: SyncResult) -> str:
    parts = []
    if result.fetched:
        parts.append(f"received {result.fetched} change(s)")
    if result.pushed:
        parts.append(f"sent {result.pushed} change(s)")
    if result.conflicts:
        names = ", ".join(map(str, result.conflicts))
        parts.append(f"edited on two computers, please choose: {names}")
    if result.other_versions:
        parts.append("both versions kept: " + ", ".join(result.other_versions))
    return "synced: " + ("; ".join(parts) if parts else "already up to date")


def reason(exc: Exception) -> str:
    text = getattr(exc, "stderr", "") or str(exc)
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    lines = [line.strip().removeprefix("stderr:").strip(" '") for line in str(text).splitlines()]
    return failures.redact("; ".join(line for line in lines if line)[:500])
