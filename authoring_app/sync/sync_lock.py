"""One sync of a library at a time, across every process on this computer.

The desktop app and the command line each take an exclusive lock on
`.git/authoring-app-sync-owner` (flock: the system drops it when the process ends, so a
killed process never leaves it held) and write who holds it, so the other can say so. Saves
do not take it: they go on while a sync talks to the network.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on Windows: one process at a time is then not enforced
    fcntl = None

OWNER_FILE = "authoring-app-sync-owner"  # not *.lock: repair removes those


@dataclass(frozen=True)
class Holder:
    """Who is syncing this library right now."""

    program: str  # "desktop app" or "command line"
    person: str
    pid: int
    host: str
    since: str  # ISO time, UTC

    @property
    def started(self) -> dt.datetime | None:
        try:
            return dt.datetime.fromisoformat(self.since)
        except ValueError:
            return None


class SyncRunning(Exception):
    """Another process (or window) is syncing this library; `holder` says who, if known."""

    def __init__(self, holder: Holder | None):
        self.holder = holder
        who = f"{holder.program} of {holder.person}, process {holder.pid}" if holder else "?"
        super().__init__(f"a sync of this library is already running ({who})")


def _owner_path(git_dir: Path | str) -> Path:
    return Path(git_dir) / OWNER_FILE


@contextlib.contextmanager
def sync_lock(git_dir: Path | str, program: str, person: str) -> Iterator[None]:
    """Hold the library's sync lock, or raise SyncRunning at once."""
    path = _owner_path(git_dir)
    handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the whole block
    try:
        if fcntl is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise SyncRunning(read_holder(git_dir)) from None
        holder = Holder(
            program,
            person,
            os.getpid(),
            socket.gethostname(),
            dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        )
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(holder.__dict__))
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            handle.flush()
    finally:
        handle.close()


def read_holder(git_dir: Path | str) -> Holder | None:
    try:
        data = json.loads(_owner_path(git_dir).read_text("utf-8") or "null")
        return Holder(**data) if isinstance(data, dict) else None
    except (OSError, ValueError, TypeError):
        return None
