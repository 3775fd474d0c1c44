"""What git says of a library's files as they are on disk now.

A `Snapshot` asks git two things at once, while this process does something else (such as
loading its caches): which of the library's files differ from the last commit in any way
(changed, new, deleted or ignored: `git status`), and the blob id of every file in git's
index (`git ls-files`). A file git does not list as different is exactly as committed, so
its blob id is known without reading it: what the app keeps of a file between runs is
found by that id (see cache.py). Files git does list, and every file of a folder that is
not a repository, are identified by hashing their bytes as they are read.
"""

from __future__ import annotations

import hashlib

import git
from git.refs.symbolic import SymbolicReference

from authoring_app.library.layout import LIBRARY_PATHS

_INDEXED = ("answers", "reviews", "governance", "library.yaml", "people.yaml", "directory.yaml")


def head_of(repo: git.Repo) -> str | None:
    """The commit HEAD names in `repo` (None before the first commit), read from the ref
    files alone: `repo.head.commit` asks GitPython's long-running `git cat-file`, which is
    not safe to share between threads (two status jobs at once could hang on it), and
    `git rev-parse` starts a process."""
    try:
        return SymbolicReference.dereference_recursive(repo, "HEAD")
    except ValueError:
        return None


def blob_id(data: bytes) -> str:
    """The id git gives a file with these bytes (SHA-1 of a blob header and the bytes)."""
    digest = hashlib.sha1(b"blob %d\0" % len(data), usedforsecurity=False)
    digest.update(data)
    return digest.hexdigest()


class Snapshot:
    """The library's files as git sees them at this moment (see the module's docstring).

    While `opening`, git may also note in its index what it found (a fresh clone's index
    otherwise makes it read every file each time); later, `--no-optional-locks` keeps it
    from touching the index, which a save on another thread may be writing."""

    def __init__(self, repo: git.Repo, *, opening: bool = False):
        self.head = head_of(repo)  # the commit compared with
        locks = [] if opening else ["--no-optional-locks"]
        status = ["git", *locks, "status", "--porcelain", "-z", "--ignored"]
        status += ["--untracked-files=all", "--no-renames", "--", *LIBRARY_PATHS]
        listing = ["git", *locks, "ls-files", "-s", "-z", "--", *_INDEXED]
        self._status = self._listing = None
        self._answer: tuple[str | None, dict[str, str]] | None = None
        try:
            self._status = repo.git.execute(status, as_process=True)
            self._listing = repo.git.execute(listing, as_process=True)
        except (git.GitCommandError, OSError):
            self._answer = (None, {})

    def _result(self) -> tuple[str | None, dict[str, str]]:
        if self._answer is None:
            changed, status_ok = _output(self._status)
            indexed, listing_ok = _output(self._listing)
            self._status = self._listing = None
            if not (status_ok and listing_ok):
                self._answer = (None, {})
            else:
                different = {entry[3:] for entry in changed.split("\0") if entry}
                ids = {}
                for entry in indexed.split("\0"):
                    meta, _, path = entry.partition("\t")
                    if path and path not in different:
                        ids[path] = meta.split(" ", 2)[1]
                clean = self.head if self.head is not None and not different else None
                self._answer = (clean, ids)
        return self._answer

    def clean_head(self) -> str | None:
        """The current commit, if git finds every file of the library exactly as committed
        there: none changed, deleted, new, or ignored by a .gitignore."""
        return self._result()[0]

    def ids(self) -> dict[str, str]:
        """Path -> blob id of each library file git vouches for (exactly as committed)."""
        return self._result()[1]


def _output(handle) -> tuple[str, bool]:
    out, _ = handle.proc.communicate()
    return out.decode("utf-8", "surrogateescape"), handle.proc.returncode == 0


def clean_head(repo: git.Repo) -> str | None:
    """`Snapshot(repo).clean_head()`."""
    return Snapshot(repo).clean_head()
