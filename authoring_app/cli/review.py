"""Review commands: status, review (submit, comment, request changes, approve, retire), log, keys."""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from authoring_app.cli.common import (
    EXIT_OK,
    CommandError,
    answer_key,
    open_library,
    path_arg,
    person_named,
    unlock,
)

REVIEW_ACTIONS = ("submit", "comment", "request-changes", "approve", "retire", "claim", "except")


# -- status and log --------------------------------------------------------------------------


def cmd_status(args) -> int:
    from authoring_app.release.published import published_hashes
    from authoring_app.review.due_soon import due_soon
    from authoring_app.review.library_status import library_status

    with open_library(args, statuses_next=True) as library:
        statuses = library_status(library, published=published_hashes(library))
        rows = [_status_row(library, s) for s in statuses.values()]
        soon = due_soon(statuses, windows=library.info.due_soon_days)
        if args.json:
            coming = [
                {
                    "answer": str(item.key),
                    "review_due": item.review_due.isoformat(),
                    "days_left": item.days_left,
                    "within": item.within,
                }
                for item in soon
            ]
            print(
                json.dumps(
                    {"library": str(library.path), "answers": rows, "due_soon": coming},
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return EXIT_OK
        width = max((len(r["answer"]) for r in rows), default=10)
        for row in rows:
            signers = ", ".join(row["signers"]) or "-"
            line = (
                f"{row['answer']:<{width}}  {row['status']:<17}  "
                f"{row['last_editor'] or '-':<16}  signed off by {signers} "
                f"({len(row['signers'])}/{row['required']})"
            )
            if row["review_due"]:
                line += f"  review due {row['review_due']}"
            if row["source_changed"]:
                line += "  SOURCE CHANGED since sign-off"
            if row["checks_stand"]:
                line += f"  MUST FIX: {', '.join(row['checks_stand'])}"
            if row["exceptions"]:
                passed = ", ".join(e["check"] for e in row["exceptions"])
                line += f"  passed by a governor's exception: {passed}"
            if row["problems"]:
                line += f"  {row['problems']} record(s) do not count: run validate"
            print(line)
        _print_due_soon(soon, library.info.due_soon_days)
        if library.info.sample:
            print("(sample library: sign-offs by demonstration clinicians, labelled as such)")
    return EXIT_OK


def _print_due_soon(soon, windows) -> None:
    """The section of reviews coming up, one window at a time (each answer in its smallest)."""
    print()
    if not soon:
        print(f"Due for review soon: none in the next {max(windows)} days")
        return
    print("Due for review soon (each answer leaves bots on its date unless signed off again):")
    for window in sorted(windows):
        items = [item for item in soon if item.within == window]
        if not items:
            continue
        print(f"  within {window} days:")
        for item in items:
            left = "today" if item.days_left == 0 else f"in {item.days_left} day(s)"
            print(f"    {item.key}  review due {item.review_due.isoformat()} ({left})")


def _status_row(library, status) -> dict:
    from authoring_app.review.exceptions import standing_errors

    answer = library.find(status.key)
    standing = standing_errors(library, answer, status.exceptions) if answer else []
    return {
        "answer": str(status.key),
        "status": str(status.status),
        "content_hash": status.content_hash,
        "last_editor": status.last_editor,
        "last_edited": status.last_edited.isoformat() if status.last_edited else None,
        "signers": list(status.signers),
        "required": status.required,
        "review_due": status.review_due.isoformat() if status.review_due else None,
        "source_changed": status.source_changed,
        "publishable": status.publishable and not standing,
        "checks_stand": list(dict.fromkeys(p.code for p in standing)),
        "exceptions": [
            {
                "check": r.check,
                "governor": r.person,
                "reason": r.message,
                "time": r.time.isoformat(),
            }
            for r in status.exceptions
        ],
        "problems": len(status.problems),
    }


def cmd_log(args) -> int:
    from authoring_app.library.audit import answer_log

    with open_library(args) as library:
        answer_id = args.answer.split(".", 1)[0]  # ID.LOCALE names the same answer
        entries = answer_log(library, answer_id)
        if not entries:
            raise CommandError(f"there is no history for an answer {answer_id!r} in this library")
        for entry in entries:
            who = entry.author + (f" ({entry.person})" if entry.person else "")
            print(f"{entry.time:%Y-%m-%d %H:%M:%S}Z  {entry.short}  {who}  {entry.action}")
            print(f"    {entry.subject}")
            if entry.message and entry.message not in entry.subject:
                for line in entry.message.splitlines():
                    print(f"    | {line}")
    return EXIT_OK


# -- review ----------------------------------------------------------------------------------


def cmd_review(args) -> int:
    from authoring_app.review import actions as review
    from authoring_app.review import edits

    if args.action == "except":
        return _record_exception(args)
    with open_library(args) as library:
        key = answer_key(args.answer)
        person = person_named(library, args.as_person)
        message = args.message or ""
        if args.action in ("comment", "request-changes", "retire") and not message.strip():
            what = {"comment": "comment", "request-changes": "request for changes"}
            raise CommandError(
                f"a {what.get(args.action, 'retirement')} needs --message 'what and why'"
            )
        if args.action == "approve":
            from authoring_app.release.preview import preview_lines, sign_off_preview

            print("\n".join(preview_lines(sign_off_preview(library, key))))
            review.check_sign_off(library, key, person)
            print(review.describe_sign_off(library, key, person))
        private_key = unlock(person.id, person.name, args.passphrase_file)
        if args.action == "submit":
            record = review.submit(library, key, person, private_key, message=message)
        elif args.action == "comment":
            record = review.comment(library, key, person, private_key, message)
        elif args.action == "request-changes":
            record = review.request_changes(library, key, person, private_key, message)
        elif args.action == "retire":
            record = review.retire(library, key, person, private_key, reason=message)
        elif args.action == "claim":
            record = edits.claim(library, key, person, private_key, message=message)
        else:
            record = review.sign_off(library, key, person, private_key, message=message)
        print(f"{record.kind}: {record.key} by {person.name} at {record.time:%Y-%m-%d %H:%M}Z")
    return EXIT_OK


def _record_exception(args) -> int:
    """review except ID.LOCALE --check CODE --reason TEXT --as GOVERNOR"""
    from authoring_app.review.exceptions import record_exception

    reason = args.reason or args.message or ""
    if not args.check:
        raise CommandError("say which check the exception is for with --check CODE")
    if not reason.strip():
        raise CommandError("an exception needs --reason 'why this text may pass the check'")
    if not args.as_person:
        raise CommandError("say which governor you are with --as ID (from library.yaml)")
    with open_library(args) as library:
        key = answer_key(args.answer)
        governor = next((g for g in library.info.governors if g.id == args.as_person), None)
        if governor is None:
            names = ", ".join(g.id for g in library.info.governors) or "none"
            raise CommandError(
                f"{args.as_person!r} is not a governor of this library (governors: {names}); "
                "only a governor records an exception to a check"
            )
        library.answer(key)
        private_key = unlock(governor.id, governor.name, args.passphrase_file)
        record = record_exception(library, key, governor.id, private_key, args.check, reason)
        print(
            f"excepted: {record.key} may pass {record.check} in this exact text "
            f"({record.content_hash[:19]}…), by {governor.name} at {record.time:%Y-%m-%d %H:%M}Z. "
            "Any edit of the text voids it."
        )
    return EXIT_OK


# -- keys ------------------------------------------------------------------------------------


def cmd_keys_new(args) -> int:
    from authoring_app.review.keys import KeyStore, KeyStoreError, encode_public_key

    try:
        passphrase = _new_passphrase(args)
        public_key = encode_public_key(KeyStore().create(args.person, passphrase))
    except KeyStoreError as exc:
        raise CommandError(str(exc)) from None
    print(f"Created a signing key for {args.person} in {KeyStore().directory}.")
    print("Keep the passphrase safe: without it the key cannot sign, and nobody can recover it.")
    if args.add_to_roster:
        from authoring_app.review.roster_file import add_public_key

        with open_library(args) as library:
            add_public_key(library, args.person, public_key)
        print(
            f"Proposed the public key for {args.person} in people.yaml: it counts once the "
            "governors approve it (`authoring-app governance`)."
        )
    else:
        print(f"Propose this line in {args.person}'s entry in people.yaml:")
    print(f"  public_key: {public_key}")
    return EXIT_OK


def _new_passphrase(args) -> str:
    from authoring_app.review.keys import read_passphrase_file

    if args.passphrase_file:
        return read_passphrase_file(args.passphrase_file)
    if not sys.stdin.isatty():
        raise CommandError("no terminal to ask for a passphrase; use --passphrase-file FILE")
    first = getpass.getpass("New passphrase for the signing key: ")
    second = getpass.getpass("The same passphrase again: ")
    if first != second:
        raise CommandError("the two passphrases differ; nothing was created")
    if not first:
        raise CommandError("the passphrase must not be empty; nothing was created")
    return first


def cmd_keys_revoke(args) -> int:
    from authoring_app.review.records import parse_time
    from authoring_app.review.roster_file import revoke_key

    with open_library(args) as library:
        by = person_named(library, args.as_person)
        try:
            since = parse_time(args.since)
        except ValueError:
            raise CommandError(
                f"--since {args.since!r} is not a time like 2026-11-22T12:00:00Z"
            ) from None
        revoke_key(library, args.person, since, args.reason, by)
    print(
        f"Proposed revoking the key of {args.person} from {args.since}: records signed with it "
        "later stop counting once the governors approve (`authoring-app governance`)."
    )
    return EXIT_OK


def cmd_keys_list(args) -> int:
    from authoring_app.library.library import LibraryError
    from authoring_app.review.keys import KeyStore, KeyStoreError, encode_public_key

    store = KeyStore()
    people = store.people()
    roster = None
    try:
        from authoring_app.review.governed import governed

        with open_library(args) as library:
            roster = governed(library).roster
    except LibraryError:
        pass
    if not people:
        print(f"No signing keys on this machine ({store.directory}).")
    for person_id in people:
        try:
            public = store.public_key(person_id)
        except KeyStoreError:
            public = None
        text = encode_public_key(public) if public else "(public key not known until first use)"
        person = roster.get(person_id) if roster else None
        notes = []
        if person_id.startswith("demo-") or (person is not None and person.demo):
            notes.append("demonstration key")
        if roster is not None:
            if person is None:
                notes.append("not in this library's roster")
            elif public and person.public_key == text:
                notes.append("matches the governed people.yaml")
            elif person.public_key:
                notes.append("DOES NOT match the governed people.yaml")
            else:
                notes.append("not yet approved by the governors")
        print(f"{person_id}  {text}" + (f"  ({'; '.join(notes)})" if notes else ""))
    return EXIT_OK


def cmd_keys_export(args) -> int:
    """Print a person's public key as a minisign .pub file, for bots and sites to pin."""
    from answer_kit import fingerprint
    from answer_kit.minisign import PublicKey
    from authoring_app.library.library import LibraryError
    from authoring_app.review.keys import KeyStore, KeyStoreError, decode_public_key

    person = None
    try:
        with open_library(args) as library:
            person = library.roster.get(args.person)
    except LibraryError:
        pass
    try:
        local = KeyStore().public_key(args.person)
        listed = decode_public_key(person.public_key) if person and person.public_key else None
    except KeyStoreError as exc:
        raise CommandError(str(exc)) from None
    if local is None and listed is None:
        raise CommandError(
            f"no public key for {args.person!r}: neither on this computer nor in people.yaml"
        )
    key = PublicKey.from_ed25519(local or listed)
    if listed is not None and local is not None and PublicKey.from_ed25519(listed) != key:
        raise CommandError(
            f"the key of {args.person} on this computer differs from the one in people.yaml; "
            "releases are checked against people.yaml: put it right before you pin a key"
        )
    name = person.name if person else args.person
    where = "this computer's key store" if local is not None else "people.yaml"
    print(key.to_file_text(), end="")
    print(
        f"Public key of {name} (from {where}), key id {key.key_id_hex}.\n"
        f"Fingerprint: {fingerprint(key)}\n"
        "Give the key file to bot and site maintainers, then read them the fingerprint over a "
        "second channel (phone, in person, on paper); they check it with "
        "`answer-kit fingerprint KEY.pub`.",
        file=sys.stderr,
    )
    return EXIT_OK


# -- registration ----------------------------------------------------------------------------


def register(add) -> None:
    p = add("status", cmd_status, "show where every answer stands in review")
    p.add_argument("--json", action="store_true", help="print the status as JSON")

    p = add(
        "review",
        cmd_review,
        "submit, comment on, request changes to, approve, retire or claim an answer (signed)",
    )
    p.add_argument(
        "action",
        choices=REVIEW_ACTIONS,
        help="approve signs the answer off; claim signs a text changed outside the app as yours; "
        "except (governors) lets one must-fix check pass for the exact text, with a reason",
    )
    p.add_argument("answer", metavar="ID.LOCALE")
    p.add_argument(
        "--as", dest="as_person", metavar="PERSON", help="who you are (an id from people.yaml)"
    )
    p.add_argument("--message", "-m", metavar="TEXT", help="a comment, or what must change")
    p.add_argument(
        "--check", metavar="CODE", help="except: the must-fix check to let pass (e.g. no-sources)"
    )
    p.add_argument("--reason", metavar="TEXT", help="except: why this text may pass the check")
    p.add_argument(
        "--passphrase-file",
        type=path_arg,
        metavar="FILE",
        help="read the key's passphrase from FILE",
    )

    p = add("log", cmd_log, "show the full history of an answer in all its languages")
    p.add_argument("answer", metavar="ID")

    p = add("keys", _keys_usage, "create, revoke, list and export signing keys")
    keys_sub = p.add_subparsers(dest="keys_command", metavar="new|revoke|list|export")
    new = keys_sub.add_parser("new", help="create a signing key pair")
    new.set_defaults(func=cmd_keys_new)
    new.add_argument(
        "--person", required=True, metavar="ID", help="whose key (an id from people.yaml)"
    )
    new.add_argument("--passphrase-file", type=path_arg, metavar="FILE")
    new.add_argument(
        "--add-to-roster",
        action="store_true",
        help="write the public key into people.yaml and save",
    )
    new.add_argument("--library", metavar="PATH", default=argparse.SUPPRESS)
    revoke = keys_sub.add_parser(
        "revoke", help="propose that a lost or stolen key stops counting from a moment on"
    )
    revoke.set_defaults(func=cmd_keys_revoke)
    revoke.add_argument("--person", required=True, metavar="ID", help="whose key")
    revoke.add_argument("--since", required=True, metavar="ISO", help="from when it is void")
    revoke.add_argument("--reason", required=True, metavar="TEXT", help="why, for the governors")
    revoke.add_argument("--as", dest="as_person", metavar="PERSON", help="who asks")
    revoke.add_argument("--library", metavar="PATH", default=argparse.SUPPRESS)
    listing = keys_sub.add_parser("list", help="list the signing keys on this machine")
    listing.set_defaults(func=cmd_keys_list)
    listing.add_argument("--library", metavar="PATH", default=argparse.SUPPRESS)
    export = keys_sub.add_parser(
        "export",
        help="print a person's public key as a minisign key file, for bots and sites to pin",
    )
    export.set_defaults(func=cmd_keys_export)
    export.add_argument(
        "--person", required=True, metavar="ID", help="whose key (a publisher's, for releases)"
    )
    export.add_argument("--library", metavar="PATH", default=argparse.SUPPRESS)


def _keys_usage(args) -> int:
    raise CommandError(
        "say what to do with keys: `keys new --person ID`, `keys list` or `keys export --person ID`"
    )
