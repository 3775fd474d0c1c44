"""Pulling the latest release into a folder a bot or site serves from, safely.

One pull, against one moment `now`:

1. read the source's freshness notice and verify it with the pinned keys (verify.py): it
   names the current release and says until when; an expired notice means the source has
   stopped updating (a frozen mirror), and one older than the notice already here is a
   replay: both refused;
2. keep it at once, so a withdrawn answer or a revoked key counts from this pull on;
3. fetch the release it names (no more bytes than it says), verify it, check it is the one
   named and not older than the one here, and switch `current` to it in one rename
   (installed.py).

Anything refused changes nothing else in the folder: the release already here keeps
serving.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from answer_kit.config import DEFAULT, Limits
from answer_kit.errors import Refused
from answer_kit.installed import FILES, PullFolder
from answer_kit.safe_files import read_at_most
from answer_kit.sources import open_source
from answer_kit.verify import (
    Keys,
    VerifiedBundle,
    VerifiedNotice,
    check_named,
    check_newer,
    check_newer_notice,
    now_utc,
    verify_bundle,
    verify_notice,
    version_tuple,
)

# When the kit checks a release already here, only its signature: it expired or not.
_LONG_AGO = dt.datetime.min.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class PullResult:
    version: str
    previous_version: str | None
    updated: bool  # False when DIR already had exactly this release
    path: Path  # the folder now holding the current release
    notice_expires: dt.datetime | None = None  # until when the publisher says it is current
    withdrawn: frozenset[str] = frozenset()  # answers ("id.locale") the notice withdrew


def verify_file(
    bundle_path: Path | str,
    keys: Keys,
    *,
    now: dt.datetime | None = None,
    require_manifest: bool = False,
    limits: Limits = DEFAULT,
    **checks,
) -> VerifiedBundle:
    """Verify `bundle.json` (or a folder holding it) with the `.minisig` and manifest beside it.
    `checks`: `governors` and `allow_sample`, as `verify_bundle` takes them."""
    path = Path(bundle_path)
    if path.is_dir():
        path = path / "bundle.json"
    data = read_at_most(path, limits.max_bundle_bytes, "the bundle")
    signature = read_at_most(
        path.with_name(path.name + ".minisig"), limits.max_signature_bytes, "the signature file"
    )
    manifest_path = path.with_name("manifest.json")
    manifest = None
    if require_manifest or manifest_path.exists():
        manifest = read_at_most(manifest_path, limits.max_manifest_bytes, "manifest.json")
    return verify_bundle(
        data, signature, keys, manifest_bytes=manifest, now=now, limits=limits, **checks
    )


def stored_notice(folder: PullFolder, keys: Keys) -> VerifiedNotice | None:
    """The notice the last good pull kept (its signature checked, not its expiry); None if
    there is none, or if it no longer verifies with the keys pinned now (after a key was
    replaced): then it counts for nothing, and the next notice takes its place."""
    found = folder.notice_files()
    if found is None:
        return None
    try:
        return verify_notice(*found, keys, now=_LONG_AGO, limits=folder.limits)
    except Refused:
        return None


def verify_installed(
    folder: PullFolder, files: dict[str, bytes], keys: Keys, notice: VerifiedNotice | None
) -> VerifiedBundle:
    """A release already here, checked (but not for expiry); renewed until the notice's
    expiry if `notice` names this very release."""
    bundle = verify_bundle(
        files["bundle.json"],
        files["bundle.json.minisig"],
        keys,
        manifest_bytes=files["manifest.json"],
        now=_LONG_AGO,
        limits=folder.limits,
        revoked=folder.revoked(),
        withdrawn=notice.withdrawn if notice else (),
        allow_sample=True,  # accepted (or not) when it was pulled
    )
    if notice is not None and (notice.version, notice.sha256) == (bundle.version, bundle.sha256):
        return replace(bundle, renewed_until=notice.expires)
    return bundle


def current(to: Path | str, keys: Keys, *, limits: Limits = DEFAULT) -> VerifiedBundle | None:
    """The release `pull` put in `to`, checked (but not for expiry), without the answers a
    notice withdrew; None if there is none."""
    folder = PullFolder(to, limits)
    files = folder.release_files("current")
    if files is None:
        return None
    try:
        return verify_installed(folder, files, keys, stored_notice(folder, keys))
    except Refused as exc:
        raise Refused(f"the current release in {to} does not verify ({exc})") from None


def pull(
    source: str | Path,
    to: Path | str,
    keys: Keys,
    *,
    now: dt.datetime | None = None,
    limits: Limits = DEFAULT,
    **checks,
) -> PullResult:
    """Fetch, verify and install the latest release into `to`; refuse anything doubtful.
    `checks`: `governors` and `allow_sample`, as `verify_bundle` takes them.

    Raises Refused (bad data) or Unreachable (transport); either way the release already in
    `to` stays as it was.
    """
    moment = now_utc(now)
    folder = PullFolder(to, limits)
    folder.prepare()
    have_notice = stored_notice(folder, keys)
    files_here = folder.release_files("current")
    try:
        have = verify_installed(folder, files_here, keys, have_notice) if files_here else None
    except Refused:
        have = None  # damaged, or signed with a key revoked since: a verified one replaces it
    channel = open_source(source, folder.cache, limits)
    signature = channel.read("notice.json.minisig", limits.max_signature_bytes)
    raw = channel.read("notice.json", limits.max_notice_bytes)
    revoked = folder.revoked()
    notice = verify_notice(raw, signature, keys, now=moment, limits=limits, revoked=revoked)
    check_newer_notice(notice, have_notice)
    if have is not None and version_tuple(notice.version) < version_tuple(have.version):
        raise Refused(
            f"refusing the notice for release {notice.version}: it is older than "
            f"{have.version}, which is already here (a rollback)"
        )
    folder.remember(raw, signature, notice.revoked_keys)  # withdrawals count from now on
    revoked = revoked | notice.revoked_keys
    if have is not None and have.key_id in revoked:
        have = None  # signed with a key revoked since: it no longer counts
    new = have
    if have is None or (have.version, have.sha256) != (notice.version, notice.sha256):
        files = _release_files(channel, notice, limits)
        new = verify_bundle(
            files["bundle.json"],
            files["bundle.json.minisig"],
            keys,
            manifest_bytes=files["manifest.json"],
            now=moment,
            limits=limits,
            revoked=revoked,
            withdrawn=notice.withdrawn,
            renewed_until=notice.expires,  # refused below unless the notice names it
            **checks,
        )
        check_named(new, notice)
        if check_newer(new, have):
            folder.install(new.version, files)
            return PullResult(
                new.version,
                have.version if have else None,
                True,
                folder.root / "current",
                notice.expires,
                notice.withdrawn,
            )
    # Otherwise the notice, verified at `moment`, names the release here: it is current.
    return PullResult(
        new.version, None, False, folder.root / "current", notice.expires, notice.withdrawn
    )


def _release_files(channel, notice: VerifiedNotice, limits: Limits) -> dict[str, bytes]:
    """The files of the release the notice names: the bundle no larger than it says."""
    prefix = f"releases/{notice.version}/"
    most = {
        "bundle.json": min(limits.max_bundle_bytes, notice.size),
        "bundle.json.minisig": limits.max_signature_bytes,
        "manifest.json": limits.max_manifest_bytes,
    }
    return {name: channel.read(prefix + name, most[name]) for name in FILES}
