"""A bundle: the approved answers of one release, rendered for every channel, as canonical JSON.

`assemble` turns answers with their governance into the bundle's data; `canonical_json` writes
it so the same data always gives the same bytes (sorted keys, fixed separators, UTF-8, one
trailing newline). Consumers never need a Markdown parser: bodies are rendered here once, as
sanitised HTML, Telegram messages and plain text. See docs/bundle-format.md.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from authoring_app.library.answer import Answer
from authoring_app.library.directory import Directory, Service, localise, referenced_ids
from authoring_app.library.info import LibraryInfo

BUNDLE_FORMAT = 2  # 2: each answer's signed evidence, and the governed trust it rests on


class BundleError(Exception):
    """The bundle cannot be built; the message names each answer and why."""

    def __init__(self, reasons: Sequence[str]):
        self.reasons = tuple(reasons)
        super().__init__("; ".join(self.reasons))


@dataclass(frozen=True)
class Reviewer:
    """One clinical sign-off as consumers see it."""

    name: str
    credentials: str
    time: dt.datetime
    meaning: str = "clinical approval for publication"


@dataclass(frozen=True)
class Governance:
    """Who wrote and signed off an answer, and when it is next due for review."""

    signed_off_by: tuple[Reviewer, ...]
    next_review: dt.date
    author: str = ""
    last_editor: str = ""
    # The signed records behind it (the sign-offs that count and the edit that made the text
    # someone's), for consumers to check against the governed roster themselves.
    evidence: tuple[dict, ...] = ()
    # Governors' signed exceptions to must-fix checks for this exact text: check, reason,
    # governor (name), time and the signed record itself.
    exceptions: tuple[dict, ...] = ()

    @property
    def last_reviewed(self) -> dt.date | None:
        times = [r.time for r in self.signed_off_by]
        return max(times).astimezone(dt.UTC).date() if times else None


@dataclass(frozen=True)
class ReleaseAnswer:
    """An answer going into a release, with its governance."""

    answer: Answer
    governance: Governance

    @property
    def key(self):
        return self.answer.key


# ---------------------------------------------------------------- time


def iso_utc(moment: dt.datetime) -> str:
    """`2026-11-22T17:13:03Z`: UTC, whole seconds."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc(text: str) -> dt.datetime:
    """Read an ISO time (a trailing Z or an offset); a time without zone is taken as UTC."""
    moment = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def add_months(moment: dt.datetime, months: int) -> dt.datetime:
    """The same day and time `months` later (the last day of a shorter month)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def expiry(
    release_time: dt.datetime, review_interval_months: int, next_reviews: Iterable[dt.date]
) -> dt.datetime:
    """Release time plus the review interval, but no later than the earliest next review."""
    latest = add_months(release_time.astimezone(dt.UTC), review_interval_months)
    for day in next_reviews:
        midnight = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
        latest = min(latest, midnight)
    return latest.replace(microsecond=0)


# ---------------------------------------------------------------- canonical JSON


def canonical_json(data: object) -> bytes:
    """Sorted keys, `,` and `:` separators, UTF-8 (not escaped), one trailing newline."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return (text + "\n").encode("utf-8")


# ---------------------------------------------------------------- assembling


def _localised_all(value, locales: Sequence[str]) -> dict[str, str]:
    out = {}
    for locale in locales:
        text = localise(value, locale)
        if text:
            out[locale] = text
    return out


def service_all(service: Service, locales: Sequence[str]) -> dict:
    return service.to_json(lambda value: _localised_all(value, locales))


def answer_problems(answer: Answer, directory: Directory) -> list[str]:
    """Why this answer cannot go into a bundle: services the directory does not have."""
    missing = [ref for ref in referenced_ids(answer) if directory.get(ref) is None]
    if missing:
        return [f"{answer.key}: names {', '.join(missing)}, which directory.yaml does not have"]
    return []


def _governance_json(governance: Governance) -> dict:
    reviewers = sorted(governance.signed_off_by, key=lambda r: (r.time, r.name))
    data = {
        "signed_off_by": [
            {
                "name": r.name,
                "credentials": r.credentials,
                "time": iso_utc(r.time),
                "meaning": r.meaning,
            }
            for r in reviewers
        ],
        "next_review": governance.next_review.isoformat(),
        "author": governance.author,
        "last_editor": governance.last_editor,
        "evidence": list(governance.evidence),
    }
    last = governance.last_reviewed
    data["last_reviewed"] = last.isoformat() if last else None
    if governance.exceptions:
        data["exceptions"] = list(governance.exceptions)
    return data


def answer_skeleton(
    entry: ReleaseAnswer,
    info: LibraryInfo,
    directory: Directory,
    locales_of_id: Sequence[str],
    services: dict | None = None,
) -> dict:
    """One answer in the bundle without its rendered parts (`RENDERED`): cheap to build.

    `services`: the JSON of each service in each locale, (id, locale) -> dict, filled in as
    needed; pass one dict for every answer of a bundle so each is worked out once."""
    answer = entry.answer
    topic = info.topic(answer.topic)
    services = {} if services is None else services
    referenced = referenced_ids(answer)
    for ref in referenced:
        if (ref, answer.locale) not in services:
            services[ref, answer.locale] = directory.get(ref).to_json(
                lambda value: localise(value, answer.locale)
            )
    skeleton = {
        "id": answer.id,
        "locale": answer.locale,
        "key": str(answer.key),
        "topic": {
            "id": answer.topic,
            "title": topic.label(answer.locale) if topic else answer.topic,
        },
        "title": answer.title,
        "questions": list(answer.questions),
        "visibility": answer.visibility,
        "tags": list(answer.tags),
        # A DOI goes out as its https://doi.org/ address: every consumer can follow it.
        "sources": [
            {"title": s.title, "url": s.address} if s.address else {"title": s.title}
            for s in answer.sources
        ],
        "services": [services[ref, answer.locale] for ref in referenced],
        "translations": [locale for locale in locales_of_id if locale != answer.locale],
        "translation_of": answer.translation_of,
        "content_hash": answer.content_hash(),
        "governance": _governance_json(entry.governance),
    }
    if answer.kind != "answer":  # an answer's bytes are what they were before kinds
        skeleton["kind"] = answer.kind
        skeleton["triggers"] = list(answer.triggers)
    return skeleton


RENDERED = ("summary", "red_flags", "body")  # the parts of an answer `render_parts` makes


def with_parts(answer: Answer, skeleton: dict, parts: dict) -> dict:
    """The answer's skeleton completed with its rendered parts, if they can be published."""
    if parts["summary_messages"] > 1:
        raise BundleError([f"{answer.key}: the summary does not fit one Telegram message"])
    if answer.body.strip() and not parts["body"]["text"].strip():
        raise BundleError(
            [f"{answer.key}: the body renders as nothing (nested too deeply?); simplify it"]
        )
    return {**skeleton, **{name: parts[name] for name in RENDERED}}


def check_entries(entries: Sequence[ReleaseAnswer], info: LibraryInfo, directory: Directory):
    """Raise BundleError naming every answer (and emergency number) the directory lacks."""
    reasons = [r for e in entries for r in answer_problems(e.answer, directory)]
    missing = [ref for ref in info.emergency if directory.get(ref) is None]
    if missing:
        reasons.append(
            f"library.yaml names emergency numbers {', '.join(missing)} not in the directory"
        )
    if reasons:
        raise BundleError(reasons)


def locales_by_id(entries: Iterable[ReleaseAnswer]) -> dict[str, list[str]]:
    """Answer id -> the locales of it in the release, sorted (each answer's translations)."""
    locales: dict[str, list[str]] = {}
    for entry in entries:
        locales.setdefault(entry.answer.id, []).append(entry.answer.locale)
    return {answer_id: sorted(found) for answer_id, found in locales.items()}


def bundle_details(
    *,
    info: LibraryInfo,
    directory: Directory,
    version: str,
    previous_version: str | None,
    release_time: dt.datetime,
    expires: dt.datetime,
    trust: dict | None = None,
) -> dict:
    """Everything in the bundle but its answers (`trust`: see release/trust.py)."""
    details = {
        "format": BUNDLE_FORMAT,
        "version": version,
        "previous_version": previous_version,
        "release_time": iso_utc(release_time),
        "expires": iso_utc(expires),
        "library": {
            "name": info.name,
            "organisation": info.organisation,
            "locales": list(info.locales),
            "default_locale": info.default_locale,
            "sample": info.sample,
        },
        "topics": [
            {"id": t.id, "title": _localised_all(t.title, info.locales)} for t in info.topics
        ],
        "emergency": [service_all(directory.get(ref), info.locales) for ref in info.emergency],
        "directory": [service_all(s, info.locales) for s in sorted(directory, key=lambda s: s.id)],
    }
    if trust is not None:
        details["trust"] = trust
    return details


def content_of(bundle: dict) -> dict:
    """The bundle without its release details (version, times): what a release changes."""
    skip = {"version", "previous_version", "release_time", "expires"}
    return {k: v for k, v in bundle.items() if k not in skip}


def answer_hashes(bundle: dict) -> dict[str, str]:
    """`id.locale` -> content hash of every answer in a bundle's data."""
    return {
        f"{a['id']}.{a['locale']}": a["content_hash"]
        for a in bundle.get("answers", [])
        if isinstance(a, dict) and "id" in a and "locale" in a
    }
