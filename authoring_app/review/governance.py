"""Who decides who counts: the governed contents of library.yaml, people.yaml and directory.yaml.

A signature proves only that a key signed; the roster says whose key it is, and the rules say
how many must sign and who may not sign their own change. Those three files are governed: a
content of them counts only once the library's governors (named in library.yaml, k of n)
have signed exactly that content. Until then every part of the app keeps using the last
governed content, and the difference is a pending change that everyone can see.

The governors' decisions are signed records in governance/records.jsonl (append-only; see
content_schema/governance.schema.json and docs/review.md):

- `founded`: governors sign the first contents of all three files. The founding counts once
  `signatures_required` distinct governors named in that very library.yaml have signed the
  same three contents. Only the first founding to reach its quorum counts; any other is
  reported and never used.
- `approved`: a governor signs the exact new content of one or more files, and the governed
  content each replaces (its base). It counts once `signatures_required` distinct governors of
  the governance in force have approved it on the current base, so adding or removing a
  governor, or changing the number, needs the current quorum, and an old approval can never
  bring back an old content.
- `rejected`: a governor declines a content, with a reason (withdrawing their approval of it).
- `proposed`: someone on the roster proposes a content; it says who, and counts for nothing.

This module holds the records and contents; governed.py works out what counts, and
governing.py writes new records. None of them ever trusts a commit's author.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import git

from authoring_app.library.directory import Directory
from authoring_app.library.documents import DocumentError, decode, load_valid, parse_yaml
from authoring_app.library.info import Governor, LibraryInfo
from authoring_app.library.layout import GOVERNANCE_FILE, LIBRARY_FILES
from authoring_app.library.library import Library
from authoring_app.library.problems import Problem
from authoring_app.library.roster import Roster
from authoring_app.review.keys import KeyStoreError, signature_verifies
from authoring_app.review.records import canonical, format_time, parse_time

FOUNDED, PROPOSED, APPROVED, REJECTED = "founded", "proposed", "approved", "rejected"
GOVERNED_FILES = tuple(LIBRARY_FILES)  # library.yaml, people.yaml, directory.yaml
CLOCK_TOLERANCE = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class Content:
    """One exact content of a governed file."""

    sha256: str  # of the file's bytes
    data_sha256: str  # of the canonical JSON of its data: what a consumer checks
    blob: str  # git's id of the bytes, to find them in history

    def to_json(self) -> dict:
        return {"sha256": self.sha256, "data_sha256": self.data_sha256, "blob": self.blob}


@dataclass(frozen=True)
class GovernanceRecord:
    """One signed line of governance/records.jsonl."""

    kind: str
    person: str
    time: dt.datetime
    files: Mapping[str, Content]
    base: Mapping[str, str] | None
    message: str | None
    signature: str | None = None
    line: int | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "person": self.person,
            "time": format_time(self.time),
            "files": {name: self.files[name].to_json() for name in sorted(self.files)},
            "base": dict(sorted(self.base.items())) if self.base is not None else None,
            "message": self.message,
        }
        if self.signature:
            data["signature"] = self.signature
        return data

    def signed_bytes(self) -> bytes:
        return canonical(self.to_json())

    def verifies(self, public_key: str) -> bool:
        try:
            signature = base64.b64decode(self.signature or "", validate=True)
        except (binascii.Error, ValueError):
            return False
        try:
            return signature_verifies(public_key, signature, self.signed_bytes())
        except KeyStoreError:
            return False

    def signed(self, private_key) -> GovernanceRecord:
        signature = base64.b64encode(private_key.sign(self.signed_bytes())).decode("ascii")
        return GovernanceRecord(**{**self.__dict__, "signature": signature})

    def to_line(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, separators=(", ", ": "))


@dataclass(frozen=True)
class PendingChange:
    """A content of governed files that does not count yet, and where it stands."""

    files: Mapping[str, Content]  # the proposed content of each file concerned
    base: Mapping[str, str]  # the governed content it would replace
    texts: Mapping[str, tuple[str, str]]  # file -> (governed text, proposed text)
    where: str  # "the library's files" or the path it was found at
    proposed_by: tuple[tuple[str, dt.datetime], ...] = ()  # signed proposals: who, when
    approved_by: tuple[str, ...] = ()  # governors who approved it, by id
    rejected_by: tuple[tuple[str, str], ...] = ()  # governors who declined it, and why
    needed: int = 0  # approvals it needs in all


@dataclass(frozen=True)
class Governed:
    """The governed contents of a library's three governed files, and what is pending."""

    founded: bool
    info: LibraryInfo
    roster: Roster
    directory: Directory
    contents: Mapping[str, Content] = field(default_factory=dict)
    data: Mapping[str, Any] = field(default_factory=dict)  # each file's governed data
    approvals: Mapping[str, tuple[GovernanceRecord, ...]] = field(default_factory=dict)
    pending: tuple[PendingChange, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def governors(self) -> tuple[Governor, ...]:
        return self.info.governors

    @property
    def required(self) -> int:
        return self.info.signatures_required

    def governor(self, person_id: str) -> Governor | None:
        return next((g for g in self.info.governors if g.id == person_id), None)

    def trusts_demonstrations(self) -> bool:
        """Demonstration people count only in a sample library that demonstration governors
        alone govern (or an ungoverned sample library, which can never publish)."""
        if not self.founded:
            return self.info.sample
        return self.info.demonstration_only


# -- contents of governed files ---------------------------------------------------------


def content_of(data: bytes, name: str) -> tuple[Content, Any] | None:
    """The Content of these bytes of governed file `name`, and its data (None if the bytes
    do not read as that file)."""
    parsed = parse_governed(data, name)
    if parsed is None:
        return None
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    return Content(digest, data_digest(parsed), _blob_id(data)), parsed


def parse_governed(data: bytes, name: str) -> Any:
    """The data of a governed file's bytes, if they are well-formed YAML of the right shape."""
    try:
        text = decode(data, name)
    except DocumentError:
        return None
    found = load_valid(text, LIBRARY_FILES[name])
    if found is None:
        try:
            found, _node = parse_yaml(text, name)
        except DocumentError:
            return None
    return found if isinstance(found, dict) else None


def data_digest(data: Any) -> str:
    """sha256: of the canonical JSON of a governed file's data (keys sorted, compact, UTF-8):
    the form consumers check, without a YAML reader."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _blob_id(data: bytes) -> str:
    from authoring_app.library.snapshot import blob_id

    return blob_id(data)


class Contents:
    """Governed contents found by their git blob id (or among the files on disk), checked
    against the SHA-256 a record names before they are used."""

    def __init__(self, library: Library, on_disk: Mapping[str, bytes | None]):
        self.library = library
        self.on_disk = {name: data for name, data in on_disk.items() if data is not None}
        self.found: dict[tuple[str, str], Any] = {}

    def data(self, name: str, content: Content) -> Any:
        """The data of `content` of file `name`, or None if it cannot be found or does not
        match what the record says."""
        key = (name, content.sha256)
        if key not in self.found:
            self.found[key] = self._load(name, content)
        return self.found[key]

    def text(self, name: str, content: Content) -> str:
        raw = self._bytes(name, content)
        return raw.decode("utf-8", "replace") if raw is not None else ""

    def _load(self, name: str, content: Content) -> Any:
        raw = self._bytes(name, content)
        if raw is None:
            return None
        read = content_of(raw, name)
        if read is None or read[0].data_sha256 != content.data_sha256:
            return None
        return read[1]

    def _bytes(self, name: str, content: Content) -> bytes | None:
        disk = self.on_disk.get(name)
        if disk is not None and "sha256:" + hashlib.sha256(disk).hexdigest() == content.sha256:
            return disk
        repo = self.library.repo
        if repo is None:
            return None
        try:
            raw = repo.git.cat_file(
                "blob", content.blob, stdout_as_string=False, strip_newline_in_stdout=False
            )
        except git.GitCommandError:
            return None
        if "sha256:" + hashlib.sha256(raw).hexdigest() != content.sha256:
            return None
        return raw


# -- the records ---------------------------------------------------------------------------


def read_records(data: bytes | None) -> tuple[list[GovernanceRecord], list[Problem]]:
    """Every well-formed record of governance/records.jsonl, and a problem for each line
    that is not (it counts for nothing)."""
    from authoring_app.library.documents import is_valid

    records: list[GovernanceRecord] = []
    problems: list[Problem] = []
    if not data:
        return records, problems
    text = data.decode("utf-8", "replace")
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except ValueError:
            problems.append(_problem(number, "governance-malformed", "is not a JSON record"))
            continue
        if not is_valid(item, "governance"):
            problems.append(
                _problem(number, "governance-malformed", "does not match the governance schema")
            )
            continue
        try:
            record = _record_from_json(item, number)
        except (KeyError, ValueError, TypeError):
            problems.append(_problem(number, "governance-malformed", "has an impossible time"))
            continue
        if canonical(item) != record.signed_bytes():
            problems.append(
                _problem(
                    number, "governance-malformed", "was not written in the form the app writes"
                )
            )
            continue
        records.append(record)
    return records, problems


def _record_from_json(item: dict, line: int) -> GovernanceRecord:
    return GovernanceRecord(
        kind=item["kind"],
        person=item["person"],
        time=parse_time(item["time"]),
        files={
            name: Content(value["sha256"], value["data_sha256"], value["blob"])
            for name, value in item["files"].items()
        },
        base=dict(item["base"]) if item["base"] is not None else None,
        message=item["message"],
        signature=item.get("signature"),
        line=line,
    )


def _problem(line: int | None, code: str, message: str, severity: str = "error") -> Problem:
    return Problem(GOVERNANCE_FILE, line, None, code, message, severity)


def problem_at(record: GovernanceRecord | None, code: str, message: str, severity="error"):
    return _problem(record.line if record else None, code, message, severity)


def distinct_keys(governors: Iterable[Governor]) -> int:
    return len({g.public_key for g in governors})
