"""The shared copy of a library (a git remote): where it is, how far apart we are, and
receiving from and sending to it (through transport.py: time limits, questions answered by
the person, failures by kind)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from authoring_app.library.library import Library
from authoring_app.sync import failures
from authoring_app.sync.failures import Failure
from authoring_app.sync.transport import Link, failure_of, run_git

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


def set_upstream(library: Library, remote: str, branch: str) -> None:
    config = library.repo.git.config
    if not config("--get", f"branch.{branch}.remote", with_exceptions=False):
        config(f"branch.{branch}.remote", remote)
        config(f"branch.{branch}.merge", f"refs/heads/{branch}")


def remote_url(library: Library, remote: str) -> str:
    return library.repo.git.config("--get", f"remote.{remote}.url", with_exceptions=False) or ""


def fetch(library: Library, remote: str, link: Link) -> Failure | None:
    """Receive what the shared library has (no change here but remote-tracking refs);
    None when it worked."""
    url = remote_url(library, remote)
    run, asker = run_git(library.path, ["fetch", "--progress", "--prune", remote], link, url)
    if run.ok or _only_tags_refused(run.stderr, run.returncode):
        return None
    return failure_of(run, asker, url)


def _only_tags_refused(stderr: str, returncode: int) -> bool:
    """A release tag here that differs from the shared one (a stranded release, see
    releases.py) makes fetch say so and exit 1; everything else was received."""
    return returncode == 1 and "would clobber existing tag" in stderr and "fatal:" not in stderr


@dataclass
class Pushed:
    """How a push went: `failure` if the server was not reached or refused us, else
    `rejected` names each ref the server would not take and why (a race, usually)."""

    failure: Failure | None = None
    rejected: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.failure is None and not self.rejected

    @property
    def raced(self) -> bool:
        return self.failure is None and any(_is_race(why) for why in self.rejected.values())


# `push --porcelain` reports each ref on a line: flag, TAB, from:to, TAB, summary. "!" is a
# rejected ref; its summary is "[rejected] (fetch first)", "[rejected] (non-fast-forward)",
# or "[remote rejected] (cannot lock ref ...)" when another push held the server's ref.
_PORCELAIN = re.compile(r"^(?P<flag>[ +\-*!=])\t(?P<src>[^:\t]*):(?P<dst>[^\t]+)\t(?P<why>.*)$")
_RACE = ("fetch first", "non-fast-forward", "stale info", "cannot lock", "failed to update ref",
         "incorrect old value", "failed to lock", "reference already exists")  # fmt: skip


def _is_race(why: str) -> bool:
    return any(fragment in why for fragment in _RACE)


def push(library: Library, remote: str, refspecs: list[str], link: Link) -> Pushed:
    url = remote_url(library, remote)
    run, asker = run_git(
        library.path, ["push", "--porcelain", "--progress", remote, *refspecs], link, url
    )
    rejected = {}
    for line in run.stdout.splitlines():
        match = _PORCELAIN.match(line)
        if match and match["flag"] == "!":
            rejected[match["dst"]] = match["why"]
    if run.ok or (rejected and not run.cancelled and not run.stalled):
        return Pushed(rejected=rejected)
    failure = failure_of(run, asker, url)
    if failure.kind == failures.FAILED and "cannot lock ref" in run.stderr:
        return Pushed(rejected={"?": "cannot lock ref"})
    return Pushed(failure=failure)
