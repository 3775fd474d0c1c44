"""Withdrawing an answer: taking it off the bots, in every language at once.

A withdrawal is a signed `retired` review record per language, made by a clinician of the
governed roster, with the reason (why the advice must no longer be given). By default it
takes every language of the answer in one commit, so no translation is left behind; a
clinician may choose one language. The answer comes back only when clinicians sign it off
again. What reaches bots (release/notice.py, release/renewal.py): the next release leaves it
out, and a renewed freshness notice names it in `withdrawn`, so a bot drops it at its next
pull without a new release.

Refusals carry a stable `code` (and parameters) for each face to word in the person's
language: `no-reason`, `not-clinician`, `no-such-answer`, `already-withdrawn`,
`no-such-language`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from authoring_app.library.answer import AnswerKey
from authoring_app.library.library import Library
from authoring_app.library.roster import Person
from authoring_app.review.library_status import library_status
from authoring_app.review.records import RETIRED, ReviewRecord
from authoring_app.review.signing import ReviewError, make_record, who, write_record
from authoring_app.review.status import AnswerStatus, Status


class WithdrawalError(ReviewError):
    """A withdrawal refused, with a `code` and its `params`; the message is English."""

    def __init__(self, code: str, message: str, **params):
        super().__init__(message)
        self.code, self.params = code, params


def check_withdraw(library: Library, person: Person | str, *, now=None) -> Person:
    """The governed roster's entry for `person` if they may withdraw answers (a clinician);
    WithdrawalError("not-clinician") otherwise. Asked before any passphrase."""
    try:
        return who(library, person, RETIRED, None, now)
    except ReviewError as exc:
        person_id = person if isinstance(person, str) else person.id
        raise WithdrawalError("not-clinician", str(exc), person=person_id) from None


def withdraw(
    library: Library,
    answer_id: str,
    person: Person | str,
    private_key: Ed25519PrivateKey,
    *,
    reason: str,
    locales: Iterable[str] | None = None,
    now: dt.datetime | None = None,
) -> tuple[ReviewRecord, ...]:
    """Withdraw answer `answer_id` in every language (or only `locales`), as clinician
    `person`, saying why; one signed record per language, all in one commit."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise WithdrawalError(
            "no-reason", "say why the answer is withdrawn: a withdrawal needs a reason"
        )
    check_withdraw(library, person, now=now)
    try:
        signer = who(library, person, RETIRED, private_key, now)
    except ReviewError as exc:  # a key that is not theirs in the governed roster
        raise WithdrawalError("not-clinician", str(exc), person=str(person)) from None
    answers = [a for a in library.answers() if a.id == answer_id]
    if not answers:
        raise WithdrawalError(
            "no-such-answer", f"there is no answer {answer_id!r} in this library", answer=answer_id
        )
    if locales is not None:
        wanted = set(locales)
        missing = wanted - {a.locale for a in answers}
        if missing:
            raise WithdrawalError(
                "no-such-language",
                f"answer {answer_id} has no {', '.join(sorted(missing))} text",
                answer=answer_id,
                locale=", ".join(sorted(missing)),
            )
        answers = [a for a in answers if a.locale in wanted]
    statuses = library_status(library, now=now)
    answers = [a for a in answers if statuses[a.key].status != Status.RETIRED]
    if not answers:
        raise WithdrawalError(
            "already-withdrawn", f"{answer_id} is already withdrawn", answer=answer_id
        )
    written: list[str] = []
    records = tuple(
        write_record(
            library,
            make_record(library, answer, signer, RETIRED, reason, now),
            signer,
            private_key,
            commit=False,
            written=written,
        )
        for answer in sorted(answers, key=lambda a: a.locale)
    )
    languages = ", ".join(r.locale for r in records)
    if library.repo is not None:
        library.commit(
            signer,
            " ".join(f"Withdraw answer {answer_id} ({languages}): {reason}".split())[:200],
            list(dict.fromkeys(written)),
            body=reason,
            trailers={"Answer": answer_id, "Action": RETIRED, "Person": signer.id},
        )
    return records


def withdrawn_keys(
    library: Library,
    among: Iterable[str] | None = None,
    *,
    statuses: Mapping[AnswerKey, AnswerStatus] | None = None,
    now: dt.datetime | None = None,
) -> tuple[str, ...]:
    """`id.locale` of every answer withdrawn by a record that counts (signed by a clinician of
    the governed roster, not since signed off again), of those in `among` if given."""
    statuses = statuses if statuses is not None else library_status(library, now=now)
    keys = sorted(str(k) for k, s in statuses.items() if s.status == Status.RETIRED)
    if among is not None:
        wanted = set(among)
        keys = [k for k in keys if k in wanted]
    return tuple(keys)
