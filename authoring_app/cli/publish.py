"""Commands for releases: publish, renew the freshness notice, deliver to the releases
channels, export a static site, and the consumer kit's pull, verify and status."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable

from authoring_app.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
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
            f"sha256 {result.release.sha256[:16]}…) on the published branch; "
            f"current until {result.notice.expires:%Y-%m-%d %H:%M} UTC unless renewed."
        )
        return _deliver(library)


def cmd_notice(args) -> int:
    from authoring_app.release import renewal
    from authoring_app.review.keys import KeyStore, KeyStoreError

    with open_library(args) as library:
        person = person_named(library, args.as_person, "publisher")
        passphrase = _passphrase(args, person)
        try:
            private_key = KeyStore().load(person.id, passphrase)
        except KeyStoreError as exc:
            raise CommandError(str(exc)) from None
        renewed = renewal.renew_notice(library, person.id, private_key)
        print(
            f"Release {renewed.notice.version} is confirmed current until "
            f"{renewed.notice.expires:%Y-%m-%d %H:%M} UTC."
        )
        return _deliver(library)


def cmd_deliver(args) -> int:
    with open_library(args) as library:
        return _deliver(library)


def _deliver(library) -> int:
    """Send the published branch to every releases channel and say where it went."""
    from authoring_app.release.delivery import deliver

    if not library.info.channels:
        print(
            "No releases channel is set up in library.yaml: bots can read releases only from "
            "this library's published branch (see docs/bundle-format.md)."
        )
        return EXIT_OK
    failed = 0
    for delivery in deliver(library):
        channel = delivery.channel
        place = f"the {'folder' if channel.kind == 'folder' else 'git remote'} {channel.where}"
        if delivery.delivered:
            print(f"Delivered to {place}; bots read it from {channel.read_from}")
            continue
        failed += 1
        why = DELIVERY_PROBLEMS.get(delivery.problem, "{detail}").format(detail=delivery.detail)
        print(f"Not delivered to {place}: {why}", file=sys.stderr)
    if failed:
        print(
            "authoring-app: the release is safe on the published branch; run "
            "`authoring-app deliver` to try the channels again",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    return EXIT_OK


DELIVERY_PROBLEMS = {
    "no-folder": "there is no such folder on this computer",
    "unsafe-path": "{detail}",
    "cannot-write": "cannot write there ({detail})",
    "rejected": "it holds releases this library does not have ({detail}); sync, then deliver again",
    "unreachable": "cannot reach it ({detail})",
}


def _kit_command(name: str) -> Callable:
    """The consumer kit's own command `name` (the same verify and pull bots and sites run),
    with its exit statuses."""

    def run(args) -> int:
        from answer_kit import cli as kit

        args.run = kit.COMMANDS[name][2]
        return kit.run(args, prog="authoring-app")

    return run


def cmd_export(args) -> int:
    from answer_kit import Refused, load_keys
    from authoring_app.release import export

    try:
        keys = load_keys(args.key)
    except Refused as exc:
        raise CommandError(f"refused: {exc}") from None
    with open_library(args) as library:
        written = export.export_site(library, args.to, keys)
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

    p = add(
        "notice",
        cmd_notice,
        "confirm that the latest release is still current (renew its freshness notice)",
    )
    p.add_argument("--as", dest="as_person", metavar="PERSON", help="who you are (a publisher)")
    p.add_argument("--passphrase-file", metavar="FILE", help="read your key's passphrase here")

    add("deliver", cmd_deliver, "send the releases to the channels library.yaml names, again")

    from answer_kit import cli as kit

    for name in ("pull", "verify"):
        help_text, add_arguments, _run = kit.COMMANDS[name]
        add_arguments(add(name, _kit_command(name), help_text))

    p = add("export", cmd_export, "write a static web site from the latest release")
    p.add_argument("--to", required=True, type=path_arg, metavar="DIR")
    p.add_argument(
        "--key",
        required=True,
        action="append",
        metavar="KEY.pub",
        help="the publisher's key the release must verify with (see `keys export`)",
    )
