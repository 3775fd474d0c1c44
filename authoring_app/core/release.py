"""Releases: plan what goes in, propose a version, build and sign the files, publish them.

A release holds exactly the answers whose current text has sign-offs meeting the library's
rules, and nothing else. The plan shows what was added, changed and removed since the last
release and proposes a semantic version; `publish` builds, signs and records the release on
the published branch (see published.py). The GUI and the CLI call the same functions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import git

from authoring_app.core import bundle as bundles
from authoring_app.core import minisign, published
from authoring_app.core.answers import AnswerKey
from authoring_app.core.audit import first_authors
from authoring_app.core.bundle import Governance, ReleaseAnswer, Reviewer
from authoring_app.core.keys import KeyStoreError, decode_public_key, encode_public_key
from authoring_app.core.library import Library, LibraryError
from authoring_app.core.roster import Person

Progress = Callable[[str, int, int], None]
CONTENT_PATHS = ("library.yaml", "people.yaml", "directory.yaml", "answers", "reviews")
_SEMVER = re.compile(r"^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$")
# The release commit's trailer naming the render digest its bundle was rendered with.
RENDER_TRAILER = "Rendered-with"


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
class LeftOut:
    """An answer that stays out of the release, and why, in words a publisher acts on."""

    key: AnswerKey
    title: str
    status: str
    reason: str


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
    bundle: dict = field(default_factory=dict, repr=False)  # assembled, version not final

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
    last: published.LatestRelease | None,
    release_time: dt.datetime,
    commit: str = "",
    published_tip: str | None = None,
    problems: Sequence[str] = (),
    progress: Progress | None = None,
    rendered: bundles.PreviousRendering | None = None,
) -> ReleasePlan:
    """A plan from answers already known to be signed off (the rest in `left_out`).

    `rendered`: the last release's rendering, if trusted, reused where it cannot differ."""
    entries = tuple(sorted(entries, key=lambda e: (e.answer.id, e.answer.locale)))
    left_out = tuple(sorted(left_out, key=lambda item: (item.key.id, item.key.locale)))
    problems = list(problems)
    expires = bundles.expiry(
        release_time,
        library.info.review_interval_months,
        (e.governance.next_review for e in entries),
    )
    previous = str(Version.parse(last.version)) if last else None
    assembled: dict = {}
    try:
        assembled = bundles.assemble(
            entries,
            info=library.info,
            directory=library.directory,
            version=previous or str(FIRST_VERSION),
            previous_version=previous,
            release_time=release_time,
            expires=expires,
            progress=progress,
            previous=rendered,
        )
    except bundles.BundleError as exc:
        problems += exc.reasons
    if not entries:
        problems.append("no answer is signed off and ready to publish")
    if expires <= release_time:
        problems.append("the release would already have expired: an answer's review is overdue")

    new = {a["key"]: a for a in assembled.get("answers", [])}
    old = {a["key"]: a for a in (last.bundle.get("answers", []) if last else [])}
    added = tuple(AnswerKey.parse(k) for k in sorted(set(new) - set(old)))
    removed = tuple(AnswerKey.parse(k) for k in sorted(set(old) - set(new)))
    changed = tuple(AnswerKey.parse(k) for k in sorted(set(new) & set(old)) if new[k] != old[k])

    if last is None:
        bump, why = "first", "the first release"
    elif last.bundle.get("format") != bundles.BUNDLE_FORMAT:
        bump, why = "major", f"the bundle format changed to {bundles.BUNDLE_FORMAT}"
    elif removed:
        bump, why = "major", f"{len(removed)} answer(s) removed"
    elif added:
        bump, why = "minor", f"{len(added)} answer(s) added"
    elif changed:
        bump, why = "patch", f"{len(changed)} answer(s) changed"
    elif assembled and bundles.content_of(assembled) != bundles.content_of(last.bundle):
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
        bundle=assembled,
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
    from authoring_app.core import status as statuses

    _require_saved(library)
    now = now or dt.datetime.now(dt.UTC)
    if progress is not None:
        progress("Checking sign-offs", 0, 1)
    # Reading the whole history for first authors is mostly waiting for git: meanwhile the
    # last release is read and every answer's status worked out.
    with ThreadPoolExecutor(max_workers=1) as background:
        firsts_later = background.submit(first_authors, library)
        published_tip = published.tip(library)
        try:
            last = published.latest_release(library)
            last_error = None
        except published.PublishError as exc:  # status shows nothing as published
            last, last_error = None, exc
        hashes = published.hashes_of(last) if last is not None else {}
        found = statuses.library_status(library, now=now, published=hashes)
        firsts = firsts_later.result()
    entries, left_out = [], []
    for key, state in sorted(found.items(), key=lambda kv: (kv[0].id, kv[0].locale)):
        answer = library.find(key)
        if answer is None:
            continue
        if state.publishable and state.content_hash == answer.content_hash():
            entries.append(ReleaseAnswer(answer, _governance(library, state, firsts)))
        else:
            left_out.append(LeftOut(key, answer.title, str(state.status), _reason(state)))
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
        rendered=previous_rendering(library, last) if reuse else None,
    )


def previous_rendering(
    library: Library, last: published.LatestRelease | None
) -> bundles.PreviousRendering | None:
    """The last release's rendering, if it can be trusted: its bundle's signature checks out
    with the key of a publisher in the roster, and its commit names the render digest."""
    if last is None or not last.commit:
        return None
    signature = published.read_file(library, "bundle.json.minisig", last.commit)
    if signature is None:
        return None
    trusted = False
    for person in library.roster.with_role("publisher"):
        if not person.public_key:
            continue
        try:
            key = decode_public_key(person.public_key)
            minisign.verify(last.bundle_bytes, signature.decode("utf-8"), key)
        except (KeyStoreError, minisign.SignatureError, UnicodeDecodeError, ValueError):
            continue
        trusted = True
        break
    if not trusted:
        return None
    digest = ""
    prefix = f"{RENDER_TRAILER}: "
    for line in published.commit_message(library, last.commit).splitlines():
        if line.startswith(prefix):
            digest = line[len(prefix) :].strip()
    if not digest:
        return None
    return bundles.PreviousRendering(last.bundle, digest)


def _governance(library: Library, state, firsts: dict) -> Governance:
    reviewers = tuple(
        Reviewer(s.name, s.credentials or "", s.time, s.meaning or Reviewer.meaning)
        for s in state.sign_offs
    )
    if state.review_due is not None:
        next_review = state.review_due
    else:
        last = max(s.time for s in state.sign_offs).astimezone(dt.UTC)
        next_review = bundles.add_months(last, library.info.review_interval_months).date()
    editor = library.roster.get(state.last_editor) if state.last_editor else None
    return Governance(
        signed_off_by=reviewers,
        next_review=next_review,
        author=_first_author(library, firsts.get(str(state.key))),
        last_editor=editor.name if editor else (state.last_editor or ""),
    )


def _first_author(library: Library, first: tuple[str | None, str] | None) -> str:
    """The name of whoever first wrote the answer (the oldest revision of its file)."""
    if first is None:
        return ""
    person_id, git_name = first
    person = library.roster.get(person_id) if person_id else None
    return person.name if person else git_name


def _reason(state) -> str:
    from authoring_app.core.status import Status

    status = state.status
    details = "; ".join(p.message for p in (state.problems or ()) if p.severity == "error")
    if status == Status.REVIEW_DUE:
        due = state.review_due.isoformat() if state.review_due else "an earlier date"
        text = f"approved, but its review was due on {due}: a clinician must sign it off again"
    elif status in (Status.DRAFT, Status.CHANGES_REQUESTED):
        text = f"{status}: not signed off"
        if state.void_sign_offs:
            text += " (the text changed after its sign-off)"
    elif status == Status.IN_REVIEW:
        text = f"in review: {len(state.sign_offs)} of {state.required} sign-off(s)"
    elif status == Status.CONFLICT:
        text = "edited on two machines: a person must resolve the conflict first"
    elif status == Status.RETIRED:
        text = "retired"
    else:
        text = f"{status}: its sign-offs do not meet the rules"
    if details:
        text += f" ({details})"
    return text


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
    bundle: dict = field(repr=False)
    bundle_bytes: bytes = field(repr=False)
    signature: str = field(repr=False)
    manifest_bytes: bytes = field(repr=False)
    publisher_key: str = field(repr=False)  # minisign .pub text
    sha256: str = ""
    record: published.ReleaseRecord | None = None


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


def build_release(plan: ReleasePlan, version: str, private_key, signer: Person) -> BuiltRelease:
    """Give the planned bundle its version, then write and sign its files (deterministic)."""
    if plan.problems:
        raise ReleaseError("cannot publish: " + "; ".join(plan.problems))
    data = dict(plan.bundle, version=version, previous_version=plan.previous_version)
    bundle_bytes = bundles.canonical_json(data)
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
        bundle=data,
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
) -> PublishResult:
    """Build, sign and record the release `plan` describes, as `person_id`.

    Refuses if the library or the published branch moved since the plan was made.
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
        built = build_release(plan, chosen, private_key, person)
        last_records = published.release_records(library, plan.published_tip)
        index = {
            "format": bundles.BUNDLE_FORMAT,
            "library": library.info.name,
            "latest": chosen,
            "releases": [built.record.to_json()] + [r.to_json() for r in last_records],
        }
        files = {
            f"releases/{chosen}/bundle.json": built.bundle_bytes,
            f"releases/{chosen}/bundle.json.minisig": built.signature.encode("utf-8"),
            f"releases/{chosen}/manifest.json": built.manifest_bytes,
            "bundle.json": built.bundle_bytes,
            "bundle.json.minisig": built.signature.encode("utf-8"),
            "manifest.json": built.manifest_bytes,
            "releases.json": bundles.canonical_json(index),
            "publisher.pub": built.publisher_key.encode("ascii"),
        }
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
        )
    # The app shows which answers are published; remember them now rather than have it
    # parse this (possibly very large) bundle again.
    published.remember_hashes(
        library, commit, {item.key: item.answer.content_hash() for item in plan.included}
    )
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
