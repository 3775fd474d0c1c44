"""Whether to trust a release or a freshness notice: every decision, and no I/O (the
caller reads the bytes, within the limits of config.py).

In this order, against one moment `now` the caller captures once:

1. the size, before anything else;
2. the minisign signature over the raw bytes, with a key you pinned that no notice has
   revoked, and a trusted comment that names this kind of file and its SHA-256;
3. only then parsing, with limits on nesting and on the length of every text;
4. the JSON Schema, then what the schema cannot say (rendered.py);
5. that the file agrees with its signed comment (and its manifest);
6. expiry, then rollback (`check_newer`, `check_newer_notice`).

Nothing read from a file is used, and no error in it reported, before its signature has
checked out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from answer_kit import minisign, rendered, schema
from answer_kit.config import DEFAULT, Limits
from answer_kit.errors import Refused
from answer_kit.evidence import EvidenceError, Governors, check_bundle

_COMMENT_FIELD = re.compile(r"(\w+)=(\S+)")
_VERSION = re.compile(r"^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$")
BUNDLE_COMMENT = "authoring-app bundle "
NOTICE_COMMENT = "authoring-app notice "

Keys = minisign.PublicKey | Sequence[minisign.PublicKey]


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
    key_id: str = ""  # the pinned key that signed it, as minisign prints key ids
    withdrawn: frozenset[str] = frozenset()  # "id.locale" keys a notice withdrew
    renewed_until: dt.datetime | None = None  # a notice naming this release holds until then
    as_of: dt.datetime | None = None  # `answers` leaves out what is past its review by then

    @property
    def current_until(self) -> dt.datetime:
        """Until when this release may be served: its own expiry, or later while a verified
        notice naming it says it is still current (the publisher renews it)."""
        if self.renewed_until is None:
            return self.expires
        return max(self.expires, self.renewed_until)

    @property
    def answers(self) -> list[dict]:
        """The answers to serve: all of the bundle's but those a notice withdrew (and, when
        `as_of` is set, those past their review date then)."""
        if self.as_of is not None:
            return self.answers_at(self.as_of)
        if not self.withdrawn:
            return self.data["answers"]
        return [a for a in self.data["answers"] if a["key"] not in self.withdrawn]

    def answers_at(self, now: dt.datetime) -> list[dict]:
        """The answers to serve at `now`: without those a notice withdrew, and without each
        answer whose next review date has come (`overdue`). The emergency response and the
        bot's own messages stay."""
        moment = now_utc(now)
        return [
            a
            for a in self.data["answers"]
            if a["key"] not in self.withdrawn and not overdue(a, moment)
        ]

    def overdue_at(self, now: dt.datetime) -> list[str]:
        """Keys of the answers left out at `now` because their review date has come."""
        moment = now_utc(now)
        return [a["key"] for a in self.data["answers"] if overdue(a, moment)]

    def next_change(self, now: dt.datetime) -> dt.datetime | None:
        """The first moment after `now` at which another answer's review date comes."""
        moment = now_utc(now)
        later = [
            due
            for a in self.data["answers"]
            if a.get("kind") is None and (due := review_due(a)) is not None and due > moment
        ]
        return min(later, default=None)

    def serving_data(self, now: dt.datetime) -> dict:
        """The bundle's data with only the answers to serve at `now` (for a Responder)."""
        return {**self.data, "answers": self.answers_at(now)}


def review_due(answer: dict) -> dt.datetime | None:
    """The moment (midnight UTC of `governance.next_review`) an answer leaves the bot; None
    if the bundle gives no date it can read."""
    governance = answer.get("governance")
    text = governance.get("next_review") if isinstance(governance, dict) else None
    try:
        day = dt.date.fromisoformat(text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def overdue(answer: dict, now: dt.datetime) -> bool:
    """True if an answer (not the emergency response, not a bot message) is past its next
    review date at `now`, or gives none: stale advice is not served."""
    if answer.get("kind") is not None:
        return False
    due = review_due(answer)
    return due is None or now >= due


@dataclass(frozen=True)
class VerifiedNotice:
    """A freshness notice that passed every check: release `version` (with this SHA-256 and
    size) is the current one until `expires`."""

    version: str
    sha256: str
    size: int
    issued: dt.datetime
    expires: dt.datetime
    withdrawn: frozenset[str]
    revoked_keys: frozenset[str]
    notice_bytes: bytes = field(repr=False)
    signature: str = field(repr=False)
    key_id: str = ""


def version_tuple(text: str) -> tuple[int, int, int]:
    match = _VERSION.match(text or "") if isinstance(text, str) else None
    if not match:
        raise Refused(f"{str(text)[:40]!r} is not a version like 1.2.0")
    return tuple(int(part) for part in match.groups())  # type: ignore[return-value]


def parse_utc(text: str) -> dt.datetime:
    """An ISO time (a trailing Z or an offset; without a zone, UTC)."""
    moment = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def now_utc(now: dt.datetime | None = None) -> dt.datetime:
    """The one moment every check of a pull is made against."""
    if now is None:
        return dt.datetime.now(dt.UTC)
    return now if now.tzinfo else now.replace(tzinfo=dt.UTC)


def pinned(keys: Keys) -> tuple[minisign.PublicKey, ...]:
    """The keys a caller pinned, as a tuple; at least one."""
    found = (keys,) if isinstance(keys, minisign.PublicKey) else tuple(keys)
    if not found or not all(isinstance(key, minisign.PublicKey) for key in found):
        raise Refused("no pinned key to check against: give the publisher's key")
    return found


def _signed_by(
    data: bytes, signature: str | bytes, keys: Keys, revoked: Iterable[str], what: str
) -> tuple[str, str]:
    """(trusted comment, key id) once `signature` of `data` verifies with a pinned key that
    is not revoked; Refused otherwise."""
    try:
        parsed = minisign.Signature.parse(signature)
    except minisign.SignatureError as exc:
        raise Refused(f"{what} does not verify: {exc}") from None
    revoked = set(revoked)
    key = next((k for k in pinned(keys) if k.key_id == parsed.key_id), None)
    if parsed.key_id_hex in revoked:
        raise Refused(f"{what} is signed with key {parsed.key_id_hex}, which has been revoked")
    if key is None:
        known = ", ".join(k.key_id_hex for k in pinned(keys))
        raise Refused(
            f"{what} does not verify: signed with a different key (key id "
            f"{parsed.key_id_hex}, expected {known})"
        )
    try:
        return parsed.check(data, key), key.key_id_hex
    except minisign.SignatureError as exc:
        raise Refused(f"{what} does not verify: {exc}") from None


def _claims(comment: str, prefix: str, names: set[str], what: str) -> dict[str, str]:
    claims = dict(_COMMENT_FIELD.findall(comment))
    if not comment.startswith(prefix) or not names <= set(claims):
        raise Refused(f"the signature's trusted comment is not that of {what}")
    return claims


def _limit(size: int, most: int, what: str) -> None:
    if size > most:
        raise Refused(f"{what} is {size:,} bytes, more than the {most:,} allowed")


def parse_json(raw: bytes, name: str, schema_name: str, limits: Limits = DEFAULT) -> dict:
    """`raw` as a JSON object within `limits` that matches schema `schema_name`; Refused
    naming `name` otherwise. Call it only on bytes whose signature checked out (or that
    are checked against signed ones, as a manifest is)."""
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except RecursionError:
        raise Refused(f"{name} is nested deeper than {limits.max_json_depth} levels") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise Refused(f"{name} is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise Refused(f"{name} is not a JSON object")
    _check_shape(data, name, limits)
    errors = schema.problems(data, schema_name)
    if errors:
        raise Refused(f"{name} does not match its schema: {errors[0]}")
    return data


def _no_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


def _check_shape(data: dict, name: str, limits: Limits) -> None:
    """No deeper than `max_json_depth`, no text longer than `max_string_chars`."""
    most, deepest = limits.max_string_chars, limits.max_json_depth
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > deepest:
            raise Refused(f"{name} is nested deeper than {deepest} levels")
        items = value.items() if isinstance(value, dict) else enumerate(value)  # type: ignore[union-attr]
        for key, item in items:
            if isinstance(item, str):
                if len(item) > most:
                    raise Refused(
                        f"{name} has a text of {len(item):,} characters (at most {most:,})"
                    )
            elif isinstance(item, dict | list):
                stack.append((item, depth + 1))
            if isinstance(key, str) and len(key) > most:
                raise Refused(f"{name} has a name of {len(key):,} characters (at most {most:,})")


def verify_bundle(
    bundle_bytes: bytes,
    signature_text: str | bytes,
    keys: Keys,
    *,
    manifest_bytes: bytes | None = None,
    now: dt.datetime | None = None,
    limits: Limits = DEFAULT,
    revoked: Iterable[str] = (),
    withdrawn: Iterable[str] = (),
    governors: Governors | None = None,
    allow_sample: bool = False,
    renewed_until: dt.datetime | None = None,
) -> VerifiedBundle:
    """Check a bundle completely; raise Refused with the first reason it fails.

    `renewed_until`: the expiry of a verified notice that names this very bundle (the caller
    checks that with `check_named`): the release counts as current until then even after
    its own expiry.

    `governors`: the governor keys you pinned; then every answer's clinical sign-off is
    checked from the bundle's own evidence (evidence.py). A sample library's bundle
    (demonstration content) is refused unless `allow_sample`."""
    moment = now_utc(now)
    _limit(len(signature_text), limits.max_signature_bytes, "the signature file")
    _limit(len(bundle_bytes), limits.max_bundle_bytes, "the bundle")
    with ThreadPoolExecutor(max_workers=1) as background:  # both hashes let go of the GIL
        sha256 = background.submit(lambda: hashlib.sha256(bundle_bytes).hexdigest())
        comment, key_id = _signed_by(bundle_bytes, signature_text, keys, revoked, "the bundle")
        digest = sha256.result()
    claims = _claims(comment, BUNDLE_COMMENT, {"version", "expires", "sha256"}, "a bundle")
    if claims["sha256"] != digest:
        raise Refused("the bundle's SHA-256 differs from the one in its signature")
    data = parse_json(bundle_bytes, "the bundle", "bundle", limits)
    if problem := rendered.bundle_problem(data):
        raise Refused(f"the bundle's {problem}")
    if data["version"] != claims["version"] or data["expires"] != claims["expires"]:
        raise Refused("the bundle's version or expiry differs from its signature's")
    if manifest_bytes is not None:
        _check_manifest(manifest_bytes, data, digest, len(bundle_bytes), limits)
    expires = parse_utc(data["expires"])
    if moment >= max(expires, renewed_until or expires):
        raise Refused(f"release {data['version']} expired at {data['expires']}")
    if data["library"]["sample"] and not allow_sample:
        raise Refused(
            f"release {data['version']} is a sample library's (demonstration content, not for "
            "real use); pass --allow-sample to accept it anyway"
        )
    if governors is not None:
        try:
            check_bundle(data, governors)
        except EvidenceError as exc:
            raise Refused(f"release {data['version']}: {exc}") from None
    if isinstance(signature_text, bytes):
        signature_text = signature_text.decode("utf-8")
    return VerifiedBundle(
        version=data["version"],
        release_time=parse_utc(data["release_time"]),
        expires=expires,
        sha256=digest,
        data=data,
        bundle_bytes=bundle_bytes,
        signature=signature_text,
        manifest_bytes=manifest_bytes,
        key_id=key_id,
        withdrawn=frozenset(withdrawn),
        renewed_until=renewed_until,
    )


def _check_manifest(
    manifest_bytes: bytes, data: dict, sha256: str, size: int, limits: Limits
) -> None:
    _limit(len(manifest_bytes), limits.max_manifest_bytes, "manifest.json")
    manifest = parse_json(manifest_bytes, "manifest.json", "manifest", limits)
    if manifest["sha256"] != sha256 or manifest["size"] != size:
        raise Refused("the bundle's SHA-256 differs from the one in manifest.json")
    for name in ("version", "previous_version", "expires", "release_time"):
        if manifest[name] != data[name]:
            raise Refused(
                f"manifest.json says {name} {manifest[name]!r}, the bundle says {data[name]!r}"
            )


def verify_notice(
    notice_bytes: bytes,
    signature_text: str | bytes,
    keys: Keys,
    *,
    now: dt.datetime | None = None,
    limits: Limits = DEFAULT,
    revoked: Iterable[str] = (),
) -> VerifiedNotice:
    """Check a freshness notice completely; raise Refused with the first reason it fails."""
    moment = now_utc(now)
    _limit(len(signature_text), limits.max_signature_bytes, "the notice's signature file")
    _limit(len(notice_bytes), limits.max_notice_bytes, "the freshness notice")
    comment, key_id = _signed_by(
        notice_bytes, signature_text, keys, revoked, "the freshness notice"
    )
    names = {"version", "sha256", "issued", "expires"}
    claims = _claims(comment, NOTICE_COMMENT, names, "a freshness notice")
    data = parse_json(notice_bytes, "the freshness notice", "notice", limits)
    release = data["release"]
    if [release["version"], release["sha256"], data["issued"], data["expires"]] != [
        claims["version"],
        claims["sha256"],
        claims["issued"],
        claims["expires"],
    ]:
        raise Refused("the freshness notice differs from its signature's comment")
    revoked_now = frozenset(data["revoked_keys"])
    if key_id in revoked_now:
        raise Refused(f"the freshness notice revokes key {key_id}, the very key that signed it")
    expires = parse_utc(data["expires"])
    if moment >= expires:
        raise Refused(
            f"the freshness notice expired at {data['expires']}: the source may be a mirror "
            "that stopped updating, or the publisher has not renewed it"
        )
    if isinstance(signature_text, bytes):
        signature_text = signature_text.decode("utf-8")
    return VerifiedNotice(
        version=release["version"],
        sha256=release["sha256"],
        size=release["size"],
        issued=parse_utc(data["issued"]),
        expires=expires,
        withdrawn=frozenset(data["withdrawn"]),
        revoked_keys=revoked_now,
        notice_bytes=notice_bytes,
        signature=signature_text,
        key_id=key_id,
    )


def check_named(bundle: VerifiedBundle, notice: VerifiedNotice) -> None:
    """The bundle is the very one the notice names."""
    if bundle.version != notice.version or bundle.sha256 != notice.sha256:
        raise Refused(
            f"the freshness notice names release {notice.version} "
            f"(SHA-256 {notice.sha256[:12]}…), not the bundle found "
            f"({bundle.version}, {bundle.sha256[:12]}…)"
        )


def check_newer(new: VerifiedBundle, have: VerifiedBundle | None) -> bool:
    """True if `new` is newer than the release `have`, False if it is that very release;
    Refused if it is older (a rollback) or the same version with other bytes."""
    if have is None:
        return True
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
        return False
    return True


def check_newer_notice(new: VerifiedNotice, have: VerifiedNotice | None) -> None:
    """Refused if `new` was issued before the notice already here (a replay); of two issued
    in the same second, the one naming the newer release counts."""
    if have is None or new.notice_bytes == have.notice_bytes:
        return
    if new.issued > have.issued or (
        new.issued == have.issued and version_tuple(new.version) > version_tuple(have.version)
    ):
        return
    raise Refused(
        f"refusing a freshness notice issued {new.issued:%Y-%m-%dT%H:%M:%SZ}: the one "
        f"already here was issued {have.issued:%Y-%m-%dT%H:%M:%SZ} (a replay)"
    )
