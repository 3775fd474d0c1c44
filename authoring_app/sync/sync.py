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

from collections.abc import Callable
from dataclasses import dataclass, field

import git

from authoring_app.library.answer import PATH_PATTERN, AnswerKey
from authoring_app.library.layout import write_gitattributes
from authoring_app.library.library import Library
from authoring_app.library.problems import Problem
from authoring_app.library.roster import Person
from authoring_app.sync.conflicts import (  # noqa: F401 - part of this module's interface
    Conflict,
    OtherVersion,
    conflicts,
    has_conflict,
    other_file_versions,
    remove_other_version,
    resolve_conflict,
)
from authoring_app.sync.integrate import integrate
from authoring_app.sync.merge import MergeOutcome
from authoring_app.sync.remote import (  # noqa: F401 - part of this module's interface
    PUBLISHED_BRANCH,
    RemoteStatus,
    clone_library,
    count_between,
    current_branch,
    is_ancestor,
    network,
    push_rejected,
    reason,
    remote_name,
    remote_status,
    revision_of,
    set_upstream,
    share_library,
)
from authoring_app.sync.repair import repair
from authoring_app.sync.repository_check import conflict_markers

MAX_PUSH_ATTEMPTS = 4

Progress = Callable[[str], None]


@dataclass
class SyncResult:
    """What a sync did, in words a person can act on."""

    outcome: str = "synced"  # synced | offline | not-shared | needs-repair | busy | failed
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
    detail: str = ""  # git's own words, for whoever helps

    @property
    def offline(self) -> bool:
        return self.outcome == "offline"

    @property
    def ok(self) -> bool:
        return self.outcome == "synced"


# -- sync --------------------------------------------------------------------------------


def sync(library: Library, person: Person, *, progress: Progress | None = None) -> SyncResult:
    """Receive others' changes, merge them, send ours. Never raises for a missing connection."""
    say = progress or (lambda _message: None)
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
        with library.write_lock:
            result.repaired = repair(library, person)
            branch = current_branch(library)
            if branch is None or library.head() is None:
                return _finish(
                    result, "needs-repair", "this library is not on a branch; run repair first"
                )
            ensure_gitattributes(library, person)
        for _attempt in range(MAX_PUSH_ATTEMPTS):
            say("Receiving changes from others…")
            error = network(library, "fetch", "-q", "--prune", remote)
            if error is not None:
                return _offline(result, error)
            with library.write_lock:
                theirs = revision_of(library, f"refs/remotes/{remote}/{branch}")
                if theirs is not None:
                    say("Merging…")
                    arrived = count_between(library, theirs, library.head())
                    outcome = integrate(library, person, theirs, remote)
                    _record(result, arrived, outcome)
                _follow_published(library, remote, result)
                head = library.head()
                to_send = count_between(library, head, theirs)
            if to_send == 0:
                break
            say("Sending your changes…")
            error = network(
                library, "push", "--porcelain", "-q", remote, f"{head}:refs/heads/{branch}"
            )
            if error is None:
                result.pushed += to_send
                set_upstream(library, remote, branch)
                break
            if not push_rejected(error):
                return _offline(result, error)
        else:
            return _finish(
                result,
                "busy",
                "others were sending changes at the same moment; everything is kept here, "
                "sync again in a minute",
            )
        _push_published(library, remote, result)
    except (git.GitCommandError, OSError) as exc:
        return _finish(result, "failed", f"sync stopped: {reason(exc)}", detail=str(exc))
    finally:
        with library.write_lock:
            library.reload()
    result.problems = _arrived_problems(library, result)
    return _finish(result, "synced", _summary(result))


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
    result.conflicts += [k for k in outcome.conflicts if k not in result.conflicts]
    result.other_versions += outcome.other_versions
    result.notes += outcome.notes


def _follow_published(library: Library, remote: str, result: SyncResult) -> None:
    """Move the local releases branch forward to the shared one (never rewriting either)."""
    local = revision_of(library, f"refs/heads/{PUBLISHED_BRANCH}")
    shared = revision_of(library, f"refs/remotes/{remote}/{PUBLISHED_BRANCH}")
    if shared is None or shared == local:
        return
    if local is None or is_ancestor(library, local, shared):
        library.repo.git.update_ref(f"refs/heads/{PUBLISHED_BRANCH}", shared, local or "0" * 40)
    elif not is_ancestor(library, shared, local):
        result.notes.append(
            "releases were published on two computers at once; the shared list of releases is "
            "kept as it is and this computer's newest release was not sent"
        )


def _push_published(library: Library, remote: str, result: SyncResult) -> None:
    local = revision_of(library, f"refs/heads/{PUBLISHED_BRANCH}")
    shared = revision_of(library, f"refs/remotes/{remote}/{PUBLISHED_BRANCH}")
    if local is None or local == shared or (shared and not is_ancestor(library, shared, local)):
        return
    error = network(
        library,
        "push",
        "-q",
        remote,
        f"refs/heads/{PUBLISHED_BRANCH}:refs/heads/{PUBLISHED_BRANCH}",
        "refs/tags/v*:refs/tags/v*",
    )
    if error:
        result.notes.append(f"releases were not sent this time: {error}")


def _arrived_problems(library: Library, result: SyncResult) -> list[Problem]:
    if not result.fetched:
        return []
    arrived = set(result.received_files)
    problems = [p for p in library.problems if p.path in arrived]
    problems += [p for p in conflict_markers(library) if p.path in arrived and p not in problems]
    return problems


def _offline(result: SyncResult, error: str) -> SyncResult:
    return _finish(
        result,
        "offline",
        "offline: changes kept, will sync later (the shared library could not be reached)",
        detail=error,
    )


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
