"""Whether to trust a release: every decision, and no I/O (the caller reads the bytes).

A bundle is accepted only if its minisign signature verifies with the key you pinned, its
trusted comment agrees with its contents (version, expiry, SHA-256), it matches the JSON
Schema and its manifest, and it has not expired. Nothing read from it is used, and no error
in it is reported, before the signature has checked out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from answer_kit import minisign, schema

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


def version_tuple(text: str) -> tuple[int, int, int]:
    match = _VERSION.match(text or "")
    if not match:
        raise Refused(f"{text!r} is not a version like 1.2.0")
    return tuple(int(part) for part in match.groups())  # type: ignore[return-value]


def parse_utc(text: str) -> dt.datetime:
    """An ISO time (a trailing Z or an offset; without a zone, UTC)."""
    moment = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


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


def _json_object(raw: bytes, name: str, schema_name: str) -> dict:
    """Parse `raw` as a JSON object that matches `schema_name`, or refuse, naming `name`."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise Refused(f"{name} is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise Refused(f"{name} is not a JSON object")
    errors = schema.problems(data, schema_name)
    if errors:
        raise Refused(f"{name} does not match its schema: {errors[0]}")
    return data


def parse_json(raw: bytes, name: str, schema_name: str) -> dict:
    """`raw` as a JSON object matching schema `schema_name`, or Refused naming `name` (for
    trying out a bundle whose signature is not checked)."""
    return _json_object(raw, name, schema_name)


def _check_manifest(manifest_bytes: bytes, data: dict, sha256: str, size: int) -> None:
    manifest = _json_object(manifest_bytes, "manifest.json", "manifest")
    if manifest["sha256"] != sha256 or manifest["size"] != size:
        raise Refused("the bundle's SHA-256 differs from the one in manifest.json")
    for name in ("version", "previous_version", "expires", "release_time"):
        if manifest[name] != data[name]:
            raise Refused(
                f"manifest.json says {name} {manifest[name]!r}, the bundle says {data[name]!r}"
            )
