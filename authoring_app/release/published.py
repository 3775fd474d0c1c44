"""The `published` branch: releases only, kept apart from the drafts on `main`.

Layout of the branch::

    releases.json                      every release: version, sha256, time, what changed
    publisher.pub                      the latest publisher's key (minisign format)
    bundle.json, bundle.json.minisig, manifest.json     the latest release
    releases/<version>/bundle.json, bundle.json.minisig, manifest.json

A release is written without touching the working tree or the main index: blobs are stored
with `hash-object -w`, the tree is built in a temporary index, the commit made with
`commit-tree`, and the branch and the `v<version>` tag move together in one `update-ref`
transaction, so a crash leaves either no release or a whole one.

A release commit's message ends with a `Rendered-with: <digest>` trailer naming the code that
rendered its bundle (`bundle.render_digest`); the next release reuses that rendering for
answers whose rendering cannot differ, once the bundle's signature checks out.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import tempfile
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import git

from authoring_app.library import cache
from authoring_app.library.answer import AnswerKey
from authoring_app.library.cache import Kind
from authoring_app.library.library import Library, LibraryError
from authoring_app.library.roster import Person
from authoring_app.release.bundle import BUNDLE_FORMAT, canonical_json

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


def _repo(library: Library) -> git.Repo:
    if library.repo is None:
        raise PublishError(f"{library.path} is not a git repository, so it has no releases")
    return library.repo


def tip(library: Library) -> str | None:
    """The commit of the published branch (the local one, else origin's), or None."""
    repo = _repo(library)
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
        return _repo(library).git.show(
            f"{commit}:{path}", stdout_as_string=False, strip_newline_in_stdout=False
        )
    except git.GitCommandError:
        return None


def read_large_file(library: Library, path: str, commit: str) -> bytes | None:
    """`read_file` for a file of many megabytes (a bundle), when other threads are busy: git
    writes it to a temporary file at its own pace and it is read in one go. Through a pipe,
    each 64 KB would wait for Python's lock, which the busy threads hold."""
    repo = _repo(library)
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
        return _repo(library).git.log("-1", "--format=%B", commit, "--")
    except git.GitCommandError:
        return ""


# ---------------------------------------------------------------- writing


def release_files(
    library: Library,
    record: ReleaseRecord,
    *,
    bundle: bytes,
    signature: str,
    manifest: bytes,
    publisher_key: str,
    after: str | None,
) -> dict[str, bytes]:
    """Path -> bytes of everything a release writes on the branch (see the layout above):
    its own folder, the latest copies, releases.json with it first (after the releases at
    the branch commit `after`) and the publisher's key."""
    version = record.version
    index = {
        "format": BUNDLE_FORMAT,
        "library": library.info.name,
        "latest": version,
        "releases": [record.to_json()] + [r.to_json() for r in release_records(library, after)],
    }
    signed = signature.encode("utf-8")
    return {
        f"releases/{version}/bundle.json": bundle,
        f"releases/{version}/bundle.json.minisig": signed,
        f"releases/{version}/manifest.json": manifest,
        "bundle.json": bundle,
        "bundle.json.minisig": signed,
        "manifest.json": manifest,
        "releases.json": canonical_json(index),
        "publisher.pub": publisher_key.encode("ascii"),
    }


# Larger input goes to git through a temporary file rather than a pipe: a thread feeding a
# pipe needs the GIL again after every 64 KB git reads, so while this process is busy (as it
# is when a large bundle is stored in the background) git would mostly wait for it.
_PIPE_MAX = 1 << 20


def _with_stdin(repo: git.Repo, args: list[str], data: bytes, env: dict | None = None) -> str:
    """Run git with `data` on its standard input; its output."""
    command = ["git", *args]
    if len(data) > _PIPE_MAX:
        with tempfile.TemporaryFile() as handle:
            handle.write(data)
            handle.flush()
            handle.seek(0)
            return repo.git.execute(command, istream=handle, env=env)
    handle = repo.git.execute(command, istream=subprocess.PIPE, as_process=True, env=env)
    out, error = handle.proc.communicate(data)
    if handle.proc.returncode:
        raise git.GitCommandError(command, handle.proc.returncode, error)
    return out.decode("utf-8", "surrogateescape")


def _store_blob(repo: git.Repo, data: bytes) -> str:
    return _with_stdin(
        repo,
        ["-c", "core.looseCompression=1", "hash-object", "-w", "--no-filters", "--stdin"],
        data,
    ).strip()


def store_blob(library: Library, data: bytes) -> str:
    """Store `data` as a blob in the library's repository; its id. Storing a blob is safe at
    any time: until a commit names it, it changes nothing."""
    return _store_blob(_repo(library), data)


def start_storing(library: Library, data: bytes) -> Future:
    """`store_blob` in a thread of its own; the future's result is the blob id."""
    storing = ThreadPoolExecutor(max_workers=1)
    try:
        return storing.submit(store_blob, library, data)
    finally:
        storing.shutdown(wait=False)  # the thread ends when git has stored it


def _stored(pending: Future | None) -> str | None:
    """The blob id `store_blob` gave, once it is done; None if it failed (store it again)."""
    if pending is None:
        return None
    try:
        return pending.result()
    except (git.GitCommandError, OSError):
        return None


def _identity(person: Person, when: dt.datetime) -> dict[str, str]:
    stamp = f"{int(when.timestamp())} +0000"
    return {
        "GIT_AUTHOR_NAME": person.name,
        "GIT_AUTHOR_EMAIL": person.git_email,
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_NAME": person.name,
        "GIT_COMMITTER_EMAIL": person.git_email,
        "GIT_COMMITTER_DATE": stamp,
    }


def write_release(
    library: Library,
    files: dict[str, bytes],
    *,
    version: str,
    person: Person,
    message: str,
    expected_tip: str | None,
    now: dt.datetime | None = None,
    stored: Mapping[bytes, Future] | None = None,
) -> str:
    """Commit `files` (path -> bytes) on top of the published branch and tag `v<version>`.

    `expected_tip` is the branch commit the release was planned against; if another release
    was written since, nothing changes and PublishError says so. `stored`: file contents
    already being stored as blobs (`store_blob` run elsewhere), by content. Returns the new
    commit.
    """
    stored = stored or {}
    repo = _repo(library)
    now = now or dt.datetime.now(dt.UTC)
    tag = f"v{version}"
    with library.write_lock:
        if tip(library) != expected_tip:
            raise PublishError("another release was published meanwhile; plan again")
        try:
            repo.git.rev_parse("--verify", "-q", f"refs/tags/{tag}")
        except git.GitCommandError:
            pass
        else:
            raise PublishError(f"tag {tag} already exists in the library; choose another version")
        with tempfile.TemporaryDirectory(prefix="authoring-app-release-") as tmp:
            index_env = {"GIT_INDEX_FILE": os.path.join(tmp, "index")}
            if expected_tip is not None:
                repo.git.read_tree(expected_tip, env=index_env)
            blobs: dict[bytes, str] = {}  # the latest release repeats its version's files

            def blob_of(data: bytes) -> str:
                if data not in blobs:
                    blobs[data] = _stored(stored.get(data)) or _store_blob(repo, data)
                return blobs[data]

            # Files stored elsewhere are waited for last, so that work goes on meanwhile.
            order = sorted(files, key=lambda path: (files[path] in stored, path))
            entries = [f"100644,{blob_of(files[path])},{path}" for path in order]
            repo.git.update_index(
                "--add",
                *(arg for entry in entries for arg in ("--cacheinfo", entry)),
                env=index_env,
            )
            tree = repo.git.write_tree(env=index_env).strip()
        identity = _identity(person, now)
        parents = ["-p", expected_tip] if expected_tip else []
        commit = _with_stdin(
            repo, ["commit-tree", tree, *parents], message.encode("utf-8") + b"\n", identity
        ).strip()
        tag_text = (
            f"object {commit}\ntype commit\ntag {tag}\n"
            f"tagger {person.name} <{person.git_email}> {identity['GIT_COMMITTER_DATE']}\n\n"
            f"{message}\n"
        )
        tag_object = _with_stdin(repo, ["mktag"], tag_text.encode("utf-8")).strip()
        old = expected_tip if expected_tip and _has_local_branch(repo) else "0" * 40
        transaction = (
            "start\n"
            f"update {BRANCH_REF} {commit} {old}\n"
            f"create refs/tags/{tag} {tag_object}\n"
            "prepare\ncommit\n"
        )
        try:
            _with_stdin(repo, ["update-ref", "--stdin"], transaction.encode("ascii"))
        except git.GitCommandError as exc:
            raise PublishError(f"the release could not be recorded: {exc.stderr.strip()}") from None
        return commit


def _has_local_branch(repo: git.Repo) -> bool:
    try:
        repo.git.rev_parse("--verify", "-q", BRANCH_REF)
        return True
    except git.GitCommandError:
        return False
