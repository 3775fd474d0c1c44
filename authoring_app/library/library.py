"""A library: a git repository of answers, opened through one GitPython `Repo`.

Every change is a commit by the person who made it. Writes are serialised with one lock per
library and go through git commands (no Python loops over commits).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import git

from authoring_app.library import atomic
from authoring_app.library.answer import Answer, AnswerKey, parse_answer
from authoring_app.library.cache import FileCache
from authoring_app.library.directory import Directory
from authoring_app.library.documents import (
    DocumentError,
    conflict_markers_in,
    decode,
    load_valid,
    parse_yaml,
    read_text,
    schema_problems,
)
from authoring_app.library.info import LibraryInfo
from authoring_app.library.layout import LIBRARY_FILES, write_gitattributes
from authoring_app.library.problems import Problem
from authoring_app.library.roster import Person, Roster
from authoring_app.library.snapshot import CleanCheck, head_of

APP_IDENTITY = ("Authoring app", "authoring-app@people.invalid")
STALE_LOCK_SECONDS = 30
_FIELD_SEP, _RECORD_SEP = "\x1f", "\x1e"


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
    what an interrupted save or sync left), `after` the loaded library and the commit git
    found its files exactly as, or None (to check the repository). Each returns the
    problems it found, or notes of what it did."""

    before: Callable[[git.Repo], list[Problem]] | None = None
    after: Callable[[Library, str | None], list[Problem]] | None = None


@dataclass(frozen=True)
class Revision:
    """One commit, as a person sees it: who, when, what."""

    commit: str
    author: str
    email: str
    time: dt.datetime
    subject: str
    trailers: dict[str, str] = field(default_factory=dict)

    @property
    def short(self) -> str:
        return self.commit[:8]

    @property
    def action(self) -> str:
        return self.trailers.get("Action", "edit")

    @property
    def person(self) -> str | None:
        """The roster id of who made this revision (None for commits made outside the app)."""
        return self.trailers.get("Person")


class Library:
    """An open library. Use `Library.open(path)`; close it (or use `with`) when done."""

    def __init__(self, path: Path, repo: git.Repo | None, *, clean_at=None):
        """`clean_at`: the commit git has just found every library file exactly as (see
        `snapshot.clean_head`), if it has; or a `snapshot.CleanCheck` that will say."""
        self.path = path
        self.repo = repo
        self.write_lock = threading.RLock()
        self.info = LibraryInfo.from_data({})
        self.roster = Roster()
        self.directory = Directory()
        self.problems: list[Problem] = []  # problems found while loading; the rest still loads
        self._answers: dict[AnswerKey, Answer] = {}
        self.log_ahead = None  # an audit.LogAhead started by `open`, until statuses take it
        self.reload(clean_at=clean_at)

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
        clean_at = log_ahead = None
        if repo is not None:
            from authoring_app.library import audit

            if opening is not None and opening.before is not None:
                notes = opening.before(repo)
            clean_at = CleanCheck(repo, opening=True)  # answered while caches load
            if statuses_next and clean_at.head and audit.LogAhead.wanted(path):
                log_ahead = audit.LogAhead(repo, clean_at.head)
        try:
            library = cls(path, repo, clean_at=clean_at)
        except BaseException:
            if log_ahead is not None:
                log_ahead.close()  # git is not left waiting on a full pipe
            raise
        library.log_ahead = log_ahead
        if clean_at is not None:
            clean_at = clean_at.result()
        if repo is not None and opening is not None and opening.after is not None:
            notes += opening.after(library, clean_at)
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

    def reload(self, *, clean_at=None) -> None:
        """Read every file again. A broken file is reported in `problems`; the rest loads.

        `clean_at`: as in `cache.FileCache.scan`, when git has just vouched for the files (or
        a `snapshot.CleanCheck`, asked once the caches are loaded)."""
        problems: list[Problem] = []
        data = {}
        settings = FileCache(self.path, "settings", self._load_settings_file)
        parsed = FileCache(self.path, "answers", self._parse_answer_file)
        if clean_at is not None and not isinstance(clean_at, str):
            clean_at = clean_at.result()
        for name, (value, found) in settings.scan(list(LIBRARY_FILES), clean_at=clean_at).items():
            data[name] = value
            problems += found
        self.info = LibraryInfo.from_data(data["library.yaml"])
        self.roster = Roster.from_data(data["people.yaml"])
        self.directory = Directory.from_data(data["directory.yaml"])
        answers: dict[AnswerKey, Answer] = {}
        for rel, (answer, found) in parsed.scan(
            self._answer_files(problems), clean_at=clean_at
        ).items():
            problems += found
            if answer is None:
                continue
            if answer.key in answers:
                problems.append(
                    Problem(
                        rel,
                        2,
                        "id",
                        "duplicate-id",
                        f"{answer.key} is also defined in {answers[answer.key].path}",
                    )
                )
                continue
            answers[answer.key] = answer
        self._answers = answers
        self.problems = problems

    def _load_settings_file(self, rel: str):
        return _load_yaml_file(self.path / rel, rel, LIBRARY_FILES[rel])

    def _parse_answer_file(self, rel: str) -> tuple[Answer | None, list[Problem]]:
        """The answer in file `rel`, and its problems, merge-conflict markers included (the
        file is read once for both)."""
        try:
            with open(f"{self.path}/{rel}", "rb") as handle:  # thousands: no Path per file
                data = handle.read()
        except OSError as exc:
            return None, [
                Problem(rel, None, None, "unreadable", f"cannot read file: {exc.strerror}")
            ]
        markers = conflict_markers_in(data, rel)
        try:
            answer, problems = parse_answer(decode(data, rel), rel)
        except DocumentError as exc:
            return None, [exc.problem, *markers]
        if answer is not None:
            answer.content_hash()  # worked out once, and cached with the answer
        return answer, problems + markers

    def _answer_files(self, problems: list[Problem]) -> list[str]:
        root = self.path / "answers"
        if not root.is_dir():
            return []
        found = []
        for entry in sorted(os.scandir(root), key=lambda e: e.name):
            rel = f"answers/{entry.name}"
            if entry.is_symlink():
                problems.append(_link_problem(rel))
                continue
            if entry.is_file():
                problems.append(
                    Problem(
                        rel,
                        None,
                        None,
                        "wrong-place",
                        "answers belong in a topic folder: answers/<topic>/<id>.<locale>.md",
                    )
                )
                continue
            for child in sorted(os.scandir(entry.path), key=lambda e: e.name):
                child_rel = f"{rel}/{child.name}"
                if child.is_symlink():
                    problems.append(_link_problem(child_rel))
                elif child.name.endswith(".md") and child.is_file():
                    found.append(child_rel)
                elif not child.name.startswith("."):
                    problems.append(
                        Problem(
                            child_rel,
                            None,
                            None,
                            "wrong-place",
                            "only answer files (<id>.<locale>.md) belong in a topic folder",
                            "warning",
                        )
                    )
        return found

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
        self._require_repo()
        with self.write_lock:
            self._clear_stale_lock()
            self.repo.git.add("-A", "--", *paths)
            if not self.repo.git.diff("--cached", "--name-only", "--", *paths):
                return None
            self.repo.git.commit("-q", "--no-verify", "-m", message, "--", *paths, env=env)
            return self._revisions(["-1", "HEAD"])[0]

    def save_answer(
        self, answer: Answer, person: Person, message: str | None = None
    ) -> Revision | None:
        """Write `answer` atomically and commit it as `person`. None if nothing changed.

        If the topic, id or locale changed, the old file is moved, so history follows it.
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

    def restore(self, key: AnswerKey, commit: str, person: Person) -> Revision | None:
        """Bring back the text of `key` as it was at `commit`, as a new revision."""
        old = self.answer_at(key, commit)
        if old is None:
            raise LibraryError(f"{key} did not exist at revision {commit[:8]}")
        with self.write_lock:
            current = self.answer(key)
            if current.path != old.path:
                (self.path / current.path).unlink(missing_ok=True)
            atomic.write_text(self.path / old.path, old.to_text())
            revision = self.commit(
                person,
                f"Restore answer {key} to revision {commit[:8]}",
                {old.path, current.path},
                trailers={
                    "Answer": str(key),
                    "Action": "restore",
                    "Person": person.id,
                    "Restored-From": commit,
                },
            )
            self._answers[key] = old
            return revision

    def _require_repo(self) -> None:
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

    # -- history ---------------------------------------------------------------------------

    def history(self, key: AnswerKey) -> list[Revision]:
        """Every revision that touched this answer, newest first (following moves)."""
        path = self.answer(key).path
        # Not --follow, which diffs every commit of the library (seconds with years of
        # history): the file's own path (fast with the commit-graph's path filters), and its
        # paths in every topic folder only if it was ever moved between topics.
        from authoring_app.library.audit import ensure_commit_graph, moved_in, topic_folders

        ensure_commit_graph(self.repo)
        revisions = self._revisions(["--no-renames", "HEAD", "--", path])
        if revisions and moved_in(self.repo, revisions[-1].commit, key, path):
            topics = {t.id for t in self.info.topics} | topic_folders(self.path)
            paths = sorted(f"answers/{t}/{key.id}.{key.locale}.md" for t in topics)
            revisions = self._revisions(["--no-renames", "HEAD", "--", *paths])
        return revisions

    def _revisions(self, args: list[str]) -> list[Revision]:
        self._require_repo()
        fmt = (
            _FIELD_SEP.join(["%H", "%an", "%ae", "%aI", "%s", "%(trailers:only,unfold)"])
            + _RECORD_SEP
        )
        try:
            out = self.repo.git.log(f"--format={fmt}", *args)
        except git.GitCommandError:
            return []
        revisions = []
        for record in out.split(_RECORD_SEP):
            record = record.strip("\n")
            if not record:
                continue
            sha, name, email, when, subject, trailer_text = record.split(_FIELD_SEP)
            trailers = {}
            for line in trailer_text.splitlines():
                k, sep, v = line.partition(": ")
                if sep:
                    trailers[k] = v
            revisions.append(
                Revision(sha, name, email, dt.datetime.fromisoformat(when), subject, trailers)
            )
        return revisions

    def path_at(self, key: AnswerKey, commit: str) -> str | None:
        """Where the file of `key` was at `commit` (its topic folder may have changed since)."""
        self._require_repo()
        suffix = f"/{key.id}.{key.locale}.md"
        out = self.repo.git.ls_tree("-r", "--name-only", commit, "--", "answers")
        return next((p for p in out.splitlines() if p.endswith(suffix)), None)

    def text_at(self, key: AnswerKey, commit: str) -> str | None:
        path = self.path_at(key, commit)
        if path is None:
            return None
        data = self.repo.git.show(
            f"{commit}:{path}", stdout_as_string=False, strip_newline_in_stdout=False
        )
        return decode(data, path)

    def answer_at(self, key: AnswerKey, commit: str) -> Answer | None:
        text = self.text_at(key, commit)
        if text is None:
            return None
        answer, _ = parse_answer(text, self.path_at(key, commit) or "")
        return answer

    def diff(self, key: AnswerKey, old_commit: str | None, new_commit: str | None = None) -> str:
        """A unified diff of the answer file between two revisions (None: the working file)."""

        def text(commit: str | None) -> str:
            if commit is None:
                answer = self.find(key)
                return answer.to_text() if answer else ""
            return self.text_at(key, commit) or ""

        old, new = text(old_commit), text(new_commit)
        return "".join(
            difflib.unified_diff(
                old.splitlines(keepends=True),
                new.splitlines(keepends=True),
                fromfile=f"{key} @ {old_commit[:8] if old_commit else 'now'}",
                tofile=f"{key} @ {new_commit[:8] if new_commit else 'now'}",
            )
        )


def _link_problem(rel: str) -> Problem:
    """A link could point anywhere on this computer; a library holds only ordinary files."""
    return Problem(
        rel,
        None,
        None,
        "link",
        "is a link, not a file; it is not read (replace it with the file itself)",
    )


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


def _load_yaml_file(path: Path, rel: str, schema: str):
    if not path.exists():
        return None, [Problem(rel, None, None, "missing", f"the library has no {rel}")]
    try:
        text = read_text(path, rel)
    except DocumentError as exc:
        return None, [exc.problem]
    data = load_valid(text, schema)  # most of the time the file is fine
    if data is not None:
        return data, []
    try:
        data, node = parse_yaml(text, rel)
    except DocumentError as exc:
        return None, [exc.problem]
    problems = schema_problems(data, node, schema, rel)
    return (data if not problems else _salvage(data)), problems


def _salvage(data):
    """Keep what can be used from a file with schema errors (well-formed entries only)."""
    if not isinstance(data, dict):
        return None
    return data


def _identity_env(name: str, email: str) -> dict[str, str]:
    return {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
    }


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]
