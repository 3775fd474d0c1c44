"""What opening a library works out, kept between runs so a large library opens at once.

The cache lives under the app's data folder (cache/<library-id>/), never inside the library,
and only ever saves work, never decides anything:

- parsed files (answers, review files) are keyed by the file's size, modification time,
  change time and inode; any change to a file, by the app or behind its back, misses. A file
  changed in the last few seconds is not cached (a second change within the clock's
  granularity could keep the same times);
- verified signatures are keyed by the exact bytes signed, the signature and the public key;
- the last edit of each answer file is keyed by the commit it was worked out at.

Every cache file carries the version of the code that wrote it. One that cannot be read, is
damaged or was written by other code is ignored and rebuilt. Files are written atomically
but not synced to disk: after a power cut one may be lost or damaged, and is then rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import threading
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from authoring_app.library import atomic, parallel, paths

RACY_SECONDS = 3  # files changed more recently than this are not cached
_CODE = (  # relative to the authoring_app package
    "library/answer.py",
    "library/documents.py",
    "review/records.py",
    "library/audit.py",
    "library/cache.py",
    "sync/repair.py",
    "library/library.py",
    "library/roster.py",
    "library/directory.py",
    "library/info.py",
    "review/status.py",
    "review/status_memory.py",
    "review/record_checks.py",
)


@cache
def code_version() -> str:
    """A digest of the code and schemas whose results are cached: new code, new cache."""
    digest = hashlib.sha256(b"1")
    here = Path(__file__).parents[1]
    import content_schema

    schemas = Path(next(iter(content_schema.__path__)))
    for path in [here / name for name in _CODE] + sorted(schemas.glob("*.json")):
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(path.name.encode())
    return digest.hexdigest()[:16]


def folder_for(library_root: Path) -> Path:
    """cache/<library-id>: one folder per library, named from its location."""
    ident = hashlib.sha256(str(Path(library_root).resolve()).encode("utf-8")).hexdigest()[:16]
    return paths.data_dir() / "cache" / ident


def load(library_root: Path, name: str) -> Any:
    """The cached value `name`, or None if there is none, it is damaged or it is outdated."""
    try:
        with open(folder_for(library_root) / f"{name}.pickle", "rb") as handle:
            version, value = pickle.load(handle)
    except Exception:  # missing, unreadable, truncated, garbage: start again
        return None
    return value if version == code_version() else None


def exists(library_root: Path, name: str) -> bool:
    """Is there a cached `name` (of any version, possibly damaged)? Cheaper than `load`."""
    return (folder_for(library_root) / f"{name}.pickle").is_file()


def store(library_root: Path, name: str, value: Any) -> None:
    """Write `name` atomically; a cache that cannot be written is simply not kept."""
    folder = folder_for(library_root)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps((code_version(), value), protocol=pickle.HIGHEST_PROTOCOL)
        atomic.write_bytes(folder / f"{name}.pickle", data, durable=False)
    except OSError:
        pass


def clear(library_root: Path) -> None:
    import shutil

    shutil.rmtree(folder_for(library_root), ignore_errors=True)
    with _SHARED_LOCK:
        for key in [k for k in _SHARED if k[0] == Path(library_root)]:
            del _SHARED[key]


_MISS = object()


def _stamp(info: os.stat_result) -> tuple:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


class FileCache:
    """Results of `parse(rel)` for the files of one library, reused while a file is unchanged.

    Call `scan` with every file in use (or `get` for each, then `save`): files not asked for
    (deleted) are dropped.
    """

    def __init__(self, library_root: Path, name: str, parse: Callable[[str], Any]):
        self.root = Path(library_root)
        self.name = name
        self.parse = parse
        found = load(self.root, name)
        if not isinstance(found, dict) or not isinstance(found.get("entries"), dict):
            found = {}
        self.entries: dict[str, tuple[tuple, Any]] = found.get("entries", {})
        # The commit the files were exactly as committed at when every entry was last known
        # good (see `scan`); None if they were not, or not all were cached.
        self.clean_at: str | None = found.get("clean_at")
        self.used: dict[str, tuple[tuple, Any]] = {}
        self.changed = False
        self.now = time.time()
        self._lock = threading.Lock()

    def get(self, rel: str) -> Any:
        found, info = self._lookup(rel)
        if found is not _MISS:
            return found
        value = self.parse(rel)
        self._keep(rel, info, value)
        return value

    def _lookup(self, rel: str):
        """(the cached value, None), or (_MISS, the file's stat or None if it has none)."""
        try:
            info = os.stat(f"{self.root}/{rel}")
        except OSError:
            return _MISS, None  # parsing reports the file as unreadable
        hit = self.entries.get(rel)
        if hit is not None and hit[0] == _stamp(info):
            self.used[rel] = hit
            return hit[1], None
        return _MISS, info

    def _keep(self, rel: str, info: os.stat_result | None, value: Any) -> None:
        self.changed = True
        if info is None:
            return
        recent = max(info.st_mtime_ns, info.st_ctime_ns) / 1e9 > self.now - RACY_SECONDS
        if not recent:
            self.used[rel] = (_stamp(info), value)

    def save(self, clean_at: str | None = None) -> None:
        """Keep what this pass used; `clean_at` as in `scan` (only a scan can vouch for it)."""
        if self.changed or self.used.keys() != self.entries.keys() or clean_at != self.clean_at:
            self.clean_at = clean_at
            store(self.root, self.name, {"entries": self.used, "clean_at": clean_at})
            self.entries = dict(self.used)
            self.changed = False

    def scan(self, rels: list[str], *, clean_at: str | None = None) -> dict[str, Any]:
        """`get` of every file in `rels`, then `save`: one complete pass, which may be repeated
        on the same cache (see `shared`).

        `clean_at`: git has just found the library's files exactly as committed at this
        commit. If they also were when every entry was last known good, each file holds what
        that commit holds, so nothing needs even a stat. A file that changes after git looked
        is recent (changed in the last few seconds), is not cached, and so is never trusted
        this way."""
        with self._lock:
            if (
                clean_at is not None
                and clean_at == self.clean_at
                and self.entries.keys() == set(rels)
            ):
                return {rel: self.entries[rel][1] for rel in rels}
            self.used = {}
            self.changed = False
            self.now = time.time()
            values: dict[str, Any] = {}
            todo: list[tuple[str, os.stat_result | None]] = []
            for rel in rels:
                values[rel], info = self._lookup(rel)
                if values[rel] is _MISS:
                    todo.append((rel, info))
            # A first open parses thousands of files: on two cores where that is safe.
            parsed = parallel.forked_map(self.parse, [rel for rel, _ in todo])
            for (rel, info), value in zip(todo, parsed, strict=True):
                values[rel] = value
                self._keep(rel, info, value)
            if clean_at is not None and self.used.keys() == values.keys():
                vouched = clean_at
            elif not self.changed and self.used.keys() == self.entries.keys():
                vouched = self.clean_at  # the very entries vouched for before
            else:
                vouched = None
            self.save(vouched)
            return values


_SHARED: dict[tuple[Path, str], FileCache] = {}
_SHARED_LOCK = threading.Lock()


def shared(library_root: Path, name: str, parse: Callable[[str], Any]) -> FileCache:
    """One FileCache per library and name for this whole process, for files that more than one
    part of opening a library reads (review files: the open-time repository check, then every
    status). The second pass only stats each file; a change in between still misses."""
    key = (Path(library_root), name)
    with _SHARED_LOCK:
        found = _SHARED.get(key)
        if found is None:
            found = _SHARED[key] = FileCache(library_root, name, parse)
        return found


class SignatureCache:
    """Signatures already verified against a key (only successes are kept)."""

    def __init__(self, library_root: Path):
        self.root = Path(library_root)
        found = load(self.root, "signatures")
        self.known: set[str] = found if isinstance(found, set) else set()
        self.added = False

    @staticmethod
    def _key(signed: bytes, signature: str | None, public_key: str) -> str:
        digest = hashlib.sha256(signed)
        digest.update(b"\0" + (signature or "").encode() + b"\0" + public_key.encode())
        return digest.hexdigest()

    def verified(self, signed: bytes, signature: str | None, public_key: str) -> bool:
        return self._key(signed, signature, public_key) in self.known

    def remember(self, signed: bytes, signature: str | None, public_key: str) -> None:
        self.known.add(self._key(signed, signature, public_key))
        self.added = True

    def save(self) -> None:
        if self.added:
            store(self.root, "signatures", self.known)
            self.added = False
