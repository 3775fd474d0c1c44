"""The publish, verify, pull and export commands: clear one-line refusals, exit codes."""

from __future__ import annotations

import json

import pytest

from authoring_app import cli
from authoring_app.library.answer import AnswerKey
from authoring_app.release import published
from tests.people import save_as
from tests.release.helpers import PASSPHRASE, give_keys, sign_all

CLINICIANS = ["demo-clinician-1", "demo-clinician-2"]


@pytest.fixture
def ready(sample_library, tmp_path):
    """Everything signed off except one draft; a passphrase file for the publisher."""
    keys = give_keys(sample_library, [*CLINICIANS, "demo-publisher"])
    draft = AnswerKey("talking-to-someone", "en")
    sign_all(
        sample_library, keys, CLINICIANS, only={a.key for a in sample_library.answers()} - {draft}
    )
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n")
    return sample_library, secret


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_dry_run_shows_the_plan_and_publishes_nothing(ready, capsys):
    lib, _ = ready
    code, out, err = run(
        capsys, "publish", "--library", lib.path, "--as", "demo-publisher", "--dry-run"
    )
    assert code == 0, err
    assert "Proposed version 1.0.0 (no release yet): the first release" in out
    assert "added    opioid-overdose-signs.en" in out
    assert "Left out: 1 (1 draft)" in out and "talking-to-someone.en" not in out
    assert "Dry run" in out
    assert published.tip(lib) is None
    code, out, _ = run(
        capsys, "publish", "--library", lib.path, "--as", "demo-publisher", "--dry-run", "--verbose"
    )
    assert "talking-to-someone.en: draft: not signed off" in out


def test_publish_verify_pull_and_export(ready, capsys, tmp_path):
    lib, secret = ready
    args = ["publish", "--library", lib.path, "--as", "demo-publisher", "--passphrase-file", secret]
    code, out, err = run(capsys, *args, "--yes")
    assert code == 0, err
    assert "Published release 1.0.0 (tag v1.0.0" in out
    assert "No releases channel is set up in library.yaml" in out
    code, out, _ = run(capsys, *args, "--yes")
    assert code == 0 and "Nothing to publish" in out
    code, out, _ = run(capsys, "status", "--library", lib.path)  # says what went out
    lines = {line.split()[0]: line.split()[1] for line in out.splitlines() if "signed off" in line}
    assert lines["opioid-overdose-signs.en"] == "published"
    assert lines["talking-to-someone.en"] == "draft"

    code, key_text, err = run(
        capsys, "keys", "export", "--person", "demo-publisher", "--library", lib.path
    )
    assert code == 0 and key_text.startswith("untrusted comment: minisign public key ")
    assert "Fingerprint:" in err and "second channel" in err
    key = tmp_path / "publisher.pub"
    key.write_text(key_text)
    bot = tmp_path / "bot"
    code, out, err = run(capsys, "pull", lib.path, "--to", bot, "--key", key, "--allow-sample")
    assert code == 0, err
    assert "Pulled release 1.0.0" in out
    code, out, err = run(
        capsys, "verify", bot / "current" / "bundle.json", "--key", key, "--allow-sample"
    )
    assert code == 0 and out.startswith("OK: release 1.0.0, 41 answer(s)")
    # Trying a message as the bot would answer it, from the release just pulled.
    code, out, err = run(
        capsys, "ask", bot, "he won't wake up", "--json", "--key", key, "--allow-sample"
    )
    assert code == 0, err
    result = json.loads(out)
    assert result["emergency"] is True and result["answer"] == "opioid-overdose-signs.en"
    assert "103" in result["reply"][0]
    code, out, err = run(
        capsys, "ask", bot, "where do i get an hiv test", "--group", "--key", key, "--allow-sample"
    )
    assert code == 0 and "Answer: hiv-hcv-testing.en" in out
    code, out, err = run(capsys, "ask", tmp_path / "nowhere", "x")
    assert code == 1 and "cannot read" in err and "Traceback" not in err

    code, out, err = run(
        capsys,
        "verify",
        bot / "current" / "bundle.json",
        "--key",
        key,
        "--allow-sample",
        "--now",
        "2099-01-01T00:00:00Z",
    )
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "refused: release 1.0.0 expired at" in err
    # Demonstration content is refused unless the maintainer says it is wanted.
    code, out, err = run(capsys, "verify", bot / "current" / "bundle.json", "--key", key)
    assert code == 1 and "sample library" in err and "--allow-sample" in err

    code, out, err = run(
        capsys, "pull", lib.path, "--to", bot, "--key", key, "--allow-sample", "--now", "2099-01-01"
    )
    assert code == 4, "an expired release is no current release"
    assert err.startswith("authoring-app: refused:") and err.count("\n") == 1
    assert "NO CURRENT RELEASE: release 1.0.0 expired" in out and "112" in out

    export = ["export", "--library", lib.path, "--to", tmp_path / "site", "--allow-sample"]
    with pytest.raises(SystemExit) as usage:  # a pinned key is required, never one beside
        run(capsys, *export)
    assert usage.value.code == 2 and "--key" in capsys.readouterr().err
    code, out, err = run(capsys, *export, "--key", key)
    assert code == 0, err
    assert (tmp_path / "site" / "ru" / "overdose" / "opioid-overdose-signs.html").is_file()


def test_refusals_are_one_clear_line(ready, capsys):
    lib, secret = ready
    base = ["publish", "--library", lib.path, "--passphrase-file", secret, "--yes"]
    code, _, err = run(capsys, *base, "--as", "demo-clinician-1")
    assert code == 1 and "does not have the publisher role" in err
    code, _, err = run(
        capsys, *base, "--as", "demo-publisher", "--include", "talking-to-someone.en"
    )
    assert code == 1
    assert "talking-to-someone.en cannot be included: draft: not signed off" in err
    code, _, err = run(capsys, *base, "--as", "demo-publisher", "--version", "0.9.0")
    assert code == 1 and "not a version" not in err and "too low" in err
    wrong = secret.with_name("wrong.txt")
    wrong.write_text("not the passphrase\n")
    code, _, err = run(
        capsys,
        "publish",
        "--library",
        lib.path,
        "--passphrase-file",
        wrong,
        "--yes",
        "--as",
        "demo-publisher",
    )
    assert code == 1 and "wrong passphrase" in err
    assert published.tip(lib) is None


def test_dry_run_warns_of_answers_whose_questions_find_another_and_still_publishes(
    sample_library, tmp_path, capsys
):
    from authoring_app.library import questions

    signs = sample_library.answer(AnswerKey("opioid-overdose-signs", "en"))
    artery = sample_library.answer(AnswerKey("hitting-an-artery", "en"))
    claimed = artery.questions[0]
    save_as(sample_library, signs.edited(questions=(*signs.questions, claimed)), "demo-author")
    keys = give_keys(sample_library, [*CLINICIANS, "demo-publisher"])
    sign_all(sample_library, keys, CLINICIANS)
    wanted = questions.report(sample_library.answers(), sample_library.directory)
    lost = wanted.lost_answers
    assert signs.key in lost

    code, out, err = run(
        capsys, "publish", "--library", sample_library.path, "--as", "demo-publisher", "--dry-run"
    )
    assert code == 0, err
    assert (
        f"Warning: {len(lost)} of {wanted.answers} answers have questions that find another "
        f"answer or none ({len(wanted.lost)} of {wanted.questions} ways of asking)"
    ) in out
    assert f"  {signs.key}  {signs.title}\n" in out
    assert f"    {claimed!r}: a bot would send {artery.key} “{artery.title}” instead" in out
    assert "Dry run: release 1.0.0 was not published." in out

    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n")
    args = ["--passphrase-file", secret, "--yes"]
    code, out, err = run(
        capsys, "publish", "--library", sample_library.path, "--as", "demo-publisher", *args
    )
    assert code == 0, err
    assert "Warning:" in out and "Published release 1.0.0" in out
