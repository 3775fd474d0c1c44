"""Withdrawing an answer for real: every language at once, by a clinician's signature, with a
reason, reaching a bot that already pulled the release at its next pull; and the attacks on
it (a forged record, a wrong key, a replayed notice)."""

from __future__ import annotations

import json

import pytest

import answer_kit
from authoring_app import cli
from authoring_app.library.answer import AnswerKey
from authoring_app.release import planning, published, publishing
from authoring_app.review.library_status import library_status
from authoring_app.review.records import RETIRED, ReviewRecord
from authoring_app.review.status import Status
from authoring_app.review.withdrawal import WithdrawalError, withdraw, withdrawn_keys
from tests.release.helpers import PASSPHRASE, branch_folder, pinned_key, signed_sample

ANSWER = "opioid-overdose-signs"
EN, RU = AnswerKey(ANSWER, "en"), AnswerKey(ANSWER, "ru")
DOCTOR, PUBLISHER, AUTHOR = "demo-clinician-1", "demo-publisher", "demo-author"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def pulled(sample_library, tmp_path):
    """The sample library published; a bot that pulled it; the passphrase in a file."""
    keys = signed_sample(sample_library)
    publishing.publish(
        sample_library, planning.plan_release(sample_library), PUBLISHER, keys[PUBLISHER]
    )
    key_file = pinned_key(sample_library, tmp_path)
    bot = tmp_path / "bot"
    answer_kit.pull(
        str(sample_library.path), bot, answer_kit.load_keys([key_file]), allow_sample=True
    )
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE + "\n", "utf-8")
    return sample_library, keys, answer_kit.load_keys([key_file]), bot, secret


def served(bot, key) -> set[str]:
    return {a["key"] for a in answer_kit.serving(bot, key).release.answers}


def test_withdrawing_both_languages_reaches_a_pulled_bot_at_its_next_pull(pulled, capsys):
    library, keys, key, bot, secret = pulled
    lib = ["--library", library.path]
    assert {str(EN), str(RU)} <= served(bot, key)
    reason = "The advice on positioning changed; a new text is being written"
    code, out, err = run(
        capsys, "withdraw", ANSWER, "--as", DOCTOR, "--reason", reason,
        "--passphrase-file", secret, *lib,
    )  # fmt: skip
    assert code == 0, err
    assert f"Withdrawn by Dr. Demo One: {EN}, {RU}" in out or f": {EN}, {RU}" in out
    statuses = library_status(library)
    assert statuses[EN].status == statuses[RU].status == Status.RETIRED
    last = library.repo.head.commit
    assert last.summary == f"Withdraw answer {ANSWER} (en, ru): {reason}"
    assert len(last.parents) == 1 and last.stats.files.keys() >= {
        f"reviews/{ANSWER}.en.jsonl",
        f"reviews/{ANSWER}.ru.jsonl",
    }

    # The log shows who withdrew it and why.
    code, out, _ = run(capsys, "log", ANSWER, *lib)
    assert code == 0 and reason in out and "retired" in out

    # One signed notice from a publisher, one pull: both languages are gone from the bot.
    code, out, err = run(capsys, "notice", "--as", PUBLISHER, "--passphrase-file", secret, *lib)
    assert code == 0, err
    assert f"bots stop serving these at their next pull: {EN}, {RU}" in out
    result = answer_kit.pull(str(library.path), bot, key, allow_sample=True)
    assert result.updated is False and result.withdrawn == {str(EN), str(RU)}
    now = served(bot, key)
    assert not now & {str(EN), str(RU)}
    assert {"collapsed-veins.ru", "emergency-response.ru"} <= now

    # A bot that stored the withdrawal is not talked out of it by the old notice again.
    old_channel = branch_folder(library, bot.parent / "old", "published~1")
    with pytest.raises(answer_kit.Refused, match="replay"):
        answer_kit.pull(str(old_channel), bot, key, allow_sample=True)
    assert not served(bot, key) & {str(EN), str(RU)}

    # The next release leaves both out (a major version: answers removed).
    plan = planning.plan_release(library)
    assert {EN, RU} <= set(plan.removed) and plan.bump == "major"


def test_a_clinician_may_withdraw_one_language_only(pulled, capsys):
    library, keys, key, bot, secret = pulled
    code, out, err = run(
        capsys, "withdraw", ANSWER, "--locale", "ru", "--as", DOCTOR, "--reason", "Wrong number",
        "--passphrase-file", secret, "--library", library.path,
    )  # fmt: skip
    assert code == 0, err
    statuses = library_status(library)
    assert statuses[RU].status == Status.RETIRED and statuses[EN].status != Status.RETIRED


def test_no_reason_is_refused_with_a_clear_message_and_nothing_written(pulled, capsys):
    library, keys, key, bot, secret = pulled
    before = library.repo.head.commit.hexsha
    code, out, err = run(
        capsys, "withdraw", ANSWER, "--as", DOCTOR, "--reason", "  ",
        "--passphrase-file", secret, "--library", library.path,
    )  # fmt: skip
    assert code != 0 and "a withdrawal needs --reason" in err and "Traceback" not in err
    with pytest.raises(WithdrawalError) as raised:
        withdraw(library, ANSWER, DOCTOR, keys[DOCTOR], reason="")
    assert raised.value.code == "no-reason"
    assert library.repo.head.commit.hexsha == before


@pytest.mark.parametrize("who", [AUTHOR, PUBLISHER])
def test_someone_who_is_not_a_clinician_cannot_withdraw(pulled, capsys, who):
    library, keys, key, bot, secret = pulled
    before = library.repo.head.commit.hexsha
    code, out, err = run(
        capsys, "withdraw", ANSWER, "--as", who, "--reason", "I think it is wrong",
        "--passphrase-file", secret, "--library", library.path,
    )  # fmt: skip
    assert code != 0 and "only a clinician may withdraw" in err and "Traceback" not in err
    assert library.repo.head.commit.hexsha == before
    if who in keys:
        with pytest.raises(WithdrawalError) as raised:
            withdraw(library, ANSWER, who, keys[who], reason="I think it is wrong")
        assert raised.value.code == "not-clinician"


def test_a_withdrawal_with_someone_elses_key_is_refused(pulled):
    library, keys, key, bot, secret = pulled
    with pytest.raises(WithdrawalError, match="not Dr|key used is not"):
        withdraw(library, ANSWER, DOCTOR, keys["demo-clinician-2"], reason="Outdated")
    assert library_status(library)[EN].status != Status.RETIRED


def test_a_forged_withdrawal_record_counts_for_nothing_and_never_reaches_bots(pulled, capsys):
    """Someone who can push to the library appends `retired` records by hand: one naming a
    doctor but signed with the author's key, one by the author under their own name."""
    library, keys, key, bot, secret = pulled
    for locale in ("en", "ru"):
        answer = library.answer(AnswerKey(ANSWER, locale))
        for person, signing_key in ((DOCTOR, keys[PUBLISHER]), (PUBLISHER, keys[PUBLISHER])):
            record = ReviewRecord(
                kind=RETIRED,
                answer=ANSWER,
                locale=locale,
                person=person,
                time=library.repo.head.commit.committed_datetime,
                content_hash=answer.content_hash(),
                revision=library.head(),
                message="Forged: take it down",
            ).signed(signing_key)
            path = library.path / "reviews" / f"{ANSWER}.{locale}.jsonl"
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(record.to_line())
    library.repo.git.add("-A")
    library.repo.git.commit("-m", "Take the overdose answer down")
    statuses = library_status(library)
    assert statuses[EN].status != Status.RETIRED and statuses[RU].status != Status.RETIRED
    assert any(statuses[EN].problems)  # reported, not silently ignored
    assert withdrawn_keys(library) == ()
    code, out, err = run(
        capsys, "notice", "--as", PUBLISHER, "--passphrase-file", secret,
        "--library", library.path,
    )  # fmt: skip
    assert code == 0 and "Withdrawn" not in out
    notice = json.loads(published.read_file(library, "notice.json"))
    assert notice["withdrawn"] == []
    answer_kit.pull(str(library.path), bot, key, allow_sample=True)
    assert {str(EN), str(RU)} <= served(bot, key)
