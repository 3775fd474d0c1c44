"""Commands for the library's files: validate, list, show, history, diff, restore."""

from __future__ import annotations

import json

from authoring_app.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    CommandError,
    answer_key,
    open_library,
    person_named,
)


def cmd_validate(args) -> int:
    from authoring_app.library.problems import has_errors
    from authoring_app.sync.opening import own_library, validate_path

    path = args.path or args.library
    if path is None:
        path = own_library()
    problems = validate_path(path)
    readings = _readings(path) if args.readability else None
    if args.json:
        data = {"library": str(path), "problems": [p.to_json() for p in problems]}
        if readings is not None:
            data["readability"] = [
                {
                    "answer": key,
                    "field": r.field,
                    "measure": r.figure.measure,
                    "value": round(r.figure.value, 1),
                    "limit": r.limit_text,
                    "too_hard": r.too_hard,
                    **({"flesch_kincaid": round(r.figure.grade, 1)} if r.figure.grade else {}),
                }
                for key, r in readings
            ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for key, reading in readings or ():
            print(f"{key} [{reading.field}]: {_reading_text(reading)}")
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


def _readings(path) -> list:
    """Each answer's readability, for `validate --readability` (none if it cannot be read)."""
    from authoring_app.library.checks import answer_readings
    from authoring_app.library.library import Library, LibraryError

    try:
        with Library.open(path, files_only=True) as library:
            return [
                (str(answer.key), reading)
                for answer in library.answers()
                for reading in answer_readings(answer, library.info)
            ]
    except (LibraryError, OSError):  # the problems above already say why it cannot be read
        return []


def _reading_text(reading) -> str:
    from authoring_app.library.readability import SMOG

    if reading.figure.measure == SMOG:
        text = (
            f"reading grade {reading.value_text} (SMOG; Flesch–Kincaid {reading.figure.grade:.1f})"
        )
        limit = f"above this library's limit of {reading.limit_text}"
    else:
        text = f"easy to read: {reading.value_text} of 100 (Flesch reading ease, Oborneva)"
        limit = f"below this library's limit of {reading.limit_text}"
    return f"{text}, {limit}" if reading.too_hard else f"{text}, ok"


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


def register(add) -> None:
    p = add("validate", cmd_validate, "check a whole library and list every problem")
    p.add_argument("path", nargs="?", help="the library folder (default: --library or your own)")
    p.add_argument("--json", action="store_true", help="print problems as JSON")
    p.add_argument(
        "--readability",
        action="store_true",
        help="also print how easy each answer's short reply and full text are to read",
    )

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
