"""Publishing a planned release: build its files, sign them and its freshness notice, record
them on the published branch (see published.py), and remember what the next release can
reuse. Delivering it to the library's releases channels follows (delivery.py)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import cached_property

from answer_kit import minisign
from authoring_app.library.library import Library
from authoring_app.library.roster import Person
from authoring_app.release import bundle as bundles
from authoring_app.release import memo as release_memo
from authoring_app.release import published, recording, rendering
from authoring_app.release.notice import Notice, build_notice
from authoring_app.release.planning import (
    Progress,
    ReleaseError,
    ReleasePlan,
    Version,
    require_saved,
)
from authoring_app.review.governed import governed
from authoring_app.review.keys import encode_public_key


@dataclass(frozen=True)
class BuiltRelease:
    """The signed files of one release."""

    version: str
    bundle_bytes: bytes = field(repr=False)
    signature: str = field(repr=False)
    manifest_bytes: bytes = field(repr=False)
    sha256: str = ""
    record: published.ReleaseRecord | None = None

    @cached_property
    def bundle(self) -> dict:
        """The bundle's data, parsed from its bytes on first use."""
        return json.loads(self.bundle_bytes)


def choose_version(plan: ReleasePlan, version: str | None) -> str:
    """The version to publish: the proposed one, or `version` if it is high enough."""
    if version is None:
        return plan.proposed_version
    chosen = Version.parse(version)
    if plan.previous_version and chosen <= Version.parse(plan.previous_version):
        raise ReleaseError(
            f"version {chosen} is not newer than the last release {plan.previous_version}"
        )
    if chosen < Version.parse(plan.proposed_version):
        raise ReleaseError(
            f"version {chosen} is too low: {plan.why} needs at least {plan.proposed_version}"
        )
    return str(chosen)


def trusted_comment(version: str, expires: str, sha256: str) -> str:
    return f"authoring-app bundle version={version} expires={expires} sha256={sha256}"


def release_bytes(plan: ReleasePlan, version: str) -> bytes:
    """The planned bundle with its version: the bytes that are signed and published."""
    if plan.problems or plan.assembled is None:
        raise ReleaseError("cannot publish: " + "; ".join(plan.problems))
    return plan.assembled.to_bytes(version=version, previous_version=plan.previous_version)


def build_release(
    plan: ReleasePlan,
    version: str,
    private_key,
    signer: Person,
    bundle_bytes: bytes | None = None,
) -> BuiltRelease:
    """Give the planned bundle its version, then write and sign its files (deterministic).
    `bundle_bytes`: `release_bytes(plan, version)`, if already made."""
    if bundle_bytes is None:
        bundle_bytes = release_bytes(plan, version)
    data = plan.assembled.details
    sha256 = hashlib.sha256(bundle_bytes).hexdigest()
    signature = minisign.sign(
        bundle_bytes,
        private_key,
        trusted_comment=trusted_comment(version, data["expires"], sha256),
        untrusted_comment=f"signature from authoring-app, release {version}",
    )
    public = minisign.PublicKey.from_ed25519(private_key.public_key())
    record = published.ReleaseRecord(
        version=version,
        previous_version=plan.previous_version,
        release_time=data["release_time"],
        expires=data["expires"],
        sha256=sha256,
        added=tuple(map(str, plan.added)),
        changed=tuple(map(str, plan.changed)),
        removed=tuple(map(str, plan.removed)),
        signer=signer.id,
    )
    manifest = {
        "format": bundles.BUNDLE_FORMAT,
        "bundle": "bundle.json",
        "signature": "bundle.json.minisig",
        "sha256": sha256,
        "size": len(bundle_bytes),
        "version": version,
        "previous_version": plan.previous_version,
        "release_time": data["release_time"],
        "expires": data["expires"],
        "signer": {"id": signer.id, "name": signer.name, "key_id": public.key_id_hex},
        "changes": record.to_json()["changes"],
    }
    return BuiltRelease(
        version=version,
        bundle_bytes=bundle_bytes,
        signature=signature,
        manifest_bytes=bundles.canonical_json(manifest),
        sha256=sha256,
        record=record,
    )


def check_publisher(library: Library, person_id: str, private_key) -> Person:
    """The roster entry of `person_id`, if they are a publisher and `private_key` is theirs."""
    person = governed(library).roster.get(person_id)
    if person is None:
        raise ReleaseError(f"{person_id!r} is not in this library's roster (people.yaml)")
    if not person.has_role("publisher"):
        raise ReleaseError(f"{person.name} is not a publisher: only a publisher may publish")
    if not person.public_key:
        raise ReleaseError(f"people.yaml has no public key for {person.name}; add it first")
    if encode_public_key(private_key.public_key()) != person.public_key.strip():
        raise ReleaseError(
            f"the key unlocked for {person.name} does not match their public key in people.yaml"
        )
    return person


@dataclass(frozen=True)
class StoredAhead:
    """A plan's bundle for one version, being stored in git before publishing (see
    `store_ahead`)."""

    plan: ReleasePlan
    version: str
    bundle_bytes: bytes = field(repr=False)
    blob: Future = field(repr=False)


def store_ahead(library: Library, plan: ReleasePlan, version: str | None) -> StoredAhead | None:
    """Start storing the bundle that publishing `plan` as `version` writes, while the
    publisher confirms and unlocks their key: git takes about half a second to compress a
    large bundle, which publishing then does not wait for. None if the plan cannot be
    published as that version (`publish` says why). A bundle stored but never published
    changes nothing: no commit names it, and git removes it in time."""
    if plan.nothing_changed:
        return None
    try:
        chosen = choose_version(plan, version)
        data = release_bytes(plan, chosen)
    except ReleaseError:
        return None
    return StoredAhead(plan, chosen, data, recording.start_storing(library, data))


@dataclass(frozen=True)
class PublishResult:
    plan: ReleasePlan
    release: BuiltRelease
    commit: str  # the commit on the published branch
    tag: str
    notice: Notice | None = None


def publish(
    library: Library,
    plan: ReleasePlan,
    person_id: str,
    private_key,
    *,
    version: str | None = None,
    progress: Progress | None = None,
    now: dt.datetime | None = None,
    ahead: StoredAhead | None = None,
) -> PublishResult:
    """Build, sign and record the release `plan` describes, as `person_id`.

    Refuses if the library or the published branch moved since the plan was made. `ahead`:
    `store_ahead` of this plan, used if it is for the version published.
    """
    person = check_publisher(library, person_id, private_key)
    if plan.nothing_changed:
        raise ReleaseError(f"nothing to publish: {plan.why}")
    if plan.problems:
        raise ReleaseError("cannot publish: " + "; ".join(plan.problems))
    chosen = choose_version(plan, version)
    with library.write_lock:
        if (library.head() or "") != plan.commit:
            raise ReleaseError("the library changed since the release was planned; plan again")
        require_saved(library)
        if progress is not None:
            progress("Signing the bundle", 1, 3)
        # Storing the large bundle in git (compressing it) takes git a while: it runs while
        # the bundle is signed and the other files are written.
        if ahead is not None and ahead.plan is plan and ahead.version == chosen:
            bundle_bytes, bundle_blob = ahead.bundle_bytes, ahead.blob
        else:
            bundle_bytes = release_bytes(plan, chosen)
            bundle_blob = recording.start_storing(library, bundle_bytes)
        built = build_release(plan, chosen, private_key, person, bundle_bytes)
        notice = build_notice(
            library_name=library.info.name,
            version=chosen,
            sha256=built.sha256,
            size=len(bundle_bytes),
            signer=person,
            private_key=private_key,
            now=now or dt.datetime.now(dt.UTC),
            days=library.info.notice_days,
        )
        files = recording.release_files(
            library,
            built.record,
            bundle=bundle_bytes,
            signature=built.signature,
            manifest=built.manifest_bytes,
            notice=notice,
            after=plan.published_tip,
        )
        if progress is not None:
            progress("Recording the release", 2, 3)
        commit = recording.write_release(
            library,
            files,
            version=chosen,
            person=person,
            message=_release_message(plan, chosen),
            expected_tip=plan.published_tip,
            now=now,
            stored={bundle_bytes: bundle_blob},
        )
    # The app shows which answers are published, and the next release reuses this one's
    # bytes: remember both now rather than parse this (possibly very large) bundle again.
    published.remember_hashes(
        library, commit, {item.key: item.answer.content_hash() for item in plan.included}
    )
    release_memo.remember(library, commit, built.sha256, chosen, plan.assembled)
    if progress is not None:
        progress("Published", 3, 3)
    return PublishResult(plan, built, commit, f"v{chosen}", notice)


def _release_message(plan: ReleasePlan, version: str) -> str:
    lines = [f"Release {version}", ""]
    for label, keys in (
        ("Added", plan.added),
        ("Changed", plan.changed),
        ("Removed", plan.removed),
    ):
        if keys:
            lines.append(f"{label}: {', '.join(map(str, keys))}")
    lines.append(f"From library revision {plan.commit[:12]}")
    lines += ["", f"{published.RENDER_TRAILER}: {rendering.render_digest()}"]
    return "\n".join(lines)
