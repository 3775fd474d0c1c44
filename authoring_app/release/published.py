"""The `published` branch: releases only, kept apart from the drafts on `main`.

Layout of the branch, which is also the layout of every releases channel (delivery.py)::

    notice.json, notice.json.minisig   the freshness notice: the current release, until when
    releases.json                      every release: version, sha256, time, what changed
    bundle.json, bundle.json.minisig, manifest.json     the latest release
    releases/<version>/bundle.json, bundle.json.minisig, manifest.json
    schemas/                           the JSON Schemas of the four kinds of file above

No key is kept beside the releases: a bot pins the publisher's key from a second channel
(`authoring-app keys export`).

Releases are read from the branch here and written to it by recording.py; a renewed notice
is a commit of its own (renewal.py). A commit's message ends with a `Rendered-with: <digest>`
trailer naming the code that rendered the bundle it holds (`rendering.render_digest`); the
next release reuses that rendering for answers whose rendering cannot differ, once the
bundle's signature checks out.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from dataclasses import dataclass, field

import git

from authoring_app.library import cache
from authoring_app.library.answer import AnswerKey
from authoring_app.library.cache import Kind
from authoring_app.library.library import Library, LibraryError

BRANCH = "published"
BRANCH_REF = f"refs/heads/{BRANCH}"
REMOTE_REF = f"refs/remotes/origin/{BRANCH}"
LATEST_FILES = ("bundle.json", "bundle.json.minisig", "manifest.json")
# Answer -> content hash of the release at a commit of the published branch, kept by it.
PUBLISHED_HASHES = Kind("published-hashes", ("authoring_app.release.published",))
# The release commit's trailer naming the render digest its bundle was rendered with.
RENDER_TRAILER = "Rendered-with"


class PublishError(LibraryError):
    """A release could not be written or read; the message says why."""


@dataclass(frozen=True)
class ReleaseRecord:
    """One entry of releases.json."""

    version: str
    previous_version: str | None
    release_time: str
    expires: str
    sha256: str
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    signer: str = ""

    def to_json(self) -> dict:
        return {
            "version": self.version,
            "previous_version": self.previous_version,
            "release_time": self.release_time,
            "expires": self.expires,
            "sha256": self.sha256,
            "path": f"releases/{self.version}/bundle.json",
            "signer": self.signer,
            "changes": {
                "added": list(self.added),
                "changed": list(self.changed),
                "removed": list(self.removed),
            },
        }

    @classmethod
    def from_json(cls, data: dict) -> ReleaseRecord:
        changes = data.get("changes") or {}
        return cls(
            version=data["version"],
            previous_version=data.get("previous_version"),
            release_time=data.get("release_time", ""),
            expires=data.get("expires", ""),
            sha256=data.get("sha256", ""),
            added=tuple(changes.get("added", ())),
            changed=tuple(changes.get("changed", ())),
            removed=tuple(changes.get("removed", ())),
            signer=data.get("signer", ""),
        )


@dataclass(frozen=True)
class LatestRelease:
    """The newest release on the published branch."""

    version: str
    bundle: dict = field(repr=False)
    bundle_bytes: bytes = field(repr=False)
    records: tuple[ReleaseRecord, ...] = ()
    commit: str = ""


def repo_of(library: Library) -> git.Repo:
    if library.repo is None:
        raise PublishError(f"{library.path} is not a git repository, so it has no releases")
    return library.repo


def tip(library: Library) -> str | None:
    """The commit of the published branch (the local one, else origin's), or None."""
    repo = repo_of(library)
    for ref in (BRANCH_REF, REMOTE_REF):
        try:
            return repo.git.rev_parse("--verify", "-q", f"{ref}^{{commit}}")
        except git.GitCommandError:
            continue
    return None


def read_file(library: Library, path: str, commit: str | None = None) -> bytes | None:
    """A file's bytes on the published branch (or at `commit` of it); None if absent."""
    commit = commit or tip(library)
    if commit is None:
        return None
    try:
        return repo_of(library).git.show(
            f"{commit}:{path}", stdout_as_string=False, strip_newline_in_stdout=False
        )
    except git.GitCommandError:
        return None


def read_large_file(library: Library, path: str, commit: str) -> bytes | None:
    """`read_file` for a file of many megabytes (a bundle), when other threads are busy: git
    writes it to a temporary file at its own pace and it is read in one go. Through a pipe,
    each 64 KB would wait for Python's lock, which the busy threads hold."""
    repo = repo_of(library)
    command = [repo.git.GIT_PYTHON_GIT_EXECUTABLE or "git", "cat-file", "blob", f"{commit}:{path}"]
    with tempfile.TemporaryFile() as handle:
        try:
            done = subprocess.run(
                command, cwd=repo.working_dir, stdout=handle, stderr=subprocess.DEVNULL
            )
        except OSError:
            return None
        if done.returncode != 0:
            return None
        handle.seek(0)
        return handle.read()


def release_records(library: Library, commit: str | None = None) -> list[ReleaseRecord]:
    """Every release, newest first (from releases.json)."""
    data = read_file(library, "releases.json", commit)
    if data is None:
        return []
    try:
        index = json.loads(data)
        return [ReleaseRecord.from_json(r) for r in index["releases"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise PublishError(f"releases.json on the published branch is damaged: {exc}") from None


def latest_release(library: Library) -> LatestRelease | None:
    """The newest release, read from the published branch; None before the first."""
    commit = tip(library)
    if commit is None:
        return None
    data = read_file(library, "bundle.json", commit)
    if data is None:
        return None
    try:
        bundle = json.loads(data)
        version = bundle["version"]
    except (ValueError, KeyError, TypeError) as exc:
        raise PublishError(f"bundle.json on the published branch is damaged: {exc}") from None
    return LatestRelease(version, bundle, data, tuple(release_records(library, commit)), commit)


def matcher_entries(data: bytes) -> tuple[str, list]:
    """A bundle's version and its entries as a bot's matcher reads them (answer_kit's
    `Entry`). Each answer's rendered HTML and Telegram text are dropped as the bundle is
    read: only the plain text is matched."""
    from answer_kit.content import entries_from_bundle

    try:
        text = data.decode("utf-8")
        del data  # (the caller's bytes may go: a large bundle is held once, as text)
        bundle = json.loads(text, object_pairs_hook=_without_rendering)
        del text
        return str(bundle["version"]), entries_from_bundle(bundle)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:  # UnicodeDecodeError too
        raise PublishError(f"bundle.json on the published branch is damaged: {exc}") from None


def _without_rendering(pairs: list[tuple[str, object]]) -> dict:
    return {key: value for key, value in pairs if key not in ("html", "telegram")}


def published_hashes(library: Library) -> dict[AnswerKey, str]:
    """Answer -> content hash in the latest release (what status shows as "published").

    Remembered per commit of the published branch, so the list does not parse a large bundle
    on every refresh; a new release is a new commit, so the memory is never out of date.
    """
    try:
        commit = tip(library)
        if commit is None:
            return {}
        remembered = cache.load(library.path, PUBLISHED_HASHES, commit)
        if isinstance(remembered, dict):
            return dict(remembered)
    except PublishError:
        return {}
    data = read_file(library, "bundle.json", commit)
    try:
        # Only the few fields needed are kept as the bundle is read: each answer's rendered
        # text is dropped as soon as it is parsed, so a large bundle never sits in memory
        # as Python objects (with a 49 MB bundle, the app's first open peaked at about
        # 370 MB before, 320 MB now).
        bundle = json.loads(data, object_pairs_hook=_only_keys) if data is not None else {}
        hashes = hashes_of(LatestRelease(bundle.get("version", ""), bundle, b""))
    except (ValueError, TypeError, AttributeError, KeyError):
        return {}  # damaged: nothing shows as published (planning a release says why)
    remember_hashes(library, commit, hashes)
    return hashes


_HASH_FIELDS = frozenset({"answers", "version", "id", "locale", "content_hash"})


def _only_keys(pairs: list[tuple[str, object]]) -> dict:
    return {key: value for key, value in pairs if key in _HASH_FIELDS}


def remember_hashes(library: Library, commit: str, hashes: dict[AnswerKey, str]) -> None:
    """Keep the content hashes of the release at `commit` in the app's cache."""
    cache.store(library.path, PUBLISHED_HASHES, commit, dict(hashes))


def carry_hashes(library: Library, old_commit: str, new_commit: str) -> None:
    """Keep the published hashes of `old_commit` for `new_commit`, which holds the same
    bundle (a renewed notice)."""
    remembered = cache.load(library.path, PUBLISHED_HASHES, old_commit)
    if isinstance(remembered, dict):
        remember_hashes(library, new_commit, remembered)


def hashes_of(latest: LatestRelease) -> dict[AnswerKey, str]:
    """Answer -> content hash in a release already read."""
    return {
        AnswerKey(a["id"], a["locale"]): a["content_hash"]
        for a in latest.bundle.get("answers", [])
        if isinstance(a, dict)
    }


def commit_message(library: Library, commit: str) -> str:
    """The message of a commit on the published branch ("" if it cannot be read)."""
    try:
        return repo_of(library).git.log("-1", "--format=%B", commit, "--")
    except git.GitCommandError:
        return ""
