"""What every signed action shares: who may act, making a record, signing it with the
person's own key, and writing it into the answer's review file with its commit."""

from __future__ import annotations

import datetime as dt

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from authoring_app.library import atomic
from authoring_app.library.answer import Answer
from authoring_app.library.layout import write_gitattributes
from authoring_app.library.library import Library, LibraryError
from authoring_app.library.roster import Person
from authoring_app.review.governed import governed
from authoring_app.review.keys import encode_public_key
from authoring_app.review.record_checks import ROLES_FOR
from authoring_app.review.records import (
    CHANGES_REQUESTED,
    COMMENT,
    EDITED,
    EXCEPTED,
    MEANING,
    RETIRED,
    SIGNED_OFF,
    SUBMITTED,
    ReviewRecord,
    review_path,
)

VERBS = {
    EDITED: "Claim the text of answer {key}",
    SUBMITTED: "Submit answer {key} for review",
    COMMENT: "Comment on answer {key}",
    CHANGES_REQUESTED: "Request changes to answer {key}",
    SIGNED_OFF: "Sign off answer {key} (" + MEANING + ")",
    RETIRED: "Retire answer {key}",
    EXCEPTED: "Let answer {key} pass check {check}",
}
_ACTIONS = {
    EDITED: "save answers as theirs",
    SUBMITTED: "submit answers for review",
    COMMENT: "comment",
    CHANGES_REQUESTED: "request changes",
    SIGNED_OFF: "sign off answers",
    RETIRED: "withdraw answers",
}


class ReviewError(LibraryError):
    """A review action that cannot be done, with what to do instead."""


def who(
    library: Library,
    person: Person | str,
    kind: str,
    private_key: Ed25519PrivateKey | None = None,
    now: dt.datetime | None = None,
    *,
    pending: bool = False,
) -> Person:
    """The governed roster's entry for `person`, if they may make a `kind` record (and, with
    `private_key`, if that key is theirs).

    With `pending`, a person or key still waiting for the governors (in people.yaml as
    written) may sign too: the record is kept, and counts once they approve. Saving a text is
    never refused for that; a review step is."""
    person_id = person if isinstance(person, str) else person.id
    found = governed(library, now).roster.get(person_id)
    written = library.roster.get(person_id)
    mine = encode_public_key(private_key.public_key()) if private_key is not None else None
    if pending and written is not None and mine is not None and written.public_key == mine:
        found = written  # waiting for the governors: signed now, counted once approved
    if found is None:
        raise ReviewError(
            f"{person_id!r} is not in this library's governed roster (people.yaml, as its "
            "governors signed it)"
        )
    roles = ROLES_FOR[kind]
    if not any(found.has_role(r) for r in roles):
        raise ReviewError(
            f"{found.name} cannot {_ACTIONS[kind]}: that needs the {' or '.join(roles)} role "
            "in people.yaml"
        )
    if mine is not None and mine != found.public_key:  # a replaced or revoked key: no more
        raise ReviewError(
            f"the key used is not {found.name}'s key in the governed people.yaml: use the "
            "key on the computer where it was made, or ask the governors to approve this one"
        )
    return found


def make_record(
    library: Library,
    answer: Answer,
    person: Person,
    kind: str,
    message: str,
    now: dt.datetime | None,
    *,
    content_hash: str | None = None,
) -> ReviewRecord:
    return ReviewRecord(
        kind=kind,
        answer=answer.id,
        locale=answer.locale,
        person=person.id,
        time=clock(now),
        content_hash=content_hash or answer.content_hash(),
        revision=library.head(),
        message=(message or "").strip() or None,
    )


def write_record(
    library: Library,
    record: ReviewRecord,
    person: Person,
    private_key: Ed25519PrivateKey,
    *,
    commit: bool = True,
    written: list[str] | None = None,
) -> ReviewRecord:
    """Sign `record`, append it to its review file and (with `commit`) commit it as `person`;
    returns the record as written (with its file and line). `written` (without `commit`)
    gets every file changed, for the caller's commit: the review file, and .gitattributes
    when its union-merge lines were added."""
    record = record.signed(private_key)
    rel = review_path(record.key)
    with library.write_lock:
        paths = [rel]
        if write_gitattributes(library.path):
            paths.append(".gitattributes")
        atomic.append_line(library.path / rel, record.to_line())
        if written is not None:
            written += paths
        if commit and library.repo is not None:
            subject = VERBS[record.kind].format(key=record.key, check=record.check)
            if record.message and record.kind in (COMMENT, CHANGES_REQUESTED, RETIRED, EXCEPTED):
                subject += ": " + record.message
            library.commit(
                person,
                " ".join(subject.split())[:200],
                paths,
                body=record.message or "",
                trailers={"Answer": str(record.key), "Action": record.kind, "Person": person.id},
            )
    return ReviewRecord(**{**record.__dict__, "path": rel, "line": _line_count(library, rel)})


def _line_count(library: Library, rel: str) -> int:
    return (library.path / rel).read_bytes().count(b"\n")


def clock(now: dt.datetime | None) -> dt.datetime:
    now = now or dt.datetime.now(dt.UTC)
    return (now if now.tzinfo else now.replace(tzinfo=dt.UTC)).replace(microsecond=0)


def quote(text: str | None) -> str:
    text = " ".join((text or "").split())
    return f'"{text[:80]}..."' if len(text) > 80 else f'"{text}"'
