"""Terminal commands for working together: sync, share, clone, conflicts, resolve, repair."""

from __future__ import annotations

import getpass
import sys

from authoring_app.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    CommandError,
    answer_key,
    open_library,
    person_named,
)

# A distinct exit status for each outcome a script may act on (docs/sharing.md lists them).
EXIT_STATUS = {
    "synced": EXIT_OK,
    "not-shared": EXIT_OK,
    "offline": 10,
    "sign-in": 11,
    "key-refused": 12,
    "host-unknown": 13,
    "host-changed": 14,
    "no-repository": 15,
    "race": 16,
    "running": 17,
    "cancelled": 130,
}

NEXT_STEP = {
    "offline": "Nothing to do now: run sync again when the connection is back.",
    "sign-in": "Run sync again in a terminal and give your user name and password (or an "
    "access token) for that server.",
    "key-refused": "Send your public SSH key (~/.ssh/id_ed25519.pub) to whoever runs the "
    "server and ask them to add it to your account.",
    "host-unknown": "Ask your team lead for the server's fingerprint, run sync again in a "
    "terminal and accept it only if it matches.",
    "host-changed": "Ask whoever runs the server whether its key really changed. Only then "
    "remove its old key from the known hosts file named above.",
    "no-repository": "Check the address (authoring-app share URL changes it) and that your "
    "account may use that repository.",
    "race": "Run sync again in a minute.",
    "running": "Wait for that sync to finish, then run sync again.",
}


def ask_on_terminal(question):
    """Answer git's or ssh's question from the person at this terminal (None: no terminal,
    or standard input is not one: a script is never stopped by a question)."""
    if not sys.stdin.isatty():
        return None
    try:
        tty_in = open("/dev/tty", encoding="utf-8")  # noqa: SIM115 - closed below
        tty = open("/dev/tty", "w", encoding="utf-8")  # noqa: SIM115
    except OSError:
        return None
    with tty_in, tty:
        if question.kind == "host-key":
            tty.write(
                f"First connection to {question.where}. Its {question.key_type} key "
                f"fingerprint is\n    {question.fingerprint}\nCompare it with the one your "
                "team lead gave you. Connect and remember this server? [yes/no] "
            )
            tty.flush()
            return "yes" if tty_in.readline().strip().lower() in ("y", "yes") else "no"
        if question.kind == "username":
            tty.write(f"User name on {question.where}: ")
            tty.flush()
            return tty_in.readline().strip() or None
        label = {
            "password": f"Password (or access token) for {question.username or 'you'} "
            f"on {question.where}: ",
            "passphrase": f"Passphrase of your SSH key {question.where}: ",
        }.get(question.kind, question.prompt.strip() + " ")
        return getpass.getpass(label, stream=tty) or None


def _link():
    from authoring_app.sync.transport import Link

    return Link(responder=ask_on_terminal)


def _exit_status(outcome: str) -> int:
    return EXIT_STATUS.get(outcome, EXIT_PROBLEMS)


def _print_result(result) -> int:
    print(result.message)
    for line in result.repaired:
        print(f"  repaired: {line}")
    for key in result.merged:
        print(f"  changed on another computer: {key}")
    for key in result.conflicts:
        print(f"  conflict: {key} was edited on two computers (other text in conflicts/{key}.md)")
    for path in result.other_versions:
        print(f"  both versions kept: {path}")
    for version in result.stranded:
        print(
            f"  release {version} was made here while another computer published; it was not "
            "sent (run repair, then publish again)"
        )
    for note in result.notes:
        print(f"  note: {note}")
    for problem in result.problems:
        print(f"  problem: {problem}")
    if result.outcome in NEXT_STEP:
        print(NEXT_STEP[result.outcome])
    if result.outcome == "host-changed":
        from authoring_app.sync.transport import known_hosts_file

        print(f"  (known hosts: {known_hosts_file()}, ~/.ssh/known_hosts)")
    if result.detail and not result.ok:
        print(f"  ({result.detail.strip().splitlines()[-1]})", file=sys.stderr)
    return _exit_status(result.outcome)


def _print_failure(failure) -> int:
    from authoring_app.sync.failures import english

    print(f"authoring-app: {english(failure)}", file=sys.stderr)
    if failure.kind in NEXT_STEP:
        print(NEXT_STEP[failure.kind], file=sys.stderr)
    return _exit_status(failure.kind)


def cmd_sync(args) -> int:
    from authoring_app.sync.sync import sync

    with open_library(args) as library:
        person = person_named(library, args.as_person)
        result = sync(library, person, progress=lambda m: print(m, flush=True), link=_link())
        return _print_result(result)


def cmd_share(args) -> int:
    from authoring_app.sync.failures import SyncFailure
    from authoring_app.sync.sync import share_library, sync

    with open_library(args) as library:
        person = person_named(library, args.as_person)
        link = _link()
        try:
            share_library(library, args.url, link)
        except SyncFailure as exc:
            return _print_failure(exc.failure)
        return _print_result(sync(library, person, link=link))


def cmd_clone(args) -> int:
    from authoring_app.sync.failures import SyncFailure
    from authoring_app.sync.sync import clone_library

    try:
        library = clone_library(args.url, args.path, _link())
    except SyncFailure as exc:
        return _print_failure(exc.failure)
    with library:
        print(f"copied the library {library.info.name!r} to {library.path}")
        for problem in library.problems:
            print(f"  problem: {problem}")
    return EXIT_OK


def cmd_conflicts(args) -> int:
    from authoring_app.sync.sync import conflicts, other_file_versions

    with open_library(args) as library:
        found = conflicts(library)
        for conflict in found:
            print(f"{conflict.key}: edited on two computers")
            places = (conflict.local.path if conflict.local else "?", conflict.path)
            for (_answer, who, when), where in zip(conflict.sides(), places, strict=True):
                saved = f", saved {when.astimezone():%Y-%m-%d %H:%M}" if when else ""
                print(f"  {who or 'unknown'}'s version{saved}: {where}")
            for version in conflict.versions[1:]:
                print(f"  and another version in {version.path}")
        others = other_file_versions(library)
        for path in others:
            print(f"{path}: the other computer's version of {path.split('/', 1)[1]}")
        if not found and not others:
            print("no conflicts")
    return EXIT_OK


def cmd_resolve(args) -> int:
    from pathlib import Path

    from authoring_app.library.answer import parse_answer
    from authoring_app.sync.conflicts import choose
    from authoring_app.sync.sync import conflicts, resolve_conflict

    with open_library(args) as library:
        person = person_named(library, args.as_person, "author")
        key = answer_key(args.answer)
        conflict = next((c for c in conflicts(library) if c.key == key), None)
        if conflict is None:
            raise CommandError(f"{key} has no conflict to resolve")
        if not Path(args.keep).is_file():
            chosen = choose(conflict, args.keep, library.roster)
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
        done = repair(library, person, releases=True)
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

    p = add(
        "sync",
        cmd_sync,
        "receive others' changes and send yours (works offline too); exit status 0 synced, "
        "10 offline, 11 sign-in failed, 12 key refused, 13 unknown host key, 14 changed host "
        "key, 15 no such repository or no access, 16 others sending at once, 17 another sync "
        "running, 130 cancelled",
    )
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
        metavar="PERSON|newer|older|FILE",
        help="keep the version a person saved (their id or name), the newer or older one, "
        "or a combined answer file",
    )
    as_person(p)
    p = add("repair", cmd_repair, "finish or undo what an interrupted save or sync left behind")
    as_person(p)
