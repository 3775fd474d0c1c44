"""The `published` branch between computers: following the shared one, sending releases made
here, and what happens when two computers publish at once.

Releases only ever move forward. If this computer published a release while another
computer published one too (each without the other's), the shared branch keeps the other
one; this computer's release is "stranded": it is not sent, sync and the repository check
say so, and `set_aside_stranded` (run by repair) keeps it under
`refs/stranded-releases/<version>` and follows the shared branch again, so the publisher can
publish again on top. Publishing itself asks `prepare_to_publish` first, so a publisher who
is online never strands a release, and `send_releases` right after.
"""

from __future__ import annotations

from dataclasses import dataclass

from authoring_app.library.library import Library
from authoring_app.sync import failures
from authoring_app.sync.failures import Failure
from authoring_app.sync.remote import (
    PUBLISHED_BRANCH,
    fetch,
    is_ancestor,
    push,
    remote_name,
    revision_of,
)
from authoring_app.sync.transport import Link

LOCAL = f"refs/heads/{PUBLISHED_BRANCH}"
STRANDED = "refs/stranded-releases"


def _shared_ref(remote: str) -> str:
    return f"refs/remotes/{remote}/{PUBLISHED_BRANCH}"


def stranded_releases(library: Library, remote: str | None = None) -> list[str]:
    """Versions of releases made here that the shared branch will not take (someone else
    published meanwhile); empty when there are none, or the library is not shared."""
    remote = remote or remote_name(library)
    if remote is None or library.repo is None:
        return []
    local = revision_of(library, LOCAL)
    shared = revision_of(library, _shared_ref(remote))
    if local is None or shared is None or is_ancestor(library, local, shared):
        return []
    if is_ancestor(library, shared, local):
        return []
    versions = []
    for commit in library.repo.git.rev_list(f"{shared}..{local}").split():
        named = library.repo.git.tag("--points-at", commit, "-l", "v*").split()
        versions += [t.removeprefix("v") for t in named]
    return versions or [local[:12]]


def follow_published(library: Library, remote: str, stranded: list[str]) -> None:
    """Move the local releases branch forward to the shared one (never rewriting either);
    name any release made here that the shared branch cannot take in `stranded`."""
    local = revision_of(library, LOCAL)
    shared = revision_of(library, _shared_ref(remote))
    if shared is None or shared == local:
        return
    if local is None or is_ancestor(library, local, shared):
        library.repo.git.update_ref(LOCAL, shared, local or "0" * 40)
        return
    stranded[:] = stranded_releases(library, remote)


def send_releases(
    library: Library, remote: str, link: Link, stranded: list[str] | None = None
) -> Failure | None:
    """Send the releases made here (the branch and their tags); None when sent or nothing
    was to send. A stranded release is not sent (`stranded` names it)."""
    local = revision_of(library, LOCAL)
    shared = revision_of(library, _shared_ref(remote))
    if local is None or local == shared:
        return None
    if shared is not None and not is_ancestor(library, shared, local):
        if stranded is not None:
            stranded[:] = stranded_releases(library, remote)
        return None
    new = f"{shared}..{local}" if shared else local
    tags = []
    for commit in library.repo.git.rev_list(new).split():
        tags += library.repo.git.tag("--points-at", commit, "-l", "v*").split()
    refspecs = [f"{LOCAL}:{LOCAL}", *(f"refs/tags/{t}:refs/tags/{t}" for t in tags)]
    pushed = push(library, remote, refspecs, link)
    if pushed.ok:
        library.repo.git.update_ref(_shared_ref(remote), local)
        return None
    if pushed.failure is not None:
        return pushed.failure
    if pushed.raced or any("already exists" in why for why in pushed.rejected.values()):
        # Someone published at the same moment: receive theirs; this one is now stranded.
        fetch(library, remote, link)
        if stranded is not None:
            stranded[:] = stranded_releases(library, remote)
        return Failure(failures.RACE, detail="; ".join(pushed.rejected.values()))
    return Failure(failures.FAILED, detail="; ".join(pushed.rejected.values()))


@dataclass(frozen=True)
class BeforePublishing:
    """What publishing on a shared library must know first. `shared`: the library has a
    shared copy; `failure`: it could not be asked (offline: publish here, send later);
    `stranded`: releases made here that the shared copy will not take (repair first)."""

    shared: bool
    failure: Failure | None = None
    stranded: tuple[str, ...] = ()

    @property
    def may_publish(self) -> bool:
        return not self.stranded and (self.failure is None or self.failure.offline)


def prepare_to_publish(library: Library, link: Link | None = None) -> BeforePublishing:
    """Receive the shared releases and follow them, so a release is planned on top of the
    newest one anywhere. Changes nothing but the releases branch (moved forward only)."""
    remote = remote_name(library)
    if remote is None or library.repo is None:
        return BeforePublishing(False)
    failure = fetch(library, remote, link or Link())
    stranded: list[str] = []
    with library.write_lock:
        follow_published(library, remote, stranded)
    return BeforePublishing(True, failure, tuple(stranded))


def after_publishing(library: Library, link: Link | None = None) -> BeforePublishing:
    """Send the release just made; the result says if it could not be (offline: it goes
    with the next sync; stranded: someone published at the same moment)."""
    remote = remote_name(library)
    if remote is None or library.repo is None:
        return BeforePublishing(False)
    stranded: list[str] = []
    failure = send_releases(library, remote, link or Link(), stranded)
    return BeforePublishing(True, failure, tuple(stranded))


def set_aside_stranded(library: Library) -> list[str]:
    """Keep each stranded release under refs/stranded-releases/, drop its local tag (the
    shared copy may have another release of that version) and follow the shared branch.
    Returns the versions set aside."""
    remote = remote_name(library)
    versions = stranded_releases(library, remote)
    if not versions:
        return []
    local = revision_of(library, LOCAL)
    shared = revision_of(library, _shared_ref(remote))
    repo = library.repo
    for commit in repo.git.rev_list(f"{shared}..{local}").split():
        for tag in repo.git.tag("--points-at", commit, "-l", "v*").split():
            repo.git.update_ref(f"{STRANDED}/{tag}-{commit[:8]}", commit)
            repo.git.update_ref("-d", f"refs/tags/{tag}")
    repo.git.update_ref(f"{STRANDED}/branch-{local[:8]}", local)
    repo.git.update_ref(LOCAL, shared, local)
    return versions
