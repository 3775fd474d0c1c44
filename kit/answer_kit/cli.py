"""`answer-kit`: verify a release, pull the latest one, write its static site.

    answer-kit verify DIR/bundle.json --key publisher.pub
    answer-kit pull https://example.org/library.git --to /srv/answers --key publisher.pub
    answer-kit site /srv/answers --to /srv/www --key publisher.pub
    answer-kit ask /srv/answers "my friend won't wake up" [--locale ru] [--group] --json

Exit status: 0 done, 1 refused (one line on standard error says why), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from answer_kit import pulling, replies, site, verify

EXIT_OK, EXIT_REFUSED = 0, 1


def _key_and_time(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--key", required=True, metavar="KEY.pub", help="the publisher's key, pinned once"
    )
    parser.add_argument("--now", metavar="ISO", help="check expiry at this time instead of now")


def _now(args):
    if not getattr(args, "now", None):
        return None
    try:
        return verify.parse_utc(args.now)
    except ValueError:
        raise verify.Refused(
            f"--now {args.now!r} is not a time like 2026-11-22T12:00:00Z"
        ) from None


def add_verify(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("bundle", type=Path, metavar="BUNDLE", help="bundle.json (or its folder)")
    _key_and_time(parser)


def run_verify(args) -> int:
    key = verify.load_public_key(args.key)
    bundle = pulling.verify_file(args.bundle, key, now=_now(args))
    print(
        f"OK: release {bundle.version}, {len(bundle.answers)} answer(s), "
        f"expires {bundle.data['expires']}, sha256 {bundle.sha256}"
    )
    return EXIT_OK


def add_pull(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "source", metavar="SOURCE", help="a git URL or path, or a folder of releases"
    )
    parser.add_argument("--to", required=True, type=Path, metavar="DIR")
    _key_and_time(parser)


def run_pull(args) -> int:
    key = verify.load_public_key(args.key)
    result = pulling.pull(args.source, args.to, key, now=_now(args))
    if result.updated:
        was = f" (was {result.previous_version})" if result.previous_version else ""
        print(f"Pulled release {result.version}{was} into {result.path}")
    else:
        print(f"Already up to date: release {result.version} in {result.path}")
    return EXIT_OK


def add_site(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "release",
        type=Path,
        metavar="RELEASE",
        help="a bundle.json, its folder, or a folder `pull` keeps releases in",
    )
    parser.add_argument("--to", required=True, type=Path, metavar="DIR")
    _key_and_time(parser)


def run_site(args) -> int:
    key = verify.load_public_key(args.key)
    where = args.release
    if (where / "current").exists():
        where = where / "current"
    bundle = pulling.verify_file(where, key, now=_now(args))
    written = site.write_site(bundle.data, args.to)
    print(f"Wrote {len(written)} page(s) of release {bundle.version} to {args.to}")
    return EXIT_OK


def add_ask(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "bundle",
        type=Path,
        metavar="BUNDLE",
        help="a bundle.json, its folder, or a folder `pull` keeps releases in",
    )
    parser.add_argument("message", metavar="MESSAGE", help="what a person writes to the bot")
    parser.add_argument("--locale", metavar="LL", help="the chat's language, e.g. ru or en")
    parser.add_argument("--group", action="store_true", help="as if written in a group chat")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument(
        "--key",
        metavar="KEY.pub",
        help="verify the bundle with the publisher's key first (without it, only its schema "
        "is checked)",
    )
    parser.add_argument("--now", metavar="ISO", help="the time for opening hours and expiry")


def _bundle_data(where: Path, args) -> dict:
    if (where / "current").exists():
        where = where / "current"
    if args.key:
        return pulling.verify_file(where, verify.load_public_key(args.key), now=_now(args)).data
    path = where / "bundle.json" if where.is_dir() else where
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise verify.Refused(f"cannot read {path}: {exc.strerror or exc}") from None
    print("answer-kit: the bundle is not verified (no --key)", file=sys.stderr)
    return verify.parse_json(raw, "the bundle", "bundle")


def run_ask(args) -> int:
    data = _bundle_data(args.bundle, args)
    response = replies.ask(data, args.message, locale=args.locale, group=args.group, now=_now(args))
    if args.json:
        print(json.dumps(response.to_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"Emergency response: {'yes' if response.emergency else 'no'}")
    print(f"Answer: {response.match.answer or '(none: the bot says it does not know)'}")
    if response.match.candidates:
        print(f"Closest: {', '.join(response.match.candidates)}")
    for number, message in enumerate(response.messages, 1):
        print(f"\n--- message {number}\n{message}")
    for button in response.buttons:
        print(f"[{button.text}] -> {button.url or button.action}")
    return EXIT_OK


# name -> (what it does, its arguments, how it runs); the authoring app offers the same.
COMMANDS: dict[str, tuple[str, Callable, Callable]] = {
    "verify": ("check a bundle's signature, manifest, schema and expiry", add_verify, run_verify),
    "pull": ("fetch, verify and install the latest release", add_pull, run_pull),
    "site": ("write a static web site from a verified release", add_site, run_site),
    "ask": ("what a bot would reply to a message, from a release", add_ask, run_ask),
}
FAILURES = (verify.Refused, site.SiteError)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="answer-kit", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (help_text, add_arguments, run) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        add_arguments(command)
        command.set_defaults(run=run)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except FAILURES as exc:
        print(f"answer-kit: refused: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
