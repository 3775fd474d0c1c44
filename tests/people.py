"""The test roster's signing keys: fixed, so that people.yaml and library.yaml can name them.

Every person in the test libraries (tests/conftest.py) has a key the governors approved when
the library was founded; the two governors sign with their own keys."""

from __future__ import annotations

import functools
import hashlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from authoring_app.review.keys import encode_public_key

PEOPLE = ("alex", "dr-one", "dr-two", "pat", "gov-one", "gov-two")
KEYS = {
    person: Ed25519PrivateKey.from_private_bytes(hashlib.sha256(f"test {person}".encode()).digest())
    for person in PEOPLE
}
PUBLIC = {person: encode_public_key(key.public_key()) for person, key in KEYS.items()}


@functools.cache
def key_of(person_id: str) -> Ed25519PrivateKey:
    """The private key of a test person, or of a sample library's demonstration person."""
    if person_id in KEYS:
        return KEYS[person_id]
    from cryptography.hazmat.primitives import serialization

    from authoring_app.review.demo_keys import DEMO_PASSPHRASE, demo_key_files

    pem = demo_key_files()[person_id].read_bytes()
    return serialization.load_pem_private_key(pem, DEMO_PASSPHRASE.encode())


def save_as(library, answer, person, message=None, *, now=None):
    """Save `answer` as `person`'s text (a Person or an id), signed with their key, as the app
    does."""
    from authoring_app.review import edits

    person_id = person if isinstance(person, str) else person.id
    return edits.save_answer(library, answer, person_id, key_of(person_id), message, now=now)


def govern(library, name: str, change, *, by=None, now=None):
    """Change governed file `name` (`change` maps its text to the new text), commit it, and
    have governors approve it (`by`, or as many of the library's as must sign); returns the
    pending change approved."""
    from pathlib import Path

    from authoring_app.review import governing
    from authoring_app.review.governed import governed

    path = Path(library.path) / name
    old = path.read_text("utf-8")
    if change(old) != old:
        path.write_text(change(old), "utf-8")
        author = next(p for p in library.roster if p.has_role("author"))
        library.commit(author, f"Change {name}", [name])
        library.reload()
    pending = governing.pending_change(library, [name], now=now)
    trusted = governed(library, now)
    for governor in by or [g.id for g in trusted.governors][: trusted.required]:
        governing.approve(library, governor, key_of(governor), pending, now=now)
    library.reload()
    return pending
