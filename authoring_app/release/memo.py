"""Incremental releases: the last release this app published, remembered answer by answer.

A bundle's bytes are its answers' fragments joined (see fragments.py). Publishing remembers in the app's cache, for every answer of the bundle it has just
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
from collections.abc import Mapping

from answer_kit import minisign
from authoring_app.library import cache
from authoring_app.library.answer import Answer, AnswerKey
from authoring_app.library.cache import Kind
from authoring_app.library.directory import Directory
from authoring_app.library.info import LibraryInfo
from authoring_app.library.library import Library
from authoring_app.release import published, rendering
from authoring_app.release.fragments import (
    ANSWERS_START,
    Assembled,
    Fragment,
    details_digest,
    fragment,
)
from authoring_app.review.governed import governed
from authoring_app.review.keys import KeyStoreError, decode_public_key

# The memo of the release at a commit of the published branch, kept by that commit.
MEMO = Kind("release-memo", ("authoring_app.release",), ("markdown-it-py",))


# ---------------------------------------------------------------- bytes of a bundle


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
        rendered: rendering.PreviousRendering | None = None,
        trust: dict | None = None,
    ):
        self.version = version
        self.format = format
        self.details = details
        self.trust = trust  # its `trust` section: what changed in trust since is shown
        self.hashes = dict(hashes)  # "id.locale" -> content hash
        self._fragments = fragments  # "id.locale" -> byte range or parsed answer
        # "id.locale" -> (reuse digest, rendering digest, start, end), from this app's memo
        self._remembered = remembered or {}
        self._bundle = memoryview(bundle)
        self._rendered = rendered  # a trusted parsed bundle's rendering

    @classmethod
    def from_release(
        cls, last: published.LatestRelease, rendered: rendering.PreviousRendering | None
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
            trust=last.bundle.get("trust") if isinstance(last.bundle.get("trust"), dict) else None,
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
            trust=memo.get("trust"),
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
        self, answer: Answer, info: LibraryInfo, directory: Directory, digest: str | None
    ) -> dict | None:
        """The answer's rendered parts in the last bundle, if rendering it now cannot differ
        (its other fields may): by its rendering digest, or as `PreviousRendering` decides."""
        if self._rendered is not None:
            return self._rendered.parts(answer, info, directory)
        found = self._remembered.get(str(answer.key))
        if digest is None or found is None or found[1] != digest:
            return None
        return rendering.parts_of(json.loads(bytes(self._bundle[found[2] : found[3]])))


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
) -> rendering.PreviousRendering | None:
    """The last release's rendering, if it can be trusted: its bundle's signature checks out
    with the key of a publisher in the roster, and its commit names the render digest."""
    if last is None or not last.commit:
        return None
    signature = published.read_file(library, "bundle.json.minisig", last.commit)
    if signature is None:
        return None
    trusted = False
    for person in governed(library).roster.with_role("publisher"):
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
    return rendering.PreviousRendering(last.bundle, digest)


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
        "trust": built.details.get("trust"),
        "answers": answers,
    }
    cache.store(library.path, MEMO, commit, memo)


def carry_over(library: Library, old_commit: str, new_commit: str) -> None:
    """A renewed notice's commit holds the very bundle of `old_commit`: its memo holds for
    the new commit too, so the next release still reuses this one's bytes."""
    memo = load(library, old_commit)
    if memo is not None:
        cache.store(library.path, MEMO, new_commit, {**memo, "commit": new_commit})
