"""Review records: the lines of reviews/<id>.<locale>.jsonl, and how each is signed.

Each line is one JSON object (see content_schema/review.schema.json and docs/review.md): an
edit, a submission, a comment, a request for changes, a sign-off or a retirement. Every record
carries the Ed25519 signature of the person who made it over the canonical JSON of all its
other fields, so it cannot be moved to another answer, another text, another person or
another time, and commit authors are never what says who did what.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from authoring_app.library import cache
from authoring_app.library.answer import ID_PATTERN, AnswerKey
from authoring_app.library.cache import Kind
from authoring_app.library.documents import DocumentError, conflict_markers_in, decode
from authoring_app.library.layout import REVIEWS_DIR
from authoring_app.library.problems import Problem
from authoring_app.review.keys import KeyStoreError, signature_verifies

EDITED = "edited"
SUBMITTED = "submitted"
COMMENT = "comment"
CHANGES_REQUESTED = "changes-requested"
SIGNED_OFF = "signed-off"
RETIRED = "retired"
EXCEPTED = "excepted"  # a governor's signed exception to one check, for this exact text
KINDS = (EDITED, SUBMITTED, COMMENT, CHANGES_REQUESTED, SIGNED_OFF, RETIRED, EXCEPTED)
MEANING = "clinical approval for publication"
SIGN_OFF_ONLY = ("name", "credentials", "meaning", "source_hash", "services_hash")


def review_path(key: AnswerKey) -> str:
    """Where the review records of `key` live, relative to the library."""
    return f"{REVIEWS_DIR}/{key.id}.{key.locale}.jsonl"


def review_key(name: str) -> AnswerKey | None:
    """The answer a review file's name says (<id>.<locale>.jsonl), or None."""
    stem, dot, suffix = name.partition(".")
    locale, dot2, rest = suffix.partition(".")
    if not (dot and dot2 and rest == "jsonl" and len(locale) == 2 and locale.isalpha()):
        return None
    if not (locale.islower() and locale.isascii()) or not ID_PATTERN.match(stem):
        return None
    return AnswerKey(stem, locale)


def in_order(records: Iterable[ReviewRecord]) -> list[ReviewRecord]:
    """A review thread oldest first (records of one moment in the order of their lines; one
    removed from its file, which has no line, after them: it was appended last)."""
    return sorted(records, key=moment)


def moment(record: ReviewRecord) -> tuple:
    """Where `record` stands in its thread: its time, then its line (a removed record has
    none; it was appended after the lines of its moment)."""
    return (record.time, record.line if record.line is not None else 1 << 30)


def format_time(when: dt.datetime) -> str:
    """UTC, to the second, with a Z: 2026-01-31T09:30:00Z."""
    if when.tzinfo is None:
        raise ValueError("review times must carry a time zone")
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(dt.UTC)


def canonical(data: dict[str, Any]) -> bytes:
    """The bytes a signature covers: sorted keys, compact, UTF-8, without the signature."""
    unsigned = {k: v for k, v in data.items() if k != "signature"}
    return json.dumps(unsigned, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


@dataclass(frozen=True)
class ReviewRecord:
    """One review action on one text of one answer."""

    kind: str
    answer: str
    locale: str
    person: str
    time: dt.datetime
    content_hash: str
    revision: str | None
    message: str | None
    name: str | None = None
    credentials: str | None = None
    meaning: str | None = None
    source_hash: str | None = None
    signature: str | None = None
    services_hash: str | None = None  # a sign-off: the directory entries the answer shows
    check: str | None = None  # an exception: the code of the check it lets pass
    path: str = ""  # the review file, relative to the library
    line: int | None = None  # its line in that file

    @property
    def key(self) -> AnswerKey:
        return AnswerKey(self.answer, self.locale)

    @property
    def is_sign_off(self) -> bool:
        return self.kind == SIGNED_OFF

    def to_json(self) -> dict[str, Any]:
        """The fields as stored, in a readable order (signing uses `canonical`)."""
        data: dict[str, Any] = {
            "kind": self.kind,
            "answer": self.answer,
            "locale": self.locale,
            "person": self.person,
            "time": format_time(self.time),
            "content_hash": self.content_hash,
            "revision": self.revision,
            "message": self.message,
        }
        if self.kind == SIGNED_OFF:
            data.update(name=self.name, credentials=self.credentials or "", meaning=self.meaning)
            if self.source_hash:
                data["source_hash"] = self.source_hash
            if self.services_hash:
                data["services_hash"] = self.services_hash
        if self.kind == EXCEPTED:
            data["check"] = self.check
        if self.signature:
            data["signature"] = self.signature
        return data

    def signed_bytes(self) -> bytes:
        """`canonical(self.to_json())`, the bytes a signature covers, worked out once."""
        found = self.__dict__.get("_signed_bytes")
        if found is None:
            found = canonical(self.to_json())
            object.__setattr__(self, "_signed_bytes", found)  # not a field: eq/hash ignore it
        return found

    def to_line(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, separators=(", ", ": "))

    def signed(self, private_key: Ed25519PrivateKey) -> ReviewRecord:
        """This record with its signature."""
        signature = private_key.sign(canonical(self.to_json()))
        return _replace(self, signature=base64.b64encode(signature).decode("ascii"))

    def signature_problem(self, public_key: str | None) -> str | None:
        """Why the signature does not verify against `public_key` (None: it verifies)."""
        if not public_key:
            return "has no public key in people.yaml"
        try:
            signature = base64.b64decode(self.signature or "", validate=True)
        except (binascii.Error, ValueError):
            signature = b""
        try:
            verifies = signature_verifies(public_key, signature, self.signed_bytes())
        except KeyStoreError as exc:
            return f"has an unusable public key in people.yaml ({exc})"
        return None if verifies else "signature does not verify"


def _replace(record: ReviewRecord, **changes: Any) -> ReviewRecord:
    from dataclasses import replace

    return replace(record, **changes)


def record_from_json(data: dict[str, Any], path: str = "", line: int | None = None) -> ReviewRecord:
    """A record from a schema-valid JSON object."""
    return ReviewRecord(
        kind=data["kind"],
        answer=data["answer"],
        locale=data["locale"],
        person=data["person"],
        time=parse_time(data["time"]),
        content_hash=data["content_hash"],
        revision=data["revision"],
        message=data["message"],
        name=data.get("name"),
        credentials=data.get("credentials"),
        meaning=data.get("meaning"),
        source_hash=data.get("source_hash"),
        signature=data.get("signature"),
        services_hash=data.get("services_hash"),
        check=data.get("check"),
        path=path,
        line=line,
    )


@dataclass(frozen=True)
class ReviewFile:
    """What reading one review file found."""

    records: tuple[ReviewRecord, ...]  # every well-formed record
    problems: tuple[Problem, ...]  # a problem for each line that is not
    markers: tuple[Problem, ...] = ()  # merge-conflict markers saved into it
    cut_off_at: int | None = None  # the line of a last record cut off (damaged file)


REVIEW_FILES = Kind(
    "reviews",
    ("authoring_app.review.records", "authoring_app.library.documents", "content_schema"),
    ("fastjsonschema", "jsonschema"),
)


def review_files(root: Path, ids: Mapping[str, str]) -> dict[str, ReviewFile]:
    """Every reviews/*.jsonl file of the library at `root`, read once per change: opening a
    library and working out statuses share the result (cache.py `shared`). `ids`: the blob
    id of each file git vouches for (see snapshot.py)."""
    folder = Path(root) / REVIEWS_DIR
    try:
        names = sorted(e.name for e in os.scandir(folder) if e.name.endswith(".jsonl"))
    except OSError:
        return {}
    files = cache.shared(root, REVIEW_FILES, scan_review_file)
    return files.scan([f"{REVIEWS_DIR}/{name}" for name in names], ids)


def scan_review_file(rel: str, data: bytes | OSError) -> ReviewFile:
    """`read_review_file`, plus what the repository check wants to know of the same bytes."""
    if isinstance(data, OSError):
        problem = Problem(rel, None, None, "unreadable", f"cannot read file: {data.strerror}")
        return ReviewFile((), (problem,))
    records, problems = _records_in(data, rel)
    return ReviewFile(
        tuple(records), tuple(problems), tuple(conflict_markers_in(data, rel)), _cut_off_at(data)
    )


def _cut_off_at(data: bytes) -> int | None:
    """The number of the last line if it is not a whole record ending in a newline."""
    if not data.strip():
        return None
    lines = data.rstrip(b"\n").split(b"\n")
    try:
        json.loads(lines[-1])
        complete = data.endswith(b"\n")
    except ValueError:
        complete = False
    return None if complete else len(lines)


def read_review_file(root: Path, rel: str) -> tuple[list[ReviewRecord], list[Problem]]:
    """Every well-formed record of one review file, and a problem for each line that is not."""
    try:
        data = (root / rel).read_bytes()
    except OSError as exc:
        return [], [Problem(rel, None, None, "unreadable", f"cannot read file: {exc.strerror}")]
    return _records_in(data, rel)


def _records_in(data: bytes, rel: str) -> tuple[list[ReviewRecord], list[Problem]]:
    try:
        text = decode(data, rel)
    except DocumentError as exc:
        return [], [exc.problem]
    lines = text.split("\n")
    truncated_at = len(lines) if lines and lines[-1].strip() else None
    records, problems = [], []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except ValueError as exc:
            reason = (
                "the last line is cut off (the file ends in the middle of a record)"
                if number == truncated_at
                else f"not a JSON record ({exc.msg} at column {exc.colno})"
            )
            problems.append(
                Problem(rel, number, None, "review-malformed", f"{reason}; it does not count")
            )
            continue
        found = record_schema_problems(data, rel, number)
        if found:
            problems += found
            continue
        try:
            record = record_from_json(data, rel, number)
        except ValueError:
            problems.append(
                Problem(
                    rel, number, "time", "review-schema", "the time is not a real date and time"
                )
            )
            continue
        # Verify against the exact bytes of the line: what a signature covers.
        signed = canonical(record.to_json())
        if canonical(data) != signed:
            problems.append(
                Problem(
                    rel,
                    number,
                    None,
                    "review-schema",
                    "the record was not written in the form this app writes; it does not count",
                )
            )
            continue
        object.__setattr__(record, "_signed_bytes", signed)  # kept with the cached record
        records.append(record)
    return records, problems


def record_schema_problems(data: Any, rel: str, line: int) -> list[Problem]:
    from authoring_app.library.documents import is_valid, validator_for

    if is_valid(data, "review"):
        return []
    problems = []
    for error in sorted(validator_for("review").iter_errors(data), key=lambda e: e.json_path):
        field = ".".join(str(p) for p in error.absolute_path) or None
        problems.append(
            Problem(rel, line, field, "review-schema", f"{_describe(error)}; it does not count")
        )
    return problems


def _describe(error) -> str:
    if error.validator == "required":
        return error.message.replace("is a required property", "is required but missing")
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return f"unknown field {', '.join(map(repr, extra))}"
    if error.validator == "not":
        return f"only a sign-off carries the fields {', '.join(SIGN_OFF_ONLY)}"
    if error.validator in ("pattern", "const", "enum", "type"):
        hint = error.schema.get("description")
        value = repr(error.instance)
        value = value if len(value) <= 60 else value[:57] + "..."
        if error.validator == "enum":
            hint = "one of " + ", ".join(map(str, error.validator_value))
        if error.validator == "const":
            hint = repr(error.validator_value)
        return f"{value} is not valid" + (f": expected {hint}" if hint else "")
    if error.validator == "minLength":
        return "must not be empty"
    return error.message
