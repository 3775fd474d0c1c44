"""A library: a git repository of answers, opened through one GitPython `Repo`.

Every change is a commit by the person who made it. Writes are serialised with one lock per
library and go through git commands (no Python loops over commits).
"""

from __future__ import annotations

import contextlib
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import git

from authoring_app.library import atomic, audit, history, loading
from authoring_app.library.answer import Answer, AnswerKey
from authoring_app.library.directory import Directory
from authoring_app.library.history import Revision
from authoring_app.library.info import LibraryInfo
from authoring_app.library.layout import write_gitattributes
from authoring_app.library.problems import Problem
from authoring_app.library.roster import Person, Roster
from authoring_app.library.snapshot import Snapshot, head_of

APP_IDENTITY = ("Authoring app", "authoring-app@people.invalid")
STALE_LOCK_SECONDS = 30


class LibraryError(Exception):
    """Something a person must be told about, in words they can act on."""


class NotALibrary(LibraryError):
    pass


class AnswerNotFound(LibraryError):
    pass


@dataclass(frozen=True)
class Opening:
    """What the layer above does as a library opens (see sync/opening.py), so that opening
    needs nothing of it: `before` sees the repository before any file is read (to finish
    what an interrupted save or sync left), `after` the loaded library and what git said of
    its files as they were read (to check the repository). Each returns the problems it
    found, or notes of what it did."""

    before: Callable[[git.Repo], list[Problem]] | None = None
    after: Callable[[Library, Snapshot], list[Problem]] | None = None


class Library:
    """An open library. Use `Library.open(path)`; close it (or use `with`) when done."""

    def __init__(self, path: Path, repo: git.Repo | None, *, snapshot: Snapshot | None = None):
        """`snapshot`: what git has just said of the files (see `reload`)."""
        self.path = path
        self.repo = repo
        self.write_lock = threading.RLock()
        self.info = LibraryInfo.from_data({})
        self.roster = Roster()
        self.directory = Directory()
        self.problems: list[Problem] = []  # problems found while loading; the rest still loads
        self._answers: dict[AnswerKey, Answer] = {}
        self.log_ahead = None  # an audit.LogAhead started by `open`, until statuses take it
        self.reload(snapshot=snapshot)

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        files_only: bool = False,
        statuses_next: bool = False,
        opening: Opening | None = None,
    ) -> Library:
        """Open the library at `path`.

        With `files_only`, a folder that is not (the top of) a git repository opens too, for
        checking its files; it cannot save or show history. `statuses_next`: the caller is
        about to work out statuses, so git may start reading the log their last edits come
        from while the files load (only when the app's cache does not hold them). `opening`:
        what the layer above does as it opens (see `Opening`).
        """
        path = Path(path).expanduser().resolve()
        if not path.is_dir():
            raise NotALibrary(f"{path} does not exist or is not a folder")
        repo = _repo_at(path)
        if not (path / "library.yaml").is_file() and not _saved_in_history(repo, "library.yaml"):
            if repo is not None:
                repo.close()
            what = (
                "a git repository but not a library"
                if (path / ".git").exists()
                else "not a library"
            )
            raise NotALibrary(f"{path} is {what}: it has no library.yaml")
        if repo is None and not files_only:
            raise NotALibrary(
                f"{path} is not a library: it is not a git repository. "
                "Open a library folder, or create one from the sample library."
            )
        notes: list[Problem] = []
        snapshot = log_ahead = None
        if repo is not None:
            if opening is not None and opening.before is not None:
                notes = opening.before(repo)
            snapshot = Snapshot(repo, opening=True)  # answered while caches load
            if statuses_next and snapshot.head and audit.LogAhead.wanted(path):
                log_ahead = audit.LogAhead(repo, snapshot.head)
        try:
            library = cls(path, repo, snapshot=snapshot)
        except BaseException:
            if log_ahead is not None:
                log_ahead.close()  # git is not left waiting on a full pipe
            raise
        library.log_ahead = log_ahead
        if snapshot is not None and opening is not None and opening.after is not None:
            notes += opening.after(library, snapshot)
        library.problems = notes + library.problems
        return library

    @classmethod
    def create(cls, path: Path | str, *, template: Path | None = None) -> Library:
        """Make a new library at `path` (a copy of `template`, if given) as a fresh repository."""
        path = Path(path).expanduser().resolve()
        if path.exists() and any(path.iterdir()):
            raise LibraryError(f"{path} already exists and is not empty")
        if template is not None:
            shutil.copytree(
                template,
                path,
                dirs_exist_ok=True,
                ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "demo-keys"),
            )
        else:
            path.mkdir(parents=True, exist_ok=True)
        write_gitattributes(path)  # review records from two computers are both kept
        repo = git.Repo.init(path, initial_branch="main")
        try:
            repo.git.add("-A")
            repo.git.commit(
                "-q", "--allow-empty", "-m", "Create library", env=_identity_env(*APP_IDENTITY)
            )
        finally:
            repo.close()
        return cls.open(path)

    def close(self) -> None:
        """Stop the git helper processes GitPython keeps alive."""
        if self.log_ahead is not None:
            self.log_ahead.close()
            self.log_ahead = None
        if self.repo is not None:
            self.repo.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------

    def reload(self, *, snapshot: Snapshot | None = None) -> None:
        """Read every file again. A broken file is reported in `problems`; the rest loads.
        `snapshot`: what git has just said of the files, if it has (else it is asked)."""
        if snapshot is None and self.repo is not None:
            snapshot = Snapshot(self.repo)
        loaded = loading.load(self.path, snapshot)
        self.info = LibraryInfo.from_data(loaded.settings["library.yaml"])
        self.roster = Roster.from_data(loaded.settings["people.yaml"])
        self.directory = Directory.from_data(loaded.settings["directory.yaml"])
        self._answers = loaded.answers
        self.problems = loaded.problems

    def answers(self) -> list[Answer]:
        return sorted(self._answers.values(), key=lambda a: (a.topic, a.id, a.locale))

    def answer(self, key: AnswerKey) -> Answer:
        try:
            return self._answers[key]
        except KeyError:
            raise AnswerNotFound(f"there is no answer {key} in this library") from None

    def find(self, key: AnswerKey) -> Answer | None:
        return self._answers.get(key)

    def locales_of(self, answer_id: str) -> list[str]:
        return sorted(k.locale for k in self._answers if k.id == answer_id)

    def head(self) -> str | None:
        """The commit HEAD names (None before the first commit; see `head_of`)."""
        return head_of(self.repo) if self.repo is not None else None

    # -- writing ---------------------------------------------------------------------------

    def commit(
        self,
        person: Person,
        subject: str,
        paths: Iterable[str],
        *,
        trailers: dict[str, str] | None = None,
        body: str = "",
    ) -> Revision | None:
        """Commit the current state of `paths` (added, changed or deleted) as `person`.

        Returns None when there was nothing to commit.
        """
        paths = sorted(set(paths))
        message = subject
        if body:
            message += "\n\n" + body.strip()
        if trailers:
            message += "\n\n" + "\n".join(f"{k}: {v}" for k, v in trailers.items())
        env = _identity_env(person.name, person.git_email)
        self.require_repo()
        with self.write_lock:
            self._clear_stale_lock()
            self.repo.git.add("-A", "--", *paths)
            if not self.repo.git.diff("--cached", "--name-only", "--", *paths):
                return None
            self.repo.git.commit("-q", "--no-verify", "-m", message, "--", *paths, env=env)
            return history.revisions(self, ["-1", "HEAD"])[0]

    def save_answer(
        self,
        answer: Answer,
        person: Person,
        message: str | None = None,
        *,
        also: Callable[[], Iterable[str]] | None = None,
    ) -> Revision | None:
        """Write `answer` atomically and commit it as `person`. None if nothing changed.

        If the topic, id or locale changed, the old file is moved, so history follows it.
        `also`: called once the file is written, to write other files that go into the same
        commit (the saver's signed edit record); returns their paths.
        """
        with self.write_lock:
            old = self._answers.get(answer.key)
            if (
                old is not None
                and old.path == answer.path
                and old.content_hash() == answer.content_hash()
            ):
                return None
            paths = [answer.path]
            if old is not None and old.path != answer.path:
                (self.path / old.path).unlink(missing_ok=True)
                paths.append(old.path)
            atomic.write_text(self.path / answer.path, answer.to_text())
            if also is not None:
                paths += list(also())
            verb = "Add" if old is None else "Edit"
            subject = f"{verb} answer {answer.key}: {message or answer.title}"
            revision = self.commit(
                person,
                _one_line(subject),
                paths,
                trailers={
                    "Answer": str(answer.key),
                    "Action": "add" if old is None else "edit",
                    "Person": person.id,
                },
            )
            self._answers[answer.key] = answer
            return revision

    def restore(
        self,
        key: AnswerKey,
        commit: str,
        person: Person,
        *,
        also: Callable[[Answer], Iterable[str]] | None = None,
    ) -> Revision | None:
        """Bring back the text of `key` as it was at `commit`, as a new revision. `also`: as
        in `save_answer`, given the text brought back."""
        old = self.answer_at(key, commit)
        if old is None:
            raise LibraryError(f"{key} did not exist at revision {commit[:8]}")
        with self.write_lock:
            current = self.answer(key)
            if current.path != old.path:
                (self.path / current.path).unlink(missing_ok=True)
            atomic.write_text(self.path / old.path, old.to_text())
            paths = {old.path, current.path}
            if also is not None:
                paths |= set(also(old))
            revision = self.commit(
                person,
                f"Restore answer {key} to revision {commit[:8]}",
                paths,
                trailers={
                    "Answer": str(key),
                    "Action": "restore",
                    "Person": person.id,
                    "Restored-From": commit,
                },
            )
            self._answers[key] = old
            return revision

    def require_repo(self) -> None:
        if self.repo is None:
            raise LibraryError(
                f"{self.path} was opened for checking only: it is not a git repository"
            )

    def _clear_stale_lock(self) -> None:
        """A crash can leave .git/index.lock behind; an old one is removed, not a dead end."""
        lock = Path(self.repo.git_dir) / "index.lock"
        with contextlib.suppress(FileNotFoundError):
            if time.time() - lock.stat().st_mtime > STALE_LOCK_SECONDS:
                lock.unlink()

    # -- history (see history.py) ----------------------------------------------------------

    def history(self, key: AnswerKey) -> list[Revision]:
        """Every revision that touched this answer, newest first (following moves)."""
        return history.history(self, key)

    def path_at(self, key: AnswerKey, commit: str) -> str | None:
        return history.path_at(self, key, commit)

    def text_at(self, key: AnswerKey, commit: str) -> str | None:
        return history.text_at(self, key, commit)

    def answer_at(self, key: AnswerKey, commit: str) -> Answer | None:
        return history.answer_at(self, key, commit)

    def diff(self, key: AnswerKey, old_commit: str | None, new_commit: str | None = None) -> str:
        """A unified diff of the answer file between two revisions (None: the working file)."""
        return history.diff(self, key, old_commit, new_commit)


def _repo_at(path: Path) -> git.Repo | None:
    """The repository whose top folder is `path`, or None."""
    try:
        repo = git.Repo(path)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
    if Path(repo.working_tree_dir or "").resolve() != path:
        repo.close()
        return None
    return repo


def _saved_in_history(repo: git.Repo | None, rel: str) -> bool:
    """True if the last revision has `rel` (so a file deleted by hand can be brought back)."""
    if repo is None:
        return False
    try:
        repo.git.cat_file("-e", f"HEAD:{rel}")
    except git.GitCommandError:
        return False
    return True


def _identity_env(name: str, email: str) -> dict[str, str]:
    return {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
    }


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]
