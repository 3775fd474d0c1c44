"""Where releases come from: a folder, a git repository's `published` branch, or a static
HTTPS host (https.py). Each reads one file at a time, within a size limit.

A source holds the releases channel's files (see docs/bundle-format.md)::

    notice.json, notice.json.minisig        the freshness notice: the current release
    releases/<version>/bundle.json, bundle.json.minisig, manifest.json
    releases.json, schemas/, and the latest release's files again at the top

A source given as text never reaches git as an option: text starting with "-" is refused,
it is passed after "--", and git's transports that run commands (ext::, fd::) are refused.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Protocol

from answer_kit.config import DEFAULT, Limits
from answer_kit.errors import Refused, Unreachable
from answer_kit.https import HttpsSource
from answer_kit.safe_files import read_at_most

BRANCH = "published"
_SAFE_PART = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
_REMOTE_HELPER = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*::")
# Transports git may use for a source; ext:: and fd:: (which run commands) are not among them.
_PROTOCOLS = ("file", "git", "ssh", "http", "https")


class Source(Protocol):
    description: str

    def read(self, path: str, most: int) -> bytes:
        """The file at `path` (relative, made by the kit), at most `most` bytes."""
        ...


def checked_path(path: str) -> str:
    """`path` if it is relative and every part of it is a plain name."""
    parts = path.split("/")
    if not all(_SAFE_PART.match(part) and part not in (".", "..") for part in parts):
        raise Refused(f"refusing to read {path[:80]!r}: not a plain relative path")
    return path


class FolderSource:
    """A folder of release files on this computer (or a mounted share)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.description = str(folder)

    def read(self, path: str, most: int) -> bytes:
        return read_at_most(self.folder / checked_path(path), most, path)


class GitSource:
    """The `published` branch of a git repository, fetched alone into a bare cache."""

    def __init__(self, url: str, cache: Path, limits: Limits = DEFAULT):
        self.url = url
        self.cache = cache
        self.limits = limits
        self.description = url
        self._fetched = False

    def _git(self, *args: str, timeout: float | None = None) -> bytes:
        protocols = [f"protocol.{name}.allow=always" for name in _PROTOCOLS]
        options = ["-c", "protocol.allow=never"]
        for setting in (
            *protocols,
            "http.lowSpeedLimit=1",
            f"http.lowSpeedTime={max(1, int(self.limits.timeout_seconds))}",
            "core.hooksPath=/dev/null",
        ):
            options += ["-c", setting]
        env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "", "SSH_ASKPASS": ""}
        env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
        try:
            done = subprocess.run(
                ["git", f"--git-dir={self.cache}", *options, *args],
                capture_output=True,
                env=env,
                stdin=subprocess.DEVNULL,
                timeout=timeout or self.limits.git_seconds,
            )
        except subprocess.TimeoutExpired:
            raise Unreachable(
                f"git {args[0]} from {self.url} took longer than {self.limits.git_seconds:g} s"
            ) from None
        except OSError as exc:
            raise Unreachable(f"cannot run git: {exc.strerror or exc}") from None
        if done.returncode != 0:
            lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise Unreachable(lines[-1] if lines else f"git {args[0]} failed")
        return done.stdout

    def _fetch(self) -> None:
        if self._fetched:
            return
        for path in (self.cache.parent, self.cache):
            if path.is_symlink():
                raise Refused(f"{path} is a symbolic link; the kit never writes through one")
        try:
            if not (self.cache / "HEAD").is_file():
                self.cache.mkdir(parents=True, exist_ok=True)
                self._git("init", "--quiet", "--bare")
        except (Unreachable, OSError) as exc:
            raise Unreachable(f"cannot use the cache {self.cache}: {exc}") from None
        refspec = f"+refs/heads/{BRANCH}:refs/heads/{BRANCH}"
        try:
            self._git("fetch", "--no-tags", "--force", "--quiet", "--", self.url, refspec)
        except Unreachable as exc:
            raise Unreachable(f"cannot fetch the {BRANCH} branch from {self.url}: {exc}") from None
        self._fetched = True

    def read(self, path: str, most: int) -> bytes:
        self._fetch()
        name = f"refs/heads/{BRANCH}:{checked_path(path)}"
        try:
            size = int(self._git("cat-file", "-s", name))
        except Unreachable:
            raise Refused(f"{path} is missing from the {BRANCH} branch of {self.url}") from None
        if size > most:
            raise Refused(f"{path} is {size:,} bytes, more than the {most:,} allowed")
        return self._git("cat-file", "blob", name)


def open_source(source: str | Path, cache: Path, limits: Limits = DEFAULT) -> Source:
    """The source `source` names: a git repository if it says so (a URL ending in ".git", or
    one that starts with "git+", as in git+https://...), else an https:// address of a
    static host, a folder of release files, or a git repository (any other URL or path)."""
    text = str(source)
    if not text.strip():
        raise Refused("no source given")
    if text.startswith("-"):
        raise Refused(f"a source cannot start with '-': {text[:60]!r}")
    if "\0" in text or "\n" in text:
        raise Refused("a source cannot hold a line break or a NUL")
    if text.startswith("git+"):
        return _git_source(text[4:], cache, limits)
    scheme = text.split(":", 1)[0].lower() if "://" in text else ""
    if text.rstrip("/").endswith(".git"):
        return _git_source(text, cache, limits)
    if scheme == "https":
        return HttpsSource(text, limits)
    if scheme == "http":
        raise Refused(f"{text[:100]} is plain http: give an https:// address")
    folder = Path(text).expanduser()
    if folder.is_dir() and (folder / "notice.json").is_file():
        return FolderSource(folder)
    if folder.is_dir() and not ((folder / ".git").exists() or (folder / "HEAD").is_file()):
        raise Refused(
            f"{folder} is neither a releases channel (it has no notice.json) nor a git repository"
        )
    return _git_source(text, cache, limits)


def _git_source(url: str, cache: Path, limits: Limits) -> GitSource:
    if not url.strip() or url.startswith("-"):
        raise Refused(f"a git source cannot be empty or start with '-': {url[:60]!r}")
    if _REMOTE_HELPER.match(url):
        raise Refused(f"{url[:60]!r}: git transports that run commands are refused")
    return GitSource(url, cache, limits)
