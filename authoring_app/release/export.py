"""A static web site of the library's latest release, written by the consumer kit (see
answer_kit/site.py) once the release verifies with the keys the caller pinned: never with a
key found beside the release, which anyone who can write the branch could replace."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import answer_kit
from answer_kit.site import SiteError, write_site
from authoring_app.library.library import Library, LibraryError
from authoring_app.release import published

_LONG_AGO = dt.datetime.min.replace(tzinfo=dt.UTC)


class ExportError(LibraryError):
    pass


def latest_bundle(library: Library, keys, **checks) -> answer_kit.VerifiedBundle:
    """The latest release, verified with `keys` (signature, schema, manifest, expiry, and
    `checks`: the kit's governors and allow_sample), less the answers its freshness notice
    withdrew."""
    commit = published.tip(library)
    if commit is None:
        raise ExportError("nothing has been published yet: publish a release first")
    files = {
        name: published.read_file(library, name, commit)
        for name in (*published.LATEST_FILES, "notice.json", "notice.json.minisig")
    }
    if files["bundle.json"] is None or files["bundle.json.minisig"] is None:
        raise ExportError("the latest release on the published branch is incomplete")
    withdrawn: frozenset[str] = frozenset()
    try:
        if files["notice.json"] is not None and files["notice.json.minisig"] is not None:
            notice = answer_kit.verify_notice(
                files["notice.json"], files["notice.json.minisig"], keys
            )
            withdrawn = notice.withdrawn
        return answer_kit.verify_bundle(
            files["bundle.json"],
            files["bundle.json.minisig"],
            keys,
            manifest_bytes=files["manifest.json"],
            withdrawn=withdrawn,
            **checks,
        )
    except answer_kit.Refused as exc:
        raise ExportError(f"the latest release is refused: {exc}") from None


def export_site(library: Library, to: Path | str, keys, **checks) -> list[str]:
    """Write the site of the latest release into `to`; returns the pages written."""
    try:
        return write_site(latest_bundle(library, keys, **checks), to)
    except SiteError as exc:
        raise ExportError(str(exc)) from None
