"""`withdraw`: take an answer off the bots, in every language at once (or one), as a
clinician, with a reason; then say how it reaches bots now."""

from __future__ import annotations

from authoring_app.cli.common import EXIT_OK, CommandError, open_library, path_arg, unlock


def cmd_withdraw(args) -> int:
    from authoring_app.review.withdrawal import WithdrawalError, check_withdraw, withdraw

    answer_id = args.answer.split(".", 1)[0]
    locales = [args.answer.split(".", 1)[1]] if "." in args.answer else None
    if args.locale:
        locales = [args.locale]
    if not (args.reason or "").strip():
        raise CommandError(
            "a withdrawal needs --reason 'why this advice must no longer be given' "
            "(it is signed with the withdrawal and shown in the log)"
        )
    if not args.as_person:
        raise CommandError("say which clinician you are with --as PERSON (an id from people.yaml)")
    with open_library(args) as library:
        try:
            person = check_withdraw(library, args.as_person)
        except WithdrawalError as exc:
            raise CommandError(f"{exc} (only a clinician may withdraw an answer)") from None
        private_key = unlock(person.id, person.name, args.passphrase_file)
        try:
            records = withdraw(
                library, answer_id, person, private_key, reason=args.reason, locales=locales
            )
        except WithdrawalError as exc:
            raise CommandError(str(exc)) from None
        keys = ", ".join(str(r.key) for r in records)
        print(f"Withdrawn by {person.name}: {keys}")
        print(f"Reason: {records[0].message}")
        print(
            "It is left out of the next release. To take it off the bots now, a publisher "
            "either publishes an urgent release:\n"
            f"  authoring-app publish --as PUBLISHER --library {library.path}\n"
            "or confirms the current release without it (a signed notice bots pick up at "
            "their next pull):\n"
            f"  authoring-app notice --as PUBLISHER --library {library.path}"
        )
    return EXIT_OK


def register(add) -> None:
    p = add(
        "withdraw",
        cmd_withdraw,
        "withdraw an answer from the bots in every language (clinicians; signed, with a reason)",
    )
    p.add_argument(
        "answer", metavar="ID", help="the answer (ID.LOCALE withdraws that language only)"
    )
    p.add_argument("--locale", metavar="LL", help="withdraw this language only (default: all)")
    p.add_argument("--reason", "-m", metavar="TEXT", help="why the answer is withdrawn")
    p.add_argument(
        "--as", dest="as_person", metavar="PERSON", help="who you are (a clinician in people.yaml)"
    )
    p.add_argument(
        "--passphrase-file",
        type=path_arg,
        metavar="FILE",
        help="read the key's passphrase from FILE",
    )
