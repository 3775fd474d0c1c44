"""Changing people.yaml in place, keeping comments and layout: a person's signing key, added,
replaced or revoked. Each change is a proposal: it counts once the governors sign it (see
governance.py), and a replaced or revoked key is kept, with the time from which records
signed with it no longer count."""

from __future__ import annotations

import datetime as dt

import yaml

from authoring_app.library import atomic
from authoring_app.library.documents import DocumentError, parse_yaml, read_text
from authoring_app.library.library import Library, LibraryError
from authoring_app.library.roster import Person, Roster
from authoring_app.review.records import format_time

ROSTER = "people.yaml"


def add_public_key(
    library: Library, person_id: str, public_key: str, *, now: dt.datetime | None = None
) -> bool:
    """Write `public_key` into `person_id`'s entry in people.yaml and commit it as a proposal.

    Returns False when the file already holds exactly that key. A different key replaces the
    old one, which is kept among `previous_keys` until now: records signed with it before
    still count; the governors see the replacement, naming the old key, before it counts.
    """
    now = now or dt.datetime.now(dt.UTC)
    text, entry = _entry_of(library, person_id)
    old = _value(entry, "public_key")
    if old == public_key:
        return False
    lines = text.split("\n")
    previous = [(old, now, "replaced")] if old else []
    new_text = _with_key(lines, entry, public_key, previous)
    person = _write(library, new_text, person_id, lambda p: p.public_key == public_key)
    body = (
        f"This replaces the key {old[:20]}… (kept as a previous key until "
        f"{format_time(now)}); it counts once the governors sign it."
        if old
        else "The key counts once the governors sign it."
    )
    library.commit(
        person,
        f"Propose a signing key for {person.name}",
        [ROSTER],
        body=body,
        trailers={"Action": "add-key", "Person": person.id},
    )
    return True


def revoke_key(
    library: Library,
    person_id: str,
    since: dt.datetime,
    reason: str,
    by: Person,
) -> None:
    """Mark `person_id`'s current key as revoked from `since` (records signed with it later do
    not count) and remove it, as a proposal for the governors to sign."""
    if not (reason or "").strip():
        raise LibraryError("say why the key is revoked")
    text, entry = _entry_of(library, person_id)
    old = _value(entry, "public_key")
    if not old:
        raise LibraryError(f"{person_id} has no key to revoke")
    new_text = _with_key(text.split("\n"), entry, None, [(old, since, reason.strip())])
    _write(library, new_text, person_id, lambda p: p.public_key is None)
    library.commit(
        by,
        f"Propose revoking the signing key of {person_id}",
        [ROSTER],
        body=f"Records signed with it after {format_time(since)} do not count: {reason.strip()}",
        trailers={"Action": "revoke-key", "Person": by.id},
    )


# -- editing the file --------------------------------------------------------------------------


def _entry_of(library: Library, person_id: str) -> tuple[str, yaml.MappingNode]:
    try:
        text = read_text(library.path / ROSTER, ROSTER)
        _, root = parse_yaml(text, ROSTER)
    except DocumentError as exc:
        raise LibraryError(f"people.yaml cannot be read: {exc}") from None
    entry = _entry(root, person_id)
    if entry is None:
        raise LibraryError(
            f"{person_id!r} is not in people.yaml; add them to the roster before adding a key"
        )
    return text, entry


def _value(entry: yaml.MappingNode, name: str):
    for key_node, value_node in entry.value:
        if key_node.value == name:
            return value_node.value
    return None


def _with_key(lines: list[str], entry, public_key: str | None, previous) -> str:
    """The file's lines with the entry's public key set (or removed) and `previous` keys
    (key, until, reason) added to its previous_keys."""
    indent = " " * entry.value[0][0].start_mark.column
    items = [
        f"{indent}  - public_key: {key}\n{indent}    until: {format_time(until)}\n"
        f"{indent}    reason: {yaml.safe_dump(reason, allow_unicode=True, width=1000).strip().removesuffix('...').strip()}"
        for key, until, reason in previous
    ]
    edits: list[tuple[int, int, list[str]]] = []  # (first line, lines replaced, new lines)
    key_line = next((k.start_mark.line for k, _v in entry.value if k.value == "public_key"), None)
    listed = next(((k, v) for k, v in entry.value if k.value == "previous_keys"), None)
    if listed is not None and items:
        end = listed[1].end_mark.line if listed[1].end_mark.column else listed[1].end_mark.line
        edits.append((end, 0, "\n".join(items).split("\n")))
    if key_line is not None:
        edits.append((key_line, 1, [f"{indent}public_key: {public_key}"] if public_key else []))
    else:
        one_line = [k for k, v in entry.value if k.start_mark.line == v.end_mark.line]
        after = (one_line[-1] if one_line else entry.value[0][0]).start_mark.line + 1
        edits.append((after, 0, [f"{indent}public_key: {public_key}"] if public_key else []))
    if listed is None and items:
        at = (key_line + 1) if key_line is not None else edits[-1][0] + 1
        edits.append((at, 0, [f"{indent}previous_keys:", *"\n".join(items).split("\n")]))
    for first, count, new in sorted(edits, key=lambda e: e[0], reverse=True):
        lines[first : first + count] = new
    return "\n".join(lines)


def _write(library: Library, new_text: str, person_id: str, check) -> Person:
    try:
        person = Roster.from_data(parse_yaml(new_text, ROSTER)[0]).get(person_id)
    except DocumentError:
        person = None
    if person is None or not check(person):
        raise LibraryError("people.yaml could not be updated safely; change it by hand")
    atomic.write_text(library.path / ROSTER, new_text)
    library.reload()
    return library.roster.get(person_id)


def _entry(root: yaml.Node | None, person_id: str) -> yaml.MappingNode | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    for key_node, value_node in root.value:
        if key_node.value != "people" or not isinstance(value_node, yaml.SequenceNode):
            continue
        for item in value_node.value:
            if not isinstance(item, yaml.MappingNode):
                continue
            for k, v in item.value:
                if k.value == "id" and getattr(v, "value", None) == person_id:
                    return item
    return None
