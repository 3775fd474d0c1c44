"""What every command shares: exit statuses, errors, and finding the library and the person."""

from __future__ import annotations

from pathlib import Path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """A failure to report in one clear line, with exit status 1."""


def open_library(args, *, statuses_next: bool = False):
    """The library the command names (see `Library.open` for `statuses_next`)."""
    from authoring_app.sync.opening import open_library, own_library

    path = own_library(getattr(args, "library", None))
    return open_library(path, statuses_next=statuses_next)


def person_named(library, person_id: str | None, role: str | None = None):
    if not person_id:
        raise CommandError("say who you are with --as PERSON (an id from people.yaml)")
    person = library.roster.get(person_id)
    if person is None:
        known = ", ".join(p.id for p in library.roster) or "nobody"
        raise CommandError(
            f"{person_id!r} is not in this library's roster (people.yaml lists: {known})"
        )
    if role and not person.has_role(role):
        raise CommandError(f"{person.name} does not have the {role} role in people.yaml")
    return person


def answer_key(text: str):
    from authoring_app.library.answer import AnswerKey

    try:
        return AnswerKey.parse(text)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc


def path_arg(text: str) -> Path:
    return Path(text).expanduser()
