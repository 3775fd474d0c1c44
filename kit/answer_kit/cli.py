"""`answer-kit`: pull, verify and serve the releases of an authoring library.

It verifies a release, pulls the latest one, says what may be served, writes the static
site, and shows a pinned key's fingerprint.

    answer-kit fingerprint publisher.pub
    answer-kit pull https://answers.example.org/releases/ --to /srv/answers --key publisher.pub
    answer-kit status /srv/answers --key publisher.pub
    answer-kit verify /srv/answers/current --key publisher.pub
    answer-kit site /srv/answers --to /srv/www --key publisher.pub
    answer-kit ask /srv/answers "my friend won't wake up" [--locale ru] [--group] --json

Exit status: 0 done; 1 refused (bad data: one line on standard error says why); 2 wrong
usage; 3 the source could not be reached (a transport failure: one line says why); 4 there
is no current release: show only the emergency numbers and ways to reach a person printed.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable
from pathlib import Path

from answer_kit import fallback, keys, pulling, replies, site, verify
from answer_kit.config import DEFAULT
from answer_kit.errors import Refused, Unreachable
from answer_kit.evidence import EvidenceError, Governors

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_UNREACHABLE, EXIT_NO_CURRENT = 0, 1, 2, 3, 4


def _key_and_time(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--key",
        required=True,
        action="append",
        metavar="KEY.pub",
        help="the publisher's key, pinned once from a second channel (repeat to accept several)",
    )
    parser.add_argument("--now", metavar="ISO", help="check expiry at this time instead of now")


def add_trust_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--governors",
        metavar="GOVERNORS.json",
        help="the library's governor keys, pinned once (`authoring-app governance export`): "
        "then every answer's clinical sign-off is checked from the release's own evidence",
    )
    parser.add_argument(
        "--allow-sample",
        action="store_true",
        help="accept a sample library's release (demonstration content, not for real use)",
    )


def checks_of(args) -> dict:
    """What a release must show beyond its signature: `verify_bundle`'s governors and
    allow_sample."""
    governors = Governors.load(args.governors) if getattr(args, "governors", None) else None
    return {"governors": governors, "allow_sample": bool(getattr(args, "allow_sample", False))}


def _now(args):
    if not getattr(args, "now", None):
        return None
    try:
        return verify.parse_utc(args.now)
    except ValueError:
        raise Refused(f"--now {args.now!r} is not a time like 2026-11-22T12:00:00Z") from None


def _limits(args):
    certificate = getattr(args, "certificate", None)
    return (
        dataclasses.replace(DEFAULT, trusted_certificates=certificate) if certificate else DEFAULT
    )


def add_verify(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("bundle", type=Path, metavar="BUNDLE", help="bundle.json (or its folder)")
    _key_and_time(parser)
    add_trust_arguments(parser)


def run_verify(args) -> int:
    bundle = pulling.verify_file(
        args.bundle, keys.load_keys(args.key), now=_now(args), **checks_of(args)
    )
    print(
        f"OK: release {bundle.version}, {len(bundle.answers)} answer(s), "
        f"expires {bundle.data['expires']}, sha256 {bundle.sha256}"
    )
    return EXIT_OK


def add_pull(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "source",
        metavar="SOURCE",
        help="an https:// address or a folder of releases, or a git URL or path",
    )
    parser.add_argument("--to", required=True, type=Path, metavar="DIR")
    _key_and_time(parser)
    add_trust_arguments(parser)
    parser.add_argument(
        "--certificate",
        type=Path,
        metavar="CA.pem",
        help="for https: trust only this certificate file (a host with its own certificate)",
    )


def run_pull(args) -> int:
    pinned = keys.load_keys(args.key)
    result = pulling.pull(
        args.source, args.to, pinned, now=_now(args), limits=_limits(args), **checks_of(args)
    )
    until = f"; current until {result.notice_expires:%Y-%m-%dT%H:%M:%SZ}"
    if result.updated:
        was = f" (was {result.previous_version})" if result.previous_version else ""
        print(f"Pulled release {result.version}{was} into {result.path}{until}")
    else:
        print(f"Already up to date: release {result.version} in {result.path}{until}")
    return EXIT_OK


def add_status(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, metavar="DIR", help="the folder `pull` keeps")
    _key_and_time(parser)
    parser.add_argument("--locale", default="en", metavar="LL", help="language of the contacts")
    parser.add_argument("--json", action="store_true", help="print the state as JSON")


def run_status(args) -> int:
    state = fallback.serving(args.folder, keys.load_keys(args.key), now=_now(args))
    if args.json:
        print(json.dumps(_state_json(state), ensure_ascii=False, indent=2))
    elif state.release is not None:
        release = state.release
        moment = verify.now_utc(_now(args))
        due = release.overdue_at(moment)
        withdrawn = (
            len(release.data["answers"])
            - len(release.answers)
            - len([key for key in due if key not in release.withdrawn])
        )
        left_out = [f"{withdrawn} withdrawn"] if withdrawn else []
        left_out += [f"{len(due)} past their review date"] if due else []
        print(
            f"Current: release {release.version}, {len(release.answers)} answer(s)"
            + (f" ({', '.join(left_out)})" if left_out else "")
            + f", current until {release.current_until:%Y-%m-%dT%H:%M:%SZ}"
        )
        for key in due:
            print(f"  not served, review date passed: {key}")
        if state.notice is not None:
            print(f"Confirmed by the publisher until {state.notice.expires:%Y-%m-%dT%H:%M:%SZ}")
    else:
        print_fallback(state.fallback, args.locale)
    return EXIT_OK if state.current else EXIT_NO_CURRENT


def _state_json(state: fallback.Serving) -> dict:
    release, rescue = state.release, state.fallback
    return {
        "current": state.current,
        "release": release.version if release else None,
        "expires": release.data["expires"] if release else None,
        "withdrawn": sorted(release.withdrawn) if release else [],
        "review_passed": release.overdue_at(release.as_of) if release and release.as_of else [],
        "current_until": (f"{release.current_until:%Y-%m-%dT%H:%M:%SZ}" if release else None),
        "notice_expires": (f"{state.notice.expires:%Y-%m-%dT%H:%M:%SZ}" if state.notice else None),
        "reason": rescue.reason if rescue else None,
        "fallback": None
        if rescue is None
        else {
            "from_release": rescue.from_version,
            "emergency": list(rescue.emergency),
            "reach_a_person": list(rescue.reach_a_person),
        },
    }


def print_fallback(rescue: fallback.Fallback, locale: str) -> None:
    """The fail-safe block: why there is no current release, and what may still be shown."""
    print(f"NO CURRENT RELEASE: {rescue.reason}")
    if rescue.from_version is None:
        print("No release here has ever verified: show only the emergency numbers you know.")
        return
    print(
        f"Show only these, from release {rescue.from_version} (verified, no longer current), "
        "until a current release is pulled:"
    )
    for line in rescue.lines(locale):
        print(f"  {line}")


def add_site(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "release",
        type=Path,
        metavar="RELEASE",
        help="a bundle.json, its folder, or a folder `pull` keeps releases in",
    )
    parser.add_argument("--to", required=True, type=Path, metavar="DIR")
    _key_and_time(parser)
    add_trust_arguments(parser)


def run_site(args) -> int:
    pinned = keys.load_keys(args.key)
    where = args.release
    if (where / "current").is_symlink():  # a folder `pull` keeps: without withdrawn answers
        bundle = pulling.current(where, pinned)
        moment = verify.now_utc(_now(args))
        if bundle is not None and moment >= bundle.current_until:
            raise Refused(f"release {bundle.version} expired at {bundle.data['expires']}")
        if bundle is not None:  # without the answers past their review date
            bundle = dataclasses.replace(bundle, as_of=moment)
    else:
        bundle = pulling.verify_file(where, pinned, now=_now(args), **checks_of(args))
    if bundle is None:
        raise Refused(f"there is no release in {where}: pull one first")
    written = site.write_site(bundle, args.to)
    print(f"Wrote {len(written)} page(s) of release {bundle.version} to {args.to}")
    return EXIT_OK


def add_fingerprint(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("key_file", type=Path, metavar="KEY.pub")


def run_fingerprint(args) -> int:
    key = keys.load_public_key(args.key_file)
    print(f"Key id:      {key.key_id_hex}")
    print(f"Fingerprint: {keys.fingerprint(key)}")
    print("Compare every group with the publisher over a second channel (phone, in person).")
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
        action="append",
        metavar="KEY.pub",
        help="verify the bundle with the publisher's pinned key first (without it, only its "
        "schema is checked)",
    )
    parser.add_argument("--now", metavar="ISO", help="the time for opening hours and expiry")
    add_trust_arguments(parser)


def _bundle_data(where: Path, args) -> dict:
    if args.key and (where / "current").is_symlink():  # a folder `pull` keeps
        state = fallback.serving(where, keys.load_keys(args.key), now=_now(args))
        if state.release is None:
            raise Refused(state.fallback.reason if state.fallback else "no current release")
        return state.release.serving_data(state.release.as_of)
    if (where / "current").exists():
        where = where / "current"
    if args.key:
        pinned = keys.load_keys(args.key)
        bundle = pulling.verify_file(where, pinned, now=_now(args), **checks_of(args))
        return bundle.serving_data(verify.now_utc(_now(args)))
    path = where / "bundle.json" if where.is_dir() else where
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise Refused(f"cannot read {path}: {exc.strerror or exc}") from None
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
    "status": ("say whether there is a current release to serve", add_status, run_status),
    "site": ("write a static web site from a verified release", add_site, run_site),
    "fingerprint": (
        "show a pinned key's fingerprint to check aloud",
        add_fingerprint,
        run_fingerprint,
    ),
    "ask": ("what a bot would reply to a message, from a release", add_ask, run_ask),
}


def run(args, prog: str = "answer-kit") -> int:
    """Run a parsed command: its exit status, and one line on standard error if it failed."""
    try:
        return args.run(args)
    except Refused as exc:
        print(f"{prog}: refused: {exc}", file=sys.stderr)
        code = EXIT_REFUSED
    except Unreachable as exc:
        print(f"{prog}: unreachable: {exc}", file=sys.stderr)
        code = EXIT_UNREACHABLE
    except (site.SiteError, EvidenceError) as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    if args.run is run_pull:
        return _after_failed_pull(args, code)
    return code


def _after_failed_pull(args, code: int) -> int:
    """A failed pull keeps what was there: say whether that is still current."""
    try:
        state = fallback.serving(args.to, keys.load_keys(args.key), now=_now(args))
    except Refused:
        return code  # no usable key or time: the line above said so
    if state.release is not None:
        print(f"Still serving release {state.release.version} in {args.to / 'current'}")
        return code
    print_fallback(state.fallback, "en")
    return EXIT_NO_CURRENT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="answer-kit", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (help_text, add_arguments, run_command) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        add_arguments(command)
        command.set_defaults(run=run_command)
    args = parser.parse_args(argv)
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
