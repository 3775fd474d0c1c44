"""Delivering releases to the library's releases channels (library.yaml, `releases:`).

A channel holds releases only, so a bot or site that reads it never needs access to the
library or its drafts. It is either

- a separate git remote: the published branch is pushed to it (with its release tags), or
- a folder that a static HTTPS host serves: the branch's files are written into it.

Both hold the same files as the published branch (see published.py). In a folder, a release
is written before anything names it (its own folder first, the notice last), every file is
replaced in one step, and nothing is written through a symbolic link or outside the folder.
A channel that cannot be reached is reported, never fatal: the release is on the branch,
and delivering again (`deliver`) sends whatever is missing.

The faces word the outcome from `Delivery.problem`, a code:
"no-folder", "unsafe-path", "cannot-write", "rejected", "unreachable".
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import git

from answer_kit.safe_files import UnsafePath, write_inside
from authoring_app.library.info import ReleaseChannel
from authoring_app.library.library import Library
from authoring_app.release import published
from authoring_app.release.notice import NOTICE, NOTICE_SIGNATURE, SCHEMA_FOLDER
from authoring_app.release.recording import RETIRED_FILES

PUSH_SECONDS = 120  # the whole push; a stalled link is given up after 30 s
# Written last, in this order: a reader finds the notice only once what it names is there.
_LAST = ("releases.json", *published.LATEST_FILES, NOTICE_SIGNATURE, NOTICE)


@dataclass(frozen=True)
class Delivery:
    """What became of one channel: delivered, or the problem (a code) and its detail."""

    channel: ReleaseChannel
    problem: str | None = None
    detail: str = ""

    @property
    def delivered(self) -> bool:
        return self.problem is None


def deliver(library: Library) -> list[Delivery]:
    """Send the published branch as it is now to every channel of the library."""
    commit = published.tip(library)
    if commit is None:
        return []
    return [
        _to_folder(library, commit, channel)
        if channel.kind == "folder"
        else _to_git(library, channel)
        for channel in library.info.channels
    ]


def _tree(library: Library, commit: str) -> dict[str, tuple[str, int]]:
    """Path -> (blob id, size) of every file on the published branch at `commit`."""
    listing = published.repo_of(library).git.ls_tree("-r", "-l", "-z", commit)
    files = {}
    for entry in listing.split("\0"):
        if not entry:
            continue
        meta, path = entry.split("\t", 1)
        _mode, kind, blob, size = meta.split()
        if kind == "blob":
            files[path] = (blob, int(size))
    return files


def _order(paths: list[str]) -> list[str]:
    """Each release's own folder first, then the schemas, then the files that name them."""
    last = [p for p in _LAST if p in paths]
    first = sorted(p for p in paths if p.startswith("releases/"))
    middle = sorted(p for p in paths if p not in last and p not in first)
    return first + middle + last


def _to_folder(library: Library, commit: str, channel: ReleaseChannel) -> Delivery:
    root = Path(channel.where).expanduser()
    if not root.is_dir():
        return Delivery(channel, "no-folder", str(root))
    files = _tree(library, commit)
    latest = f"releases/{_latest_version(library, commit)}/"
    try:
        for path in _order(list(files)):
            if not (path.startswith(("releases/", f"{SCHEMA_FOLDER}/")) or path in _LAST):
                continue
            blob, size = files[path]
            earlier = path.startswith("releases/") and not path.startswith(latest)
            if _already_there(root / path, size, None if earlier else blob):
                continue  # an earlier release never changes; other files are compared
            data = published.repo_of(library).git.cat_file(
                "blob", blob, stdout_as_string=False, strip_newline_in_stdout=False
            )
            write_inside(root, path, data)
        for retired in RETIRED_FILES:
            path = root / retired
            if path.is_file() and not path.is_symlink():
                os.unlink(path)
    except UnsafePath as exc:
        return Delivery(channel, "unsafe-path", str(exc))
    except (OSError, git.GitCommandError) as exc:
        return Delivery(channel, "cannot-write", getattr(exc, "strerror", None) or str(exc))
    return Delivery(channel)


def _already_there(target: Path, size: int, blob: str | None) -> bool:
    """Is `target` a file of `size` bytes (and, if `blob` is given, that very git blob)?"""
    if target.is_symlink() or not target.is_file() or target.stat().st_size != size:
        return False
    if blob is None:
        return True
    digest = hashlib.sha1(b"blob %d\0" % size, usedforsecurity=False)
    with open(target, "rb") as handle:
        while piece := handle.read(1 << 20):
            digest.update(piece)
    return digest.hexdigest() == blob


def _latest_version(library: Library, commit: str) -> str:
    """The latest release's version at `commit`, from its manifest ("" if unreadable)."""
    try:
        return json.loads(published.read_file(library, "manifest.json", commit) or b"{}")["version"]
    except (ValueError, KeyError, TypeError):
        return ""


def _to_git(library: Library, channel: ReleaseChannel) -> Delivery:
    repo = published.repo_of(library)
    command = [
        "git",
        "-c",
        "http.lowSpeedLimit=1",
        "-c",
        "http.lowSpeedTime=30",
        "push",
        "--porcelain",
        "--follow-tags",
        "--",
        channel.where,
        f"{published.BRANCH_REF}:{published.BRANCH_REF}",
    ]
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    try:
        done = subprocess.run(
            command,
            cwd=repo.working_dir,
            capture_output=True,
            text=True,
            env=env,
            stdin=subprocess.DEVNULL,
            timeout=PUSH_SECONDS,
        )
    except subprocess.TimeoutExpired:
        return Delivery(channel, "unreachable", f"no answer in {PUSH_SECONDS} s")
    except OSError as exc:
        return Delivery(channel, "unreachable", exc.strerror or str(exc))
    statuses = [
        line.split("\t")
        for line in done.stdout.splitlines()
        if line[:1] in ("!", " ", "*", "+", "-", "=") and "\t" in line
    ]
    branch = next((s for s in statuses if s[1].endswith(f":{published.BRANCH_REF}")), None)
    if branch is not None and branch[0] == "!":
        return Delivery(channel, "rejected", branch[2] if len(branch) > 2 else "")
    if done.returncode != 0 or branch is None:
        lines = done.stderr.strip().splitlines()
        return Delivery(channel, "unreachable", lines[-1] if lines else "git push failed")
    return Delivery(channel)
