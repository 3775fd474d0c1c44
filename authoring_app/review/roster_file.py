"""Changing people.yaml in place: set a person's public signing key, keeping comments and layout."""

from __future__ import annotations

import yaml

from authoring_app.library import atomic
from authoring_app.library.documents import DocumentError, parse_yaml, read_text
from authoring_app.library.library import Library, LibraryError
from authoring_app.library.roster import Roster


def add_public_key(library: Library, person_id: str, public_key: str) -> bool:
    """Write `public_key` into `person_id`'s entry in people.yaml and commit it as them.

    Returns False when the roster already holds exactly that key. A different key replaces the
    old one, which voids every sign-off made with it: the commit says so.
    """
    rel = "people.yaml"
    path = library.path / rel
    try:
        text = read_text(path, rel)
        _, root = parse_yaml(text, rel)
    except DocumentError as exc:
        raise LibraryError(f"people.yaml cannot be read: {exc}") from None
    entry = _entry(root, person_id)
    if entry is None:
        raise LibraryError(
            f"{person_id!r} is not in people.yaml; add them to the roster before adding a key"
        )
    lines = text.split("\n")
    old = None
    for key_node, value_node in entry.value:
        if key_node.value == "public_key":
            old = value_node.value
            number = key_node.start_mark.line
            indent = " " * key_node.start_mark.column
            lines[number] = f"{indent}public_key: {public_key}"
            break
    else:
        # After the last field written on one line (its value cannot run on below it).
        one_line = [k for k, v in entry.value if k.start_mark.line == v.end_mark.line]
        after = one_line[-1] if one_line else entry.value[0][0]
        indent = " " * entry.value[0][0].start_mark.column
        lines.insert(after.start_mark.line + 1, f"{indent}public_key: {public_key}")
    if old == public_key:
        return False
    new_text = "\n".join(lines)
    try:
        person = Roster.from_data(parse_yaml(new_text, rel)[0]).get(person_id)
    except DocumentError:
        person = None
    if person is None or person.public_key != public_key:
        raise LibraryError("people.yaml could not be updated safely; add the key by hand")
    atomic.write_text(path, new_text)
    library.reload()
    person = library.roster.get(person_id)
    body = "This replaces the previous key: sign-offs made with it no longer count." if old else ""
    library.commit(
        person,
        f"Add signing key for {person.name}",
        [rel],
        body=body,
        trailers={"Action": "add-key", "Person": person.id},
    )
    return True


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
