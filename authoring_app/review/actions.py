"""Review operations: submit, comment, request changes, sign off, retire.

Each appends one signed record to reviews/<id>.<locale>.jsonl and commits it as the person
acting, so every step is in the audit trail and is theirs by their key, not by a commit's
author. The GUI and the command line call these same functions; each refuses with a
ReviewError that says in plain words what to do instead. Saving an answer is an operation of
its own (edits.py): it signs the new text as the saver's.
"""

from __future__ import annotations

import datetime as dt

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from authoring_app.library.answer import Answer, AnswerKey
from authoring_app.library.directory import services_digest, shown_services
from authoring_app.library.library import Library
from authoring_app.library.roster import Person
from authoring_app.review.exceptions import SIGNING_OFF, SUBMITTING, refuse_standing
from authoring_app.review.governed import governed
from authoring_app.review.library_status import answer_status
from authoring_app.review.records import (
    CHANGES_REQUESTED,
    COMMENT,
    MEANING,
    RETIRED,
    SIGNED_OFF,
    SUBMITTED,
    ReviewRecord,
)
from authoring_app.review.signing import (
    ReviewError,
    clock,
    make_record,
    quote,
    who,
    write_record,
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


def submit(
    library: Library,
    key: AnswerKey,
    person: Person | str,
    private_key: Ed25519PrivateKey,
    *,
    message: str = "",
    now: dt.datetime | None = None,
) -> ReviewRecord:
    """Ask for clinical review of the current text of `key`."""
    person = who(library, person, SUBMITTED, private_key, now)
    answer, _status = check_submit(library, key, person, now=now)
    return write_record(
        library, make_record(library, answer, person, SUBMITTED, message, now), person, private_key
    )


def check_submit(
    library: Library, key: AnswerKey, person: Person | str, *, now: dt.datetime | None = None
) -> tuple[Answer, AnswerStatus]:
    """Refuse a submission that would not make sense, without writing anything (the GUI
    asks this to enable or explain its Submit button)."""
    who(library, person, SUBMITTED)
    answer, status = _current(library, key, now)
    if status.status in (Status.APPROVED, Status.PUBLISHED):
        raise ReviewError(
            f"{key} is already approved in this exact text; there is nothing to review"
        )
    if status.unsigned_change:
        raise ReviewError(
            f"no one has saved the current text of {key} through the app: save it as yours "
            "first, so that reviewers know whose text it is"
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
            f"changes were requested on this text of {key} ({quote(requests[-1].message)}); "
            "edit and save the answer before submitting it again"
        )
    refuse_standing(library, answer, status, SUBMITTING)
    return answer, status


def comment(
    library: Library,
    key: AnswerKey,
    person: Person | str,
    private_key: Ed25519PrivateKey,
    message: str,
    *,
    now: dt.datetime | None = None,
) -> ReviewRecord:
    """Add a comment to the review thread, tied to the current text."""
    person = who(library, person, COMMENT, private_key, now)
    if not (message or "").strip():
        raise ReviewError("a comment needs some text")
    answer, _ = _current(library, key, now)
    record = make_record(library, answer, person, COMMENT, message, now)
    return write_record(library, record, person, private_key)


def request_changes(
    library: Library,
    key: AnswerKey,
    person: Person | str,
    private_key: Ed25519PrivateKey,
    reason: str,
    *,
    now: dt.datetime | None = None,
) -> ReviewRecord:
    """Ask for changes to the current text; `reason` says what must change."""
    person = who(library, person, CHANGES_REQUESTED, private_key, now)
    if not (reason or "").strip():
        raise ReviewError("say what must change: a request for changes needs a reason")
    answer, _ = _current(library, key, now)
    record = make_record(library, answer, person, CHANGES_REQUESTED, reason, now)
    return write_record(library, record, person, private_key)


def retire(
    library: Library,
    key: AnswerKey,
    person: Person | str,
    private_key: Ed25519PrivateKey,
    *,
    reason: str,
    now: dt.datetime | None = None,
) -> ReviewRecord:
    """Withdraw `key` from publication, saying why. It comes back only once clinicians sign
    it off again."""
    person = who(library, person, RETIRED, private_key, now)
    if not (reason or "").strip():
        raise ReviewError("say why the answer is withdrawn: retiring needs a reason")
    answer, status = _current(library, key, now, allow_conflict=True)
    if status.status == Status.RETIRED:
        raise ReviewError(f"{key} is already retired")
    record = make_record(library, answer, person, RETIRED, reason, now)
    return write_record(library, record, person, private_key)


def check_sign_off(
    library: Library, key: AnswerKey, person: Person | str, *, now: dt.datetime | None = None
) -> AnswerStatus:
    """Refuse, before any passphrase is asked for, a sign-off that would not count."""
    trusted = governed(library, now)
    person = who(library, person, SIGNED_OFF)
    if person.demo and not trusted.trusts_demonstrations():
        raise ReviewError(
            f"{person.id} is a demonstration account; only a sample library governed by "
            "demonstration governors accepts its sign-offs"
        )
    if not person.public_key:
        raise ReviewError(
            f"{person.name} has no public key in the governed people.yaml; create one with "
            f"`authoring-app keys new --person {person.id} --add-to-roster` and ask the "
            "governors to sign the change"
        )
    answer, status = _current(library, key, now)
    if person.languages and answer.locale not in person.languages:
        raise ReviewError(
            f"{person.name} reviews in {', '.join(person.languages)} (people.yaml), not in "
            f"{answer.locale}: their sign-off of {key} would not count"
        )
    if status.unsigned_change:
        raise ReviewError(
            f"no one has saved the current text of {key} through the app, so it cannot be "
            "signed off: its author must save it as theirs first"
        )
    source = _source(library, answer)
    if answer.translation_of and answer.translation_of != answer.locale:
        source_status = answer_status(library, source.key, now=now) if source else None
        if source_status is None or not source_status.publishable:
            raise ReviewError(
                f"{key} translates {answer.id}.{answer.translation_of}, which is not approved; "
                "a translation can be signed off only once the text it translates is signed off"
            )
    if person.id in status.signers:
        raise ReviewError(f"{person.name} has already signed off this text of {key}")
    if status.last_editor == person.id and not trusted.info.self_sign_off_allowed(answer.topic):
        raise ReviewError(
            f"{person.name} made the last change to {key}, and this library does not let the "
            "last editor sign off their own change here; another clinician must sign it off"
        )
    refuse_standing(library, answer, status, SIGNING_OFF)
    return status


def describe_sign_off(library: Library, key: AnswerKey, person: Person | str) -> str:
    """What a signer is about to sign, in words, to show before asking for the passphrase."""
    person = who(library, person, SIGNED_OFF)
    answer = library.answer(key)
    lines = [
        f"Signing as: {person.name}" + (f", {person.credentials}" if person.credentials else ""),
        f"Meaning of this signature: {MEANING}",
        f"Answer: {key} ({answer.title})",
        f"Text signed: {answer.content_hash()}",
        "Any later change to this text, or to a service it shows, voids this sign-off.",
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
    person = who(library, person, SIGNED_OFF, private_key, now)
    check_sign_off(library, key, person, now=now)
    answer = library.answer(key)
    source = _source(library, answer)
    directory = governed(library, now).directory
    record = make_record(library, answer, person, SIGNED_OFF, message, now)
    record = ReviewRecord(
        **{
            **record.__dict__,
            "name": person.name,
            "credentials": person.credentials,
            "meaning": MEANING,
            "source_hash": source.content_hash() if source else None,
            "services_hash": services_digest(shown_services(answer, directory)),
        }
    )
    return write_record(library, record, person, private_key)


def signed_record_line(
    answer: Answer,
    person_id: str,
    name: str,
    credentials: str,
    when: dt.datetime | int | float,
    private_key: Ed25519PrivateKey,
    *,
    directory,
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
        time=clock(when),
        content_hash=answer.content_hash(),
        revision=revision,
        message=None,
        name=name,
        credentials=credentials,
        meaning=MEANING,
        source_hash=source.content_hash() if source else None,
        services_hash=services_digest(shown_services(answer, directory)),
    )
    return record.signed(private_key).to_line()


# -- internals -------------------------------------------------------------------------------


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
