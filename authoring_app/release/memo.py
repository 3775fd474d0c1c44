"""Incremental releases: the last release this app published, remembered answer by answer.

A bundle is canonical JSON (sorted keys, compact separators), so its bytes are
`{"answers":[` + each answer's own canonical JSON (its fragment) joined by `,` + `],` + the
rest. Publishing remembers in the app's cache, for every answer of the bundle it has just
written, where its fragment lies in those bytes, a digest of everything the fragment depends
on (`reuse_digest`) and a digest of what its rendered parts depend on (`rendering_digest`).
The next release builds each answer's skeleton (everything but its rendered parts, which is
cheap). Where the first digest is the same, it takes the fragment's bytes from the last
bundle (read once from git and checked against the remembered SHA-256); where only the
second is, it takes the rendered parts from them; only the rest is rendered. So an unchanged
answer is neither parsed, rendered nor serialised again.

The memo only saves work: missing, damaged, written by other code, or describing a release
other than the one at the tip of the published branch (another clone published, the cache was
cleared), it is not used, and the release is built from the parsed last bundle as before
(`read_last`). The bytes are the same either way. Only a bundle this app wrote itself is
reused through the memo; another's rendering is reused only once its signature checks out
with the key of a publisher in the roster (`previous_rendering`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from answer_kit import minisign
from authoring_app.library import cache
from authoring_app.library.answer import Answer, AnswerKey
from authoring_app.library.cache import Kind
from authoring_app.library.directory import Directory
from authoring_app.library.info import LibraryInfo
from authoring_app.library.library import Library
from authoring_app.library.text import find_refs
from authoring_app.release import bundle as bundles
from authoring_app.release import published
from authoring_app.release.bundle import ReleaseAnswer
from authoring_app.review.keys import KeyStoreError, decode_public_key

# The memo of the release at a commit of the published branch, kept by that commit.
MEMO = Kind("release-memo", ("authoring_app.release",), ("markdown-it-py",))
ANSWERS_START = len(b'{"answers":[')  # where the first answer's fragment begins

Fragment = bytes | memoryview


# ---------------------------------------------------------------- bytes of a bundle


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
            services[ref] = bundles._service_all(directory.get(ref), info.locales)
    inputs = [
        answer.content_hash(),
        answer.locale,
        list(info.locales),
        [services[ref] for ref in refs],
        bundles.render_digest(),
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


# ---------------------------------------------------------------- the last release


class Previous:
    """The last release as the next one needs it: its version and format, the content hash
    and fragment of each answer, a digest of its other details, and what of it may be reused.
    """

    def __init__(
        self,
        *,
        version: str,
        format: object,
        details: str,
        hashes: Mapping[str, str],
        fragments: Mapping[str, object],
        remembered: Mapping[str, tuple] | None = None,
        bundle: Fragment = b"",
        rendered: bundles.PreviousRendering | None = None,
    ):
        self.version = version
        self.format = format
        self.details = details
        self.hashes = dict(hashes)  # "id.locale" -> content hash
        self._fragments = fragments  # "id.locale" -> byte range or parsed answer
        # "id.locale" -> (reuse digest, rendering digest, start, end), from this app's memo
        self._remembered = remembered or {}
        self._bundle = memoryview(bundle)
        self._rendered = rendered  # a trusted parsed bundle's rendering

    @classmethod
    def from_release(
        cls, last: published.LatestRelease, rendered: bundles.PreviousRendering | None
    ) -> Previous:
        """From a release read and parsed from the published branch (no memo); `rendered`:
        its rendering, if it can be trusted."""
        answers = {
            a["key"]: a
            for a in last.bundle.get("answers", ())
            if isinstance(a, dict) and isinstance(a.get("key"), str)
        }
        return cls(
            version=last.version,
            format=last.bundle.get("format"),
            details=details_digest(last.bundle),
            hashes={str(key): value for key, value in published.hashes_of(last).items()},
            fragments=answers,
            rendered=rendered,
        )

    @classmethod
    def from_memo(cls, memo: dict, data: bytes) -> Previous:
        """From this app's memo of the release and that release's bundle bytes."""
        answers = memo["answers"]
        return cls(
            version=memo["version"],
            format=memo["format"],
            details=memo["details"],
            hashes={key: entry[4] for key, entry in answers.items()},
            fragments={key: (entry[2], entry[3]) for key, entry in answers.items()},
            remembered={key: entry[:4] for key, entry in answers.items()},
            bundle=data,
        )

    def keys(self) -> set[str]:
        return set(self._fragments)

    def answer_hashes(self) -> dict[AnswerKey, str]:
        """Answer -> content hash: what status shows as published."""
        return {AnswerKey.parse(key): value for key, value in self.hashes.items()}

    def fragment(self, key: str) -> Fragment | None:
        """The answer's bytes in the last bundle (re-serialised when read from a parsed one)."""
        found = self._fragments.get(key)
        if isinstance(found, tuple):
            return self._bundle[found[0] : found[1]]
        return fragment(found) if found is not None else None

    def reusable(self, key: str, digest: str | None) -> Fragment | None:
        """The answer's bytes in the last bundle, if they are what it would be built as now."""
        found = self._remembered.get(key)
        if digest is None or found is None or found[0] != digest:
            return None
        return self._bundle[found[2] : found[3]]

    def parts(
        self, answer: Answer, info: LibraryInfo, directory: Directory, rendering: str | None
    ) -> dict | None:
        """The answer's rendered parts in the last bundle, if rendering it now cannot differ
        (its other fields may): by its rendering digest, or as `PreviousRendering` decides."""
        if self._rendered is not None:
            return self._rendered.parts(answer, info, directory)
        found = self._remembered.get(str(answer.key))
        if rendering is None or found is None or found[1] != rendering:
            return None
        return bundles.parts_of(json.loads(bytes(self._bundle[found[2] : found[3]])))


def read_last(
    library: Library, reuse: bool
) -> tuple[Previous | None, published.PublishError | None]:
    """The last release read and parsed from the published branch, with its rendering if
    `reuse` and it can be trusted; or the error that stops it being read."""
    try:
        last = published.latest_release(library)
    except published.PublishError as exc:  # status shows nothing as published
        return None, exc
    if last is None:
        return None, None
    rendered = previous_rendering(library, last) if reuse else None
    return Previous.from_release(last, rendered), None


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
    prefix = f"{published.RENDER_TRAILER}: "
    for line in published.commit_message(library, last.commit).splitlines():
        if line.startswith(prefix):
            digest = line[len(prefix) :].strip()
    if not digest:
        return None
    return bundles.PreviousRendering(last.bundle, digest)


def differences(
    built: Assembled | None, last: Previous | None
) -> tuple[list[str], list[str], list[str]]:
    """The answers added, changed (other bytes in the bundle) and removed since `last`."""
    new = set(built.keys) if built else set()
    old = last.keys() if last else set()
    changed = built.changed_since(last) if built and last else []
    return sorted(new - old), changed, sorted(old - new)


def load(library: Library, tip: str | None) -> dict | None:
    """The memo of the release at `tip`, if this app remembered one for it with this code."""
    if tip is None:
        return None
    memo = cache.load(library.path, MEMO, tip)
    try:
        if memo["commit"] != tip:
            return None
        if not isinstance(memo["sha256"], str) or not all(
            _well_formed(key, entry) for key, entry in memo["answers"].items()
        ):
            return None
    except (KeyError, TypeError, AttributeError):
        return None
    return memo


def _well_formed(key: object, entry: object) -> bool:
    """Is this a memo's entry for one answer: "id.locale" -> (reuse digest, rendering
    digest, start, end, content hash)?"""
    if not isinstance(key, str) or not isinstance(entry, tuple) or len(entry) != 5:
        return False
    digest, rendering, start, end, content_hash = entry
    try:
        AnswerKey.parse(key)
    except ValueError:
        return False
    return (
        isinstance(digest, str | None)
        and isinstance(rendering, str | None)
        and isinstance(start, int)
        and isinstance(end, int)
        and isinstance(content_hash, str)
    )


def published_hashes(memo: dict) -> dict[AnswerKey, str]:
    """Answer -> content hash in the remembered release (what status shows as published)."""
    return {AnswerKey.parse(key): entry[4] for key, entry in memo["answers"].items()}


def read_bundle(library: Library, memo: dict) -> bytes | None:
    """The remembered release's bundle from git, if it is the one remembered (SHA-256)."""
    data = published.read_large_file(library, "bundle.json", memo["commit"])
    if data is None or hashlib.sha256(data).hexdigest() != memo["sha256"]:
        return None
    return data


def from_memo(memo: dict, data: bytes | None) -> Previous | None:
    """`Previous.from_memo`, or None if the memo does not describe `data` (damaged)."""
    if data is None:
        return None
    try:
        previous = Previous.from_memo(memo, data)
        if not _tiles(sorted(r[2:] for r in previous._remembered.values()), data):
            return None
        for key, (_, _, start, end) in previous._remembered.items():
            if data.find(b'"key":' + json.dumps(key).encode(), start, end) < 0:
                return None  # the memo's answers are mixed up
        previous.answer_hashes()  # every key reads as an answer key
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None
    return previous


def _tiles(ranges: list[tuple[int, int]], data: bytes) -> bool:
    """Do the remembered ranges cover the bundle's answers exactly, one after another with
    a comma between, as `bundle_bytes` lays them out? (A damaged memo does not.)"""
    start = ANSWERS_START
    for index, (begin, end) in enumerate(ranges):
        if begin != start or end <= begin:
            return False
        separator = data[end : end + 1]
        if separator != (b"]" if index == len(ranges) - 1 else b","):
            return False
        start = end + 1
    return True


# ---------------------------------------------------------------- assembling


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
    parts = bundles.render_missing([entries[i] for i in todo], parts, directory, progress, parallel)
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


def remember(library: Library, commit: str, sha256: str, version: str, built: Assembled) -> None:
    """Keep the memo of the release just recorded at `commit`, whose bundle is `built` with
    `version` (SHA-256 `sha256`)."""
    answers = {
        key: (digest, rendering, start, end, content_hash)
        for key, digest, rendering, (start, end), content_hash in zip(
            built.keys, built.digests, built.renderings, built.ranges(), built.hashes, strict=True
        )
    }
    memo = {
        "commit": commit,
        "sha256": sha256,
        "version": version,
        "format": built.details.get("format"),
        "details": details_digest(built.details),
        "answers": answers,
    }
    cache.store(library.path, MEMO, commit, memo)
