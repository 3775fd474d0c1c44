"""Commands for releases: publish, renew the freshness notice, deliver to the releases
channels, export a static site, and the consumer kit's pull, verify and status."""

from __future__ import annotations

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
    unlock,
)


def _print_plan(plan, library, *, verbose: bool) -> None:
    last = f"last release {plan.previous_version}" if plan.previous_version else "no release yet"
    if plan.trust_changes:  # first: who counts decides what every sign-off below is worth
        print("Who counts has changed since the last release (read this first):")
        for change in plan.trust_changes:
            print(f"  {change}")
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
    _print_due_soon(plan, library)
    for problem in plan.problems:
        print(f"Cannot publish: {problem}")


def _print_due_soon(plan, library) -> None:
    """Answers in the release whose review comes soon: a warning, as in the Publish dialog."""
    from authoring_app.review.due_soon import coming_up

    items = coming_up(
        (
            (e.answer.key, e.governance.next_review)
            for e in plan.included
            if e.answer.kind == "answer"  # the emergency response and bot messages stay
        ),
        windows=library.info.due_soon_days,
    )
    if not items:
        return
    print(
        f"Warning: {len(items)} answer(s) in the release are due for review soon; on its date "
        "each leaves the bots unless a doctor signs it off again:"
    )
    for item in items:
        print(f"  {item.key}  review due {item.review_due.isoformat()} (in {item.days_left} days)")


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


def cmd_publish(args) -> int:
    from authoring_app.release import planning, publishing

    with open_library(args, statuses_next=True) as library:
        person = person_named(library, args.as_person, "publisher")
        _receive_shared_releases(library, args)
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
        private_key = unlock(person.id, person.name, args.passphrase_file)
        result = publishing.publish(
            library, plan, person.id, private_key, version=version, ahead=ahead
        )
        print(
            f"Published release {result.release.version} (tag {result.tag}, "
            f"sha256 {result.release.sha256[:16]}…) on the published branch; "
            f"current until {result.notice.expires:%Y-%m-%d %H:%M} UTC unless renewed."
        )
        sent = _send_release(library, result.release.version)
        delivered = _deliver(library)
        return sent or delivered


def _receive_shared_releases(library, args) -> None:
    """On a shared library, receive the releases published elsewhere first, so this one is
    planned on top of the newest; refuse while a release made here is stranded."""
    from authoring_app.cli.sync import ask_on_terminal
    from authoring_app.sync.failures import english
    from authoring_app.sync.releases import prepare_to_publish
    from authoring_app.sync.transport import Link

    before = prepare_to_publish(library, Link(responder=ask_on_terminal))
    if before.stranded:
        raise CommandError(
            f"release {', '.join(before.stranded)} was made here while another computer "
            "published; run `authoring-app repair --as PERSON` first, then publish again"
        )
    if before.failure is not None and not before.failure.offline:
        raise CommandError(f"not published: {english(before.failure)}")
    if before.failure is not None:
        print("Offline: the shared releases could not be checked; this release is made here "
              "and sent with the next sync.")  # fmt: skip


def _send_release(library, version: str) -> int:
    from authoring_app.cli.sync import EXIT_STATUS, ask_on_terminal
    from authoring_app.sync.releases import after_publishing
    from authoring_app.sync.transport import Link

    sent = after_publishing(library, Link(responder=ask_on_terminal))
    if not sent.shared:
        return EXIT_OK
    if sent.stranded:
        print(
            f"Another computer published at the same moment; release {version} was not sent. "
            "Run `authoring-app repair --as PERSON`, then publish again."
        )
        return EXIT_STATUS["race"]
    if sent.failure is not None:
        print(f"Release {version} is kept here and will be sent with the next sync.")
        return EXIT_OK if sent.failure.offline else EXIT_STATUS.get(sent.failure.kind, 1)
    print(f"Sent release {version} to the shared library.")
    return EXIT_OK


def cmd_notice(args) -> int:
    from authoring_app.release import renewal

    with open_library(args) as library:
        person = person_named(library, args.as_person, "publisher")
        private_key = unlock(person.id, person.name, args.passphrase_file)
        renewed = renewal.renew_notice(library, person.id, private_key)
        print(
            f"Release {renewed.notice.version} is confirmed current until "
            f"{renewed.notice.expires:%Y-%m-%d %H:%M} UTC."
        )
        if renewed.notice.withdrawn:
            print(
                "Withdrawn: bots stop serving these at their next pull: "
                + ", ".join(renewed.notice.withdrawn)
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
    from answer_kit import cli as kit
    from authoring_app.release import export

    try:
        keys = load_keys(args.key)
        checks = kit.checks_of(args)
    except Refused as exc:
        raise CommandError(f"refused: {exc}") from None
    with open_library(args) as library:
        written = export.export_site(library, args.to, keys, **checks)
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

    for name in ("pull", "verify", "ask"):
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
    kit.add_trust_arguments(p)
