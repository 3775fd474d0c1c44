"""Everything wrong with a library's repository itself, each with the way out: changes on
disk not saved to history, files deleted by hand, a merge or rebase left unfinished, a
detached HEAD, conflicts between computers, merge markers saved into files, and review files
cut off. repair.py fixes what can be fixed without losing a word."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import git

from authoring_app.library import cache
from authoring_app.library.cache import Kind, ParsedFiles
from authoring_app.library.documents import conflict_markers_in
from authoring_app.library.layout import CONFLICTS_DIR, LIBRARY_FILES
from authoring_app.library.library import Library
from authoring_app.library.problems import Problem
from authoring_app.library.snapshot import Snapshot
from authoring_app.review.records import ReviewFile, review_files
from authoring_app.sync.merge import conflict_key
from authoring_app.sync.releases import stranded_releases

TEMP_FILE = re.compile(r"^\..+\.tmp$")  # what an interrupted atomic write leaves


MARKERS = Kind(
    "conflict-markers", ("authoring_app.library.documents", "authoring_app.sync.repository_check")
)


_KEPT = re.compile(
    r"^(answers/.+\.md|reviews/[^/]+\.jsonl|governance/records\.jsonl|conflicts/.+|[^/]+\.yaml"
    r"|\.gitattributes)$"
)


def problem(path: str, code: str, message: str, severity: str = "error", line=None) -> Problem:
    return Problem(path, line, None, code, message, severity)


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
                problem(
                    ".git",
                    "merge-in-progress",
                    "a merge was started outside the app and not finished; "
                    "repair abandons it (the next sync merges again)",
                )
            )
        if (git_dir / "rebase-merge").exists() or (git_dir / "rebase-apply").exists():
            problems.append(
                problem(
                    ".git",
                    "rebase-in-progress",
                    "a git rebase was started by hand and not finished; finish or abort it with git",
                )
            )
        if library.head() is None:
            return problems  # a new repository, nothing saved yet
        if repo.head.is_detached:
            problems.append(
                problem(
                    ".git",
                    "detached",
                    f"the library is showing an old revision ({library.head()[:8]}) instead of its "
                    "latest one (a 'detached HEAD'); repair puts it back without losing revisions",
                )
            )
        if clean_at is None or clean_at != library.head():
            problems += _unsaved_changes(library)
    except (git.GitCommandError, ValueError, OSError) as exc:
        problems.append(problem(".git", "repository", f"git could not read the library: {exc}"))
    problems += _conflict_problems(library)
    problems += [
        problem(
            ".git",
            "stranded-release",
            f"release {version} was published on this computer while another computer "
            "published too; it was not sent. Repair sets it aside; then publish again.",
        )
        for version in stranded_releases(library)
    ]
    problems += _review_file_problems(library, snapshot, clean_at)
    return problems


# What is wrong inside the review files (markers, a cut-off last record), kept by the commit
# the files are exactly as: a later open then reads none of the review files' records.
REVIEW_FILE_PROBLEMS = Kind(
    "review-file-problems",
    ("authoring_app.review.records", "authoring_app.library.documents", __name__),
)


def _review_file_problems(library: Library, snapshot: Snapshot, clean_at: str | None):
    clean = clean_at is not None and clean_at == library.head()
    if clean:
        kept = cache.load(library.path, REVIEW_FILE_PROBLEMS, clean_at)
        if isinstance(kept, list):
            return kept
    reviews = review_files(library.path, snapshot.ids())
    found = conflict_markers(library, snapshot, answers=False, reviews=reviews)
    found += truncated_reviews(library, reviews)
    if clean:
        cache.store(library.path, REVIEW_FILE_PROBLEMS, clean_at, found)
    return found


def changes(library: Library) -> tuple[list[str], list[str]]:
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
    changed += [p for p in untracked if p and _KEPT.match(p) and not TEMP_FILE.match(Path(p).name)]
    return sorted(changed), sorted(deleted)


def _unsaved_changes(library: Library) -> list[Problem]:
    changed, deleted = changes(library)
    problems = [
        problem(
            path,
            "unsaved-change",
            "changed on disk but not saved to history (the app may have stopped while saving); "
            "repair keeps it as a new revision",
        )
        for path in changed
    ]
    problems += [
        problem(
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
        if not path.is_file() or TEMP_FILE.match(path.name):
            continue
        rel = path.relative_to(library.path).as_posix()
        key = conflict_key(rel)
        if key is not None:
            problems.append(
                problem(
                    rel,
                    "conflict",
                    f"{key} was edited on two computers; compare the versions and choose or "
                    "combine them (Resolve). Until then it cannot be signed off or published.",
                )
            )
        else:
            original = rel.removeprefix(f"{CONFLICTS_DIR}/")
            problems.append(
                problem(
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
        problem(
            rel,
            "review-cut-off",
            "the last review record is cut off (the file was damaged or truncated); "
            "repair restores the saved records if they are in history",
            line=review.cut_off_at,
        )
        for rel, review in reviews.items()
        if review.cut_off_at is not None
    ]
