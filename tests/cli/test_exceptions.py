"""`review approve` refuses while must-fix checks stand, `review except` lets one pass for the
exact text, and `log` shows it: through authoring_app.cli.main, on a real repository."""

from __future__ import annotations

import json

from authoring_app.cli import main
from authoring_app.library.answer import AnswerKey
from tests.people import save_as
from tests.release.helpers import PASSPHRASE, give_keys

KEY = AnswerKey("abscess-signs", "en")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_approve_shows_the_checks_and_refuses_until_a_governor_excepts(capsys, library, tmp_path):
    give_keys(library, ["dr-one", "gov-one"])
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE + "\n", "utf-8")
    answer = library.answer(KEY)
    save_as(library, answer.edited(summary="Call +7 912 345-67-89 now.", sources=()), "alex")
    lib = ["--library", library.path]
    approve = ["review", "approve", KEY, "--as", "dr-one", "--passphrase-file", secret, *lib]

    code, out, _ = run(capsys, "status", *lib)
    assert "MUST FIX: phone-in-text, no-sources" in out
    code, out, _ = run(capsys, "validate", library.path)
    assert code == 1 and "error: '+7 912 345-67-89' looks like a phone number" in out

    code, out, err = run(capsys, *approve)
    assert code == 1
    assert "error: phone-in-text [summary]: '+7 912 345-67-89' looks like a phone number" in out
    assert "error: no-sources [sources]" in out
    assert "Example mobile unit: +7 000 000-00-01" in out
    assert "Summary as the bot sends it:\n  Call +7 912 345-67-89 now." in out
    assert "cannot be signed off while must-fix checks stand" in err
    assert "Traceback" not in err

    code, _, err = run(capsys, "review", "except", KEY, "--check", "phone-in-text", "--as",
                       "dr-one", "--reason", "x", "--passphrase-file", secret, *lib)  # fmt: skip
    assert code == 1 and "'dr-one' is not a governor of this library" in err
    code, _, err = run(capsys, "review", "except", KEY, "--check", "phone-in-text", "--as",
                       "gov-one", "--passphrase-file", secret, *lib)  # fmt: skip
    assert code == 1 and "needs --reason" in err
    for check in ("phone-in-text", "no-sources"):
        code, out, err = run(capsys, "review", "except", KEY, "--check", check, "--reason",
                             "National helpline, agreed with the clinical lead.", "--as",
                             "gov-one", "--passphrase-file", secret, *lib)  # fmt: skip
        assert code == 0, err
        assert f"may pass {check} in this exact text" in out and "Gov One" in out

    code, out, _ = run(capsys, "validate", library.path)
    assert code == 0, out
    assert "warning: '+7 912 345-67-89' looks like a phone number" in out
    assert "(passed for this exact text by gov-one's exception: National helpline" in out

    code, out, err = run(capsys, *approve)
    assert code == 0, err
    assert "error, passed by an exception (Gov One: National helpline" in out
    assert "signed-off: abscess-signs.en by Dr One" in out

    code, out, _ = run(capsys, "status", "--json", *lib)
    [row] = [r for r in json.loads(out)["answers"] if r["answer"] == str(KEY)]
    assert row["checks_stand"] == [] and row["publishable"]
    assert [(e["check"], e["governor"]) for e in row["exceptions"]] == [
        ("phone-in-text", "gov-one"),
        ("no-sources", "gov-one"),
    ]

    code, out, _ = run(capsys, "log", "abscess-signs", *lib)
    assert "Let answer abscess-signs.en pass check phone-in-text: National helpline" in out
    assert "(gov-one)  excepted" in out
