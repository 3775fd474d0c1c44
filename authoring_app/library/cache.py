"""Derived data kept between runs, so that a large library opens at once: one way for all of it.

What the app works out from a library and keeps (parsed files, verified signatures, every
answer's status, last edits and first authors, the published hashes, the last release) is
kept in the app's data folder, `cache/<library-id>/<kind>.pickle`, never inside the
library. It only ever saves work and never decides anything: whatever is missing, damaged,
or not for the question asked is worked out again.

One rule says when a kept value may be used. Each value is stored under a key made of git
object ids (the blob id of each file it was read from, the commit id of the history or
release it was worked out from) or, where nothing in git names its inputs, a digest of
them (the bytes a signature covers). It is used only

- for exactly that key: new content has a new id, so nothing is compared by time stamp,
  size or inode and no value can go stale;
- when it was made by the same code: each `Kind` names the modules (and distributions)
  that derive it, and a digest of their source is stored with the value;
- within the time it was stored as true for, if any: statuses worked out at a moment hold
  from then until midnight, when one may turn "review due".

A value kept for another key is never an answer. A kind whose value can be brought up to
date (history only grows) may start from the `latest` one kept, and its caller says so.
Files are written atomically but not synced to disk: after a power cut one may be lost or
damaged, and is then worked out again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import importlib.metadata
import importlib.util
import pickle
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from authoring_app.library import atomic, parallel, paths
from authoring_app.library.snapshot import blob_id


@dataclass(frozen=True)
class Kind:
    """One kind of kept value: its name and the code that derives it.

    `code`: modules or packages (dotted names; a package counts every .py and .json file
    in its folder) whose source decides the value; `distributions`: installed packages
    whose version does."""

    name: str
    code: tuple[str, ...]
    distributions: tuple[str, ...] = ()

    def version(self) -> str:
        return _code_digest(self.code, self.distributions)


@cache
def _code_digest(code: tuple[str, ...], distributions: tuple[str, ...]) -> str:
    digest = hashlib.sha256(b"2")
    for name in code:
        spec = importlib.util.find_spec(name)
        if spec is None:
            continue
        if spec.submodule_search_locations:
            folder = Path(next(iter(spec.submodule_search_locations)))
            files = sorted(p for p in folder.iterdir() if p.suffix in (".py", ".json"))
        else:
            files = [Path(spec.origin or "")]
        for path in files:
            digest.update(path.name.encode() + b"\0")
            with contextlib.suppress(OSError):
                digest.update(path.read_bytes())
    for name in distributions:
        try:
            digest.update(f"{name}={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(name.encode())
    return digest.hexdigest()[:16]


def folder_for(library_root: Path) -> Path:
    """cache/<library-id>: one folder per library, named from its location."""
    ident = hashlib.sha256(str(Path(library_root).resolve()).encode("utf-8")).hexdigest()[:16]
    return paths.data_dir() / "cache" / ident


def clear(library_root: Path) -> None:
    """Forget everything kept for this library (in memory too)."""
    import shutil

    shutil.rmtree(folder_for(library_root), ignore_errors=True)
    with _SHARED_LOCK:
        for key in [k for k in _SHARED if k[0] == Path(library_root)]:
            del _SHARED[key]


# -- one value per kind ----------------------------------------------------------------------


def load(library_root: Path, kind: Kind, key: Any, *, now: dt.datetime | None = None) -> Any:
    """The value kept for `kind` under exactly `key` by this code, if still good at `now`;
    None otherwise. A small file with the key is read first: a large value that is not
    wanted is never loaded."""
    header = _read(library_root, f"{kind.name}.key")
    if not _wanted(header, kind, key, now):
        return None
    found = _read(library_root, f"{kind.name}.pickle")
    if not _wanted(found, kind, key, now) or len(found) != 4:
        return None
    return found[3]


def store(
    library_root: Path,
    kind: Kind,
    key: Any,
    value: Any,
    *,
    during: tuple[dt.datetime, dt.datetime] | None = None,
) -> None:
    """Keep `value` for `kind` under `key` (true from and until the moments `during` gives,
    if any), replacing what was kept. A cache that cannot be written is simply not kept."""
    header = (kind.version(), key, during)
    _write(library_root, f"{kind.name}.pickle", (*header, value))
    _write(library_root, f"{kind.name}.key", header)


def latest(library_root: Path, kind: Kind) -> tuple[Any, Any] | None:
    """(key, value) of whatever this code last kept for `kind`, whatever its key, for a
    caller that brings it up to date itself; None if there is none."""
    found = _read(library_root, f"{kind.name}.pickle")
    if not isinstance(found, tuple) or len(found) != 4 or found[0] != kind.version():
        return None
    return found[1], found[3]


def exists(library_root: Path, kind: Kind) -> bool:
    """Is anything kept for `kind` (of any key or code)? Cheaper than `load`."""
    return (folder_for(library_root) / f"{kind.name}.key").is_file()


def _wanted(found: Any, kind: Kind, key: Any, now: dt.datetime | None) -> bool:
    if not isinstance(found, tuple) or len(found) < 3:
        return False
    version, kept_key, during = found[:3]
    if version != kind.version() or kept_key != key:
        return False
    return during is None or (now is not None and during[0] <= now < during[1])


def _read(library_root: Path, name: str) -> Any:
    try:
        with open(folder_for(library_root) / name, "rb") as handle:
            return pickle.load(handle)
    except Exception:  # missing, unreadable, truncated, garbage: worked out again
        return None


def _write(library_root: Path, name: str, value: Any) -> None:
    folder = folder_for(library_root)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        atomic.write_bytes(folder / name, data, durable=False)
    except OSError:
        pass


# -- one value per file ----------------------------------------------------------------------

Parse = Callable[[str, "bytes | OSError"], Any]


class ParsedFiles:
    """`parse(rel, data)` of each file of one library, kept by the file's path and blob id
    (`data` is the file's bytes, or the OSError that stopped them being read). A scan keeps
    exactly the entries of the files it was asked about: those of deleted or changed files
    are dropped."""

    def __init__(self, library_root: Path, kind: Kind, parse: Parse):
        self.root = Path(library_root)
        self.kind = kind
        self.parse = parse
        found = load(self.root, kind, "by-blob")
        self.entries: dict[tuple[str, str], Any] = found if isinstance(found, dict) else {}
        self._lock = threading.Lock()

    def scan(self, rels: Iterable[str], ids: Mapping[str, str]) -> dict[str, Any]:
        """The value of every file in `rels`. `ids`: the blob id of each file git vouches
        for (see snapshot.py); any other file is read, and its bytes identify it."""
        with self._lock:
            values: dict[str, Any] = {}
            used: dict[tuple[str, str], Any] = {}
            todo = []
            for rel in rels:
                blob = ids.get(rel)
                if blob is not None and (rel, blob) in self.entries:
                    values[rel] = used[rel, blob] = self.entries[rel, blob]
                else:
                    todo.append(rel)
            # A first open reads thousands of files: on two cores where that is safe.
            for rel, (blob, kept, value) in zip(
                todo, parallel.forked_map(self._read, todo), strict=True
            ):
                if kept:
                    value = self.entries[rel, blob]
                values[rel] = value
                if blob is not None:
                    used[rel, blob] = value
            if used.keys() != self.entries.keys():
                self.entries = used
                store(self.root, self.kind, "by-blob", used)
            return values

    def _read(self, rel: str) -> tuple[str | None, bool, Any]:
        """(the file's blob id, whether a value is kept for it, else its value parsed now);
        a file that cannot be read has no id and is never kept."""
        try:
            with open(f"{self.root}/{rel}", "rb") as handle:  # thousands: no Path per file
                data = handle.read()
        except OSError as exc:
            return None, False, self.parse(rel, exc)
        blob = blob_id(data)
        if (rel, blob) in self.entries:
            return blob, True, None
        return blob, False, self.parse(rel, data)


_SHARED: dict[tuple[Path, str], ParsedFiles] = {}
_SHARED_LOCK = threading.Lock()


def shared(library_root: Path, kind: Kind, parse: Parse) -> ParsedFiles:
    """One ParsedFiles per library and kind for this whole process, for files that more than
    one part of the app reads (review files: the repository check as a library opens, then
    every status), so the second pass is only a look-up."""
    key = (Path(library_root), kind.name)
    with _SHARED_LOCK:
        found = _SHARED.get(key)
        if found is None:
            found = _SHARED[key] = ParsedFiles(library_root, kind, parse)
        return found


# -- content-addressed facts -----------------------------------------------------------------

SIGNATURES = Kind("signatures", ("authoring_app.review.keys",), ("PyNaCl", "cryptography"))


class SignatureCache:
    """Signatures already verified against a key (only successes are kept), each by a digest
    of the exact bytes signed, the signature and the public key."""

    def __init__(self, library_root: Path):
        self.root = Path(library_root)
        found = load(self.root, SIGNATURES, "verified")
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
            store(self.root, SIGNATURES, "verified", self.known)
            self.added = False
