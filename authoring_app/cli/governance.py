"""Governance commands, for a library's governors: who counts as a clinician, whose key is
whose, and the rules. See docs/review.md.

    authoring-app governance                      what counts now, and what is pending
    authoring-app governance diff [N]             a pending change, line by line
    authoring-app governance found --as GOV       sign the library's files as they are
    authoring-app governance approve N --as GOV   sign pending change N (after reading it)
    authoring-app governance reject N --as GOV -m REASON
    authoring-app governance propose --as PERSON  ask the governors for the files as they are
    authoring-app governance export --to FILE     the governor keys a bot maintainer pins
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys

from authoring_app.cli.common import (
    EXIT_OK,
    CommandError,
    open_library,
    path_arg,
    unlock,
)


def cmd_governance(args) -> int:
    from authoring_app.review.governed import governed

    with open_library(args) as library:
        trusted = governed(library)
        if not trusted.founded:
            print("This library is not founded yet: nothing can be signed off or published.")
            print("Governors named in library.yaml: " + _names(library.info.governors))
            print(
                f"{library.info.signatures_required} of them must run "
                "`authoring-app governance found --as ID` to sign its files as they are."
            )
        else:
            print(
                f"Governors: {_names(trusted.governors)}; {trusted.required} must sign "
                "every change to library.yaml, people.yaml and directory.yaml."
            )
            clinicians = [p for p in trusted.roster if p.has_role("clinician")]
            print(f"Clinicians who count: {_names(clinicians) or 'nobody yet'}")
        for problem in trusted.problems:
            print(f"  problem: {problem}")
        if not trusted.pending:
            print("Nothing is pending: the files are as the governors signed them.")
        for number, change in enumerate(trusted.pending, 1):
            print(f"\n[{number}] {_describe(change)}")
        if trusted.pending:
            print("\nRead a change with `governance diff N` before you approve or decline it.")
    return EXIT_OK


def cmd_diff(args) -> int:
    from authoring_app.review.governed import governed

    with open_library(args) as library:
        pending = governed(library).pending
        chosen = [_numbered(pending, args.number)] if args.number else pending
        if not chosen:
            print("Nothing is pending.")
        for change in chosen:
            _print_diff(change)
    return EXIT_OK


def cmd_found(args) -> int:
    from authoring_app.review import governing

    with open_library(args) as library:
        governor = _governor(library.info.governors, args.as_person)
        key = unlock(governor.id, governor.name, args.passphrase_file)
        record = governing.found(library, governor.id, key)
        trusted = _fresh(library)
        print(f"Signed the founding of this library as {governor.name} at {record.time:%H:%M}Z.")
        if trusted.founded:
            print("The library is founded: its people, rules and directory now count.")
        else:
            print(f"It counts once {library.info.signatures_required} governors have signed it.")
    return EXIT_OK


def cmd_approve(args) -> int:
    from authoring_app.review import governing

    with open_library(args) as library:
        trusted = _fresh(library)
        change = _numbered(trusted.pending, args.number)
        governor = _governor(trusted.governors, args.as_person)
        _print_diff(change)
        if not args.yes:
            _confirm(f"Approve this change as {governor.name}?")
        key = unlock(governor.id, governor.name, args.passphrase_file)
        governing.approve(library, governor.id, key, change, message=args.message or "")
        now_counts = all(_fresh(library).contents.get(n) == c for n, c in change.files.items())
        print(
            "Approved: the change counts now."
            if now_counts
            else f"Approved; it counts once {trusted.required} governors have approved it."
        )
    return EXIT_OK


def cmd_reject(args) -> int:
    from authoring_app.review import governing

    with open_library(args) as library:
        trusted = _fresh(library)
        change = _numbered(trusted.pending, args.number)
        governor = _governor(trusted.governors, args.as_person)
        if not (args.message or "").strip():
            raise CommandError("say why with --message: declining a change needs a reason")
        key = unlock(governor.id, governor.name, args.passphrase_file)
        governing.reject(library, governor.id, key, change, args.message)
        print(f"Declined change {args.number} as {governor.name}.")
    return EXIT_OK


def cmd_propose(args) -> int:
    from authoring_app.cli.common import person_named
    from authoring_app.review import governing

    with open_library(args) as library:
        person = person_named(library, args.as_person)
        key = unlock(person.id, person.name, args.passphrase_file)
        record = governing.propose(library, person, key, message=args.message or "")
        print(f"Proposed {', '.join(sorted(record.files))}: the governors see it as pending.")
    return EXIT_OK


def cmd_export(args) -> int:
    from authoring_app.review.governed import governed

    with open_library(args) as library:
        trusted = governed(library)
        if not trusted.founded:
            raise CommandError("this library is not founded: it has no governors to pin yet")
        pinned = {
            "library": library.info.name,
            "governors": [
                {"id": g.id, "name": g.name, "public_key": g.public_key} for g in trusted.governors
            ],
            "signatures_required": trusted.required,
        }
    text = json.dumps(pinned, ensure_ascii=False, indent=2) + "\n"
    if args.to:
        args.to.write_text(text, "utf-8")
        print(f"Wrote the governor keys to {args.to}; give it to bot maintainers to pin.")
    else:
        sys.stdout.write(text)
    return EXIT_OK


# -- internals -------------------------------------------------------------------------------


def _fresh(library):
    from authoring_app.review.governed import forget, governed

    forget(library)
    return governed(library)


def _names(people) -> str:
    return ", ".join(f"{p.name} ({p.id})" for p in people)


def _governor(governors, governor_id: str | None):
    if not governor_id:
        raise CommandError("say which governor you are with --as ID (from library.yaml)")
    found = next((g for g in governors if g.id == governor_id), None)
    if found is None:
        raise CommandError(
            f"{governor_id!r} is not a governor of this library "
            f"(governors: {', '.join(g.id for g in governors) or 'none'})"
        )
    return found


def _numbered(pending, number: int | None):
    if not pending:
        raise CommandError("nothing is pending: the files are as the governors signed them")
    if number is None and len(pending) == 1:
        return pending[0]
    if number is None or not 1 <= number <= len(pending):
        raise CommandError(f"say which pending change, 1 to {len(pending)} (see `governance`)")
    return pending[number - 1]


def _describe(change) -> str:
    files = ", ".join(sorted(change.files))
    lines = [f"{files}: found in {change.where}"]
    for person, when in change.proposed_by:
        lines.append(f"    proposed by {person} at {when:%Y-%m-%d %H:%M}Z")
    approved = ", ".join(change.approved_by) or "nobody yet"
    lines.append(f"    approved by {approved} ({len(change.approved_by)}/{change.needed})")
    for person, reason in change.rejected_by:
        lines.append(f"    declined by {person}: {reason}")
    return "\n".join(lines)


def _print_diff(change) -> None:
    print(_describe(change))
    for name in sorted(change.texts):
        old, new = change.texts[name]
        diff = difflib.unified_diff(
            old.splitlines(),
            new.splitlines(),
            f"{name} (governed)",
            f"{name} (proposed)",
            lineterm="",
        )
        print("\n".join(diff))


def _confirm(question: str) -> None:
    if not sys.stdin.isatty():
        raise CommandError("no terminal to confirm on; read the change, then pass --yes")
    if input(f"{question} [y/N] ").strip().lower() not in {"y", "yes"}:
        raise CommandError("nothing was signed")


def register(add) -> None:
    p = add("governance", cmd_governance, "who counts, the rules, and pending changes")
    sub = p.add_subparsers(dest="governance_command", metavar="COMMAND")

    def command(name, func, help_text, *, person=True, number=False, message=False):
        c = sub.add_parser(name, help=help_text, description=help_text)
        c.set_defaults(func=func)
        c.add_argument("--library", metavar="PATH", default=argparse.SUPPRESS)
        if number:
            c.add_argument("number", nargs="?", type=int, metavar="N", help="which pending change")
        if person:
            c.add_argument("--as", dest="as_person", metavar="ID", help="who you are")
            c.add_argument("--passphrase-file", type=path_arg, metavar="FILE")
        if message:
            c.add_argument("--message", "-m", metavar="TEXT")
        return c

    command("diff", cmd_diff, "show a pending change line by line", person=False, number=True)
    command("found", cmd_found, "sign the library's files as they are, as a founding governor")
    approve = command(
        "approve", cmd_approve, "sign a pending change as a governor", number=True, message=True
    )
    approve.add_argument("--yes", action="store_true", help="do not ask after showing the change")
    command("reject", cmd_reject, "decline a pending change, saying why", number=True, message=True)
    command("propose", cmd_propose, "ask the governors to sign the files as they are", message=True)
    export = command(
        "export", cmd_export, "write the governor keys for bot maintainers to pin", person=False
    )
    export.add_argument("--to", type=path_arg, metavar="FILE", help="default: print them")
