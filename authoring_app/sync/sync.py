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

import contextlib
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import git
from gitdb.base import IStream

from authoring_app.library import atomic
from authoring_app.library.answer import PATH_PATTERN, AnswerKey
from authoring_app.library.layout import write_gitattributes
from authoring_app.library.library import Library, _identity_env
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
from authoring_app.sync.merge import MergeOutcome, blob_id, merge_trees
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

SYNC_MARKER = "authoring-app-sync"  # in the .git folder while a sync changes files
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
    from authoring_app.sync.repair import repair

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


def integrate(library: Library, person: Person, theirs: str, source: str) -> MergeOutcome | None:
    """Bring commit `theirs` into the current branch and commit the result (None: nothing new).

    The working tree must have no unsaved changes (repair commits them first).
    """
    repo = library.repo
    head = library.head()
    if head == theirs or is_ancestor(library, theirs, head):
        return None
    marker = Path(repo.git_dir) / SYNC_MARKER
    atomic.write_text(marker, f"{head} {theirs}\n")
    env = _identity_env(person.name, person.git_email)
    try:
        if is_ancestor(library, head, theirs):
            changed = repo.git.diff("--name-only", "-z", head, theirs).split("\0")
            repo.git.merge("--ff-only", "-q", theirs, env=env)
            outcome = MergeOutcome(changed_by_them=[p for p in changed if p])
        else:
            base = repo.git.merge_base(head, theirs, with_exceptions=False) or None
            trees = [_tree(library, c) if c else {} for c in (base, head, theirs)]
            outcome = merge_trees(*trees, read=lambda blob: _read_blob(library, blob))
            _move_untracked_aside(library, outcome)
            repo.git.merge(
                "--no-ff",
                "--no-commit",
                "-q",
                "-s",
                "ours",
                *([] if base else ["--allow-unrelated-histories"]),
                theirs,
                env=env,
            )
            _apply(library, outcome.files)
            repo.git.commit(
                "--no-verify", "-q", "-m", _merge_message(outcome, person, source), env=env
            )
    except BaseException:
        with contextlib.suppress(git.GitCommandError):
            repo.git.reset("--hard", "-q", "HEAD")
        marker.unlink(missing_ok=True)
        raise
    marker.unlink(missing_ok=True)
    return outcome


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


def _apply(library: Library, files: dict[str, bytes | None]) -> None:
    """Put the merged files in the index (one atomic write), then in the working tree."""
    if not files:
        return
    odb = library.repo.odb
    lines = []
    for path, data in sorted(files.items()):
        if data is None:
            lines.append(f"0 {'0' * 40}\t{path}")
            continue
        blob = blob_id(data)
        if not odb.has_object(bytes.fromhex(blob)):
            odb.store(IStream("blob", len(data), BytesIO(data)))
        lines.append(f"100644 {blob}\t{path}")
    _git_stdin(library, ["update-index", "-z", "--index-info"], "\0".join(lines) + "\0")
    written = [p for p, d in files.items() if d is not None]
    if written:
        _git_stdin(library, ["checkout-index", "-f", "-z", "--stdin"], "\0".join(written) + "\0")
    for path, data in files.items():
        if data is None:
            (library.path / path).unlink(missing_ok=True)


def _git_stdin(library: Library, args: list[str], text: str) -> None:
    done = subprocess.run(
        ["git", *args], cwd=library.path, input=text.encode("utf-8"), capture_output=True
    )
    if done.returncode != 0:
        raise git.GitCommandError(["git", *args], done.returncode, done.stderr)


def _move_untracked_aside(library: Library, outcome: MergeOutcome) -> None:
    """A file that only exists here, untracked, is never overwritten by one arriving."""
    tracked = set(library.repo.git.ls_files("-z").split("\0"))
    for path, data in outcome.files.items():
        target = library.path / path
        if data is not None and path not in tracked and target.exists():
            target.rename(target.with_name(target.name + ".local-copy"))
            outcome.notes.append(
                f"{path} also arrived from another computer; yours is now {path}.local-copy"
            )


def _merge_message(outcome: MergeOutcome, person: Person, source: str) -> str:
    lines = ["Sync: merge changes from other computers", ""]
    for key in outcome.conflicts:
        lines.append(
            f"{key} was edited on two computers: this text is kept in answers/, "
            f"the other is in conflicts/{key}.md until someone chooses."
        )
    for path in outcome.other_versions:
        lines.append(f"Both computers changed the same lines; the other version is in {path}.")
    lines += outcome.notes
    lines += ["", "Action: sync", f"Person: {person.id}", f"From: {source}"]
    lines += [f"Conflict: {key}" for key in outcome.conflicts]
    return "\n".join(lines)


def _tree(library: Library, commit: str) -> dict[str, str]:
    out = library.repo.git.ls_tree("-r", "-z", "--full-tree", commit)
    tree = {}
    for entry in out.split("\0"):
        if not entry:
            continue
        meta, _, path = entry.partition("\t")
        mode, kind, blob = meta.split()
        if kind == "blob":
            tree[path] = blob
    return tree


def _read_blob(library: Library, blob: str) -> bytes:
    return library.repo.odb.stream(bytes.fromhex(blob)).read()


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
    from authoring_app.sync.repair import conflict_markers

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
