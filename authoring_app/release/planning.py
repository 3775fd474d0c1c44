"""Planning a release: what goes in, how it differs from the last one, and its version.

A release holds exactly the answers whose current text has sign-offs meeting the library's
rules, and nothing else. The plan shows what was added, changed and removed since the last
release and proposes a semantic version (publishing.py builds, signs and records it). The
GUI and the CLI call the same functions.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property

import git

from authoring_app.library import questions
from authoring_app.library.answer import AnswerKey
from authoring_app.library.audit import first_authors
from authoring_app.library.library import Library, LibraryError
from authoring_app.release import bundle as bundles
from authoring_app.release import entries as release_entries
from authoring_app.release import fragments, published
from authoring_app.release import memo as release_memo
from authoring_app.release.bundle import ReleaseAnswer
from authoring_app.release.entries import LeftOut
from authoring_app.release.trust import trust_changes, trust_section
from authoring_app.review.governance import Governed
from authoring_app.review.governed import governed

Progress = Callable[[str, int, int], None]
CONTENT_PATHS = ("library.yaml", "people.yaml", "directory.yaml", "answers", "reviews")
_SEMVER = re.compile(r"^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$")


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
    assembled: fragments.Assembled | None = field(default=None, repr=False)
    trust_changes: tuple[str, ...] = ()  # what changed in trust since the last release

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
    prepared: fragments.Prepared | None = None,
    trusted: Governed | None = None,
) -> ReleasePlan:
    """A plan from answers already known to be signed off (the rest in `left_out`).

    `last`: the last release; what of it can be trusted is reused where it cannot differ.
    `prepared`: `fragments.prepare` of these entries, if already made. `trusted`: the
    library's governed state (`governed(library)`), whose library details, directory and
    trust the bundle carries."""
    trusted = trusted or governed(library)
    entries = tuple(sorted(entries, key=lambda e: (e.answer.id, e.answer.locale)))
    left_out = tuple(sorted(left_out, key=lambda item: (item.key.id, item.key.locale)))
    problems = list(problems) + _trust_problems(trusted)
    info, directory = trusted.info, trusted.directory
    missing = info.missing_statements(sorted({e.answer.locale for e in entries}))
    if missing and trusted.founded:
        problems.append(
            "the governed library.yaml lacks what every published answer must carry: "
            f"{', '.join(missing)} (under `statements`: interests, report_an_error, "
            "consultation); the governors add them"
        )
    expires = bundles.expiry(
        release_time,
        info.review_interval_months,
        (e.governance.next_review for e in entries),
    )
    trust = trust_section(trusted) if trusted.founded else None
    previous = str(Version.parse(last.version)) if last else None
    assembled = None
    try:
        details = bundles.bundle_details(
            info=info,
            directory=directory,
            version=previous or str(FIRST_VERSION),
            previous_version=previous,
            release_time=release_time,
            expires=expires,
            trust=trust,
        )
        assembled = fragments.assemble(
            entries,
            info=info,
            directory=directory,
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
    elif assembled and fragments.details_digest(assembled.details) != last.details:
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
        trust_changes=tuple(trust_changes(last.trust if last else None, trust or {})),
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
    from authoring_app.review import library_status as statuses

    require_saved(library)
    now = now or dt.datetime.now(dt.UTC)
    trusted = governed(library, now)
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
            entries, left_out = release_entries.select(
                library, found, firsts_later.result(), trusted
            )
            with contextlib.suppress(bundles.BundleError):  # make_plan reports it
                prepared = fragments.prepare(entries, trusted.info, trusted.directory)
            last = release_memo.from_memo(memo, bundle_later.result())
        if last is None:
            last, last_error = release_memo.read_last(library, reuse)
            hashes = last.answer_hashes() if last is not None else {}
            found = statuses.library_status(library, now=now, published=hashes, remember=False)
            entries, left_out = release_entries.select(
                library, found, firsts_later.result(), trusted
            )
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
        trusted=trusted,
    )


def _trust_problems(trusted: Governed) -> list[str]:
    """Why the governed state allows no release: no governors, or rules that do not hold."""
    if not trusted.founded:
        return [
            "the library has no governors yet: a release rests on the roster and rules they "
            "sign (authoring-app governance found)"
        ]
    if not trusted.info.rules_valid:
        return ["the governed sign-off rules are not valid: the governors must sign valid rules"]
    return []


def question_report(
    plan: ReleasePlan, directory, progress: Callable[[int, int], None] | None = None
) -> questions.QuestionReport:
    """Whether each answer's own questions find it among the answers the release holds,
    which is what bots will match against: a warning for the publisher, never a refusal."""
    return questions.report([entry.answer for entry in plan.included], directory, progress)


def commit_time(library: Library) -> dt.datetime:
    """When the library's current commit was made: the release time (never the clock)."""
    if library.repo is None:
        raise ReleaseError(f"{library.path} is not a git repository")
    try:
        text = library.repo.git.log("-1", "--format=%cI", "HEAD")
    except git.GitCommandError:
        raise ReleaseError("the library has no saved revision yet") from None
    return bundles.parse_utc(text)


def require_saved(library: Library) -> None:
    """A release is made from saved (committed) text only, so its time and content agree."""
    if library.repo is None:
        raise ReleaseError(f"{library.path} is not a git repository")
    dirty = library.repo.git.status("--porcelain", "--", *CONTENT_PATHS).splitlines()
    if dirty:
        names = ", ".join(line[3:] for line in dirty[:5])
        more = f" and {len(dirty) - 5} more" if len(dirty) > 5 else ""
        raise ReleaseError(f"the library has unsaved changes ({names}{more}); save them first")
