"""Rendering a bundle's answers for every channel, once, at publish time: sanitised HTML for
sites, Telegram messages and plain text (see render.py and telegram.py), on several cores
for a large release, reusing a trusted earlier release's rendering where it cannot differ.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from authoring_app.library.answer import Answer
from authoring_app.library.directory import Directory
from authoring_app.library.info import LibraryInfo
from authoring_app.library.text import find_refs
from authoring_app.release.bundle import (
    BUNDLE_FORMAT,
    BundleError,
    ReleaseAnswer,
    answer_skeleton,
    bundle_details,
    check_entries,
    locales_by_id,
    service_all,
    with_parts,
)
from authoring_app.release.render import expand_refs, render_all, render_text

# Fewer answers than this to render are rendered in this process: starting workers costs more.
PARALLEL_MIN = 200


_CHUNK = 40


def _expanded(answer: Answer, text: str, directory: Directory) -> str:
    def resolve(ref: str) -> str | None:
        service = directory.get(ref)
        return service.label(answer.locale) if service is not None else None

    return expand_refs(text, resolve)


@lru_cache(maxsize=1)
def render_digest() -> str:
    """What the rendered parts of a bundle depend on besides the texts: the source of the code
    that writes references out and renders them, the Markdown parser's version and the
    bundle format. Any change gives another digest, so output rendered by other code is
    never reused."""
    import markdown_it

    from authoring_app.library import directory, text
    from authoring_app.release import markdown, render, telegram

    digest = hashlib.sha256(
        f"format={BUNDLE_FORMAT};markdown-it={markdown_it.__version__};".encode()
    )
    for module in (markdown, render, telegram, text, directory):
        digest.update(Path(module.__file__).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return "sha256:" + digest.hexdigest()


def answer_texts(answer: Answer, directory: Directory) -> tuple[str, tuple[str, ...], str]:
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
                if service is None or self.directory.get(ref) != service_all(service, info.locales):
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


def answer_json(
    entry: ReleaseAnswer,
    info: LibraryInfo,
    directory: Directory,
    locales_of_id: Sequence[str],
    parts: dict | None = None,
) -> dict:
    """One answer in the bundle, rendered for every channel (`parts`: already rendered)."""
    if parts is None:
        parts = render_parts(answer_texts(entry.answer, directory))
    skeleton = answer_skeleton(entry, info, directory, locales_of_id)
    return with_parts(entry.answer, skeleton, parts)


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
        [answer_texts(entries[i].answer, directory) for i in todo],
        progress,
        names=[str(entries[i].answer.key) for i in todo],
        parallel=parallel,
    )
    parts = list(parts)
    for index, result in zip(todo, rendered, strict=True):
        parts[index] = result
    return parts


def assemble(
    entries: Iterable[ReleaseAnswer],
    *,
    info: LibraryInfo,
    directory: Directory,
    version: str,
    previous_version: str | None,
    release_time: dt.datetime,
    expires: dt.datetime,
    trust: dict,
    progress=None,
    previous: PreviousRendering | None = None,
    parallel: bool = True,
) -> dict:
    """The bundle's data. Raises BundleError naming every answer that cannot go in.

    `trust`: the governed people, rules and directory with their signed evidence (trust.py).
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
        trust=trust,
    )
    return {**details, "answers": answers}
