"""Where things live in a library, relative to its top folder (see docs/library-format.md)."""

from __future__ import annotations

from pathlib import Path

from authoring_app.library import atomic

# The library's own three files, and the schema each is checked against.
LIBRARY_FILES = {"library.yaml": "library", "people.yaml": "people", "directory.yaml": "directory"}
ANSWERS_DIR = "answers"  # answers/<topic>/<id>.<locale>.md
REVIEWS_DIR = "reviews"  # reviews/<id>.<locale>.jsonl
CONFLICTS_DIR = "conflicts"  # the other computer's version of a file edited on both
GOVERNANCE_DIR = "governance"
GOVERNANCE_FILE = f"{GOVERNANCE_DIR}/records.jsonl"  # governors' signed decisions
# Everything that is the library's content (what `git status` is asked about).
LIBRARY_PATHS = (
    ANSWERS_DIR,
    REVIEWS_DIR,
    GOVERNANCE_DIR,
    CONFLICTS_DIR,
    *LIBRARY_FILES,
    ".gitattributes",
)
# Signed records only ever grow: git keeps the lines added on both sides of a merge.
GITATTRIBUTES_LINES = (f"{REVIEWS_DIR}/*.jsonl merge=union", f"{GOVERNANCE_FILE} merge=union")


def write_gitattributes(folder: Path) -> bool:
    """Add the union-merge lines for signed records to `.gitattributes`; True if it changed."""
    path = Path(folder) / ".gitattributes"
    text = path.read_text("utf-8", errors="replace") if path.exists() else ""
    have = {line.strip() for line in text.splitlines()}
    missing = [line for line in GITATTRIBUTES_LINES if line not in have]
    if not missing:
        return False
    if text and not text.endswith("\n"):
        text += "\n"
    atomic.write_text(path, text + "".join(line + "\n" for line in missing))
    return True
