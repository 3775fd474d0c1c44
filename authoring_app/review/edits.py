"""Saving an answer as the person who wrote it.

Every save writes the answer and, in the same commit, a signed `edited` record naming the new
text's content hash, so "who last changed this text" rests on the writer's key and never on a
commit's author (which anyone can set). A text changed outside the app has no such record
until someone saves or claims it as theirs; until then it cannot be signed off.
"""

from __future__ import annotations

import datetime as dt

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from authoring_app.library.answer import Answer, AnswerKey
from authoring_app.library.history import Revision
from authoring_app.library.library import Library
from authoring_app.library.roster import Person
from authoring_app.review.records import EDITED
from authoring_app.review.signing import ReviewError, make_record, who, write_record


def save_answer(
    library: Library,
    answer: Answer,
    person: Person | str,
    private_key: Ed25519PrivateKey,
    message: str | None = None,
    *,
    now: dt.datetime | None = None,
) -> Revision | None:
    """Save `answer` as `person`'s text (signed with their key). None if nothing changed."""
    person = who(library, person, EDITED, private_key, now, pending=True)

    return library.save_answer(
        answer,
        person,
        message,
        also=lambda: _edit_record(library, answer, person, private_key, message or "", now),
    )


def restore(
    library: Library,
    key: AnswerKey,
    commit: str,
    person: Person | str,
    private_key: Ed25519PrivateKey,
    *,
    now: dt.datetime | None = None,
) -> Revision | None:
    """Bring back the text of `key` as it was at `commit`, as `person`'s new revision."""
    person = who(library, person, EDITED, private_key, now, pending=True)

    note = f"restored the text of revision {commit[:8]}"
    return library.restore(
        key,
        commit,
        person,
        also=lambda old: _edit_record(library, old, person, private_key, note, now),
    )


def _edit_record(library, answer: Answer, person, private_key, note: str, now) -> list[str]:
    """Write the signed `edited` record of `answer` for the save that commits it; returns
    the files it changed, for that commit."""
    written: list[str] = []
    record = make_record(library, answer, person, EDITED, note, now)
    write_record(library, record, person, private_key, commit=False, written=written)
    return written


def claim(
    library: Library,
    key: AnswerKey,
    person: Person | str,
    private_key: Ed25519PrivateKey,
    *,
    message: str = "",
    now: dt.datetime | None = None,
):
    """Sign the current text of `key` as `person`'s, as it is (a text changed outside the
    app, which no one has saved through it)."""
    person = who(library, person, EDITED, private_key, now, pending=True)
    answer = library.answer(key)
    note = message or "saved as mine: the text as it is"
    return write_record(
        library, make_record(library, answer, person, EDITED, note, now), person, private_key
    )


def kept(signed, unsigned, private_key) -> tuple[Revision | None, str | None]:
    """Save with `signed(private_key)` when there is a key that may sign, else with
    `unsigned()`: a text is never lost because a key is missing, locked or still waiting for
    the governors. Returns the revision and, when it was saved unsigned, why (to tell the
    person: a doctor cannot sign off a text no one has signed as theirs)."""
    if private_key is None:
        return unsigned(), "no signing key was unlocked"
    try:
        return signed(private_key), None
    except ReviewError as exc:
        return unsigned(), str(exc)
