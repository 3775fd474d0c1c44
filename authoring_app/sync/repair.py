"""Finding and fixing what a crash, or a hand, left behind in a library's repository.

- `finish_interrupted_work` runs on every open and only does what is always safe: remove lock
  files a killed process left, put files back to the last revision if a sync was interrupted
  mid-merge (the sync is simply done again), and delete half-written temporary files.
- `check_repository` names everything else that is wrong, with the way out.
- `repair` fixes what it can without losing a word: changes written but not saved to history
  are saved as "Recovered after an interrupted save", files deleted by hand come back, a merge
  started by hand is abandoned, a detached HEAD is put back on its branch.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from pathlib import Path

import git

from authoring_app.library import atomic
from authoring_app.library.cache import Kind, ParsedFiles
from authoring_app.library.documents import conflict_markers_in
from authoring_app.library.layout import CONFLICTS_DIR, LIBRARY_FILES
from authoring_app.library.library import (
    STALE_LOCK_SECONDS,
    Library,
    Revision,
)
from authoring_app.library.problems import Problem
from authoring_app.library.roster import Person
from authoring_app.library.snapshot import Snapshot
from authoring_app.review.records import ReviewFile, review_files
from authoring_app.sync.integrate import SYNC_MARKER, integrate
from authoring_app.sync.merge import conflict_key, union_lines
from authoring_app.sync.remote import is_ancestor

STALE_LOCK_WAIT_SECONDS = 1.0
MARKERS = Kind("conflict-markers", ("authoring_app.library.documents", "authoring_app.sync.repair"))
RECOVERED = "Recovered after an interrupted save"
_TEMP_FILE = re.compile(r"^\..+\.tmp$")
_KEPT = re.compile(
    r"^(answers/.+\.md|reviews/[^/]+\.jsonl|conflicts/.+|[^/]+\.yaml|\.gitattributes)$"
)


def _problem(path: str, code: str, message: str, severity: str = "error", line=None) -> Problem:
    return Problem(path, line, None, code, message, severity)


# -- on every open -------------------------------------------------------------------------


def finish_interrupted_work(repo: git.Repo) -> list[Problem]:
    """Undo what an interrupted process left half-done. Never raises; reports what it did."""
    notes: list[Problem] = []
    git_dir = Path(repo.git_dir)
    try:
        removed = _clear_stale_locks(git_dir)
        if removed:
            notes.append(
                _problem(
                    ".git",
                    "interrupted",
                    "the app was interrupted while saving; its lock file was removed "
                    f"({', '.join(removed)})",
                    "warning",
                )
            )
        if (git_dir / SYNC_MARKER).exists():
            _reset_to_head(repo)
            (git_dir / SYNC_MARKER).unlink(missing_ok=True)
            notes.append(
                _problem(
                    ".git",
                    "interrupted-sync",
                    "a sync was interrupted; its half-finished merge was undone (nothing saved is "
                    "lost). Sync again to finish it.",
                    "warning",
                )
            )
        removed_tmp = _remove_temp_files(Path(repo.working_tree_dir))
        if removed_tmp:
            notes.append(
                _problem(
                    removed_tmp[0],
                    "interrupted",
                    f"removed {len(removed_tmp)} half-written temporary file(s) left by an "
                    "interrupted save; the saved files are intact",
                    "warning",
                )
            )
    except (git.GitCommandError, OSError) as exc:
        notes.append(_problem(".git", "repository", f"could not finish interrupted work: {exc}"))
    return notes


def _clear_stale_locks(git_dir: Path) -> list[str]:
    """Remove lock files no running git holds.

    A lock is left alone while a git process works in this repository (seen in /proc), or, where
    that cannot be seen, while it is younger than the library's stale-lock age.
    """
    deadline = time.monotonic() + STALE_LOCK_WAIT_SECONDS
    while True:
        locks = _locks(git_dir)
        if not locks or time.monotonic() >= deadline:
            break
        time.sleep(0.05)
    if not locks:
        return []
    running = _git_running_in(git_dir)
    removed = []
    for lock in locks:
        with contextlib.suppress(FileNotFoundError):
            if running is None and time.time() - lock.stat().st_mtime < STALE_LOCK_SECONDS:
                continue
            if running:
                continue
            lock.unlink()
            removed.append(lock.relative_to(git_dir).as_posix())
    return removed


def _git_running_in(git_dir: Path) -> bool | None:
    """True if a git process is working in this repository; None where that cannot be known."""
    proc = Path("/proc")
    if not (proc / "self" / "cwd").exists():
        return None
    places = {git_dir.resolve(), git_dir.resolve().parent}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if not (entry / "comm").read_text().startswith("git"):
                continue
            if Path(os.readlink(entry / "cwd")) in places:
                return True
        except OSError:
            continue
    return False


def _locks(git_dir: Path) -> list[Path]:
    found = [p for p in git_dir.glob("*.lock") if p.is_file()]
    refs = git_dir / "refs"
    if refs.is_dir():
        found += [p for p in refs.rglob("*.lock") if p.is_file()]
    return found


def _reset_to_head(repo: git.Repo) -> None:
    """Files back to the last commit; rebuild the index if the crash damaged it."""
    try:
        repo.git.reset("--hard", "-q", "HEAD")
    except git.GitCommandError:
        (Path(repo.git_dir) / "index").unlink(missing_ok=True)
        repo.git.reset("--hard", "-q", "HEAD")


def _remove_temp_files(root: Path) -> list[str]:
    """Delete the hidden temporary files (.name.tmp) a killed save left in the library's own
    folders (and at its top); say which."""
    found = [entry.path for entry in os.scandir(root) if _TEMP_FILE.match(entry.name)]
    for folder in ("answers", "reviews", CONFLICTS_DIR):
        for top, _dirs, names in os.walk(root / folder):  # links to folders are not entered
            found += [os.path.join(top, name) for name in names if _TEMP_FILE.match(name)]
    removed = []
    for name in sorted(found):
        path = Path(name)
        if path.is_file():
            path.unlink(missing_ok=True)
            removed.append(path.relative_to(root).as_posix())
    return removed


# -- checking --------------------------------------------------------------------------------


def check_repository(library: Library, snapshot: Snapshot | None = None) -> list[Problem]:
    """Everything wrong with the repository itself, each with the way out. `snapshot`: what
    git has just said of the files (asked now if not given)."""
    if library.repo is None:
        return []
    snapshot = snapshot or Snapshot(library.repo)
    clean_at = snapshot.clean_head()
    repo = library.repo
    git_dir = Path(repo.git_dir)
    problems: list[Problem] = []
    try:
        if (git_dir / "MERGE_HEAD").exists():
            problems.append(
                _problem(
                    ".git",
                    "merge-in-progress",
                    "a merge was started outside the app and not finished; "
                    "repair abandons it (the next sync merges again)",
                )
            )
        if (git_dir / "rebase-merge").exists() or (git_dir / "rebase-apply").exists():
            problems.append(
                _problem(
                    ".git",
                    "rebase-in-progress",
                    "a git rebase was started by hand and not finished; finish or abort it with git",
                )
            )
        if library.head() is None:
            return problems  # a new repository, nothing saved yet
        if repo.head.is_detached:
            problems.append(
                _problem(
                    ".git",
                    "detached",
                    f"the library is showing an old revision ({library.head()[:8]}) instead of its "
                    "latest one (a 'detached HEAD'); repair puts it back without losing revisions",
                )
            )
        if clean_at is None or clean_at != library.head():
            problems += _unsaved_changes(library)
    except (git.GitCommandError, ValueError, OSError) as exc:
        problems.append(_problem(".git", "repository", f"git could not read the library: {exc}"))
    problems += _conflict_problems(library)
    reviews = review_files(library.path, snapshot.ids())
    problems += conflict_markers(library, snapshot, answers=False, reviews=reviews)
    problems += truncated_reviews(library, reviews)
    return problems


def _changes(library: Library) -> tuple[list[str], list[str]]:
    """(changed or new, deleted) files in the library's own folders, against the last commit."""
    repo = library.repo
    changed, deleted = [], []
    with contextlib.suppress(git.GitCommandError):
        repo.git.update_index("-q", "--refresh")
    out = repo.git.diff("HEAD", "--name-status", "-z", "--no-renames")
    fields = [f for f in out.split("\0") if f]
    for status, path in zip(fields[::2], fields[1::2], strict=False):
        if _KEPT.match(path):
            (deleted if status == "D" else changed).append(path)
    untracked = repo.git.ls_files("--others", "--exclude-standard", "-z").split("\0")
    changed += [p for p in untracked if p and _KEPT.match(p) and not _TEMP_FILE.match(Path(p).name)]
    return sorted(changed), sorted(deleted)


def _unsaved_changes(library: Library) -> list[Problem]:
    changed, deleted = _changes(library)
    problems = [
        _problem(
            path,
            "unsaved-change",
            "changed on disk but not saved to history (the app may have stopped while saving); "
            "repair keeps it as a new revision",
        )
        for path in changed
    ]
    problems += [
        _problem(
            path,
            "missing-file",
            "was deleted outside the app; repair brings back its last saved version",
        )
        for path in deleted
    ]
    return problems


def _conflict_problems(library: Library) -> list[Problem]:
    folder = library.path / CONFLICTS_DIR
    if not folder.is_dir():
        return []
    problems = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or _TEMP_FILE.match(path.name):
            continue
        rel = path.relative_to(library.path).as_posix()
        key = conflict_key(rel)
        if key is not None:
            problems.append(
                _problem(
                    rel,
                    "conflict",
                    f"{key} was edited on two computers; compare the versions and choose or "
                    "combine them (Resolve). Until then it cannot be signed off or published.",
                )
            )
        else:
            original = rel.removeprefix(f"{CONFLICTS_DIR}/")
            problems.append(
                _problem(
                    rel,
                    "other-version",
                    f"{original} was changed on the same lines on two computers; this computer's "
                    f"version is in {original}, the other is here. Copy what is needed into "
                    f"{original}, then remove this file.",
                    "warning",
                )
            )
    return problems


def conflict_markers(
    library: Library,
    snapshot: Snapshot | None = None,
    *,
    answers: bool = True,
    reviews: dict[str, ReviewFile] | None = None,
) -> list[Problem]:
    """Merge-conflict markers (<<<<<<< and >>>>>>>) saved into files, by file and line.

    Answer files are checked as they are parsed (their markers are among `library.problems`;
    `answers=False` leaves them out), review files as they are read (`review_files`); the
    library's own three files are read here. Every result is kept in the app's cache by the
    file's blob id (cache.py), so a file is read again only when it changed. `snapshot`: what
    git has just said of the files (asked now if not given).
    """
    if snapshot is None and library.repo is not None:
        snapshot = Snapshot(library.repo)
    ids = snapshot.ids() if snapshot is not None else {}
    root = library.path
    checked = ParsedFiles(root, MARKERS, _markers_in)
    problems = []
    for found in checked.scan(LIBRARY_FILES, ids).values():
        problems += found
    for review in (review_files(root, ids) if reviews is None else reviews).values():
        problems += review.markers
    if answers:
        problems += [
            p
            for p in library.problems
            if p.code == "conflict-marker" and p.path.startswith("answers/")
        ]
    return problems


def _markers_in(rel: str, data: bytes | OSError) -> list[Problem]:
    return [] if isinstance(data, OSError) else conflict_markers_in(data, rel)


def truncated_reviews(
    library: Library, reviews: dict[str, ReviewFile] | None = None
) -> list[Problem]:
    """Review files whose last record is cut off (not a whole JSON line)."""
    if reviews is None:
        reviews = review_files(library.path, Snapshot(library.repo).ids() if library.repo else {})
    return [
        _problem(
            rel,
            "review-cut-off",
            "the last review record is cut off (the file was damaged or truncated); "
            "repair restores the saved records if they are in history",
            line=review.cut_off_at,
        )
        for rel, review in reviews.items()
        if review.cut_off_at is not None
    ]


# -- repairing -------------------------------------------------------------------------------


def repair(library: Library, person: Person) -> list[str]:
    """Fix what can be fixed without losing anything; return what was done, in words."""
    library.require_repo()
    done: list[str] = []
    with library.write_lock:
        done += [p.message for p in finish_interrupted_work(library.repo)]
        if (Path(library.repo.git_dir) / "MERGE_HEAD").exists():
            try:
                library.repo.git.merge("--abort")
            except git.GitCommandError:
                _reset_to_head(library.repo)
            done.append("abandoned a merge that was started outside the app and not finished")
        if library.head() is None:
            return done
        revision = recover(library, person)
        if revision is not None:
            done.append(f"saved changes found on disk as revision {revision.short} ({RECOVERED})")
        restored = _restore_deleted(library)
        if restored:
            done.append("brought back files deleted outside the app: " + ", ".join(restored))
        if library.repo.head.is_detached:
            done.append(_reattach(library, person))
        library.reload()
    return done


def recover(library: Library, person: Person) -> Revision | None:
    """Save changed and new files found on disk (not deletions) as one revision."""
    changed, _deleted = _changes(library)
    if not changed:
        return None
    for path in changed:
        if path.startswith("reviews/"):
            _mend_review_file(library, path)
    return library.commit(
        person,
        RECOVERED,
        changed,
        body="Files that were written but not yet saved to history:\n"
        + "\n".join(f"- {p}" for p in changed),
        trailers={"Action": "recover", "Person": person.id},
    )


def _mend_review_file(library: Library, path: str) -> None:
    """Review files only grow: keep every saved record and every whole new one."""
    try:
        saved = library.repo.git.show(
            f"HEAD:{path}", stdout_as_string=False, strip_newline_in_stdout=False
        )
    except git.GitCommandError:
        saved = b""
    target = library.path / path
    current = target.read_bytes() if target.exists() else b""
    whole = b"".join(
        line + b"\n" for line in current.split(b"\n") if line.strip() and _is_json(line)
    )
    merged = union_lines(b"", saved, whole)
    if merged != current:
        atomic.write_bytes(target, merged)


def _is_json(line: bytes) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


def _restore_deleted(library: Library) -> list[str]:
    _changed, deleted = _changes(library)
    if deleted:
        library.repo.git.checkout("HEAD", "--", *deleted)
    return deleted


def _reattach(library: Library, person: Person) -> str:
    repo = library.repo
    head = library.head()
    branches = repo.git.for_each_ref("--format=%(refname:lstrip=2)", "refs/heads").split()
    branches = [b for b in branches if b != "published"]
    if not branches:
        repo.git.checkout("-q", "-b", "main")
        return "the library is on its branch 'main' again"
    branch = "main" if "main" in branches else branches[0]
    tip = repo.git.rev_parse(f"refs/heads/{branch}")
    if is_ancestor(library, head, tip):
        repo.git.checkout("-q", branch)
        return f"the library shows its latest revision on '{branch}' again"
    if is_ancestor(library, tip, head):
        repo.git.update_ref(f"refs/heads/{branch}", head, tip)
        repo.git.checkout("-q", branch)
        return f"the library is on '{branch}' again, with the revisions made meanwhile"
    repo.git.checkout("-q", branch)
    integrate(library, person, head, "revisions made on a detached HEAD")
    return f"the library is on '{branch}' again; revisions made meanwhile were merged into it"
