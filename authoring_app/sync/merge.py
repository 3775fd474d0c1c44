"""Bringing two machines' work together without losing a word.

A three-way merge of library files, decided per file from the common ancestor ("base"), this
machine's version ("ours") and the other machine's ("theirs"):

- a file changed on one side only takes that side's version;
- an answer changed on both sides is a conflict: our text stays in `answers/`, theirs is
  written to `conflicts/<id>.<locale>.md` (or `<id>.<locale>.2.md`, ... if that is taken);
- signed records (`reviews/*.jsonl`, `governance/records.jsonl`, append-only) keep the lines
  of both sides;
- people.yaml and directory.yaml merge entry by entry (by `id`), other text files line by line;
  where that is impossible our file stays and theirs is kept as `conflicts/<file>`;
- a file deleted on one side and edited on the other is kept, with the edit.

Files are compared as git blobs (by hash); nothing here touches the working tree.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from authoring_app.library.answer import PATH_PATTERN, AnswerKey
from authoring_app.library.layout import CONFLICTS_DIR, GOVERNANCE_FILE
from authoring_app.library.snapshot import blob_id

_CONFLICT_FILE = re.compile(r"^conflicts/([^/]+)\.([a-z]{2,3})(?:\.(\d+))?\.md$")
_ENTRY_LISTS = {"people.yaml": "people", "directory.yaml": "services"}

Tree = dict[str, str]  # path -> blob id


@dataclass
class MergeOutcome:
    """What the merged tree looks like where it differs from ours."""

    files: dict[str, bytes | None] = field(default_factory=dict)  # None: delete
    conflicts: list[AnswerKey] = field(default_factory=list)  # answers edited on both sides
    other_versions: list[str] = field(default_factory=list)  # conflicts/<file> written
    notes: list[str] = field(default_factory=list)
    changed_by_them: list[str] = field(default_factory=list)


def conflict_path(key: AnswerKey, number: int = 1) -> str:
    suffix = "" if number == 1 else f".{number}"
    return f"{CONFLICTS_DIR}/{key.id}.{key.locale}{suffix}.md"


def conflict_key(path: str) -> AnswerKey | None:
    """The answer a conflicts/ file belongs to (None for another file's other version)."""
    match = _CONFLICT_FILE.match(path)
    return AnswerKey(match.group(1), match.group(2)) if match else None


class _Merge:
    def __init__(self, base: Tree, ours: Tree, theirs: Tree, read: Callable[[str], bytes]):
        self.base, self.ours, self.theirs = base, ours, theirs
        self._read = read
        self.result: Tree = dict(ours)
        self.new_blobs: dict[str, bytes] = {}
        self.outcome = MergeOutcome()

    def read(self, blob: str | None) -> bytes:
        if blob is None:
            return b""
        if blob in self.new_blobs:
            return self.new_blobs[blob]
        return self._read(blob)

    def store(self, data: bytes) -> str:
        blob = blob_id(data)
        self.new_blobs[blob] = data
        return blob

    def put(self, path: str, blob: str | None) -> None:
        if blob is None:
            self.result.pop(path, None)
        else:
            self.result[path] = blob

    def keep_aside(self, path: str, blob: str, *, key: AnswerKey | None = None) -> str | None:
        """Write another version to a free name under conflicts/ (once per distinct text)."""
        if key is not None:
            taken = [p for p in self.result if conflict_key(p) == key]
            names = (conflict_path(key, n) for n in range(1, 1000))
        else:
            stem, dot, ext = path.rpartition(".")
            aside = f"{CONFLICTS_DIR}/{path}"
            taken = [
                p for p in self.result if p == aside or p.startswith(f"{CONFLICTS_DIR}/{stem}.")
            ]
            names = (
                aside if n == 1 else f"{CONFLICTS_DIR}/{stem}.{n}{dot}{ext}" for n in range(1, 1000)
            )
        if any(self.result[p] == blob for p in taken):
            return None  # that text is already kept
        for name in names:
            if name not in self.result:
                self.result[name] = blob
                return name
        return None  # pragma: no cover - a thousand unresolved versions

    # -- answers -----------------------------------------------------------------------

    def answers(self) -> set[str]:
        """Merge answer files by answer (so a move to another topic follows the answer)."""
        sides = [_answer_paths(tree) for tree in (self.base, self.ours, self.theirs)]
        handled: set[str] = set()
        for key in sorted(set().union(*sides), key=str):
            pb, po, pt = (side.get(key) for side in sides)
            handled.update(p for p in (pb, po, pt) if p)
            cb, co, ct = self.base.get(pb), self.ours.get(po), self.theirs.get(pt)
            content, path = co, po
            if co == ct or ct == cb:
                content = co
            elif co == cb:
                content = ct
            elif co is None:
                content = ct
                self.outcome.notes.append(
                    f"{key} was removed here but edited on another machine; the edited text is kept"
                )
            elif ct is None:
                self.outcome.notes.append(
                    f"{key} was removed on another machine but edited here; your text is kept"
                )
            else:
                self.outcome.conflicts.append(key)
                self.keep_aside("", ct, key=key)
            if content is not None:
                path = _three_way(pb, po, pt) or po or pt
            for old in {po, pt} - {path}:
                if old:
                    self.put(old, None)
            if content is not None:
                self.put(path, content)
        return handled

    # -- every other file ----------------------------------------------------------------

    def other_file(self, path: str) -> None:
        cb, co, ct = self.base.get(path), self.ours.get(path), self.theirs.get(path)
        if co == ct or ct == cb:
            return
        if co == cb:
            self.put(path, ct)
            return
        if co is None or ct is None:
            self.put(path, co or ct)
            self.outcome.notes.append(
                f"{path} was removed on one machine and changed on the other; the changed file is kept"
            )
            return
        if path.startswith(f"{CONFLICTS_DIR}/"):
            # Two machines kept different other versions under the same name: keep both.
            key = conflict_key(path)
            if key is not None:
                self.keep_aside(path, ct, key=key)
            else:
                self.keep_aside(path.removeprefix(f"{CONFLICTS_DIR}/"), ct)
            return
        base, ours, theirs = self.read(cb), self.read(co), self.read(ct)
        if (path.startswith("reviews/") and path.endswith(".jsonl")) or path == GOVERNANCE_FILE:
            self.put(path, self.store(union_lines(base, ours, theirs)))
            return
        merged = merge_text(base, ours, theirs)
        if merged is None and path in _ENTRY_LISTS:
            merged = merge_entries(base, ours, theirs, _ENTRY_LISTS[path])
        if merged is not None and path.endswith(".yaml") and not _parses(merged):
            merged = None
        if merged is not None:
            self.put(path, self.store(merged))
            return
        aside = self.keep_aside(path, ct)
        if aside:
            self.outcome.other_versions.append(aside)


def merge_trees(base: Tree, ours: Tree, theirs: Tree, read: Callable[[str], bytes]) -> MergeOutcome:
    """Merge three trees; `read(blob id)` returns a blob's bytes."""
    merge = _Merge(base, ours, theirs, read)
    everything = set(base) | set(ours) | set(theirs)
    # Other versions already kept go first, so new ones find the free names.
    for path in sorted(p for p in everything if p.startswith(f"{CONFLICTS_DIR}/")):
        merge.other_file(path)
    handled = merge.answers()
    for path in sorted(everything - handled):
        if not path.startswith(f"{CONFLICTS_DIR}/"):
            merge.other_file(path)
    _renumber(merge.result)
    outcome = merge.outcome
    for path in sorted(set(ours) | set(merge.result)):
        blob = merge.result.get(path)
        if blob != ours.get(path):
            outcome.files[path] = None if blob is None else merge.read(blob)
        if blob is not None and blob == theirs.get(path) and blob != base.get(path):
            outcome.changed_by_them.append(path)
    return outcome


def _renumber(result: Tree) -> None:
    """Keep `conflicts/<id>.<locale>.md` present while any other version of that answer is."""
    by_key: dict[AnswerKey, list[str]] = {}
    for path in result:
        key = conflict_key(path)
        if key is not None:
            by_key.setdefault(key, []).append(path)
    for key, paths in by_key.items():
        primary = conflict_path(key)
        if primary not in result:
            first = min(paths, key=lambda p: int(_CONFLICT_FILE.match(p).group(3) or 1))
            result[primary] = result.pop(first)


def _answer_paths(tree: Tree) -> dict[AnswerKey, str]:
    found: dict[AnswerKey, str] = {}
    for path in sorted(tree):
        match = PATH_PATTERN.match(path)
        if match:
            found.setdefault(AnswerKey(match.group(2), match.group(3)), path)
    return found


def _three_way(base, ours, theirs):
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    return ours


def _lines(data: bytes) -> list[bytes]:
    return [line for line in data.splitlines() if line.strip()]


def union_lines(base: bytes, ours: bytes, theirs: bytes) -> bytes:
    """Our lines, then their new lines (append-only records: nothing is dropped)."""
    out = _lines(ours)
    seen = set(out) | set(_lines(base))
    for line in _lines(theirs):
        if line not in seen:
            out.append(line)
            seen.add(line)
    return b"".join(line + b"\n" for line in out)


def merge_text(base: bytes, ours: bytes, theirs: bytes) -> bytes | None:
    """A clean line-by-line merge (git merge-file), or None where both changed the same lines."""
    if b"\0" in base + ours + theirs:
        return None
    with tempfile.TemporaryDirectory(prefix="authoring-merge-") as folder:
        names = []
        for name, data in (("ours", ours), ("base", base), ("theirs", theirs)):
            (Path(folder) / name).write_bytes(data)
            names.append(str(Path(folder) / name))
        done = subprocess.run(
            ["git", "merge-file", "-p", "-q", *names], capture_output=True, check=False
        )
    return done.stdout if done.returncode == 0 else None


def merge_entries(base: bytes, ours: bytes, theirs: bytes, list_key: str) -> bytes | None:
    """Merge a YAML file that is one list of entries with ids, entry by entry, keeping layout."""
    try:
        sides = [_split_entries(data.decode("utf-8"), list_key) for data in (base, ours, theirs)]
    except (UnicodeDecodeError, ValueError, yaml.YAMLError):
        return None
    (bh, be), (oh, oe), (th, te) = sides
    head = _three_way(bh, oh, th)
    if oh != th and bh not in (oh, th):
        return None
    ids = list(oe) + [i for i in te if i not in oe]
    separated = any(block.endswith("\n\n") for block in oe.values())
    blocks: list[str] = []
    for entry_id in ids:
        b, o, t = be.get(entry_id), oe.get(entry_id), te.get(entry_id)
        if o is not None and t is not None and o != t and b not in (o, t):
            return None  # the same entry changed differently on both sides
        block = _three_way(b, o, t)
        if block is None:
            continue
        if not block.endswith("\n"):
            block += "\n"
        if blocks and separated and not blocks[-1].endswith("\n\n"):
            blocks[-1] += "\n"
        blocks.append(block)
    return (head + "".join(blocks)).encode("utf-8")


def _split_entries(text: str, list_key: str) -> tuple[str, dict[str, str]]:
    """Split into the text before the list's first entry and each entry's block, by id."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip() == f"{list_key}:"), None)
    if start is None:
        raise ValueError("no list")
    entry = re.compile(r"^(\s*)- ")
    first = next((i for i in range(start + 1, len(lines)) if entry.match(lines[i])), len(lines))
    indent = entry.match(lines[first]).group(1) if first < len(lines) else ""
    head, blocks, current = "".join(lines[:first]), [], []
    for line in lines[first:]:
        if line.startswith(f"{indent}- "):
            if current:
                blocks.append("".join(current))
            current = [line]
        elif line.strip() and not line.startswith(indent + " ") and not line.startswith("#"):
            raise ValueError("text after the list")
        else:
            current.append(line)
    if current:
        blocks.append("".join(current))
    entries: dict[str, str] = {}
    for block in blocks:
        dedented = "".join(
            line[len(indent) :] if line.startswith(indent) else line
            for line in block.splitlines(keepends=True)
        )
        data = yaml.safe_load(dedented)
        if not (isinstance(data, list) and len(data) == 1 and isinstance(data[0], dict)):
            raise ValueError("not an entry")
        entry_id = str(data[0].get("id"))
        if entry_id in entries:
            raise ValueError("duplicate id")
        entries[entry_id] = block
    return head, entries


def _parses(data: bytes) -> bool:
    try:
        yaml.safe_load(data.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError):
        return False
    return True
