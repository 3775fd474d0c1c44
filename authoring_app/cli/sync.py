"""Terminal commands for working together: sync, share, clone, conflicts, resolve, repair."""

from __future__ import annotations

import sys

from authoring_app.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    CommandError,
    answer_key,
    open_library,
    person_named,
)


def _print_result(result) -> int:
    print(result.message)
    for line in result.repaired:
        print(f"  repaired: {line}")
    for key in result.merged:
        print(f"  changed on another computer: {key}")
    for key in result.conflicts:
        print(f"  edited on two computers: {key} (other text in conflicts/{key}.md)")
    for path in result.other_versions:
        print(f"  both versions kept: {path}")
    for note in result.notes:
        print(f"  note: {note}")
    for problem in result.problems:
        print(f"  problem: {problem}")
    if result.detail and not result.ok:
        print(f"  ({result.detail})", file=sys.stderr)
    return EXIT_OK if result.outcome in ("synced", "offline", "not-shared") else EXIT_PROBLEMS


def cmd_sync(args) -> int:
    from authoring_app.sync.sync import sync

    with open_library(args) as library:
        person = person_named(library, args.as_person)
        return _print_result(sync(library, person, progress=lambda m: print(m, flush=True)))


def cmd_share(args) -> int:
    from authoring_app.sync.sync import share_library, sync

    with open_library(args) as library:
        person = person_named(library, args.as_person)
        share_library(library, args.url)
        return _print_result(sync(library, person))


def cmd_clone(args) -> int:
    from authoring_app.sync.sync import clone_library

    with clone_library(args.url, args.path) as library:
        print(f"copied the library {library.info.name!r} to {library.path}")
        for problem in library.problems:
            print(f"  problem: {problem}")
    return EXIT_OK


def cmd_conflicts(args) -> int:
    from authoring_app.sync.sync import conflicts, other_file_versions

    with open_library(args) as library:
        found = conflicts(library)
        for conflict in found:
            who = conflict.theirs_author or "another computer"
            when = f" on {conflict.theirs_time:%Y-%m-%d %H:%M}" if conflict.theirs_time else ""
            print(f"{conflict.key}: the other text (by {who}{when}) is in {conflict.path}")
            for version in conflict.versions[1:]:
                print(f"  and another version in {version.path}")
        others = other_file_versions(library)
        for path in others:
            print(f"{path}: the other computer's version of {path.split('/', 1)[1]}")
        if not found and not others:
            print("no conflicts")
    return EXIT_OK


def cmd_resolve(args) -> int:
    from authoring_app.library.answer import parse_answer
    from authoring_app.sync.sync import conflicts, resolve_conflict

    with open_library(args) as library:
        person = person_named(library, args.as_person, "author")
        key = answer_key(args.answer)
        conflict = next((c for c in conflicts(library) if c.key == key), None)
        if conflict is None:
            raise CommandError(f"{key} has no conflict to resolve")
        if args.keep == "mine":
            chosen = conflict.local
        elif args.keep == "theirs":
            chosen = conflict.theirs
        else:
            path = args.keep
            try:
                text = open(path, encoding="utf-8").read()  # noqa: SIM115
            except OSError as exc:
                raise CommandError(f"cannot read {path}: {exc.strerror}") from None
            chosen, problems = parse_answer(text, (conflict.local or conflict.theirs).path)
            if chosen is None:
                raise CommandError("; ".join(str(p) for p in problems))
        if chosen is None:
            raise CommandError(f"that version of {key} is not a valid answer file; fix it first")
        revision = resolve_conflict(library, key, chosen, person)
        print(f"resolved {key}" + (f" as revision {revision.short}" if revision else ""))
    return EXIT_OK


def cmd_repair(args) -> int:
    from authoring_app.sync.repair import repair
    from authoring_app.sync.repository_check import check_repository

    with open_library(args) as library:
        person = person_named(library, args.as_person)
        done = repair(library, person)
        for line in done or ["nothing needed repair"]:
            print(line)
        left = check_repository(library)
        for problem in left:
            print(f"  still to do: {problem}")
    return EXIT_OK


def register(add) -> None:
    def as_person(parser):
        parser.add_argument(
            "--as", dest="as_person", metavar="PERSON", help="who you are (an id from people.yaml)"
        )

    p = add("sync", cmd_sync, "receive others' changes and send yours (works offline too)")
    as_person(p)
    p = add("share", cmd_share, "connect this library to a shared library (URL or folder) and sync")
    p.add_argument("url", metavar="URL")
    as_person(p)
    p = add("clone", cmd_clone, "copy a shared library to this computer")
    p.add_argument("url", metavar="URL")
    p.add_argument("path", metavar="PATH", nargs="?", help="where to put it")
    add("conflicts", cmd_conflicts, "list answers edited on two computers")
    p = add("resolve", cmd_resolve, "choose the text of an answer edited on two computers")
    p.add_argument("answer", metavar="ID.LOCALE")
    p.add_argument(
        "--keep",
        required=True,
        metavar="mine|theirs|FILE",
        help="keep this computer's text, the other one, or a combined answer file",
    )
    as_person(p)
    p = add("repair", cmd_repair, "finish or undo what an interrupted save or sync left behind")
    as_person(p)
