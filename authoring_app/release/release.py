"""Releases: plan what goes in, propose a version, build and sign the files, publish them.

A release holds exactly the answers whose current text has sign-offs meeting the library's
rules, and nothing else. The plan shows what was added, changed and removed since the last
release and proposes a semantic version; `publish` builds, signs and records the release on
the published branch (see published.py). The GUI and the CLI call the same functions.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property

import git

from answer_kit import minisign
from authoring_app.library.answer import AnswerKey
from authoring_app.library.audit import first_authors
from authoring_app.library.library import Library, LibraryError
from authoring_app.library.roster import Person
from authoring_app.release import bundle as bundles
from authoring_app.release import entries as release_entries
from authoring_app.release import memo as release_memo
from authoring_app.release import published
from authoring_app.release.bundle import ReleaseAnswer
from authoring_app.release.entries import LeftOut
from authoring_app.review.keys import encode_public_key

Progress = Callable[[str, int, int], None]
CONTENT_PATHS = ("library.yaml", "people.yaml", "directory.yaml", "answers", "reviews")
_SEMVER = re.compile(r"^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$")
RENDER_TRAILER = published.RENDER_TRAILER
previous_rendering = release_memo.previous_rendering  # where it lived before


class ReleaseError(LibraryError):
    """A release cannot be made; the message says why (naming each answer concerned)."""


# ---------------------------------------------------------------- versions


@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int
    patch: int

    @classmethod
    def parse(cls, text: str) -> Version:
        match = _SEMVER.match(str(text).strip())
        if not match:
            raise ReleaseError(f"{text!r} is not a version like 1.2.0 (MAJOR.MINOR.PATCH)")
        return cls(*map(int, match.groups()))

    def bump(self, kind: str) -> Version:
        if kind == "major":
            return Version(self.major + 1, 0, 0)
        if kind == "minor":
            return Version(self.major, self.minor + 1, 0)
        return Version(self.major, self.minor, self.patch + 1)

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"


FIRST_VERSION = Version(1, 0, 0)


# ---------------------------------------------------------------- the plan


@dataclass(frozen=True)
class ReleasePlan:
    """What a release would contain and how it differs from the last one."""

    included: tuple[ReleaseAnswer, ...]
    added: tuple[AnswerKey, ...]
    changed: tuple[AnswerKey, ...]
    removed: tuple[AnswerKey, ...]
    left_out: tuple[LeftOut, ...]
    previous_version: str | None
    proposed_version: str
    bump: str  # "first", "major", "minor", "patch" or "none"
    why: str  # why this bump, in one line
    release_time: dt.datetime
    expires: dt.datetime
    commit: str = ""  # the library commit the plan was made from
    published_tip: str | None = None  # the published branch commit it was made against
    problems: tuple[str, ...] = ()  # why it cannot be published
    assembled: release_memo.Assembled | None = field(default=None, repr=False)

    @cached_property
    def bundle(self) -> dict:
        """The assembled bundle's data, version not final ({} if it could not be built).
        Parsed from its bytes on first use: publishing itself never needs it."""
        return json.loads(self.assembled.to_bytes()) if self.assembled is not None else {}

    @property
    def review_due(self) -> tuple[LeftOut, ...]:
        return tuple(item for item in self.left_out if item.status == "review due")

    @property
    def nothing_changed(self) -> bool:
        return self.bump == "none"

    @property
    def can_publish(self) -> bool:
        return not self.problems and not self.nothing_changed

    def left_out_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for item in self.left_out:
            counts[item.status] = counts.get(item.status, 0) + 1
        return dict(sorted(counts.items()))


def make_plan(
    entries: Iterable[ReleaseAnswer],
    left_out: Iterable[LeftOut],
    *,
    library: Library,
    last: release_memo.Previous | None,
    release_time: dt.datetime,
    commit: str = "",
    published_tip: str | None = None,
    problems: Sequence[str] = (),
    progress: Progress | None = None,
    prepared: release_memo.Prepared | None = None,
) -> ReleasePlan:
    """A plan from answers already known to be signed off (the rest in `left_out`).

    `last`: the last release; what of it can be trusted is reused where it cannot differ.
    `prepared`: `release_memo.prepare` of these entries, if already made."""
    entries = tuple(sorted(entries, key=lambda e: (e.answer.id, e.answer.locale)))
    left_out = tuple(sorted(left_out, key=lambda item: (item.key.id, item.key.locale)))
    problems = list(problems)
    expires = bundles.expiry(
        release_time,
        library.info.review_interval_months,
        (e.governance.next_review for e in entries),
    )
    previous = str(Version.parse(last.version)) if last else None
    assembled = None
    try:
        details = bundles.bundle_details(
            info=library.info,
            directory=library.directory,
            version=previous or str(FIRST_VERSION),
            previous_version=previous,
            release_time=release_time,
            expires=expires,
        )
        assembled = release_memo.assemble(
            entries,
            info=library.info,
            directory=library.directory,
            details=details,
            previous=last,
            progress=progress,
            prepared=prepared,
        )
    except bundles.BundleError as exc:
        problems += exc.reasons
    if not entries:
        problems.append("no answer is signed off and ready to publish")
    if expires <= release_time:
        problems.append("the release would already have expired: an answer's review is overdue")
    added, changed, removed = (
        tuple(map(AnswerKey.parse, keys)) for keys in release_memo.differences(assembled, last)
    )

    if last is None:
        bump, why = "first", "the first release"
    elif last.format != bundles.BUNDLE_FORMAT:
        bump, why = "major", f"the bundle format changed to {bundles.BUNDLE_FORMAT}"
    elif removed:
        bump, why = "major", f"{len(removed)} answer(s) removed"
    elif added:
        bump, why = "minor", f"{len(added)} answer(s) added"
    elif changed:
        bump, why = "patch", f"{len(changed)} answer(s) changed"
    elif assembled and release_memo.details_digest(assembled.details) != last.details:
        bump, why = "patch", "the directory or library details changed"
    else:
        bump, why = "none", f"nothing has changed since release {previous}"
    if bump == "first":
        proposed = str(FIRST_VERSION)
    elif bump == "none":
        proposed = previous or str(FIRST_VERSION)
    else:
        proposed = str(Version.parse(previous).bump(bump))
    return ReleasePlan(
        included=entries,
        added=added,
        changed=changed,
        removed=removed,
        left_out=left_out,
        previous_version=previous,
        proposed_version=proposed,
        bump=bump,
        why=why,
        release_time=release_time,
        expires=expires,
        commit=commit,
        published_tip=published_tip,
        problems=tuple(problems),
        assembled=assembled,
    )


def plan_release(
    library: Library,
    *,
    now: dt.datetime | None = None,
    include: Iterable[AnswerKey] = (),
    progress: Progress | None = None,
    reuse: bool = True,
) -> ReleasePlan:
    """Plan a release of the library as committed now.

    `include` names answers that must be in it: if any is not signed off, the plan carries a
    problem naming it and why, and cannot be published. With `reuse`, what the last release
    rendered is reused for answers whose rendering cannot differ (the same bytes either way).
    """
    from authoring_app.review import status as statuses

    _require_saved(library)
    now = now or dt.datetime.now(dt.UTC)
    if progress is not None:
        progress("Checking sign-offs", 0, 1)
    # First authors and the last release's bundle come from git: meanwhile every answer's
    # status is worked out, and each answer's part of the bundle prepared.
    with ThreadPoolExecutor(max_workers=2) as background:
        firsts_later = background.submit(first_authors, library)
        published_tip = published.tip(library)
        last, last_error, prepared = None, None, None
        memo = release_memo.load(library, published_tip) if reuse else None
        if memo is not None:  # a release this app made: its bundle is not parsed
            bundle_later = background.submit(release_memo.read_bundle, library, memo)
            hashes = release_memo.published_hashes(memo)
            found = statuses.library_status(library, now=now, published=hashes, remember=False)
            entries, left_out = release_entries.select(library, found, firsts_later.result())
            with contextlib.suppress(bundles.BundleError):  # make_plan reports it
                prepared = release_memo.prepare(entries, library.info, library.directory)
            last = release_memo.from_memo(memo, bundle_later.result())
        if last is None:
            last, last_error = release_memo.read_last(library, reuse)
            hashes = last.answer_hashes() if last is not None else {}
            found = statuses.library_status(library, now=now, published=hashes, remember=False)
            entries, left_out = release_entries.select(library, found, firsts_later.result())
            prepared = None
    problems = []
    for key in include:
        item = next((i for i in left_out if i.key == key), None)
        if item is not None:
            problems.append(f"{key} cannot be included: {item.reason}")
        elif not any(e.key == key for e in entries):
            problems.append(f"{key} cannot be included: there is no such answer")
    if last_error is not None:
        raise last_error
    return make_plan(
        entries,
        left_out,
        library=library,
        last=last,
        release_time=commit_time(library),
        commit=library.head() or "",
        published_tip=published_tip,
        problems=problems,
        progress=progress,
        prepared=prepared,
    )


def commit_time(library: Library) -> dt.datetime:
    """When the library's current commit was made: the release time (never the clock)."""
    if library.repo is None:
        raise ReleaseError(f"{library.path} is not a git repository")
    try:
        text = library.repo.git.log("-1", "--format=%cI", "HEAD")
    except git.GitCommandError:
        raise ReleaseError("the library has no saved revision yet") from None
    return bundles.parse_utc(text)


def _require_saved(library: Library) -> None:
    """A release is made from saved (committed) text only, so its time and content agree."""
    if library.repo is None:
        raise ReleaseError(f"{library.path} is not a git repository")
    dirty = library.repo.git.status("--porcelain", "--", *CONTENT_PATHS).splitlines()
    if dirty:
        names = ", ".join(line[3:] for line in dirty[:5])
        more = f" and {len(dirty) - 5} more" if len(dirty) > 5 else ""
        raise ReleaseError(f"the library has unsaved changes ({names}{more}); save them first")


# ---------------------------------------------------------------- building and publishing


@dataclass(frozen=True)
class BuiltRelease:
    """The signed files of one release."""

    version: str
    bundle_bytes: bytes = field(repr=False)
    signature: str = field(repr=False)
    manifest_bytes: bytes = field(repr=False)
    publisher_key: str = field(repr=False)  # minisign .pub text
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
        publisher_key=public.to_file_text(),
        sha256=sha256,
        record=record,
    )


def check_publisher(library: Library, person_id: str, private_key) -> Person:
    """The roster entry of `person_id`, if they are a publisher and `private_key` is theirs."""
    person = library.roster.get(person_id)
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
    return StoredAhead(plan, chosen, data, published.start_storing(library, data))


@dataclass(frozen=True)
class PublishResult:
    plan: ReleasePlan
    release: BuiltRelease
    commit: str  # the commit on the published branch
    tag: str


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
        _require_saved(library)
        if progress is not None:
            progress("Signing the bundle", 1, 3)
        # Storing the large bundle in git (compressing it) takes git a while: it runs while
        # the bundle is signed and the other files are written.
        if ahead is not None and ahead.plan is plan and ahead.version == chosen:
            bundle_bytes, bundle_blob = ahead.bundle_bytes, ahead.blob
        else:
            bundle_bytes = release_bytes(plan, chosen)
            bundle_blob = published.start_storing(library, bundle_bytes)
        built = build_release(plan, chosen, private_key, person, bundle_bytes)
        files = published.release_files(
            library,
            built.record,
            bundle=bundle_bytes,
            signature=built.signature,
            manifest=built.manifest_bytes,
            publisher_key=built.publisher_key,
            after=plan.published_tip,
        )
        if progress is not None:
            progress("Recording the release", 2, 3)
        commit = published.write_release(
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
    return PublishResult(plan, built, commit, f"v{chosen}")


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
    lines += ["", f"{RENDER_TRAILER}: {bundles.render_digest()}"]
    return "\n".join(lines)
