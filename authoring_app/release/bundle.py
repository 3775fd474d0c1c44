"""A bundle: the approved answers of one release, rendered for every channel, as canonical JSON.

`assemble` turns answers with their governance into the bundle's data; `canonical_json` writes
it so the same data always gives the same bytes (sorted keys, fixed separators, UTF-8, one
trailing newline). Consumers never need a Markdown parser: bodies are rendered here once, as
sanitised HTML, Telegram messages and plain text. See docs/bundle-format.md.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from authoring_app.library.answer import Answer
from authoring_app.library.directory import Directory, Service, localise
from authoring_app.library.info import LibraryInfo
from authoring_app.library.text import find_refs
from authoring_app.release.render import expand_refs, render_all, render_text

BUNDLE_FORMAT = 1
# Fewer answers than this to render are rendered in this process: starting workers costs more.
PARALLEL_MIN = 200
_CHUNK = 40


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


def _service_all(service: Service, locales: Sequence[str]) -> dict:
    return service.to_json(lambda value: _localised_all(value, locales))


def _referenced(answer: Answer) -> list[str]:
    """Directory ids the answer names: refer_to first, then {{ref:ID}} in its text."""
    ids = list(answer.refer_to)
    for text in (answer.summary, *answer.red_flags, answer.body):
        ids += find_refs(text)
    return list(dict.fromkeys(ids))


def answer_problems(answer: Answer, directory: Directory) -> list[str]:
    """Why this answer cannot go into a bundle: services the directory does not have."""
    missing = [ref for ref in _referenced(answer) if directory.get(ref) is None]
    if missing:
        return [f"{answer.key}: names {', '.join(missing)}, which directory.yaml does not have"]
    return []


def _expanded(answer: Answer, text: str, directory: Directory) -> str:
    def resolve(ref: str) -> str | None:
        service = directory.get(ref)
        return service.label(answer.locale) if service is not None else None

    return expand_refs(text, resolve)


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
    }
    last = governance.last_reviewed
    data["last_reviewed"] = last.isoformat() if last else None
    return data


@lru_cache(maxsize=1)
def render_digest() -> str:
    """What the rendered parts of a bundle depend on besides the texts: this code's source,
    the Markdown parser's version and the bundle format. Any change gives another digest, so
    output rendered by other code is never reused."""
    import markdown_it

    from authoring_app.library import text
    from authoring_app.release import render

    digest = hashlib.sha256(
        f"format={BUNDLE_FORMAT};markdown-it={markdown_it.__version__};".encode()
    )
    for module in (render.__file__, text.__file__, __file__):
        digest.update(Path(module).read_bytes())
    return "sha256:" + digest.hexdigest()


def _texts(answer: Answer, directory: Directory) -> tuple[str, tuple[str, ...], str]:
    """The summary, red flags and body with their {{ref:ID}} written out: what is rendered."""
    return (
        _expanded(answer, answer.summary, directory),
        tuple(_expanded(answer, flag, directory) for flag in answer.red_flags),
        _expanded(answer, answer.body, directory),
    )


def render_parts(texts: tuple[str, tuple[str, ...], str]) -> dict:
    """The rendered summary, red flags and body of one answer (a pure function of `texts`)."""
    summary, flags, body_text = texts
    summary_rendered = render_all(summary)
    body = render_all(body_text)
    return {
        "summary": {
            "text": summary_rendered.text,
            "telegram": summary_rendered.telegram[0] if summary_rendered.telegram else "",
            "html": summary_rendered.html,
        },
        "summary_messages": len(summary_rendered.telegram),
        "red_flags": [render_text(flag) for flag in flags],
        "body": {"html": body.html, "telegram": list(body.telegram), "text": body.text},
    }


def _render_chunk(chunk: Sequence[tuple[str, tuple[str, ...], str]]) -> list[dict]:
    return [render_parts(texts) for texts in chunk]


class PreviousRendering:
    """The rendered parts of a previous, trusted bundle, reused for answers whose rendering
    cannot differ: the same content hash, the same render digest, the same library locales,
    and every directory entry the texts refer to unchanged. Anything else is rendered again,
    so the result is always what a full rebuild gives."""

    def __init__(self, bundle: Mapping, digest: str):
        self.usable = digest == render_digest() and bundle.get("format") == BUNDLE_FORMAT
        library = bundle.get("library") if isinstance(bundle.get("library"), dict) else {}
        self.locales = library.get("locales")
        self.directory = {
            s["id"]: s for s in bundle.get("directory", ()) if isinstance(s, dict) and "id" in s
        }
        self.answers = {
            a["key"]: a
            for a in bundle.get("answers", ())
            if isinstance(a, dict) and isinstance(a.get("key"), str)
        }

    def parts(self, answer: Answer, info: LibraryInfo, directory: Directory) -> dict | None:
        if not self.usable or self.locales != list(info.locales):
            return None
        if answer.locale not in info.locales:
            return None
        old = self.answers.get(str(answer.key))
        if old is None or old.get("content_hash") != answer.content_hash():
            return None
        for text in (answer.summary, *answer.red_flags, answer.body):
            for ref in find_refs(text):
                service = directory.get(ref)
                if service is None or self.directory.get(ref) != _service_all(
                    service, info.locales
                ):
                    return None
        return parts_of(old)


def parts_of(old: Mapping) -> dict | None:
    """The rendered parts of an answer in an earlier bundle, as `render_parts` gives them."""
    try:
        return {
            "summary": dict(old["summary"]),
            "summary_messages": 1 if old["summary"]["telegram"] else 0,
            "red_flags": list(old["red_flags"]),
            "body": {
                "html": old["body"]["html"],
                "telegram": list(old["body"]["telegram"]),
                "text": old["body"]["text"],
            },
        }
    except (KeyError, TypeError):
        return None


def _workers() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def render_many(
    jobs: Sequence[tuple[str, tuple[str, ...], str]],
    progress=None,
    *,
    names: Sequence[str] = (),
    parallel: bool = True,
) -> list[dict]:
    """`render_parts` of every job, in order; on several cores for many jobs. `names` (one
    per job) are what progress reports."""

    def report(index: int) -> None:
        if progress is not None:
            name = names[min(index, len(names) - 1)] if names else ""
            progress(f"Rendering {name}".rstrip(), index, len(jobs))

    workers = _workers() if parallel else 1
    if workers < 2 or len(jobs) < PARALLEL_MIN:
        out = []
        for index, texts in enumerate(jobs):
            report(index)
            out.append(render_parts(texts))
        return out
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    chunks = [jobs[i : i + _CHUNK] for i in range(0, len(jobs), _CHUNK)]
    # A fork is quick and re-imports nothing, but is only safe with no other thread running
    # (the GUI has some): then workers come from a fork server.
    method = "fork" if threading.active_count() == 1 else "forkserver"
    out = []
    try:
        context = multiprocessing.get_context(method)
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for rendered in pool.map(_render_chunk, chunks):
                report(len(out))
                out += rendered
    except (BrokenProcessPool, OSError, ValueError):  # no workers: render here, same result
        out = out + [render_parts(texts) for texts in jobs[len(out) :]]
    return out


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
    referenced = _referenced(answer)
    for ref in referenced:
        if (ref, answer.locale) not in services:
            services[ref, answer.locale] = directory.get(ref).to_json(
                lambda value: localise(value, answer.locale)
            )
    return {
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
        "sources": [s.to_json() for s in answer.sources],
        "services": [services[ref, answer.locale] for ref in referenced],
        "translations": [locale for locale in locales_of_id if locale != answer.locale],
        "translation_of": answer.translation_of,
        "content_hash": answer.content_hash(),
        "governance": _governance_json(entry.governance),
    }


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


def answer_json(
    entry: ReleaseAnswer,
    info: LibraryInfo,
    directory: Directory,
    locales_of_id: Sequence[str],
    parts: dict | None = None,
) -> dict:
    """One answer in the bundle, rendered for every channel (`parts`: already rendered)."""
    if parts is None:
        parts = render_parts(_texts(entry.answer, directory))
    skeleton = answer_skeleton(entry, info, directory, locales_of_id)
    return with_parts(entry.answer, skeleton, parts)


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


def render_missing(
    entries: Sequence[ReleaseAnswer],
    parts: list[dict | None],
    directory: Directory,
    progress=None,
    parallel: bool = True,
) -> list[dict]:
    """`parts` with every None rendered (on several cores if many)."""
    todo = [index for index, found in enumerate(parts) if found is None]
    rendered = render_many(
        [_texts(entries[i].answer, directory) for i in todo],
        progress,
        names=[str(entries[i].answer.key) for i in todo],
        parallel=parallel,
    )
    parts = list(parts)
    for index, result in zip(todo, rendered, strict=True):
        parts[index] = result
    return parts


def bundle_details(
    *,
    info: LibraryInfo,
    directory: Directory,
    version: str,
    previous_version: str | None,
    release_time: dt.datetime,
    expires: dt.datetime,
) -> dict:
    """Everything in the bundle but its answers."""
    return {
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
        "emergency": [_service_all(directory.get(ref), info.locales) for ref in info.emergency],
        "directory": [_service_all(s, info.locales) for s in sorted(directory, key=lambda s: s.id)],
    }


def assemble(
    entries: Iterable[ReleaseAnswer],
    *,
    info: LibraryInfo,
    directory: Directory,
    version: str,
    previous_version: str | None,
    release_time: dt.datetime,
    expires: dt.datetime,
    progress=None,
    previous: PreviousRendering | None = None,
    parallel: bool = True,
) -> dict:
    """The bundle's data. Raises BundleError naming every answer that cannot go in.

    `previous`: a trusted earlier release whose rendering is reused where it cannot differ
    (the bytes are the same either way); `parallel`: render on several cores if many.
    """
    entries = sorted(entries, key=lambda e: (e.answer.id, e.answer.locale))
    check_entries(entries, info, directory)
    locales = locales_by_id(entries)
    parts = [
        previous.parts(e.answer, info, directory) if previous is not None else None for e in entries
    ]
    parts = render_missing(entries, parts, directory, progress, parallel)
    answers, reasons = [], []
    for entry, found in zip(entries, parts, strict=True):
        try:
            answers.append(answer_json(entry, info, directory, locales[entry.answer.id], found))
        except BundleError as exc:
            reasons += exc.reasons
    if reasons:
        raise BundleError(reasons)
    details = bundle_details(
        info=info,
        directory=directory,
        version=version,
        previous_version=previous_version,
        release_time=release_time,
        expires=expires,
    )
    return {**details, "answers": answers}


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
