"""What a doctor sees before signing an answer off: every check result (and the governors'
exceptions that let an error pass), every service and number the answer will show, and the
summary as a bot sends it. The GUI's sign-off dialog and `review approve` show the same."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from authoring_app.library.answer import AnswerKey
from authoring_app.library.directory import shown_services
from authoring_app.library.library import Library
from authoring_app.library.problems import Problem
from authoring_app.release.render import expand_refs, render_all
from authoring_app.review.exceptions import answer_checks, excepted_checks
from authoring_app.review.governed import governed
from authoring_app.review.library_status import answer_status
from authoring_app.review.records import ReviewRecord


@dataclass(frozen=True)
class SignOffPreview:
    key: AnswerKey
    title: str
    checks: tuple[Problem, ...]  # every check result, errors first
    exceptions: tuple[ReviewRecord, ...]  # governors' exceptions for this exact text
    services: tuple[dict, ...]  # as the bundle lists them, in the answer's language
    summary: str  # the summary as a bot sends it, services written out
    governors: tuple[tuple[str, str], ...] = ()  # governor id -> name, for the exceptions

    def governor_name(self, person_id: str) -> str:
        return dict(self.governors).get(person_id, person_id)

    @property
    def excepted(self) -> set[str]:
        return {r.check or "" for r in self.exceptions}

    @property
    def standing(self) -> tuple[Problem, ...]:
        """The errors no exception lets pass: while there is one, nobody can sign."""
        return tuple(
            p for p in self.checks if p.severity == "error" and p.code not in self.excepted
        )

    def exception_for(self, code: str) -> ReviewRecord | None:
        return next((r for r in self.exceptions if r.check == code), None)


def sign_off_preview(
    library: Library,
    key: AnswerKey,
    *,
    question_checks: list[Problem] | None = None,
    now: dt.datetime | None = None,
) -> SignOffPreview:
    """`question_checks`: whether the answer's own questions find it (questions.py), if the
    caller has a bot's matcher of the library ready; otherwise one is built."""
    answer = library.answer(key)
    if question_checks is None:
        from authoring_app.library import questions

        by_key = {a.key: a for a in library.answers()}
        matcher = questions.matcher_of(by_key.values(), library.directory)
        question_checks = questions.question_problems(
            answer, matcher, library.directory, lambda k: by_key[k].title if k in by_key else None
        )
    trusted = governed(library, now)
    directory = trusted.directory
    status = answer_status(library, key, now=now)
    current = excepted_checks(answer, status.exceptions)
    exceptions = tuple(r for r in status.exceptions if r.check in current)

    def resolve(ref: str) -> str | None:
        service = directory.get(ref)
        return service.label(answer.locale) if service is not None else None

    summary = render_all(expand_refs(answer.summary, resolve)).text
    return SignOffPreview(
        key=key,
        title=answer.title,
        checks=tuple(answer_checks(library, answer) + list(question_checks)),
        exceptions=exceptions,
        services=tuple(shown_services(answer, directory)),
        summary=summary,
        governors=tuple((g.id, g.name) for g in trusted.governors),
    )


def preview_lines(preview: SignOffPreview) -> list[str]:
    """The preview in words, for a terminal."""
    lines = ["Checks:"]
    if not preview.checks:
        lines.append("  all checks pass")
    for problem in preview.checks:
        exception = preview.exception_for(problem.code)
        mark = problem.severity
        if exception is not None:
            who = preview.governor_name(exception.person)
            mark = f"error, passed by an exception ({who}: {exception.message})"
        where = f" [{problem.field}]" if problem.field else ""
        lines.append(f"  {mark}: {problem.code}{where}: {problem.message}")
    lines.append("Services and numbers it shows:")
    if not preview.services:
        lines.append("  none")
    for service in preview.services:
        if service.get("missing"):
            lines.append(f"  {service['id']}: NOT IN THE DIRECTORY")
            continue
        hours = f", {service['hours']}" if service.get("hours") else ""
        lines.append(f"  {service['name']}: {service['contact']}{hours}")
    lines.append("Summary as the bot sends it:")
    lines += [f"  {line}" for line in preview.summary.splitlines() or [""]]
    return lines
