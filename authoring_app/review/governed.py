"""What counts in a library: its governed contents of library.yaml, people.yaml and
directory.yaml, worked out from the governors' signed records (see governance.py).

Every decision about trust (who is a clinician, whose key is whose, how many must sign,
which numbers a release shows) reads `governed(library)`, never the files as written. A
library that has not been founded has no governed contents: its files are used as written,
it is reported as ungoverned, and it can never be published.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import weakref
from collections.abc import Mapping

from authoring_app.library.directory import Directory
from authoring_app.library.info import LibraryInfo
from authoring_app.library.layout import GOVERNANCE_FILE
from authoring_app.library.library import Library
from authoring_app.library.problems import Problem
from authoring_app.library.roster import Roster
from authoring_app.review.governance import (
    APPROVED,
    CLOCK_TOLERANCE,
    FOUNDED,
    GOVERNED_FILES,
    PROPOSED,
    REJECTED,
    Content,
    Contents,
    GovernanceRecord,
    Governed,
    PendingChange,
    content_of,
    problem_at,
    read_records,
)
from authoring_app.review.removed import removed_lines

_KEPT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_FOREVER = dt.datetime.max.replace(tzinfo=dt.UTC)


def governed(library: Library, now: dt.datetime | None = None) -> Governed:
    """The governed state of `library` as its files and records are now (worked out once per
    state of the four files and the current commit, and again once a record dated ahead of
    the clock comes due)."""
    now = now or dt.datetime.now(dt.UTC)
    files = {name: _read_bytes(library, name) for name in (*GOVERNED_FILES, GOVERNANCE_FILE)}
    key = (library.head(), tuple(hashlib.sha256(data or b"").digest() for data in files.values()))
    kept = _KEPT.get(library)
    if kept is not None and kept[0] == key and kept[1] <= now < kept[2]:
        return kept[3]
    result, good_until = _evaluate(library, files, now)
    _KEPT[library] = (key, now, good_until, result)
    return result


def forget(library: Library) -> None:
    """Drop what was worked out for `library` (after writing to it)."""
    _KEPT.pop(library, None)


def _read_bytes(library: Library, rel: str) -> bytes | None:
    try:
        return (library.path / rel).read_bytes()
    except OSError:
        return None


def _evaluate(
    library: Library, files: Mapping[str, bytes | None], now: dt.datetime
) -> tuple[Governed, dt.datetime]:
    contents = Contents(library, files)
    records, problems = read_records(files[GOVERNANCE_FILE])
    records += _removed(library, records, problems)
    good_until = _FOREVER
    timely = []
    for record in sorted(records, key=lambda r: (r.time, r.line or 0)):
        if record.time > now + CLOCK_TOLERANCE:
            good_until = min(good_until, record.time - CLOCK_TOLERANCE)
            problems.append(
                problem_at(
                    record,
                    "governance-future",
                    f"is dated {record.time:%Y-%m-%d %H:%M} UTC, in the future; it does not "
                    "count until then",
                )
            )
            continue
        timely.append(record)
    state = _found(timely, contents, problems)
    if state is None:
        return _ungoverned(library, problems), good_until
    _apply_approvals(timely, state, contents, problems)
    pending = _pending(timely, state, contents, files)
    for change in pending:
        names = ", ".join(sorted(change.files))
        problems.append(
            Problem(
                sorted(change.files)[0],
                None,
                None,
                "governance-pending",
                f"a change to {names} ({change.where}) is waiting for the governors: "
                f"{len(change.approved_by)} of {change.needed} have signed it; until then the "
                "last governed version is used",
                "warning",
            )
        )
    info = LibraryInfo.from_data(state.data["library.yaml"])
    if not info.rules_valid:
        problems.append(
            Problem(
                "library.yaml",
                None,
                "sign_off",
                "governance-rules-invalid",
                "the governed sign-off rules are not valid (a number where a number belongs, "
                "from 1 up): no release can be made until the governors sign valid rules",
            )
        )
    roster = Roster.from_data(state.data["people.yaml"])
    problems += [
        Problem(
            "people.yaml",
            None,
            "languages",
            "roster-no-languages",
            f"{person.name} is a clinician but people.yaml does not say which languages they "
            "review in (languages: [ru, en]); until the governors say, their sign-offs count in "
            "every language",
            "warning",
        )
        for person in roster.people
        if person.has_role("clinician") and not person.languages
    ]
    return (
        Governed(
            founded=True,
            info=info,
            roster=roster,
            directory=Directory.from_data(state.data["directory.yaml"]),
            contents=dict(state.contents),
            data=dict(state.data),
            approvals={k: tuple(v) for k, v in state.approvals.items()},
            pending=tuple(pending),
            problems=tuple(problems),
        ),
        good_until,
    )


def _removed(library: Library, records, problems: list[Problem]) -> list[GovernanceRecord]:
    """Governance records removed from the file in history: they still count, and are
    reported (records are never removed)."""
    present = {record.to_line() for record in records}
    found = []
    for removed in removed_lines(library):
        if removed.path != GOVERNANCE_FILE:
            continue
        lines, _ = read_records(removed.line.encode("utf-8"))
        for record in lines:
            record = GovernanceRecord(**{**record.__dict__, "line": None})
            if record.to_line() in present:
                continue
            present.add(record.to_line())
            found.append(record)
            problems.append(
                problem_at(
                    None,
                    "governance-record-removed",
                    f"a {record.kind} record by {record.person} was removed from this file in "
                    f"commit {removed.commit[:8]}; records are never removed, so it still "
                    "counts if its signature verifies",
                )
            )
    return found


class _State:
    """The governed contents while the records are read in order."""

    def __init__(self, contents: dict, data: dict, approvals: dict):
        self.contents: dict[str, Content] = contents
        self.data: dict[str, object] = data
        self.approvals: dict[str, list[GovernanceRecord]] = approvals

    @property
    def info(self) -> LibraryInfo:
        return LibraryInfo.from_data(self.data["library.yaml"])

    def base(self) -> dict[str, str]:
        return {name: content.sha256 for name, content in self.contents.items()}


def _ungoverned(library: Library, problems: list[Problem]) -> Governed:
    problems.insert(
        0,
        Problem(
            GOVERNANCE_FILE,
            None,
            None,
            "governance-unfounded",
            "this library has no governors yet: library.yaml must name them and they must "
            "sign its files (authoring-app governance found); until then its files count as "
            "written and nothing can be published",
            "warning",  # a state, not a fault of the files: publishing refuses on its own
        ),
    )
    return Governed(
        founded=False,
        info=library.info,
        roster=library.roster,
        directory=library.directory,
        problems=tuple(problems),
    )


def _found(records, contents: Contents, problems: list[Problem]) -> _State | None:
    """The first founding to reach its quorum (or None); every other one is reported."""
    groups: dict[tuple, list[GovernanceRecord]] = {}
    for record in records:
        if record.kind == FOUNDED:
            groups.setdefault(_files_key(record.files), []).append(record)
    chosen = None
    for group in groups.values():
        first = group[0]
        data = {name: contents.data(name, first.files[name]) for name in GOVERNED_FILES}
        if any(value is None for value in data.values()):
            problems.append(
                problem_at(
                    first,
                    "governance-missing-content",
                    "founds the library with file contents that cannot be found in its "
                    "history; it does not count",
                )
            )
            continue
        info = LibraryInfo.from_data(data["library.yaml"])
        signers = _valid_signers(group, info, problems)
        if info.signatures_required < 1 or len(signers) < info.signatures_required:
            continue
        completed = sorted(r.time for r in signers.values())[info.signatures_required - 1]
        if chosen is None or completed < chosen[0]:
            chosen = (completed, group, data, signers)
    if chosen is None:
        return None
    _, group, data, signers = chosen
    for other in groups.values():
        if other is not group:
            problems.append(
                problem_at(
                    other[0],
                    "governance-other-founding",
                    "founds the library a second time, with other contents; only the first "
                    "founding counts, and this one is ignored",
                    "warning",
                )
            )
    approvals = {name: list(signers.values()) for name in GOVERNED_FILES}
    return _State(dict(group[0].files), data, approvals)


def _valid_signers(records, info: LibraryInfo, problems: list[Problem]) -> dict:
    """Governor key -> the record it signed, for records signed by a governor of `info` (one
    per key: a governor named twice, or two governors sharing a key, count once)."""
    signers: dict[str, GovernanceRecord] = {}
    for record in records:
        governor = next((g for g in info.governors if g.id == record.person), None)
        if governor is None:
            problems.append(
                problem_at(
                    record,
                    "governance-not-governor",
                    f"{record.person!r} is not a governor of this library, so their signature "
                    "counts for nothing",
                )
            )
        elif not record.verifies(governor.public_key):
            problems.append(
                problem_at(
                    record,
                    "governance-bad-signature",
                    f"the signature does not match {governor.name}'s key in library.yaml; it "
                    "counts for nothing",
                )
            )
        else:
            signers.setdefault(governor.public_key, record)
    return signers


def _files_key(files: Mapping[str, Content]) -> tuple:
    return tuple(sorted((name, content.sha256) for name, content in files.items()))


def _apply_approvals(records, state: _State, contents: Contents, problems) -> None:
    """Read approvals and rejections in order; a change counts once enough governors of the
    governance then in force approved it on the then governed base."""
    votes: dict[tuple, dict[str, GovernanceRecord]] = {}
    for record in records:
        if record.kind not in (APPROVED, REJECTED):
            continue
        change = (_files_key(record.files), tuple(sorted((record.base or {}).items())))
        signers = _valid_signers([record], state.info, problems)
        if not signers:
            continue
        voted = votes.setdefault(change, {})
        if record.kind == REJECTED:
            voted.pop(record.person, None)
            continue
        voted[record.person] = record
        base = state.base()
        if any(base.get(name) != record.base.get(name) for name in record.files):
            continue  # made against another governed content: it does not apply now
        info = state.info
        current = {}
        for person, vote in voted.items():
            governor = next((g for g in info.governors if g.id == person), None)
            if governor is not None and vote.verifies(governor.public_key):
                current.setdefault(governor.public_key, vote)
        if len(current) < max(info.signatures_required, 1):
            continue
        data = {name: contents.data(name, content) for name, content in record.files.items()}
        if any(value is None for value in data.values()):
            problems.append(
                problem_at(
                    record,
                    "governance-missing-content",
                    "approves a content that cannot be found in the library's history; "
                    "it cannot be used",
                )
            )
            continue
        for name, content in record.files.items():
            state.contents[name] = content
            state.data[name] = data[name]
            state.approvals[name] = list(current.values())
        votes.clear()  # every other vote was made against the old base


def _pending(records, state: _State, contents: Contents, files) -> list[PendingChange]:
    """Contents of governed files that do not count (yet): the files as they are now, and
    every signed proposal on the current base."""
    base = state.base()
    found: dict[tuple, tuple[dict[str, Content], str]] = {}
    on_disk = {}
    for name in GOVERNED_FILES:
        data = files.get(name)
        read = content_of(data, name) if data is not None else None
        if read is not None and read[0].sha256 != base[name]:
            on_disk[name] = read[0]
    if on_disk:
        found[_files_key(on_disk)] = (on_disk, "the library's files")
    for record in records:
        on_base = all((record.base or {}).get(name) == base[name] for name in record.files)
        differs = any(record.files[name].sha256 != base[name] for name in record.files)
        if record.kind == PROPOSED and on_base and differs:
            found.setdefault(_files_key(record.files), (dict(record.files), "a proposal"))
    info = state.info
    changes = []
    for key, (changed, where) in found.items():
        decided: dict[str, GovernanceRecord] = {}
        proposers = []
        for record in records:
            if _files_key(record.files) != key:
                continue
            if record.kind == PROPOSED:
                proposers.append((record.person, record.time))
            elif record.kind in (APPROVED, REJECTED) and info.governors:
                governor = next((g for g in info.governors if g.id == record.person), None)
                if governor is not None and record.verifies(governor.public_key):
                    decided[record.person] = record
        changes.append(
            PendingChange(
                files=changed,
                base={name: base[name] for name in changed},
                texts={
                    name: (contents.text(name, state.contents[name]), contents.text(name, c))
                    for name, c in changed.items()
                },
                where=where,
                proposed_by=tuple(proposers),
                approved_by=tuple(p for p, r in decided.items() if r.kind == APPROVED),
                rejected_by=tuple(
                    (p, r.message or "") for p, r in decided.items() if r.kind == REJECTED
                ),
                needed=max(info.signatures_required, 1),
            )
        )
    return changes
