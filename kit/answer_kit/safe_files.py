"""Writing files so that a reader never sees half of one, and never outside a folder or
through a symbolic link in it (for a bot's folder, a site, a releases folder)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from answer_kit.errors import Refused


class UnsafePath(Exception):
    """A path that would leave its folder or pass through a symbolic link."""


def replace_file(path: Path, data: bytes) -> None:
    """Replace `path` in one step (a link there is replaced, never followed), synced to disk."""
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)  # readable by the web server or bot that serves it
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def path_inside(root: Path, rel: str, *, make_folders: bool = True) -> Path:
    """`root/rel`, once `rel` is a plain relative path and every folder on the way is a real
    folder (made if need be), not a link; UnsafePath otherwise."""
    parts = rel.split("/")
    if any(part in ("", ".", "..") or "\\" in part or "\0" in part for part in parts):
        raise UnsafePath(f"refusing to write {rel[:80]!r}: not a plain path inside {root}")
    folder = root
    for part in parts[:-1]:
        folder = folder / part
        if folder.is_symlink():
            raise UnsafePath(f"{folder} is a symbolic link; nothing is written through one")
        if make_folders:
            folder.mkdir(parents=True, exist_ok=True)
    path = folder / parts[-1]
    if path.is_symlink():
        raise UnsafePath(f"{path} is a symbolic link; nothing is written through one")
    return path


def write_inside(root: Path, rel: str, data: bytes) -> Path:
    """Replace `root/rel` with `data` in one step, safely (see `path_inside`)."""
    path = path_inside(root, rel)
    replace_file(path, data)
    return path


def read_at_most(path: Path, most: int, what: str) -> bytes:
    """The file at `path`, refused (answer_kit.Refused) before a byte is read if it is
    larger than `most`, and if it is missing or cannot be read."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > most:
                raise Refused(f"{what} is {size:,} bytes, more than the {most:,} allowed: {path}")
            data = handle.read(most + 1)  # a file that grew meanwhile is caught here
    except FileNotFoundError:
        raise Refused(f"{what} is missing: {path}") from None
    except IsADirectoryError:
        raise Refused(f"{what} is a folder, not a file: {path}") from None
    except OSError as exc:
        raise Refused(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > most:
        raise Refused(f"{what} is more than the {most:,} bytes allowed: {path}")
    return data
