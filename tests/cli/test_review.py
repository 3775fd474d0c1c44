"""The review commands end to end, through authoring_app.cli.main, on a real repository."""

from __future__ import annotations

import json

import pytest

from authoring_app.cli import main
from authoring_app.library.answer import AnswerKey
from authoring_app.review.keys import KeyStore
from tests.people import PUBLIC, save_as
from tests.release.helpers import PASSPHRASE, give_keys

KEY = AnswerKey("abscess-signs", "en")


@pytest.fixture
def lib(library):
    return ["--library", str(library.path)]


@pytest.fixture
def passphrase_file(tmp_path):
    path = tmp_path / "passphrase.txt"
    path.write_text("a long passphrase\n", "utf-8")
    return str(path)


def secret(library) -> str:
    """A file holding the passphrase `give_keys` locks the keys with."""
    path = library.path.parent / "secret.txt"
    path.write_text(PASSPHRASE + "\n", "utf-8")
    return str(path)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_keys_new_proposes_the_key_and_it_counts_once_the_governors_approve(
    capsys, library, lib, passphrase_file
):
    give_keys(library, ["gov-one", "gov-two"])
    code, out, _ = run(
        capsys, "keys", "new", "--person", "dr-one", "--passphrase-file", passphrase_file,
        "--add-to-roster", *lib,
    )  # fmt: skip
    assert code == 0 and "counts once the governors approve it" in out
    line = next(x for x in out.splitlines() if "public_key: ed25519:" in x)
    people = (library.path / "people.yaml").read_text("utf-8")
    assert line.strip() in people and PUBLIC["dr-one"] in people  # the old one kept, dated
    assert library.repo.head.commit.summary == "Propose a signing key for Dr One"
    assert not library.repo.is_dirty()
    assert "private" not in people.lower() and not list(library.path.rglob("*.key"))

    # Pending: the new key signs nothing yet.
    code, out, _ = run(capsys, "governance", *lib)
    assert "[1] people.yaml" in out and "approved by nobody yet (0/2)" in out
    code, _, err = run(
        capsys, "review", "comment", "abscess-signs.en", "--as", "dr-one", "-m", "New key.",
        "--passphrase-file", passphrase_file, *lib,
    )  # fmt: skip
    assert code == 1 and "not Dr One's key in the governed people.yaml" in err

    code, out, _ = run(capsys, "governance", "diff", "1", *lib)
    assert "+    public_key: " + line.split("public_key: ")[1] in out
    for governor in ("gov-one", "gov-two"):
        code, out, err = run(
            capsys, "governance", "approve", "1", "--as", governor, "--yes",
            "--passphrase-file", secret(library), *lib,
        )  # fmt: skip
        assert code == 0, err
    assert "the change counts now" in out
    code, _, err = run(
        capsys, "review", "comment", "abscess-signs.en", "--as", "dr-one", "-m", "New key.",
        "--passphrase-file", passphrase_file, *lib,
    )  # fmt: skip
    assert code == 0, err


def test_keys_new_without_the_roster_only_prints_the_line(capsys, library, lib, passphrase_file):
    before = (library.path / "people.yaml").read_text("utf-8")
    code, out, _ = run(
        capsys, "keys", "new", "--person", "dr-two", "--passphrase-file", passphrase_file, *lib
    )
    assert code == 0
    assert "Propose this line in dr-two's entry in people.yaml" in out
    assert (library.path / "people.yaml").read_text("utf-8") == before
    code, _, err = run(
        capsys, "keys", "new", "--person", "dr-two", "--passphrase-file", passphrase_file, *lib
    )
    assert code == 1 and "refusing to overwrite" in err


def test_keys_new_asks_for_the_passphrase_twice(capsys, monkeypatch, lib):
    answers = iter(["first", "second"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    code, _, err = run(capsys, "keys", "new", "--person", "dr-one", *lib)
    assert code == 1 and "the two passphrases differ" in err
    assert not KeyStore().has("dr-one")

    answers = iter(["same", "same"])
    code, _, _ = run(capsys, "keys", "new", "--person", "dr-one", *lib)
    assert code == 0
    KeyStore().load("dr-one", "same")


def test_a_wrong_passphrase_is_a_clear_error(capsys, library, lib, tmp_path):
    give_keys(library, ["dr-one"])
    before = (library.path / "reviews" / "abscess-signs.en.jsonl").read_bytes()
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not it\n", "utf-8")
    code, _, err = run(
        capsys, "review", "approve", "abscess-signs.en", "--as", "dr-one",
        "--passphrase-file", str(wrong), *lib,
    )  # fmt: skip
    assert code == 1
    assert "wrong passphrase for the key of dr-one" in err
    assert (library.path / "reviews" / "abscess-signs.en.jsonl").read_bytes() == before


def test_review_from_draft_to_approved_with_the_log(capsys, library, lib):
    give_keys(library, ["alex", "dr-one", "dr-two"])
    passphrase_file = secret(library)
    steps = [
        ("submit", "alex", "ready for review"),
        ("comment", "dr-two", "Add the pen line advice?"),
        ("request-changes", "dr-one", "Mention red streaks first."),
    ]
    for action, person, message in steps:
        code, out, err = run(
            capsys, "review", action, "abscess-signs.en", "--as", person, "-m", message,
            "--passphrase-file", passphrase_file, *lib,
        )  # fmt: skip
        assert code == 0, err

    code, out, _ = run(capsys, "status", "--json", *lib)
    rows = {r["answer"]: r for r in json.loads(out)["answers"]}
    assert rows["abscess-signs.en"]["status"] == "changes requested"

    library.reload()  # people.yaml changed on disk
    answer = library.answer(KEY).edited(body="Red streaks: go to hospital now.\n")
    save_as(library, answer, library.roster.get("alex"))
    assert run(
        capsys, "review", "submit", "abscess-signs.en", "--as", "alex",
        "--passphrase-file", passphrase_file, *lib,
    )[0] == 0  # fmt: skip

    code, out, _ = run(
        capsys, "review", "approve", "abscess-signs.en", "--as", "dr-one",
        "--passphrase-file", passphrase_file, *lib,
    )  # fmt: skip
    assert code == 0
    # What is signed, and what the signature means, is shown before signing.
    assert out.index("Meaning of this signature: clinical approval for publication") < out.index(
        "signed-off: abscess-signs.en by Dr One"
    )
    assert "Signing as: Dr One, Infectious diseases physician" in out
    assert f"Text signed: {library.answer(KEY).content_hash()}" in out

    code, out, _ = run(capsys, "status", *lib)
    line = next(x for x in out.splitlines() if x.startswith("abscess-signs.en"))
    assert "approved" in line and "dr-one" in line and "review due" in line
    assert "alex" in line  # the last editor

    code, out, _ = run(capsys, "log", "abscess-signs", *lib)
    assert code == 0
    actions = [x.split()[-1] for x in out.splitlines() if x[:2] == "20"]
    assert actions == [
        "commit", "edited", "edited", "submitted", "comment", "changes-requested", "edit",
        "submitted", "signed-off",
    ]  # fmt: skip
    assert "Mention red streaks first." in out
    assert "Sign off answer abscess-signs.en (clinical approval for publication)" in out

    assert run(capsys, "validate", *lib)[0] == 0


def test_request_changes_needs_a_message(capsys, lib):
    code, _, err = run(
        capsys, "review", "request-changes", "abscess-signs.en", "--as", "dr-one", *lib
    )
    assert code == 1 and "needs --message" in err


def test_a_person_not_in_the_roster_is_refused(capsys, lib):
    code, _, err = run(capsys, "review", "submit", "abscess-signs.en", "--as", "nobody", *lib)
    assert code == 1 and "not in this library's roster" in err


def test_self_sign_off_is_refused_before_asking_for_a_passphrase(
    capsys, monkeypatch, library, lib, passphrase_file
):
    give_keys(library, ["dr-two"])
    save_as(library, library.answer(KEY).edited(body="Mine.\n"), library.roster.get("dr-two"))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": pytest.fail("asked for a passphrase"))
    code, _, err = run(capsys, "review", "approve", "abscess-signs.en", "--as", "dr-two", *lib)
    assert code == 1 and "made the last change" in err


def test_keys_list_labels_demonstration_keys(capsys):
    from authoring_app.sync.opening import own_library

    own_library()  # the sample library, with its demonstration keys
    code, out, _ = run(capsys, "keys", "list")
    assert code == 0
    line = next(x for x in out.splitlines() if x.startswith("demo-clinician-1"))
    assert "demonstration key" in line and "matches the governed people.yaml" in line


def test_the_sample_library_status_shows_approved_and_demo_labels(capsys):
    code, out, _ = run(capsys, "status", "--json")
    assert code == 0
    rows = {r["answer"]: r for r in json.loads(out)["answers"]}
    assert rows["opioid-overdose-signs.ru"]["status"] == "approved"
    assert rows["opioid-overdose-signs.ru"]["signers"] == ["demo-clinician-1", "demo-clinician-2"]
    assert rows["hiv-hcv-transmission.ru"]["status"] == "in review"


def test_status_lists_the_answers_due_for_review_soon(capsys, library, lib):
    """An answer leaves bots on its review date: `status` names it while there is time."""
    import datetime as dt

    from authoring_app.release.bundle import add_months
    from tests.release.helpers import sign_all

    keys = give_keys(library, ["dr-one", "dr-two"])
    now = dt.datetime.now(dt.UTC)
    early = max(add_months(now, -11), dt.datetime(2026, 1, 2, tzinfo=dt.UTC))
    sign_all(library, keys, ["dr-one", "dr-two"], now=early, only={KEY})
    sign_all(library, keys, ["dr-one", "dr-two"], now=now, only={AnswerKey("abscess-signs", "ru")})
    due = add_months(early, 12).date()
    left = (due - now.date()).days
    assert 0 <= left <= 60  # what the test is about

    code, out, _ = run(capsys, "status", *lib)
    section = out[out.index("Due for review soon") :]
    window = "within 30 days:" if left <= 30 else "within 60 days:"
    assert code == 0 and window in section
    assert f"abscess-signs.en  review due {due.isoformat()}" in section
    assert "abscess-signs.ru" not in section  # signed today: a year to go

    code, out, _ = run(capsys, "status", "--json", *lib)
    soon = json.loads(out)["due_soon"]
    assert [(s["answer"], s["days_left"]) for s in soon] == [("abscess-signs.en", left)]

    # The publisher is warned too, and may still publish.
    code, out, _ = run(capsys, "publish", "--dry-run", "--as", "pat", *lib)
    assert code == 0, (out, _)
    assert "Warning: 1 answer(s) in the release are due for review soon" in out
    assert f"abscess-signs.en  review due {due.isoformat()} (in {left} days)" in out


def test_status_due_soon_windows_come_from_library_yaml_and_a_bad_one_is_reported(
    capsys, library, lib
):
    path = library.path / "library.yaml"
    path.write_text(path.read_text("utf-8") + "review_due_soon_days: [7]\n", "utf-8")
    code, out, _ = run(capsys, "status", *lib)
    assert code == 0 and "Due for review soon: none in the next 7 days" in out
    path.write_text(path.read_text("utf-8").replace("[7]", '["soon"]'), "utf-8")
    code, out, err = run(capsys, "validate", *lib)
    assert "review_due_soon_days" in out + err and "Traceback" not in out + err
