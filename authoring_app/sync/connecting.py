"""Connecting a library to a shared one: copying a shared library to this computer (clone),
and pointing a library here at a shared one (share).

An address may be a folder, `https://host/team/library.git`, `ssh://user@host/path` or
`user@host:path`. A password written into an address is taken out before anything is stored
or shown: it answers the server's first question (askpass.py) and is then kept only by git's
credential helper, never in `.git/config`, a command line or a message.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

import git

from authoring_app.library.library import Library, LibraryError, NotALibrary
from authoring_app.sync import failures
from authoring_app.sync.askpass import Given
from authoring_app.sync.failures import Failure, SyncFailure
from authoring_app.sync.remote import PUBLISHED_BRANCH
from authoring_app.sync.transport import Link, failure_of, host_of, is_local, run_git


def clean_address(url: str | Path) -> tuple[str, Given | None]:
    """`url` without a password in it (a folder made absolute), and the user name and
    password that were written into it, if any.

    An http(s) address loses its user name too: git would otherwise send that name with an
    empty password first, which servers refuse (some only after a delay) before git asks
    the credential helper, which keeps user name and password for the server together.
    """
    url = str(url).strip()
    if is_local(url):
        path = Path(url).expanduser()
        return (str(path.resolve()) if path.exists() else str(path)), None
    if "://" not in url:
        return url, None
    parts = urlsplit(url)
    web = parts.scheme in ("http", "https")
    if parts.password is None and not (web and parts.username):
        return url, None
    user = unquote(parts.username or "")
    netloc = parts.hostname or ""
    if ":" in netloc:
        netloc = f"[{netloc}]"
    if parts.port:
        netloc += f":{parts.port}"
    if user and not web:
        netloc = f"{parts.username}@{netloc}"
    clean = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return clean, Given(host_of(clean), user, unquote(parts.password or ""))


def check_access(url: str, link: Link) -> Failure | None:
    """Ask the shared library at `url` what it holds (signing in if it asks): None if it can
    be used, else why not."""
    run, asker = run_git(None, ["ls-remote", "--heads", url], link, url)
    return None if run.ok else failure_of(run, asker, url)


def share_library(library: Library, url: str | Path, link: Link | None = None) -> None:
    """Point this library at a shared copy (an empty one, or one that already holds it).

    The address is tried first (signing in if the server asks); the library is connected
    only if that works. Raises SyncFailure saying why not.
    """
    library.require_repo()
    clean, given = clean_address(url)
    link = link or Link()
    if given is not None:
        link.given = given
    if not is_local(clean) or Path(clean).exists():
        failure = check_access(clean, link)
        if failure is not None:
            raise SyncFailure(failure)
    with library.write_lock:
        if "origin" in [r.name for r in library.repo.remotes]:
            library.repo.git.remote("set-url", "origin", clean)
        else:
            library.repo.git.remote("add", "origin", clean)


def clone_library(url: str | Path, path: Path | str | None = None, link: Link | None = None):
    """Copy a shared library to this computer and open it.

    Raises SyncFailure (why the shared library could not be used), NotALibrary, or
    LibraryError; a stopped or failed copy leaves no folder behind.
    """
    clean, given = clean_address(url)
    link = link or Link()
    if given is not None:
        link.given = given
    name = re.sub(r"\.git$", "", clean.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1])
    target = Path(path or Path.cwd() / (name or "library")).expanduser().resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise LibraryError(f"{target} already exists and is not empty; choose another folder")
    existed = target.exists()
    run, asker = run_git(None, ["clone", "--progress", "--", clean, str(target)], link, clean)
    if not run.ok:
        _remove(target, existed)
        failure = failure_of(run, asker, clean)
        if failure.kind == failures.OFFLINE and is_local(clean):
            failure = Failure(failures.NO_REPOSITORY, failure.host, failure.detail)
        raise SyncFailure(failure)
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
                f"{clean} holds no library yet: share a library to it first "
                "(authoring-app share URL on the computer that has the library)"
            )
        raise NotALibrary(f"{clean} is a git repository but not a library: it has no library.yaml")
    from authoring_app.sync.opening import open_library

    return open_library(target)


def _remove(target: Path, keep_folder: bool) -> None:
    shutil.rmtree(target, ignore_errors=True)
    if keep_folder:
        target.mkdir(parents=True, exist_ok=True)
