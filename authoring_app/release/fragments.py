"""A bundle as fragments: each answer's canonical JSON, assembled into the bundle's bytes.

A bundle is canonical JSON (sorted keys, compact separators), so its bytes are
`{"answers":[` + each answer's own canonical JSON (its fragment) joined by `,` + `],` + the
rest. Assembling a release builds each answer's skeleton (everything but its rendered parts,
which is cheap), takes the fragment of an unchanged answer from the last release (see
memo.py), its rendered parts where only they are unchanged, and renders only the rest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from authoring_app.library.answer import Answer
from authoring_app.library.directory import Directory
from authoring_app.library.info import LibraryInfo
from authoring_app.library.text import find_refs
from authoring_app.release import bundle as bundles
from authoring_app.release import rendering
from authoring_app.release.bundle import ReleaseAnswer

if TYPE_CHECKING:
    from authoring_app.release.memo import Previous


ANSWERS_START = len(b'{"answers":[')  # where the first answer's fragment begins


Fragment = bytes | memoryview


def fragment(answer: Mapping) -> bytes:
    """One answer's canonical JSON as it appears inside a bundle (no trailing newline)."""
    return bundles.canonical_json(answer)[:-1]


def bundle_bytes(rest: Mapping, fragments: Sequence[Fragment]) -> bytes:
    """`canonical_json` of `rest` plus an "answers" list whose items' fragments are given:
    the same bytes, without serialising the answers again. With sorted keys and compact
    separators a list is `[` + its items joined by `,` + `]`, and "answers" is the first key
    (every other key of a bundle sorts after it)."""
    if "answers" in rest or any(key < "answers" for key in rest):
        raise ValueError("the answers must be the first key of the bundle")
    tail = b"]," + bundles.canonical_json(rest)[1:] if rest else b"]}\n"
    # One join, so the (large) result is copied once: the opening goes before the first
    # fragment, the closing after the last, commas between.
    pieces = [b'{"answers":[', *_interleave(fragments, b","), tail]
    return b"".join(pieces)


def _interleave(items: Sequence[Fragment], separator: bytes) -> list[Fragment]:
    out: list[Fragment] = []
    for index, item in enumerate(items):
        if index:
            out.append(separator)
        out.append(item)
    return out


def details_digest(bundle: Mapping) -> str:
    """A digest of a bundle's details besides its answers and release (version, times): what
    "the directory or library details changed" compares."""
    details = {k: v for k, v in bundles.content_of(dict(bundle)).items() if k != "answers"}
    return hashlib.sha256(bundles.canonical_json(details)).hexdigest()


def rendering_digest(
    answer: Answer, info: LibraryInfo, directory: Directory, services: dict | None = None
) -> str | None:
    """A digest of what the answer's rendered parts depend on: what `PreviousRendering.parts`
    checks (its content hash and locale, the library's locales, every directory entry its
    texts name, in every locale) and the rendering code. None if they are not to be reused
    (its locale is not the library's). `services`: id -> JSON in every locale, filled in as
    needed (one dict for every answer of a bundle, so each is worked out once)."""
    if answer.locale not in info.locales:
        return None
    services = {} if services is None else services
    texts = (answer.summary, *answer.red_flags, answer.body)
    refs = dict.fromkeys(ref for text in texts for ref in find_refs(text))
    for ref in refs:
        if ref not in services:
            services[ref] = bundles.service_all(directory.get(ref), info.locales)
    inputs = [
        answer.content_hash(),
        answer.locale,
        list(info.locales),
        [services[ref] for ref in refs],
        rendering.render_digest(),
    ]
    return _digest(inputs)


def reuse_digest(skeleton: dict, rendering: str | None) -> str | None:
    """A digest of everything the answer's fragment depends on: its skeleton (the answer
    without its rendered parts) and its `rendering_digest`. The same digest, the same bytes."""
    return _digest([skeleton, rendering]) if rendering is not None else None


def _digest(inputs: list) -> str:
    # Keys in the order the code builds them, not sorted (faster): other code may give
    # another digest for the same inputs (which are then built again), never one for two.
    text = json.dumps(inputs, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Assembled:
    """A bundle as fragments: its details (everything but the answers) and each answer's
    bytes, with the digest each was built from and its content hash."""

    details: dict
    keys: tuple[str, ...] = ()
    fragments: tuple[Fragment, ...] = ()
    digests: tuple[str | None, ...] = ()  # `reuse_digest` of each
    renderings: tuple[str | None, ...] = ()  # `rendering_digest` of each
    hashes: tuple[str, ...] = ()
    reused: frozenset[str] = frozenset()  # answers whose bytes are the last release's

    def changed_since(self, previous: Previous) -> list[str]:
        """The answers in both this bundle and `previous` whose bytes differ (an answer whose
        bytes were taken from it cannot differ)."""
        both = sorted(set(self.keys) & previous.keys())
        mine = dict(zip(self.keys, self.fragments, strict=True))
        return [
            key
            for key in both
            if key not in self.reused and bytes(mine[key]) != bytes(previous.fragment(key))
        ]

    def to_bytes(self, **fields) -> bytes:
        """The bundle's canonical bytes, with `fields` (version, ...) set."""
        return bundle_bytes({**self.details, **fields}, self.fragments)

    def ranges(self) -> list[tuple[int, int]]:
        """Where each answer's fragment lies in `to_bytes()` (whatever the details are)."""
        out, start = [], ANSWERS_START
        for part in self.fragments:
            out.append((start, start + len(part)))
            start += len(part) + 1  # the comma
        return out


@dataclass(frozen=True)
class Prepared:
    """What building a bundle's answers needs besides the last release: the entries in bundle
    order, each one's skeleton (the answer without its rendered parts), `rendering_digest`
    and `reuse_digest`. Made while the last bundle is still being read."""

    entries: tuple[ReleaseAnswer, ...]
    skeletons: tuple[dict, ...]
    renderings: tuple[str | None, ...]
    digests: tuple[str | None, ...]


def prepare(entries: Iterable[ReleaseAnswer], info: LibraryInfo, directory: Directory) -> Prepared:
    """Raises BundleError naming every answer that cannot go in."""
    entries = tuple(sorted(entries, key=lambda e: (e.answer.id, e.answer.locale)))
    bundles.check_entries(entries, info, directory)
    locales = bundles.locales_by_id(entries)
    services: dict = {}  # each service's JSON, worked out once for all answers
    skeletons = tuple(
        bundles.answer_skeleton(e, info, directory, locales[e.answer.id], services) for e in entries
    )
    everywhere: dict = {}  # each service's JSON in every locale, likewise
    renderings = tuple(rendering_digest(e.answer, info, directory, everywhere) for e in entries)
    digests = tuple(
        reuse_digest(skeleton, rendering)
        for skeleton, rendering in zip(skeletons, renderings, strict=True)
    )
    return Prepared(entries, skeletons, renderings, digests)


def assemble(
    entries: Iterable[ReleaseAnswer],
    *,
    info: LibraryInfo,
    directory: Directory,
    details: dict,
    previous: Previous | None = None,
    progress=None,
    parallel: bool = True,
    prepared: Prepared | None = None,
) -> Assembled:
    """`bundle.assemble` as fragments, reusing the last release's where an answer's digest
    is unchanged and its rendered parts where they cannot differ; the rest is rendered.
    Raises BundleError naming every answer that cannot go in. `prepared`: `prepare` of these
    very entries, library details and directory, if already made."""
    entries = list(entries)
    if prepared is None or not _same(prepared.entries, entries):
        prepared = prepare(entries, info, directory)
    entries = prepared.entries
    skeletons, renderings, digests = prepared.skeletons, prepared.renderings, prepared.digests
    fragments: list[Fragment | None] = [
        previous.reusable(str(e.key), digest) if previous is not None else None
        for e, digest in zip(entries, digests, strict=True)
    ]
    reused = frozenset(
        str(e.key) for e, found in zip(entries, fragments, strict=True) if found is not None
    )
    todo = [index for index, found in enumerate(fragments) if found is None]
    parts = [
        previous.parts(entries[i].answer, info, directory, renderings[i])
        if previous is not None
        else None
        for i in todo
    ]
    parts = rendering.render_missing(
        [entries[i] for i in todo], parts, directory, progress, parallel
    )
    reasons = []
    for index, found in zip(todo, parts, strict=True):
        try:
            data = bundles.with_parts(entries[index].answer, skeletons[index], found)
        except bundles.BundleError as exc:
            reasons += exc.reasons
            continue
        fragments[index] = fragment(data)
    if reasons:
        raise bundles.BundleError(reasons)
    return Assembled(
        details=details,
        keys=tuple(str(e.key) for e in entries),
        fragments=tuple(fragments),
        digests=digests,
        renderings=renderings,
        hashes=tuple(e.answer.content_hash() for e in entries),
        reused=reused,
    )


def _same(ordered: Sequence[ReleaseAnswer], entries: Sequence[ReleaseAnswer]) -> bool:
    """Are these the very entries `ordered` was made from (in any order)?"""
    return len(ordered) == len(entries) and {id(e) for e in ordered} == {id(e) for e in entries}
