"""The shared copy of a library (a git remote): where it is, how far apart we are, cloning.

Only local paths and ordinary git URLs; git never prompts for a password here (a missing
connection is reported, not waited on).
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import git

from authoring_app.library.library import Library, LibraryError, NotALibrary

NETWORK_TIMEOUT_SECONDS = 120
PUBLISHED_BRANCH = "published"


@dataclass(frozen=True)
class RemoteStatus:
    """Where this library stands against the shared copy, as of the last contact."""

    remote: str | None
    url: str | None
    ahead: int = 0  # revisions here that others have not received
    behind: int = 0  # revisions received but not merged yet

    @property
    def shared(self) -> bool:
        return self.remote is not None

    def describe(self) -> str:
        if not self.shared:
            return "not shared: this library lives only on this computer"
        if not self.ahead and not self.behind:
            return "up to date with the shared library (as of the last sync)"
        parts = []
        if self.ahead:
            parts.append(f"{self.ahead} change(s) to send")
        if self.behind:
            parts.append(f"{self.behind} change(s) to receive")
        return ", ".join(parts)


# -- the shared copy ---------------------------------------------------------------------


def remote_name(library: Library) -> str | None:
    """The remote this library syncs with: "origin", else the only one (None: not shared)."""
    if library.repo is None:
        return None
    names = [r.name for r in library.repo.remotes]
    if "origin" in names:
        return "origin"
    return names[0] if len(names) == 1 else None


def remote_status(library: Library) -> RemoteStatus:
    """Ahead/behind counts from what is known locally (no network)."""
    remote = remote_name(library)
    if remote is None:
        return RemoteStatus(None, None)
    url = library.repo.git.config("--get", f"remote.{remote}.url", with_exceptions=False) or None
    branch = current_branch(library)
    upstream = revision_of(library, f"refs/remotes/{remote}/{branch}") if branch else None
    head = library.head()
    if head is None:
        return RemoteStatus(remote, url)
    if upstream is None:
        return RemoteStatus(remote, url, ahead=count_between(library, head, None), behind=0)
    counts = library.repo.git.rev_list("--left-right", "--count", f"{head}...{upstream}")
    ahead, behind = (int(n) for n in counts.split())
    return RemoteStatus(remote, url, ahead, behind)


def share_library(library: Library, url: str) -> None:
    """Point this library at a shared copy (an empty one, or one that already holds it)."""
    library.require_repo()
    url = str(url)
    if Path(url).expanduser().exists():
        url = str(Path(url).expanduser().resolve())
    with library.write_lock:
        if "origin" in [r.name for r in library.repo.remotes]:
            library.repo.git.remote("set-url", "origin", url)
        else:
            library.repo.git.remote("add", "origin", url)


def clone_library(url: str, path: Path | str | None = None) -> Library:
    """Copy a shared library to this computer and open it. Raises LibraryError, clearly."""
    url = str(url)
    if Path(url).expanduser().exists():
        url = str(Path(url).expanduser().resolve())
    name = re.sub(r"\.git$", "", url.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1])
    target = Path(path or Path.cwd() / (name or "library")).expanduser().resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise LibraryError(f"{target} already exists and is not empty; choose another folder")
    existed = target.exists()
    try:
        git.Repo.clone_from(url, target, env=network_env()).close()
    except git.GitCommandError as exc:
        _remove(target, existed)
        raise LibraryError(f"could not copy the library from {url}: {reason(exc)}") from None
    repo = git.Repo(target)
    try:
        if not repo.head.is_valid():
            branches = repo.git.for_each_ref("--format=%(refname:lstrip=3)", "refs/remotes/origin")
            names = [b for b in branches.split() if b not in ("HEAD", PUBLISHED_BRANCH)]
            if names:
                branch = "main" if "main" in names else names[0]
                repo.git.checkout("-q", "-b", branch, f"origin/{branch}")
    finally:
        repo.close()
    if not (target / "library.yaml").is_file():
        empty = not any(p.name != ".git" for p in target.iterdir())
        _remove(target, existed)
        if empty:
            raise NotALibrary(
                f"{url} holds no library yet: share a library to it first "
                "(authoring-app share URL on the computer that has the library)"
            )
        raise NotALibrary(f"{url} is a git repository but not a library: it has no library.yaml")
    return Library.open(target)


def _remove(target: Path, keep_folder: bool) -> None:
    shutil.rmtree(target, ignore_errors=True)
    if keep_folder:
        target.mkdir(parents=True, exist_ok=True)


def current_branch(library: Library) -> str | None:
    try:
        return library.repo.active_branch.name
    except (TypeError, ValueError):
        return None


def revision_of(library: Library, ref: str) -> str | None:
    out = library.repo.git.rev_parse("--verify", "-q", ref, with_exceptions=False)
    return out.strip() or None


def is_ancestor(library: Library, older: str | None, newer: str | None) -> bool:
    if not older or not newer:
        return False
    status = library.repo.git.merge_base(
        "--is-ancestor", older, newer, with_extended_output=True, with_exceptions=False
    )[0]
    return status == 0


def count_between(library: Library, head: str | None, upstream: str | None) -> int:
    if head is None:
        return 0
    spec = f"{upstream}..{head}" if upstream else head
    return int(library.repo.git.rev_list("--count", spec))


def network_env() -> dict[str, str]:
    return {
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_SSH_COMMAND": os.environ.get(
            "GIT_SSH_COMMAND", "ssh -o BatchMode=yes -o ConnectTimeout=20"
        ),
    }


def network(library: Library, *args: str) -> str | None:
    """Run fetch or push; return git's error text, or None when it worked."""
    try:
        library.repo.git.execute(
            ["git", *args], env=network_env(), kill_after_timeout=NETWORK_TIMEOUT_SECONDS
        )
    except git.GitCommandError as exc:
        return reason(exc) or "git could not reach the shared library"
    return None


def push_rejected(error: str) -> bool:
    return any(s in error for s in ("rejected", "fetch first", "non-fast-forward"))


def set_upstream(library: Library, remote: str, branch: str) -> None:
    config = library.repo.git.config
    if not config("--get", f"branch.{branch}.remote", with_exceptions=False):
        config(f"branch.{branch}.remote", remote)
        config(f"branch.{branch}.merge", f"refs/heads/{branch}")


def reason(exc: Exception) -> str:
    text = getattr(exc, "stderr", "") or str(exc)
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    lines = [
        line.strip().removeprefix("stderr:").strip(" '")
        for line in str(text).splitlines()
        if line.strip()
    ]
    return "; ".join(line for line in lines if line)[:500]
