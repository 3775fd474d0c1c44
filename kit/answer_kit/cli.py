"""`answer-kit`: verify a release, pull the latest one, write its static site.

    answer-kit verify DIR/bundle.json --key publisher.pub
    answer-kit pull https://example.org/library.git --to /srv/answers --key publisher.pub
    answer-kit site /srv/answers --to /srv/www --key publisher.pub

Exit status: 0 done, 1 refused (one line on standard error says why), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from answer_kit import pulling, site, verify
from answer_kit.evidence import EvidenceError, Governors

EXIT_OK, EXIT_REFUSED = 0, 1


def _key_and_time(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--key", required=True, metavar="KEY.pub", help="the publisher's key, pinned once"
    )
    parser.add_argument(
        "--governors",
        metavar="GOVERNORS.json",
        help="the library's governor keys, pinned once: then every answer's clinical sign-off "
        "is checked from the bundle's own evidence",
    )
    parser.add_argument(
        "--allow-sample",
        action="store_true",
        help="accept a sample library's release (demonstration content, not for real use)",
    )
    parser.add_argument("--now", metavar="ISO", help="check expiry at this time instead of now")


def _checks(args) -> dict:
    governors = Governors.load(args.governors) if getattr(args, "governors", None) else None
    return {"governors": governors, "allow_sample": bool(getattr(args, "allow_sample", False))}


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
    bundle = pulling.verify_file(args.bundle, key, now=_now(args), **_checks(args))
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
    result = pulling.pull(args.source, args.to, key, now=_now(args), **_checks(args))
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
    bundle = pulling.verify_file(where, key, now=_now(args), **_checks(args))
    written = site.write_site(bundle.data, args.to)
    print(f"Wrote {len(written)} page(s) of release {bundle.version} to {args.to}")
    return EXIT_OK


# name -> (what it does, its arguments, how it runs); the authoring app offers the same.
COMMANDS: dict[str, tuple[str, Callable, Callable]] = {
    "verify": ("check a bundle's signature, manifest, schema and expiry", add_verify, run_verify),
    "pull": ("fetch, verify and install the latest release", add_pull, run_pull),
    "site": ("write a static web site from a verified release", add_site, run_site),
}
FAILURES = (verify.Refused, site.SiteError, EvidenceError)


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
