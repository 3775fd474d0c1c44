"""Commands for releases: publish, export a static site, and the consumer kit's pull and verify."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable

from authoring_app.cli.common import (
    EXIT_OK,
    CommandError,
    answer_key,
    open_library,
    path_arg,
    person_named,
)


def _print_plan(plan, library, *, verbose: bool) -> None:
    last = f"last release {plan.previous_version}" if plan.previous_version else "no release yet"
    print(f"Proposed version {plan.proposed_version} ({last}): {plan.why}")
    for label, keys in (
        ("added", plan.added),
        ("changed", plan.changed),
        ("removed", plan.removed),
    ):
        for key in keys:
            answer = library.find(key)
            title = f"  {answer.title}" if answer else ""
            why = next((f" ({i.reason})" for i in plan.left_out if i.key == key), "")
            print(f"  {label:<8} {key}{title}{why if label == 'removed' else ''}")
    print(
        f"{len(plan.included)} answer(s) in the release; expires {plan.expires:%Y-%m-%d %H:%M} UTC"
    )
    if plan.left_out:
        counts = ", ".join(f"{n} {status}" for status, n in plan.left_out_counts().items())
        print(f"Left out: {len(plan.left_out)} ({counts})")
        for item in plan.left_out:
            if verbose or item.status == "review due":
                print(f"  {item.key}: {item.reason}")
        if not verbose and len(plan.left_out) > len(plan.review_due):
            print("  (--verbose names every answer left out and why)")
    for problem in plan.problems:
        print(f"Cannot publish: {problem}")


def _print_questions(report, library, *, verbose: bool) -> None:
    """Answers whose own questions a bot would answer otherwise: a warning, with counts."""
    lost = report.lost_answers
    if not lost:
        print(
            f"Questions: all {report.questions} ways of asking find their own answer "
            f"({report.answers} answers tried)."
        )
        return
    print(
        f"Warning: {len(lost)} of {report.answers} answers have questions that find another "
        f"answer or none ({len(report.lost)} of {report.questions} ways of asking); this does "
        "not stop publishing."
    )
    shown = list(lost.items()) if verbose else list(lost.items())[:10]
    for key, items in shown:
        answer = library.find(key)
        print(f"  {key}  {answer.title if answer else ''}")
        for item in items:
            if item.found is None:
                print(f"    {item.question!r}: a bot would say it does not know")
            else:
                other = library.find(item.found)
                title = f" “{other.title}”" if other else ""
                print(f"    {item.question!r}: a bot would send {item.found}{title} instead")
    if len(shown) < len(lost):
        print(f"  … and {len(lost) - len(shown)} more (--verbose names them all)")


def _passphrase(args, person) -> str:
    from authoring_app.review.keys import KeyStoreError, read_passphrase_file

    if args.passphrase_file:
        try:
            return read_passphrase_file(args.passphrase_file)
        except KeyStoreError as exc:
            raise CommandError(str(exc)) from None
    if not sys.stdin.isatty():
        raise CommandError("give the passphrase with --passphrase-file (no terminal to ask on)")
    return getpass.getpass(f"Passphrase for the key of {person.name}: ")


def cmd_publish(args) -> int:
    from authoring_app.release import planning, publishing
    from authoring_app.review.keys import KeyStore, KeyStoreError

    with open_library(args, statuses_next=True) as library:
        person = person_named(library, args.as_person, "publisher")
        include = [answer_key(text) for text in args.include or ()]
        plan = planning.plan_release(library, include=include)
        _print_plan(plan, library, verbose=args.verbose)
        if plan.problems:
            raise CommandError("not published: " + "; ".join(plan.problems))
        if plan.nothing_changed:
            print(f"Nothing to publish: {plan.why}.")
            return EXIT_OK
        report = planning.question_report(plan, library.directory)
        _print_questions(report, library, verbose=args.verbose)
        version = publishing.choose_version(plan, args.version)
        if args.dry_run:
            print(f"Dry run: release {version} was not published.")
            return EXIT_OK
        if not args.yes:
            if not sys.stdin.isatty():
                raise CommandError("add --yes to publish without being asked")
            reply = input(f"Publish release {version}? [y/N] ").strip().lower()
            if reply not in ("y", "yes"):
                print("Not published.")
                return EXIT_OK
        ahead = publishing.store_ahead(library, plan, version)  # while the key is unlocked
        passphrase = _passphrase(args, person)
        try:
            private_key = KeyStore().load(person.id, passphrase)
        except KeyStoreError as exc:
            raise CommandError(str(exc)) from None
        result = publishing.publish(
            library, plan, person.id, private_key, version=version, ahead=ahead
        )
        print(
            f"Published release {result.release.version} (tag {result.tag}, "
            f"sha256 {result.release.sha256[:16]}…) on the published branch."
        )
    return EXIT_OK


def _kit_command(name: str) -> Callable:
    """The consumer kit's own command `name` (the same verify and pull bots and sites run)."""

    def run(args) -> int:
        from answer_kit import cli as kit

        try:
            return kit.COMMANDS[name][2](args)
        except kit.FAILURES as exc:
            raise CommandError(f"refused: {exc}") from None

    return run


def cmd_export(args) -> int:
    from authoring_app.release import export

    with open_library(args) as library:
        written = export.export_site(library, args.to)
    print(f"Wrote {len(written)} page(s) to {args.to}")
    return EXIT_OK


def register(add) -> None:
    p = add("publish", cmd_publish, "build, sign and publish a release of the signed-off answers")
    p.add_argument("--as", dest="as_person", metavar="PERSON", help="who you are (a publisher)")
    p.add_argument("--version", metavar="X.Y.Z", help="the version (default: the proposed one)")
    p.add_argument("--passphrase-file", metavar="FILE", help="read your key's passphrase here")
    p.add_argument("--dry-run", action="store_true", help="only show what would be published")
    p.add_argument("--yes", action="store_true", help="publish without asking to confirm")
    p.add_argument("--verbose", action="store_true", help="name every answer left out and why")
    p.add_argument(
        "--include",
        metavar="ID.LOCALE",
        action="append",
        help="refuse unless this answer goes in the release (may be repeated)",
    )

    from answer_kit import cli as kit

    for name in ("pull", "verify", "ask"):
        help_text, add_arguments, _run = kit.COMMANDS[name]
        add_arguments(add(name, _kit_command(name), help_text))

    p = add("export", cmd_export, "write a static web site from the latest release")
    p.add_argument("--to", required=True, type=path_arg, metavar="DIR")
