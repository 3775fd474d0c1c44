"""The governors' operations: found a library, propose, approve or reject a change to its
governed files. Each appends one signed record to governance/records.jsonl and commits it as
the person acting (see governance.py for what the records mean)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from authoring_app.library import atomic
from authoring_app.library.layout import GOVERNANCE_FILE, write_gitattributes
from authoring_app.library.library import Library
from authoring_app.library.roster import Person
from authoring_app.review.governance import (
    APPROVED,
    FOUNDED,
    GOVERNED_FILES,
    PROPOSED,
    REJECTED,
    Content,
    GovernanceRecord,
    PendingChange,
    content_of,
)
from authoring_app.review.governed import forget, governed
from authoring_app.review.keys import encode_public_key
from authoring_app.review.signing import ReviewError, clock

_SUBJECTS = {
    FOUNDED: "Found the library's governance: sign {files}",
    PROPOSED: "Propose a change to {files}",
    APPROVED: "Approve a change to {files}",
    REJECTED: "Decline a change to {files}",
}


def current_contents(library: Library, names: Iterable[str] = GOVERNED_FILES) -> dict:
    """The Content of each governed file as it is on disk now."""
    found = {}
    for name in names:
        try:
            data = (library.path / name).read_bytes()
        except OSError:
            raise ReviewError(f"{name} cannot be read") from None
        read = content_of(data, name)
        if read is None:
            raise ReviewError(f"{name} is not valid: fix it before it can be signed")
        found[name] = read[0]
    return found


def found(
    library: Library, governor_id: str, private_key: Ed25519PrivateKey, *, now=None
) -> GovernanceRecord:
    """Sign the library's three files as they are, as one of the founding governors named in
    its library.yaml. The founding counts once as many have signed as it names."""
    if governed(library, now).founded:
        raise ReviewError("this library is already founded; propose a change instead")
    governor_with_key(library.info.governors, governor_id, private_key)
    record = GovernanceRecord(
        FOUNDED, governor_id, clock(now), current_contents(library), None, None
    )
    return _write(library, record, private_key, GOVERNED_FILES)


def propose(
    library: Library,
    person: Person | str,
    private_key: Ed25519PrivateKey,
    names: Iterable[str] = GOVERNED_FILES,
    *,
    message: str = "",
    now=None,
) -> GovernanceRecord:
    """Say that `person` proposes the governed files `names` as they are now (their signed
    proposal shows who asked; it counts for nothing until the governors approve it)."""
    trusted = governed(library, now)
    person_id = person if isinstance(person, str) else person.id
    changed = {
        name: content
        for name, content in current_contents(library, names).items()
        if content != trusted.contents.get(name)
    }
    if not changed:
        raise ReviewError("nothing to propose: the files are as the governors signed them")
    base = {name: trusted.contents[name].sha256 for name in changed} if trusted.founded else {}
    record = GovernanceRecord(
        PROPOSED, person_id, clock(now), changed, base, message.strip() or None
    )
    return _write(library, record, private_key, list(changed))


def approve(
    library: Library,
    governor_id: str,
    private_key: Ed25519PrivateKey,
    change: PendingChange,
    *,
    message: str = "",
    now=None,
) -> GovernanceRecord:
    """Sign `change` as one of the governors: it counts once enough have."""
    trusted = _founded(library, now)
    governor_with_key(trusted.governors, governor_id, private_key)
    _still_pending(trusted, change)
    record = GovernanceRecord(
        APPROVED,
        governor_id,
        clock(now),
        dict(change.files),
        dict(change.base),
        message.strip() or None,
    )
    return _write(library, record, private_key, _on_disk(library, change.files))


def reject(
    library: Library,
    governor_id: str,
    private_key: Ed25519PrivateKey,
    change: PendingChange,
    reason: str,
    *,
    now=None,
) -> GovernanceRecord:
    """Decline `change` as one of the governors, saying why."""
    if not (reason or "").strip():
        raise ReviewError("say why: declining a change needs a reason")
    trusted = _founded(library, now)
    governor_with_key(trusted.governors, governor_id, private_key)
    record = GovernanceRecord(
        REJECTED, governor_id, clock(now), dict(change.files), dict(change.base), reason.strip()
    )
    return _write(library, record, private_key, [])


def pending_change(
    library: Library, names: Iterable[str] | None = None, *, now=None
) -> PendingChange:
    """The pending change made of the library's files as they are (of `names`, if given)."""
    for change in governed(library, now).pending:
        if change.where == "the library's files" and (
            names is None or set(names) == set(change.files)
        ):
            return change
    raise ReviewError("the governed files are as the governors signed them: nothing is pending")


# -- internals -------------------------------------------------------------------------------


def _founded(library: Library, now):
    trusted = governed(library, now)
    if not trusted.founded:
        raise ReviewError("this library has no governors yet: found it first")
    return trusted


def governor_with_key(governors, governor_id: str, private_key: Ed25519PrivateKey) -> None:
    governor = next((g for g in governors if g.id == governor_id), None)
    if governor is None:
        raise ReviewError(f"{governor_id!r} is not one of this library's governors (library.yaml)")
    if encode_public_key(private_key.public_key()) != governor.public_key:
        raise ReviewError(
            f"the key used is not {governor.name}'s governor key in library.yaml; use the key "
            "on the computer where it was made"
        )


def _still_pending(trusted, change: PendingChange) -> None:
    if any(
        trusted.contents.get(name) is None or trusted.contents[name].sha256 != base
        for name, base in change.base.items()
    ):
        raise ReviewError(
            "this change was made against a version the governors have replaced since: "
            "look at it again"
        )


def _on_disk(library: Library, files: Mapping[str, Content]) -> list[str]:
    """The files in `files` whose content is the one on disk (saved with the record)."""
    try:
        now = current_contents(library, files)
    except ReviewError:
        return []
    return [name for name, content in files.items() if now.get(name) == content]


def governor_person(library: Library, person_id: str) -> Person:
    """Who made a record, as commits name them (a convenience: the signature is the proof)."""
    found = library.roster.get(person_id)
    if found is not None:
        return found
    governor = next((g for g in library.info.governors if g.id == person_id), None)
    return Person(person_id, governor.name if governor else person_id, ())


def _write(library: Library, record: GovernanceRecord, private_key, files) -> GovernanceRecord:
    record = record.signed(private_key)
    with library.write_lock:
        paths = [GOVERNANCE_FILE, *files]
        if write_gitattributes(library.path):
            paths.append(".gitattributes")
        atomic.append_line(library.path / GOVERNANCE_FILE, record.to_line())
        if library.repo is not None:
            names = ", ".join(sorted(record.files))
            person = governor_person(library, record.person)
            library.commit(
                person,
                _SUBJECTS[record.kind].format(files=names),
                paths,
                body=record.message or "",
                trailers={"Action": f"governance-{record.kind}", "Person": record.person},
            )
    forget(library)
    return record
