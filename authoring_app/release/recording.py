"""Recording a release on the published branch (see published.py for its layout).

A release is written without touching the working tree or the main index: blobs are stored
with `hash-object -w`, the tree is built in a temporary index, the commit made with
`commit-tree`, and the branch and the `v<version>` tag move together in one `update-ref`
transaction, so a crash leaves either no release or a whole one.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tempfile
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor

import git

from authoring_app.library.library import Library
from authoring_app.library.roster import Person
from authoring_app.release.bundle import BUNDLE_FORMAT, canonical_json
from authoring_app.release.notice import Notice, schema_files
from authoring_app.release.published import (
    BRANCH_REF,
    PublishError,
    ReleaseRecord,
    release_records,
    repo_of,
    tip,
)


def release_files(
    library: Library,
    record: ReleaseRecord,
    *,
    bundle: bytes,
    signature: str,
    manifest: bytes,
    notice: Notice,
    after: str | None,
) -> dict[str, bytes]:
    """Path -> bytes of everything a release writes on the branch (see published.py): its
    own folder, the latest copies, releases.json with it first (after the releases at the
    branch commit `after`), its freshness notice and the schemas."""
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
        **notice.files(),
        **schema_files(),
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
    return _store_blob(repo_of(library), data)


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


# Written on the branch by earlier versions, and no longer: a key beside the releases invites
# trusting it, and a bot must pin its key from a second channel instead.
RETIRED_FILES = ("publisher.pub",)


def write_release(
    library: Library,
    files: dict[str, bytes],
    *,
    version: str | None,
    person: Person,
    message: str,
    expected_tip: str | None,
    now: dt.datetime | None = None,
    stored: Mapping[bytes, Future] | None = None,
) -> str:
    """Commit `files` (path -> bytes) on top of the published branch and, for a release
    (`version` given; None for a renewed notice), tag `v<version>`.

    `expected_tip` is the branch commit the release was planned against; if another release
    was written since, nothing changes and PublishError says so. `stored`: file contents
    already being stored as blobs (`store_blob` run elsewhere), by content. Returns the new
    commit.
    """
    stored = stored or {}
    repo = repo_of(library)
    now = now or dt.datetime.now(dt.UTC)
    tag = f"v{version}" if version is not None else None
    with library.write_lock:
        if tip(library) != expected_tip:
            raise PublishError("another release was published meanwhile; plan again")
        if tag is not None and _has_ref(repo, f"refs/tags/{tag}"):
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
            repo.git.update_index("--force-remove", "--", *RETIRED_FILES, env=index_env)
            tree = repo.git.write_tree(env=index_env).strip()
        identity = _identity(person, now)
        parents = ["-p", expected_tip] if expected_tip else []
        commit = _with_stdin(
            repo, ["commit-tree", tree, *parents], message.encode("utf-8") + b"\n", identity
        ).strip()
        old = expected_tip if expected_tip and _has_ref(repo, BRANCH_REF) else "0" * 40
        transaction = f"start\nupdate {BRANCH_REF} {commit} {old}\n"
        if tag is not None:
            tag_text = (
                f"object {commit}\ntype commit\ntag {tag}\n"
                f"tagger {person.name} <{person.git_email}> {identity['GIT_COMMITTER_DATE']}\n\n"
                f"{message}\n"
            )
            tag_object = _with_stdin(repo, ["mktag"], tag_text.encode("utf-8")).strip()
            transaction += f"create refs/tags/{tag} {tag_object}\n"
        transaction += "prepare\ncommit\n"
        try:
            _with_stdin(repo, ["update-ref", "--stdin"], transaction.encode("ascii"))
        except git.GitCommandError as exc:
            raise PublishError(f"the release could not be recorded: {exc.stderr.strip()}") from None
        return commit


def _has_ref(repo: git.Repo, ref: str) -> bool:
    try:
        repo.git.rev_parse("--verify", "-q", ref)
        return True
    except git.GitCommandError:
        return False
