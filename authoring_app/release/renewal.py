"""Renewing the freshness notice: a publisher confirms, in one step and without rebuilding
the bundle, that the latest release is still the current one (see notice.py). The notice
also names, in `withdrawn`, every answer of that release a clinician has withdrawn since
(review/withdrawal.py): bots drop them at their next pull.

The latest release is verified first, with the keys of the roster's publishers, so a
publisher never vouches for a release someone else slipped onto the branch.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import answer_kit
from answer_kit import minisign
from authoring_app.library.library import Library
from authoring_app.release import memo, published, recording
from authoring_app.release.notice import Notice, build_notice, current_notice, schema_files
from authoring_app.release.publishing import check_publisher
from authoring_app.review.keys import KeyStoreError, decode_public_key
from authoring_app.review.withdrawal import withdrawn_keys

# A release is renewed whatever its own expiry: that expiry only tells consumer kits that know
# no notices when to stop; each answer still leaves bots on its own next-review date.
_RENEWABLE = dt.datetime.max.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class Renewal:
    notice: Notice
    commit: str  # the commit on the published branch


def publisher_keys(library: Library) -> tuple[minisign.PublicKey, ...]:
    """The minisign keys of every publisher in the roster."""
    keys = []
    for person in library.roster.with_role("publisher"):
        try:
            keys.append(minisign.PublicKey.from_ed25519(decode_public_key(person.public_key)))
        except (KeyStoreError, ValueError, TypeError):
            continue
    return tuple(keys)


def latest_verified(library: Library, commit: str, now: dt.datetime) -> answer_kit.VerifiedBundle:
    """The release at `commit` of the published branch, verified with a publisher's key."""
    files = [
        published.read_large_file(library, "bundle.json", commit),
        published.read_file(library, "bundle.json.minisig", commit),
        published.read_file(library, "manifest.json", commit),
    ]
    if any(data is None for data in files):
        raise published.PublishError("the latest release on the published branch is incomplete")
    keys = publisher_keys(library)
    if not keys:
        raise published.PublishError("people.yaml has no publisher with a public key")
    bundle, signature, manifest = files
    try:
        return answer_kit.verify_bundle(
            bundle,
            signature,
            keys,
            manifest_bytes=manifest,
            now=now,
            allow_sample=library.info.sample,  # a sample library's own, renewed as such
            renewed_until=_RENEWABLE,  # renewing is what keeps it current past its expiry
        )
    except answer_kit.Refused as exc:
        raise published.PublishError(f"the latest release cannot be renewed: {exc}") from None


def renew_notice(
    library: Library, person_id: str, private_key, *, now: dt.datetime | None = None
) -> Renewal:
    """Issue a new freshness notice for the latest release, as publisher `person_id`, and
    record it on the published branch (deliver it with delivery.deliver)."""
    person = check_publisher(library, person_id, private_key)
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    with library.write_lock:
        tip = published.tip(library)
        if tip is None:
            raise published.PublishError("nothing has been published yet: publish a release first")
        release = latest_verified(library, tip, now)
        # Bots take a notice only if it was issued after the one they have (else: a replay),
        # to the second: a second renewal within the same second is dated the next one.
        before = current_notice(library)
        if before is not None and before.issued is not None and before.version == release.version:
            now = max(now, before.issued + dt.timedelta(seconds=1))
        notice = build_notice(
            library_name=library.info.name,
            version=release.version,
            sha256=release.sha256,
            size=len(release.bundle_bytes),
            signer=person,
            private_key=private_key,
            now=now,
            days=library.info.notice_days,
            # Answers clinicians withdrew since: bots drop them at their next pull.
            withdrawn=withdrawn_keys(library, among=(a["key"] for a in release.data["answers"])),
        )
        message = [
            f"Notice: release {release.version} is current until {notice.expires:%Y-%m-%d %H:%M}Z"
        ]
        prefix = f"{published.RENDER_TRAILER}: "
        trailer = [
            line
            for line in published.commit_message(library, tip).splitlines()
            if line.startswith(prefix)
        ]
        commit = recording.write_release(
            library,
            {**notice.files(), **schema_files()},
            version=None,
            person=person,
            message="\n".join([*message, "", *trailer]) if trailer else message[0],
            expected_tip=tip,
            now=now,
        )
    memo.carry_over(library, tip, commit)
    published.carry_hashes(library, tip, commit)
    return Renewal(notice, commit)
