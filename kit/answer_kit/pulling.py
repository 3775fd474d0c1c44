"""Pulling the latest release into a folder a bot or site serves from, safely.

`pull` keeps releases in a folder like this, switching `current` with one atomic rename::

    DIR/current  -> releases/1.2.0    bundle.json, bundle.json.minisig, manifest.json
    DIR/previous -> releases/1.1.0    the release before, kept for a quick look back
    DIR/.cache/                       a bare clone holding only the published branch

A release is installed only once it verifies (see verify.py) and is not older than the one
already here; anything refused changes nothing in DIR. The clock is a parameter (`now`) so
tests and cron jobs can fix it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from answer_kit import minisign
from answer_kit.verify import Refused, VerifiedBundle, verify_bundle, version_tuple

FILES = ("bundle.json", "bundle.json.minisig", "manifest.json")
BRANCH = "published"


@dataclass(frozen=True)
class PullResult:
    version: str
    previous_version: str | None
    updated: bool  # False when DIR already had exactly this release
    path: Path  # the folder now holding the current release


def verify_file(
    bundle_path: Path | str,
    public_key: minisign.PublicKey,
    *,
    now: dt.datetime | None = None,
    require_manifest: bool = False,
    **checks,
) -> VerifiedBundle:
    """Verify `bundle.json` (or a folder holding it) with the `.minisig` and manifest beside it.
    `checks`: `governors` and `allow_sample`, as `verify_bundle` takes them."""
    path = Path(bundle_path)
    if path.is_dir():
        path = path / "bundle.json"
    data = _read(path, "the bundle")
    signature = _read(path.with_name(path.name + ".minisig"), "the signature file")
    manifest_path = path.with_name("manifest.json")
    manifest = None
    if require_manifest or manifest_path.exists():
        manifest = _read(manifest_path, "manifest.json")
    return verify_bundle(data, signature, public_key, manifest_bytes=manifest, now=now, **checks)


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise Refused(f"{what} is missing: {path}") from None
    except OSError as exc:
        raise Refused(f"cannot read {path}: {exc.strerror or exc}") from None


def _git(cache: Path, *args: str) -> bytes:
    done = subprocess.run(
        ["git", f"--git-dir={cache}", *args],
        capture_output=True,
        env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
    )
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise Refused(lines[-1] if lines else f"git {args[0]} failed")
    return done.stdout


def _fetch_git(source: str, cache: Path) -> dict[str, bytes]:
    """The latest release files from the `published` branch of a git repository."""
    try:
        if not (cache / "HEAD").is_file():
            cache.mkdir(parents=True, exist_ok=True)
            _git(cache, "init", "--quiet", "--bare")
    except (Refused, OSError) as exc:
        raise Refused(f"cannot use the cache {cache}: {exc}") from None
    try:
        _git(
            cache,
            "fetch",
            "--no-tags",
            "--force",
            "--quiet",
            source,
            f"+refs/heads/{BRANCH}:refs/heads/{BRANCH}",
        )
        return {name: _git(cache, "cat-file", "blob", f"{BRANCH}:{name}") for name in FILES}
    except Refused as exc:
        raise Refused(f"cannot fetch the {BRANCH} branch from {source}: {exc}") from None


def fetch(source: str | Path, cache: Path) -> dict[str, bytes]:
    """The latest release files from a folder of releases or a git repository."""
    folder = Path(source).expanduser()
    if folder.is_dir() and (folder / "bundle.json").is_file():
        return {name: _read(folder / name, name) for name in FILES}
    return _fetch_git(str(source), cache)


def current(to: Path | str, public_key: minisign.PublicKey) -> VerifiedBundle | None:
    """The release `pull` put in `to`, checked (but not for expiry); None if there is none."""
    link = Path(to) / "current"
    if not link.exists():
        return None
    try:
        return verify_file(
            link, public_key, now=dt.datetime.min.replace(tzinfo=dt.UTC), allow_sample=True
        )
    except Refused as exc:
        raise Refused(f"the current release in {to} does not verify ({exc})") from None


def pull(
    source: str | Path,
    to: Path | str,
    public_key: minisign.PublicKey,
    *,
    now: dt.datetime | None = None,
    **checks,
) -> PullResult:
    """Fetch, verify and install the latest release into `to`; refuse anything doubtful.

    A refused release changes nothing in `to`: the current and previous releases stay.
    """
    to = Path(to).expanduser()
    to.mkdir(parents=True, exist_ok=True)
    files = fetch(source, to / ".cache" / "source.git")
    new = verify_bundle(
        files["bundle.json"],
        files["bundle.json.minisig"],
        public_key,
        manifest_bytes=files["manifest.json"],
        now=now,
        **checks,
    )
    have = current(to, public_key)
    if have is not None:
        if version_tuple(new.version) < version_tuple(have.version):
            raise Refused(
                f"refusing release {new.version}: it is older than {have.version}, "
                "which is already here (a rollback)"
            )
        if new.version == have.version:
            if new.bundle_bytes != have.bundle_bytes:
                raise Refused(
                    f"refusing release {new.version}: a different bundle with that version is "
                    "already here"
                )
            return PullResult(new.version, None, False, to / "current")
    _install(to, new, files)
    return PullResult(new.version, have.version if have else None, True, to / "current")


def _install(to: Path, new: VerifiedBundle, files: dict[str, bytes]) -> None:
    releases = to / "releases"
    releases.mkdir(exist_ok=True)
    target = releases / new.version
    staging = Path(tempfile.mkdtemp(prefix=f".{new.version}.", dir=releases))
    os.chmod(staging, 0o755)  # readable by the web server or bot that serves it
    for name in FILES:  # written and synced before anything points at them
        _write_synced(staging / name, files[name])
    if target.exists():  # left by an interrupted pull; nothing points at it
        shutil.rmtree(target)
    os.replace(staging, target)
    old = (to / "current").resolve() if (to / "current").exists() else None
    if old is not None:
        _point(to / "previous", old)
    _point(to / "current", target)
    keep = {target.resolve(), old}
    for entry in releases.iterdir():
        if entry.resolve() not in keep:
            shutil.rmtree(entry, ignore_errors=True)


def _write_synced(path: Path, data: bytes) -> None:
    """A new file in a folder no one reads yet, on disk before anything points at it."""
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, 0o644)


def _point(link: Path, target: Path) -> None:
    """Make `link` a symbolic link to `target` (relative), replacing it in one step."""
    relative = os.path.relpath(target, link.parent)
    temporary = link.with_name(f".{link.name}.new")
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    os.symlink(relative, temporary, target_is_directory=True)
    os.replace(temporary, link)
