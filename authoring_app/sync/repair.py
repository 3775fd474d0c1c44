"""Finding and fixing what a crash, or a hand, left behind in a library's repository.

- `finish_interrupted_work` runs on every open and only does what is always safe: remove lock
  files a killed process left, put files back to the last revision if a sync was interrupted
  mid-merge (the sync is simply done again), and delete half-written temporary files.
- `check_repository` (repository_check.py) names everything else that is wrong, with the way
  out.
- `repair` fixes what it can without losing a word: changes written but not saved to history
  are saved as "Recovered after an interrupted save", files deleted by hand come back, a merge
  started by hand is abandoned, a detached HEAD is put back on its branch.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path

import git

from authoring_app.library import atomic
from authoring_app.library.layout import CONFLICTS_DIR
from authoring_app.library.library import (
    STALE_LOCK_SECONDS,
    Library,
    Revision,
)
from authoring_app.library.problems import Problem
from authoring_app.library.roster import Person
from authoring_app.sync.integrate import SYNC_MARKER, integrate
from authoring_app.sync.merge import union_lines
from authoring_app.sync.releases import set_aside_stranded
from authoring_app.sync.remote import is_ancestor
from authoring_app.sync.repository_check import TEMP_FILE, changes, problem

STALE_LOCK_WAIT_SECONDS = 1.0
RECOVERED = "Recovered after an interrupted save"


# -- on every open -------------------------------------------------------------------------


def finish_interrupted_work(repo: git.Repo) -> list[Problem]:
    """Undo what an interrupted process left half-done. Never raises; reports what it did."""
    notes: list[Problem] = []
    git_dir = Path(repo.git_dir)
    try:
        removed = _clear_stale_locks(git_dir)
        if removed:
            notes.append(
                problem(
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
                problem(
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
                problem(
                    removed_tmp[0],
                    "interrupted",
                    f"removed {len(removed_tmp)} half-written temporary file(s) left by an "
                    "interrupted save; the saved files are intact",
                    "warning",
                )
            )
    except (git.GitCommandError, OSError) as exc:
        notes.append(problem(".git", "repository", f"could not finish interrupted work: {exc}"))
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
    found = [entry.path for entry in os.scandir(root) if TEMP_FILE.match(entry.name)]
    for folder in ("answers", "reviews", CONFLICTS_DIR):
        for top, _dirs, names in os.walk(root / folder):  # links to folders are not entered
            found += [os.path.join(top, name) for name in names if TEMP_FILE.match(name)]
    removed = []
    for name in sorted(found):
        path = Path(name)
        if path.is_file():
            path.unlink(missing_ok=True)
            removed.append(path.relative_to(root).as_posix())
    return removed


# -- checking --------------------------------------------------------------------------------


# -- repairing -------------------------------------------------------------------------------


def repair(library: Library, person: Person, *, releases: bool = False) -> list[str]:
    """Fix what can be fixed without losing anything; return what was done, in words.

    With `releases`, a release made here that the shared library will not take (someone
    else published meanwhile) is set aside too (releases.py), so the next one can be
    published on top of the shared releases; a person asks for that, a sync never does."""
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
        for version in set_aside_stranded(library) if releases else ():
            done.append(
                f"release {version} was made here while another computer published; it is set "
                "aside (refs/stranded-releases) and releases follow the shared ones again: "
                "publish again to release these answers"
            )
        library.reload()
    return done


def recover(library: Library, person: Person) -> Revision | None:
    """Save changed and new files found on disk (not deletions) as one revision."""
    changed, _deleted = changes(library)
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
    _changed, deleted = changes(library)
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
