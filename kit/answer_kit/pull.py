"""For bot and site maintainers: verify a release bundle and pull the latest one safely.

A bundle is accepted only if its minisign signature verifies with the key you trust, its
trusted comment agrees with its contents (version, expiry, SHA-256), it matches the JSON
Schema and its manifest, it has not expired, and it is newer than what you already have.

`pull` keeps releases in a folder like this, switching `current` with one atomic rename::

    DIR/current  -> releases/1.2.0    bundle.json, bundle.json.minisig, manifest.json
    DIR/previous -> releases/1.1.0    the release before, kept for a quick look back
    DIR/.cache/                       a bare clone holding only the published branch

Nothing here needs Qt; the clock is a parameter (`now`) so tests and cron jobs can fix it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from answer_kit import minisign
from authoring_app.library import atomic
from authoring_app.release.bundle import parse_utc, validate_schema

FILES = ("bundle.json", "bundle.json.minisig", "manifest.json")
BRANCH = "published"
_COMMENT_FIELD = re.compile(r"(\w+)=(\S+)")
_VERSION = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


class Refused(Exception):
    """A bundle was not accepted; the message is one line saying why."""


@dataclass(frozen=True)
class VerifiedBundle:
    """A bundle that passed every check."""

    version: str
    release_time: dt.datetime
    expires: dt.datetime
    sha256: str
    data: dict = field(repr=False)
    bundle_bytes: bytes = field(repr=False)
    signature: str = field(repr=False)
    manifest_bytes: bytes | None = field(default=None, repr=False)

    @property
    def answers(self) -> list[dict]:
        return self.data["answers"]


@dataclass(frozen=True)
class PullResult:
    version: str
    previous_version: str | None
    updated: bool  # False when DIR already had exactly this release
    path: Path  # the folder now holding the current release


def version_tuple(text: str) -> tuple[int, int, int]:
    match = _VERSION.match(text or "")
    if not match:
        raise Refused(f"{text!r} is not a version like 1.2.0")
    return tuple(int(part) for part in match.groups())  # type: ignore[return-value]


def load_public_key(source: Path | str) -> minisign.PublicKey:
    """A minisign public key from a `.pub` file (or its base64 line given directly)."""
    path = Path(source)
    try:
        text = path.read_text("utf-8") if path.is_file() else str(source)
    except (OSError, UnicodeDecodeError) as exc:
        raise Refused(f"cannot read public key {source}: {exc}") from None
    try:
        return minisign.PublicKey.parse(text)
    except (minisign.SignatureError, ValueError) as exc:
        raise Refused(f"public key {source} is not usable: {exc}") from None


def _now(now: dt.datetime | None) -> dt.datetime:
    if now is None:
        return dt.datetime.now(dt.UTC)
    return now if now.tzinfo else now.replace(tzinfo=dt.UTC)


def verify_bundle(
    bundle_bytes: bytes,
    signature_text: str | bytes,
    public_key: minisign.PublicKey,
    *,
    manifest_bytes: bytes | None = None,
    now: dt.datetime | None = None,
) -> VerifiedBundle:
    """Check a bundle completely; raise Refused with the first reason it fails."""
    # Hashing a large bundle (BLAKE2b for the signature, then SHA-256) lets go of Python's
    # lock, so the JSON is read and checked against the schema meanwhile. Nothing read is
    # used, and no reading error is reported, before the signature has checked out.
    with ThreadPoolExecutor(max_workers=1) as background:
        signed = background.submit(_signed_claims, bundle_bytes, signature_text, public_key)
        try:
            data, unreadable = _json_object(bundle_bytes, "the bundle", "bundle"), None
        except Refused as exc:
            data, unreadable = None, exc
        claims, sha256 = signed.result()
    if unreadable is not None:
        raise unreadable
    if data["version"] != claims["version"] or data["expires"] != claims["expires"]:
        raise Refused("the bundle's version or expiry differs from its signature's")
    if manifest_bytes is not None:
        _check_manifest(manifest_bytes, data, sha256, len(bundle_bytes))
    expires = parse_utc(data["expires"])
    moment = _now(now)
    if moment >= expires:
        raise Refused(f"release {data['version']} expired at {data['expires']}")
    if isinstance(signature_text, bytes):
        signature_text = signature_text.decode("utf-8")
    return VerifiedBundle(
        version=data["version"],
        release_time=parse_utc(data["release_time"]),
        expires=expires,
        sha256=sha256,
        data=data,
        bundle_bytes=bundle_bytes,
        signature=signature_text,
        manifest_bytes=manifest_bytes,
    )


def _signed_claims(
    bundle_bytes: bytes, signature_text: str | bytes, public_key: minisign.PublicKey
) -> tuple[dict[str, str], str]:
    """The trusted comment's fields and the bundle's SHA-256, once the signature checks out
    and the comment names this very bundle; Refused otherwise."""
    try:
        comment = minisign.verify(bundle_bytes, signature_text, public_key)
    except minisign.SignatureError as exc:
        raise Refused(f"the bundle does not verify: {exc}") from None
    claims = dict(_COMMENT_FIELD.findall(comment))
    sha256 = hashlib.sha256(bundle_bytes).hexdigest()
    if not comment.startswith("authoring-app bundle ") or not {
        "version",
        "expires",
        "sha256",
    } <= set(claims):
        raise Refused("the signature's trusted comment is not an authoring-app bundle comment")
    if claims["sha256"] != sha256:
        raise Refused("the bundle's SHA-256 differs from the one in its signature")
    return claims, sha256


def _json_object(raw: bytes, name: str, schema: str) -> dict:
    """Parse `raw` as a JSON object that matches `schema`, or refuse, naming `name`."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise Refused(f"{name} is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise Refused(f"{name} is not a JSON object")
    errors = validate_schema(data, schema)
    if errors:
        raise Refused(f"{name} does not match its schema: {errors[0]}")
    return data


def _check_manifest(manifest_bytes: bytes, data: dict, sha256: str, size: int) -> None:
    manifest = _json_object(manifest_bytes, "manifest.json", "manifest")
    if manifest["sha256"] != sha256 or manifest["size"] != size:
        raise Refused("the bundle's SHA-256 differs from the one in manifest.json")
    for name in ("version", "previous_version", "expires", "release_time"):
        if manifest[name] != data[name]:
            raise Refused(
                f"manifest.json says {name} {manifest[name]!r}, the bundle says {data[name]!r}"
            )


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise Refused(f"{what} is missing: {path}") from None
    except OSError as exc:
        raise Refused(f"cannot read {path}: {exc.strerror or exc}") from None


def verify_file(
    bundle_path: Path | str,
    public_key: minisign.PublicKey,
    *,
    now: dt.datetime | None = None,
    require_manifest: bool = False,
) -> VerifiedBundle:
    """Verify `bundle.json` (or a folder holding it) with the `.minisig` and manifest beside it."""
    path = Path(bundle_path)
    if path.is_dir():
        path = path / "bundle.json"
    data = _read(path, "the bundle")
    signature = _read(path.with_name(path.name + ".minisig"), "the signature file")
    manifest_path = path.with_name("manifest.json")
    manifest = None
    if require_manifest or manifest_path.exists():
        manifest = _read(manifest_path, "manifest.json")
    return verify_bundle(data, signature, public_key, manifest_bytes=manifest, now=now)


# ---------------------------------------------------------------- pulling


def _fetch_git(source: str, cache: Path) -> dict[str, bytes]:
    """The latest release files from the `published` branch of a git repository."""
    import git

    try:
        if (cache / "HEAD").is_file():
            repo = git.Repo(cache)
        else:
            cache.mkdir(parents=True, exist_ok=True)
            repo = git.Repo.init(cache, bare=True)
    except git.GitError as exc:
        raise Refused(f"cannot use the cache {cache}: {exc}") from None
    try:
        repo.git.fetch(
            "--no-tags", "--force", "--quiet", source, f"+refs/heads/{BRANCH}:refs/heads/{BRANCH}"
        )
        files = {}
        for name in FILES:
            files[name] = repo.git.show(
                f"{BRANCH}:{name}", stdout_as_string=False, strip_newline_in_stdout=False
            )
        return files
    except git.GitCommandError as exc:
        reason = (exc.stderr or "").strip().splitlines()
        text = reason[-1] if reason else str(exc)
        raise Refused(f"cannot fetch the {BRANCH} branch from {source}: {text}") from None
    finally:
        repo.close()


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
        return verify_file(link, public_key, now=dt.datetime.min.replace(tzinfo=dt.UTC))
    except Refused as exc:
        raise Refused(f"the current release in {to} does not verify ({exc})") from None


def pull(
    source: str | Path,
    to: Path | str,
    public_key: minisign.PublicKey,
    *,
    now: dt.datetime | None = None,
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
    for name in FILES:  # written and synced before anything points at them
        atomic.write_bytes(staging / name, files[name])
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


def _point(link: Path, target: Path) -> None:
    """Make `link` a symbolic link to `target` (relative), replacing it in one step."""
    relative = os.path.relpath(target, link.parent)
    temporary = link.with_name(f".{link.name}.new")
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    os.symlink(relative, temporary, target_is_directory=True)
    os.replace(temporary, link)
