"""Records removed from history: append-only, for real.

Review and governance records are only ever appended; the app never removes a line. A line
that disappears (deleted, or rewritten, which is the same) is found in git's history: one
`git log -p` over the record files lists every removed line. A removed record still counts
if its signature verifies (deleting a `retired` line never brings an answer back), and each
removal is reported with the commit that made it.

The lines found are kept in the app's cache by the commit they were read at, and brought
forward from the commits made since when history is a straight line from it.
"""

from __future__ import annotations

from dataclasses import dataclass

import git

from authoring_app.library import cache
from authoring_app.library.audit import straight_line
from authoring_app.library.cache import Kind
from authoring_app.library.layout import GOVERNANCE_DIR, REVIEWS_DIR
from authoring_app.library.library import Library

REMOVED = Kind("removed-records", ("authoring_app.review.removed",))
_COMMIT = "\x1e"


@dataclass(frozen=True)
class Removed:
    """A record line that was removed from a record file, and the commit that removed it."""

    path: str
    line: str
    commit: str


def removed_lines(library: Library) -> list[Removed]:
    """Every record line removed from reviews/ or governance/ in the history of HEAD."""
    head = library.head()
    if head is None or library.repo is None:
        return []
    kept = cache.load(library.path, REMOVED, head)
    if isinstance(kept, list):
        return kept
    older = cache.latest(library.path, REMOVED)
    if older is not None and isinstance(older[0], str) and straight_line(library, older[0], head):
        found = list(older[1]) + _scan(library, [f"{older[0]}..{head}"])
    else:
        found = _scan(library, [head])
    found = list(dict.fromkeys(found))
    cache.store(library.path, REMOVED, head, found)
    return found


def _scan(library: Library, revisions: list[str]) -> list[Removed]:
    try:
        out = library.repo.git.log(
            "-m",
            "-p",
            "-U0",
            "--no-renames",
            "--no-color",
            "--diff-filter=MD",
            f"--format={_COMMIT}%H",
            *revisions,
            "--",
            REVIEWS_DIR,
            GOVERNANCE_DIR,
        )
    except git.GitCommandError:
        return []
    found = []
    for chunk in out.split(_COMMIT):
        if not chunk.strip():
            continue
        commit, _, diff = chunk.partition("\n")
        path = None
        for line in diff.split("\n"):
            if line.startswith("--- "):
                path = line[6:] if line.startswith("--- a/") else None
            elif line.startswith("-") and path is not None and line[1:].strip():
                found.append(Removed(path, line[1:], commit.strip()))
    return found


def removed_review_records(library: Library, present) -> dict:
    """Review records removed from history and not back in their file: review file path ->
    [(record, commit)]. `present`: path -> the records the file holds now."""
    import json

    from authoring_app.review.records import record_from_json, record_schema_problems

    kept = {path: {r.to_line() for r in records} for path, records in present.items()}
    found: dict[str, list] = {}
    for removed in removed_lines(library):
        if not removed.path.startswith(f"{REVIEWS_DIR}/"):
            continue
        try:
            data = json.loads(removed.line)
            if record_schema_problems(data, removed.path, 0):
                continue
            record = record_from_json(data, removed.path, None)
        except (ValueError, KeyError, TypeError):
            continue
        if record.to_line() in kept.get(removed.path, set()):
            continue  # the same record is back in the file
        kept.setdefault(removed.path, set()).add(record.to_line())
        found.setdefault(removed.path, []).append((record, removed.commit))
    return found
