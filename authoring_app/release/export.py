"""A static web site of the library's latest release, written by the consumer kit (see
answer_kit/site.py) once the release checks out against its signature."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from answer_kit import minisign
from answer_kit.site import SiteError, write_site
from authoring_app.library.library import Library, LibraryError
from authoring_app.release import published


class ExportError(LibraryError):
    pass


def latest_bundle(library: Library) -> dict:
    """The latest release's bundle, checked against its manifest and signature."""
    latest = published.latest_release(library)
    if latest is None:
        raise ExportError("nothing has been published yet: publish a release first")
    manifest = json.loads(published.read_file(library, "manifest.json", latest.commit) or b"{}")
    if manifest.get("sha256") != hashlib.sha256(latest.bundle_bytes).hexdigest():
        raise ExportError("the latest release's bundle does not match its manifest")
    signature = published.read_file(library, "bundle.json.minisig", latest.commit) or b""
    key_text = published.read_file(library, "publisher.pub", latest.commit) or b""
    try:
        minisign.verify(latest.bundle_bytes, signature, minisign.PublicKey.parse(key_text))
    except minisign.SignatureError as exc:
        raise ExportError(f"the latest release does not verify: {exc}") from None
    return latest.bundle


def export_site(library: Library, to: Path | str) -> list[str]:
    """Write the site of the latest release into `to`; returns the pages written."""
    try:
        return write_site(latest_bundle(library), to)
    except SiteError as exc:
        raise ExportError(str(exc)) from None
