"""What every command shares: exit statuses, errors, and finding the library and the person."""

from __future__ import annotations

import sys
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


def unlock(person_id: str, name: str, passphrase_file: Path | None):
    """`person_id`'s private key from this computer's key store, asking for its passphrase
    (or reading it from `passphrase_file`)."""
    import getpass

    from authoring_app.review.keys import KeyStore, KeyStoreError, read_passphrase_file

    try:
        if passphrase_file:
            passphrase = read_passphrase_file(passphrase_file)
        elif sys.stdin.isatty():
            passphrase = getpass.getpass(f"Passphrase for {name}'s signing key: ")
        else:
            raise CommandError("give the passphrase with --passphrase-file (no terminal to ask on)")
        return KeyStore().load(person_id, passphrase)
    except KeyStoreError as exc:
        raise CommandError(str(exc)) from None
