"""The command line: the same core operations the desktop app uses, for terminals and scripts."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from authoring_app import __version__

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


# -- commands ------------------------------------------------------------------------------


def cmd_validate(args) -> int:
    from authoring_app.library.problems import has_errors
    from authoring_app.sync.opening import own_library, validate_path

    path = args.path or args.library
    if path is None:
        path = own_library()
    problems = validate_path(path)
    if args.json:
        print(
            json.dumps(
                {"library": str(path), "problems": [p.to_json() for p in problems]},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for problem in problems:
            print(problem)
        errors = sum(p.severity == "error" for p in problems)
        warnings = len(problems) - errors
        print(
            f"{path}: {errors} error(s), {warnings} warning(s)"
            if problems
            else f"{path}: no problems found"
        )
    return EXIT_PROBLEMS if has_errors(problems) else EXIT_OK


def cmd_list(args) -> int:
    with open_library(args) as library:
        for answer in library.answers():
            print(f"{answer.key}\t{answer.topic}\t{answer.title}")
    return EXIT_OK


def cmd_show(args) -> int:
    with open_library(args) as library:
        key = answer_key(args.answer)
        if args.revision:
            text = library.text_at(key, args.revision)
            if text is None:
                raise CommandError(f"{key} did not exist at revision {args.revision}")
            print(text, end="")
        else:
            print(library.answer(key).to_text(), end="")
    return EXIT_OK


def cmd_history(args) -> int:
    with open_library(args) as library:
        for rev in library.history(answer_key(args.answer)):
            print(f"{rev.short}  {rev.time:%Y-%m-%d %H:%M}  {rev.author:<30}  {rev.subject}")
    return EXIT_OK


def cmd_diff(args) -> int:
    with open_library(args) as library:
        print(library.diff(answer_key(args.answer), args.old, args.new), end="")
    return EXIT_OK


def cmd_restore(args) -> int:
    with open_library(args) as library:
        person = person_named(library, args.as_person, "author")
        revision = library.restore(answer_key(args.answer), args.revision, person)
        print(
            f"restored as revision {revision.short}"
            if revision
            else "nothing changed: the text is already that"
        )
    return EXIT_OK


def cmd_gui(args) -> int:
    from authoring_app.gui.app import run

    return run(args)


# -- the parser ----------------------------------------------------------------------------

COMMANDS: dict[str, Callable] = {}


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--library",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="the library to use (default: your own, made from the sample library on first run)",
    )
    parser = argparse.ArgumentParser(
        prog="authoring-app",
        description="Draft, review, sign off and publish harm-reduction answers. "
        "With no command, opens the desktop app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"authoring-app {__version__}")
    parser.add_argument(
        "--screenshot", metavar="FILE.png", help="render a view offscreen to a PNG and exit"
    )
    parser.add_argument(
        "--view",
        choices=["main", "review", "publish", "history"],
        default="main",
        help="the view --screenshot renders",
    )
    parser.add_argument("--lang", choices=["en", "ru"], help="the interface language")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Callable, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text, parents=[common])
        p.set_defaults(func=func)
        return p

    p = add("validate", cmd_validate, "check a whole library and list every problem")
    p.add_argument("path", nargs="?", help="the library folder (default: --library or your own)")
    p.add_argument("--json", action="store_true", help="print problems as JSON")

    add("list", cmd_list, "list the answers in a library")

    p = add("show", cmd_show, "print an answer file (now, or at a revision)")
    p.add_argument("answer", metavar="ID.LOCALE")
    p.add_argument("--revision", metavar="REV")

    p = add("history", cmd_history, "list every revision of an answer")
    p.add_argument("answer", metavar="ID.LOCALE")

    p = add("diff", cmd_diff, "show what changed in an answer between two revisions")
    p.add_argument("answer", metavar="ID.LOCALE")
    p.add_argument("old", metavar="OLD_REV")
    p.add_argument("new", metavar="NEW_REV", nargs="?", help="default: the current text")

    p = add(
        "restore", cmd_restore, "bring back an earlier revision of an answer, as a new revision"
    )
    p.add_argument("answer", metavar="ID.LOCALE")
    p.add_argument("revision", metavar="REV")
    p.add_argument(
        "--as", dest="as_person", metavar="PERSON", help="who you are (an id from people.yaml)"
    )

    for register in EXTRA_COMMANDS:
        register(add)
    return parser


# Other areas (review, publishing, sync) add their commands here: each is `register(add)`.
EXTRA_COMMANDS: list[Callable] = []


def main(argv: list[str] | None = None) -> int:
    _load_command_modules()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "library"):
        args.library = None
    func = getattr(args, "func", cmd_gui)
    from answer_kit.minisign import SignatureError
    from authoring_app.library.library import LibraryError
    from authoring_app.review.keys import KeyStoreError

    try:
        return func(args)
    except (CommandError, LibraryError, KeyStoreError, SignatureError) as exc:
        print(f"authoring-app: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130


def _load_command_modules() -> None:
    """Import the modules that register further commands."""
    import importlib

    for name in ("authoring_app.cli.review", "authoring_app.cli.publish", "authoring_app.cli.sync"):
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


def path_arg(text: str) -> Path:
    return Path(text).expanduser()
