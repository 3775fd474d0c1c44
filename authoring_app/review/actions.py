"""Review operations: submit, comment, request changes, sign off, retire.

Each appends one record to reviews/<id>.<locale>.jsonl and commits it as the person acting, so
every step is in the audit trail. The GUI and the command line call these same functions; each
refuses with a ReviewError that says in plain words what to do instead.
"""

from __future__ import annotations

import datetime as dt

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from authoring_app.library import atomic
from authoring_app.library.answer import Answer, AnswerKey
from authoring_app.library.layout import write_gitattributes
from authoring_app.library.library import Library, LibraryError
from authoring_app.library.roster import Person
from authoring_app.review.keys import encode_public_key
from authoring_app.review.library_status import answer_status
from authoring_app.review.record_checks import ROLES_FOR
from authoring_app.review.records import (
    CHANGES_REQUESTED,
    COMMENT,
    MEANING,
    RETIRED,
    SIGNED_OFF,
    SUBMITTED,
    ReviewRecord,
    review_path,
)
from authoring_app.review.status import AnswerStatus, Status

__all__ = [
    "MEANING",
    "ReviewError",
    "check_sign_off",
    "check_submit",
    "comment",
    "describe_sign_off",
    "request_changes",
    "retire",
    "sign_off",
    "signed_record_line",
    "submit",
]

_VERBS = {
    SUBMITTED: "Submit answer {key} for review",
    COMMENT: "Comment on answer {key}",
    CHANGES_REQUESTED: "Request changes to answer {key}",
    SIGNED_OFF: "Sign off answer {key} (" + MEANING + ")",
    RETIRED: "Retire answer {key}",
}


class ReviewError(LibraryError):
    """A review action that cannot be done, with what to do instead."""


def submit(
    library: Library,
    key: AnswerKey,
    person: Person | str,
    *,
    message: str = "",
    now: dt.datetime | None = None,
) -> ReviewRecord:
    """Ask for clinical review of the current text of `key`."""
    person = _who(library, person, SUBMITTED)
    answer, _status = check_submit(library, key, person, now=now)
    return _append(library, answer, person, SUBMITTED, message, now)


def check_submit(
    library: Library, key: AnswerKey, person: Person | str, *, now: dt.datetime | None = None
) -> tuple[Answer, AnswerStatus]:
    """Refuse a submission that would not make sense, without writing anything (the GUI
    asks this to enable or explain its Submit button)."""
    _who(library, person, SUBMITTED)
    answer, status = _current(library, key, now)
    if status.status in (Status.APPROVED, Status.PUBLISHED):
        raise ReviewError(
            f"{key} is already approved in this exact text; there is nothing to review"
        )
    not_counted = {p.line for p in status.problems}
    if status.status == Status.IN_REVIEW and any(
        r.kind == SUBMITTED
        and r.content_hash == answer.content_hash()
        and r.line not in not_counted
        for r in status.records
    ):
        raise ReviewError(f"{key} is already in review in this exact text")
    requests = [
        r for r in status.records if r.kind == CHANGES_REQUESTED and r.line not in not_counted
    ]
    if (
        status.status == Status.CHANGES_REQUESTED
        and requests[-1].content_hash == answer.content_hash()
    ):
        raise ReviewError(
            f"changes were requested on this text of {key} ({_quote(requests[-1].message)}); "
            "edit and save the answer before submitting it again"
        )
    return answer, status


def comment(
    library: Library,
    key: AnswerKey,
    person: Person | str,
    message: str,
    *,
    now: dt.datetime | None = None,
) -> ReviewRecord:
    """Add a comment to the review thread, tied to the current text."""
    person = _who(library, person, COMMENT)
    if not (message or "").strip():
        raise ReviewError("a comment needs some text")
    answer, _ = _current(library, key, now)
    return _append(library, answer, person, COMMENT, message, now)


def request_changes(
    library: Library,
    key: AnswerKey,
    person: Person | str,
    reason: str,
    *,
    now: dt.datetime | None = None,
) -> ReviewRecord:
    """Ask for changes to the current text; `reason` says what must change."""
    person = _who(library, person, CHANGES_REQUESTED)
    if not (reason or "").strip():
        raise ReviewError("say what must change: a request for changes needs a reason")
    answer, _ = _current(library, key, now)
    return _append(library, answer, person, CHANGES_REQUESTED, reason, now)


def retire(
    library: Library,
    key: AnswerKey,
    person: Person | str,
    *,
    reason: str = "",
    now: dt.datetime | None = None,
) -> ReviewRecord:
    """Withdraw `key` from publication. It comes back only when submitted and signed off again."""
    person = _who(library, person, RETIRED)
    answer, status = _current(library, key, now, allow_conflict=True)
    if status.status == Status.RETIRED:
        raise ReviewError(f"{key} is already retired")
    return _append(library, answer, person, RETIRED, reason, now)


def check_sign_off(
    library: Library, key: AnswerKey, person: Person | str, *, now: dt.datetime | None = None
) -> AnswerStatus:
    """Refuse, before any passphrase is asked for, a sign-off that would not count."""
    person = _who(library, person, SIGNED_OFF)
    if person.demo and not library.info.sample:
        raise ReviewError(
            f"{person.id} is a demonstration account; a real library does not accept its sign-offs"
        )
    if not person.public_key:
        raise ReviewError(
            f"{person.name} has no public key in people.yaml; create one with "
            f"`authoring-app keys new --person {person.id} --add-to-roster`"
        )
    answer, status = _current(library, key, now)
    if status.status == Status.RETIRED:
        raise ReviewError(f"{key} is retired; submit it for review again before signing it off")
    if person.id in status.signers:
        raise ReviewError(f"{person.name} has already signed off this text of {key}")
    if status.last_editor == person.id and not library.info.allow_self_sign_off:
        raise ReviewError(
            f"{person.name} made the last change to {key}, and this library does not let the "
            "last editor sign off their own change (allow_self_sign_off: false); another "
            "clinician must sign it off"
        )
    return status


def describe_sign_off(library: Library, key: AnswerKey, person: Person | str) -> str:
    """What a signer is about to sign, in words, to show before asking for the passphrase."""
    person = _who(library, person, SIGNED_OFF)
    answer = library.answer(key)
    lines = [
        f"Signing as: {person.name}" + (f", {person.credentials}" if person.credentials else ""),
        f"Meaning of this signature: {MEANING}",
        f"Answer: {key} ({answer.title})",
        f"Text signed: {answer.content_hash()}",
        "Any later change to this text voids this sign-off.",
    ]
    source = _source(library, answer)
    if source is not None:
        lines.insert(3, f"Translation of: {source.key} ({source.content_hash()})")
    if person.demo:
        lines.insert(0, "DEMONSTRATION KEY: this sign-off counts only in a sample library.")
    return "\n".join(lines)


def sign_off(
    library: Library,
    key: AnswerKey,
    person: Person | str,
    private_key: Ed25519PrivateKey,
    *,
    message: str = "",
    now: dt.datetime | None = None,
) -> ReviewRecord:
    """Sign off the current text of `key` as `person`: "clinical approval for publication"."""
    person = _who(library, person, SIGNED_OFF)
    check_sign_off(library, key, person, now=now)
    if encode_public_key(private_key.public_key()) != person.public_key:
        raise ReviewError(
            f"the key used does not match {person.name}'s public key in people.yaml; use the "
            "key on the machine where it was created, or add this key to the roster"
        )
    answer = library.answer(key)
    source = _source(library, answer)
    record = _record(library, answer, person, SIGNED_OFF, message, now)
    record = ReviewRecord(
        **{
            **record.__dict__,
            "name": person.name,
            "credentials": person.credentials,
            "meaning": MEANING,
            "source_hash": source.content_hash() if source else None,
        }
    ).signed(private_key)
    return _write(library, record, person)


def signed_record_line(
    answer: Answer,
    person_id: str,
    name: str,
    credentials: str,
    when: dt.datetime | int | float,
    private_key: Ed25519PrivateKey,
    *,
    revision: str | None = None,
    source: Answer | None = None,
) -> str:
    """One signed sign-off line, for tools that write many records in one commit (imports,
    benchmarks). It is checked like any other record; no rule is checked here."""
    if isinstance(when, int | float):
        when = dt.datetime.fromtimestamp(when, dt.UTC)
    record = ReviewRecord(
        kind=SIGNED_OFF,
        answer=answer.id,
        locale=answer.locale,
        person=person_id,
        time=_clock(when),
        content_hash=answer.content_hash(),
        revision=revision,
        message=None,
        name=name,
        credentials=credentials,
        meaning=MEANING,
        source_hash=source.content_hash() if source else None,
    )
    return record.signed(private_key).to_line()


# -- internals -------------------------------------------------------------------------------


def _who(library: Library, person: Person | str, kind: str) -> Person:
    person_id = person if isinstance(person, str) else person.id
    found = library.roster.get(person_id)
    if found is None:
        raise ReviewError(f"{person_id!r} is not in this library's roster (people.yaml)")
    roles = ROLES_FOR[kind]
    if not any(found.has_role(r) for r in roles):
        action = {
            SUBMITTED: "submit answers for review",
            COMMENT: "comment",
            CHANGES_REQUESTED: "request changes",
            SIGNED_OFF: "sign off answers",
            RETIRED: "retire answers",
        }[kind]
        raise ReviewError(
            f"{found.name} cannot {action}: that needs the {' or '.join(roles)} role in people.yaml"
        )
    return found


def _current(
    library: Library, key: AnswerKey, now, *, allow_conflict: bool = False
) -> tuple[Answer, AnswerStatus]:
    answer = library.answer(key)
    if library.repo is not None and library.repo.git.status("--porcelain", "--", answer.path):
        raise ReviewError(f"{key} has changes that are not saved yet; save the answer first")
    status = answer_status(library, key, now=now)
    if status.status == Status.CONFLICT and not allow_conflict:
        raise ReviewError(
            f"{key} was edited on two machines and the versions conflict; choose or combine "
            "them first (the other version is in conflicts/)"
        )
    return answer, status


def _source(library: Library, answer: Answer) -> Answer | None:
    if not answer.translation_of or answer.translation_of == answer.locale:
        return None
    return library.find(AnswerKey(answer.id, answer.translation_of))


def _record(library, answer, person, kind, message, now) -> ReviewRecord:
    return ReviewRecord(
        kind=kind,
        answer=answer.id,
        locale=answer.locale,
        person=person.id,
        time=_clock(now),
        content_hash=answer.content_hash(),
        revision=library.head(),
        message=(message or "").strip() or None,
    )


def _append(library, answer, person, kind, message, now) -> ReviewRecord:
    return _write(library, _record(library, answer, person, kind, message, now), person)


def _write(library: Library, record: ReviewRecord, person: Person) -> ReviewRecord:
    rel = review_path(record.key)
    with library.write_lock:
        paths = [rel]
        if write_gitattributes(library.path):
            paths.append(".gitattributes")
        atomic.append_line(library.path / rel, record.to_line())
        subject = _VERBS[record.kind].format(key=record.key)
        if record.message and record.kind in (COMMENT, CHANGES_REQUESTED, RETIRED):
            subject += ": " + record.message
        if library.repo is not None:
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


def _clock(now: dt.datetime | None) -> dt.datetime:
    now = now or dt.datetime.now(dt.UTC)
    return (now if now.tzinfo else now.replace(tzinfo=dt.UTC)).replace(microsecond=0)


def _quote(text: str | None) -> str:
    text = " ".join((text or "").split())
    return f'"{text[:80]}..."' if len(text) > 80 else f'"{text}"'
