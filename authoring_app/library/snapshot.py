"""What git says of a library's files as they are on disk: the commit HEAD names, and whether
every file of the library is exactly as committed there."""

from __future__ import annotations

import git
from git.refs.symbolic import SymbolicReference

from authoring_app.library.layout import LIBRARY_PATHS


def head_of(repo: git.Repo) -> str | None:
    """The commit HEAD names in `repo` (None before the first commit), read from the ref
    files alone: `repo.head.commit` asks GitPython's long-running `git cat-file`, which is
    not safe to share between threads (two status jobs at once could hang on it), and
    `git rev-parse` starts a process."""
    try:
        return SymbolicReference.dereference_recursive(repo, "HEAD")
    except ValueError:
        return None


def clean_head(repo: git.Repo, *, opening: bool = False) -> str | None:
    """The current commit, if git finds the library's own files exactly as committed there:
    none changed, deleted, new, or ignored by a .gitignore. Then every parsed file the cache
    vouched for at this commit is still good without looking at it (cache.FileCache.scan).

    Git compares every file in C. While `opening` it may also note in its index what it
    found (a fresh clone's index otherwise makes it read every file each time); later,
    `--no-optional-locks` keeps it from touching the index, which a save on another thread
    may be writing."""
    return CleanCheck(repo, opening=opening).result()


class CleanCheck:
    """`clean_head`, started now and answered by `result()`: git compares the files while
    this process does something else (such as loading its caches)."""

    def __init__(self, repo: git.Repo, *, opening: bool = False):
        self._answer: str | None = None
        self._process = None
        self.head: str | None = None  # the commit compared with
        locks = [] if opening else ["--no-optional-locks"]
        command = ["git", *locks, "status", "--porcelain", "-z", "--ignored"]
        command += ["--untracked-files=all", "--no-renames", "--", *LIBRARY_PATHS]
        self.head = head_of(repo)
        if self.head is None:
            return  # nothing committed yet: nothing to be clean at
        try:
            self._process = repo.git.execute(command, as_process=True)
        except (git.GitCommandError, OSError):
            self._process = None

    def result(self) -> str | None:
        if self._process is not None:
            out, _ = self._process.proc.communicate()
            clean = self._process.proc.returncode == 0 and not out
            self._answer, self._process = (self.head if clean else None), None
        return self._answer
