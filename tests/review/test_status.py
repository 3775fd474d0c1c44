"""Derived status and the checks on review records: tampering, bad lines, revoked keys, clocks."""

from __future__ import annotations

import datetime as dt

import git
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from authoring_app.library import paths
from authoring_app.library.answer import AnswerKey
from authoring_app.review import actions as review
from authoring_app.review.keys import encode_public_key
from authoring_app.review.library_status import answer_status, library_status
from authoring_app.review.records import format_time, record_from_json
from authoring_app.review.signing import ReviewError
from authoring_app.review.status import Status, add_months
from authoring_app.sync.opening import validate, validate_path
from tests.conftest import LIBRARY_YAML, PEOPLE_YAML
from tests.people import KEYS
from tests.review.support import (
    EN,
    RU,
    govern,
    review_lines,
    save,
    write_lines,
)


def problems_of(library, code):
    return [p for p in validate(library) if p.code == code]


def assert_not_counted(library, code, line):
    status = answer_status(library, EN)
    assert line not in [None] and all(
        s.person != review_lines(library, EN)[line - 1]["person"] for s in status.sign_offs
    )
    found = [p for p in status.problems if p.code == code]
    assert [p.line for p in found] == [line]
    assert [p.line for p in problems_of(library, code)] == [line]
    assert found[0].path == "reviews/abscess-signs.en.jsonl"


# -- tampering -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("content_hash", "sha256:" + "0" * 64),
        ("name", "Dr Someone Else"),
        ("time", "2020-01-01T00:00:00Z"),
        ("credentials", "Surgeon"),
    ],
)
def test_an_edited_sign_off_does_not_count(signed, field, value):
    records = review_lines(signed, EN)
    records[2][field] = value  # line 3: dr-one's sign-off (after Alex's edit and submission)
    write_lines(signed, EN, records)

    status = answer_status(signed, EN)
    assert status.signers == ("dr-two",)
    assert [(p.line, p.code) for p in status.problems] == [(3, "review-bad-signature")]
    assert "altered" in status.problems[0].message
    assert [p.line for p in problems_of(signed, "review-bad-signature")] == [3]


def test_swapped_signatures_do_not_count(signed):
    records = review_lines(signed, EN)
    records[2]["signature"], records[3]["signature"] = (
        records[3]["signature"],
        records[2]["signature"],
    )
    write_lines(signed, EN, records)

    status = answer_status(signed, EN)
    assert status.sign_offs == ()
    assert status.status == Status.IN_REVIEW
    assert sorted(p.line for p in problems_of(signed, "review-bad-signature")) == [3, 4]


def test_a_sign_off_copied_to_another_answer_does_not_count(signed):
    record = dict(
        review_lines(signed, EN)[2], locale="ru", content_hash=signed.answer(RU).content_hash()
    )
    write_lines(signed, RU, [*review_lines(signed, RU), record])
    assert answer_status(signed, RU).sign_offs == ()
    assert [p.code for p in answer_status(signed, RU).problems] == ["review-bad-signature"]


# -- broken lines ----------------------------------------------------------------------------


def test_a_truncated_last_line_is_reported_and_the_rest_still_counts(signed):
    path = signed.path / "reviews" / "abscess-signs.en.jsonl"
    text = path.read_text("utf-8")
    path.write_text(text + text.splitlines()[1][:70], "utf-8")  # a half-written record

    status = answer_status(signed, EN)
    assert status.status == Status.APPROVED
    [problem] = problems_of(signed, "review-malformed")
    assert (problem.path, problem.line) == ("reviews/abscess-signs.en.jsonl", 5)
    assert "cut off" in problem.message


def test_a_line_that_is_not_json_is_reported_with_its_line(signed):
    path = signed.path / "reviews" / "abscess-signs.en.jsonl"
    lines = path.read_text("utf-8").splitlines()
    lines.insert(1, "{not json")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    [problem] = problems_of(signed, "review-malformed")
    assert problem.line == 2
    assert answer_status(signed, EN).status == Status.APPROVED


def test_a_record_missing_a_field_is_reported(signed):
    records = review_lines(signed, EN)
    del records[2]["meaning"]
    write_lines(signed, EN, records)
    problems = problems_of(signed, "review-schema")
    assert [(p.line, p.field) for p in problems] == [(3, None)]
    assert "'meaning' is required" in problems[0].message
    assert answer_status(signed, EN).signers == ("dr-two",)


def test_records_for_an_unknown_answer_are_reported(signed):
    records = review_lines(signed, EN)
    ghost = AnswerKey("no-such-answer", "en")
    write_lines(signed, ghost, [dict(r, answer=ghost.id) for r in records[:1]])
    [problem] = problems_of(signed, "review-unknown-answer")
    assert problem.path == "reviews/no-such-answer.en.jsonl" and problem.line == 1
    assert ghost not in library_status(signed)


def test_a_record_filed_under_the_wrong_answer_does_not_count(signed):
    write_lines(signed, RU, review_lines(signed, RU) + review_lines(signed, EN))
    assert answer_status(signed, RU).status == Status.DRAFT
    assert {p.code for p in answer_status(signed, RU).problems} == {"review-wrong-file"}


# -- people and keys -------------------------------------------------------------------------


def test_an_unknown_person_does_not_count(signed):
    records = review_lines(signed, EN)
    records.append(dict(records[2], person="dr-nobody"))
    write_lines(signed, EN, records)
    assert_not_counted(signed, "review-unknown-person", 5)


def _without_dr_one(text: str) -> str:
    return text[: text.index("  - id: dr-one")] + text[text.index("  - id: dr-two") :]


def test_removing_a_person_from_the_roster_voids_their_sign_offs_once_governed(signed):
    path = signed.path / "people.yaml"
    path.write_text(_without_dr_one(path.read_text("utf-8")), "utf-8")  # by hand: pending
    signed.reload()
    assert answer_status(signed, EN).signers == ("dr-one", "dr-two")

    path.write_text(PEOPLE_YAML, "utf-8")
    govern(signed, "people.yaml", _without_dr_one)
    status = answer_status(signed, EN)
    assert status.signers == ("dr-two",)
    assert [(p.line, p.code) for p in status.problems] == [(3, "review-unknown-person")]
    assert "removed" in status.problems[0].message


def test_a_replaced_key_keeps_earlier_sign_offs_and_a_revoked_one_voids_later_ones(signed):
    from authoring_app.review.roster_file import add_public_key, revoke_key

    new = Ed25519PrivateKey.generate()
    add_public_key(signed, "dr-one", encode_public_key(new.public_key()))
    assert "Propose a signing key for Dr One" in signed.repo.head.commit.message
    assert answer_status(signed, EN).signers == ("dr-one", "dr-two")  # pending: no change
    with pytest.raises(ReviewError, match="not Dr One's key"):
        review.comment(signed, EN, "dr-one", new, "With my new key.")

    govern(signed, "people.yaml", lambda text: text)  # the governors sign the file as it is
    assert answer_status(signed, EN).signers == ("dr-one", "dr-two")  # made before: they count
    review.comment(signed, EN, "dr-one", new, "With my new key.")
    with pytest.raises(ReviewError, match="not Dr One's key"):
        review.comment(signed, EN, "dr-one", KEYS["dr-one"], "With the old key.")

    # The new key is then lost: revoked from a moment on, a record signed with it before
    # still counts, and one forged with it afterwards does not.
    since = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(seconds=1)
    revoke_key(signed, "dr-one", since, "laptop stolen", signed.roster.get("alex"))
    govern(signed, "people.yaml", lambda text: text)
    records = review_lines(signed, EN)
    late = dict(records[4], time=format_time(since + dt.timedelta(seconds=5)))
    late.pop("signature")
    forged = record_from_json(late).signed(new).to_json()
    write_lines(signed, EN, records + [forged])
    status = answer_status(signed, EN)
    assert status.signers == ("dr-one", "dr-two")
    assert [(p.line, p.code) for p in status.problems] == [(6, "review-no-key")]
    assert "laptop stolen" in status.problems[0].message


def test_a_person_without_the_clinician_role_cannot_sign_off_once_governed(signed):
    demote = lambda text: text.replace("roles: [clinician]\n", "roles: [author]\n", 1)  # noqa: E731
    path = signed.path / "people.yaml"
    path.write_text(demote(path.read_text("utf-8")), "utf-8")
    signed.reload()
    assert answer_status(signed, EN).signers == ("dr-one", "dr-two")  # by hand: pending
    path.write_text(PEOPLE_YAML, "utf-8")
    govern(signed, "people.yaml", demote)
    status = answer_status(signed, EN)
    assert status.signers == ("dr-two",)
    assert [(p.line, p.code) for p in status.problems] == [(3, "review-wrong-role")]


def test_a_demonstration_person_is_not_trusted_in_a_real_library(signed):
    mark = lambda text: text.replace(  # noqa: E731
        "    roles: [clinician]\n", "    roles: [clinician]\n    demo: true\n", 1
    )
    govern(signed, "people.yaml", mark)
    status = answer_status(signed, EN)
    assert status.signers == ("dr-two",)
    assert [(p.line, p.code) for p in status.problems] == [(3, "review-demo-person")]


def test_a_self_sign_off_written_by_hand_does_not_count(library, keys):
    dr_two = library.roster.get("dr-two")
    save(library, library.answer(EN).edited(body="Dr Two's wording.\n"), "dr-two")
    review.sign_off(library, EN, "dr-one", keys["dr-one"])
    records = review_lines(library, EN)
    record = dict(records[-1])
    record.pop("signature")
    # dr-two signs their own change with their own key, bypassing the app.
    from authoring_app.review.records import record_from_json

    forged = record_from_json(
        dict(record, person="dr-two", name="Dr Two", credentials=dr_two.credentials)
    ).signed(keys["dr-two"])
    write_lines(library, EN, [*records, forged.to_json()])
    status = answer_status(library, EN)
    assert status.signers == ("dr-one",)
    assert [(p.line, p.code) for p in status.problems] == [
        (len(records) + 1, "review-self-sign-off")
    ]


# -- time ------------------------------------------------------------------------------------


def test_a_record_from_a_clock_far_in_the_future_does_not_count(library, keys):
    now = dt.datetime.now(dt.UTC)
    review.submit(library, EN, "alex", KEYS["alex"])
    review.sign_off(library, EN, "dr-one", keys["dr-one"], now=now + dt.timedelta(days=2))
    status = answer_status(library, EN)
    assert status.status == Status.IN_REVIEW
    assert [(p.line, p.code) for p in status.problems] == [(3, "review-future")]
    assert "clock far in the future" in status.problems[0].message
    assert [p.line for p in problems_of(library, "review-future")] == [3]


def test_a_few_minutes_of_clock_difference_is_tolerated(library, keys):
    now = dt.datetime.now(dt.UTC)
    review.sign_off(library, EN, "dr-one", keys["dr-one"], now=now + dt.timedelta(minutes=3))
    assert answer_status(library, EN, now=now).status == Status.APPROVED


def test_an_approval_becomes_review_due_after_the_interval(library, keys):
    signed_at = dt.datetime(2026, 1, 31, 9, 0, tzinfo=dt.UTC)
    review.sign_off(library, EN, "dr-one", keys["dr-one"], now=signed_at)

    status = answer_status(library, EN, now=dt.datetime(2026, 6, 1, tzinfo=dt.UTC))
    assert status.review_due == dt.date(2027, 1, 31)
    assert status.status == Status.APPROVED
    on_the_day = dt.datetime(2027, 1, 31, 23, 0, tzinfo=dt.UTC)
    assert answer_status(library, EN, now=on_the_day).status == Status.APPROVED
    late = answer_status(library, EN, now=dt.datetime(2027, 2, 1, tzinfo=dt.UTC))
    assert late.status == Status.REVIEW_DUE
    assert not late.publishable


def test_the_review_interval_comes_from_the_governed_library_yaml(library, keys):
    shorter = lambda text: text.replace("review_interval_months: 12", "review_interval_months: 3")  # noqa: E731
    signed_at = dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
    review.sign_off(library, EN, "dr-one", keys["dr-one"], now=signed_at)
    path = library.path / "library.yaml"
    path.write_text(shorter(path.read_text("utf-8")), "utf-8")
    library.reload()
    assert answer_status(library, EN).review_due == dt.date(2027, 11, 30)  # not governed yet
    path.write_text(LIBRARY_YAML, "utf-8")
    govern(library, "library.yaml", shorter)
    assert answer_status(library, EN).review_due == dt.date(2027, 2, 28)


def test_the_library_refuses_a_review_interval_over_three_years(library):
    path = library.path / "library.yaml"
    path.write_text(
        path.read_text("utf-8").replace("review_interval_months: 12", "review_interval_months: 48")
    )
    library.reload()
    assert any(
        p.path == "library.yaml" and p.field == "review_interval_months" for p in library.problems
    )


def test_add_months_keeps_to_the_end_of_short_months():
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 12, 15), 12) == dt.date(2028, 12, 15)


# -- published, translations, editors -------------------------------------------------------


def test_approved_answers_in_the_latest_release_are_published(signed):
    current = signed.answer(EN).content_hash()
    assert answer_status(signed, EN, published={EN: current}).status == Status.PUBLISHED
    assert answer_status(signed, EN, published={EN: "sha256:" + "1" * 64}).status == Status.APPROVED
    assert (
        answer_status(signed, RU, published={RU: signed.answer(RU).content_hash()}).status
        == Status.DRAFT
    )


def test_last_editor_comes_from_the_signed_record_of_the_last_edit(library, keys):
    assert answer_status(library, EN).last_editor == "alex"  # claimed when the library was founded
    save(library, library.answer(EN).edited(body="Reworded.\n"), "dr-two")
    review.submit(library, EN, "alex", KEYS["alex"])  # a review action is not an edit
    status = answer_status(library, EN)
    assert status.last_editor == "dr-two"
    assert status.last_edited == library.history(EN)[0].time.astimezone(dt.UTC)


def test_the_whole_library_takes_one_git_log(library, keys, monkeypatch):
    for number in range(25):
        answer = library.answer(EN).edited(id=f"extra-{number}")
        save(library, answer, "alex")
    calls = []
    real_execute = git.Git.execute

    def execute(self, command, *args, **kwargs):
        calls.append(command[1])
        return real_execute(self, command, *args, **kwargs)

    monkeypatch.setattr(git.Git, "execute", execute)

    statuses = library_status(library)
    assert len(statuses) == 27
    # One log for the record lines ever removed (brought forward from the last commit read),
    # plus git's own check that the files are as committed (which lets the statuses be
    # remembered): a handful of commands, none per answer. The last editor comes from the
    # signed records. (Which release counts as published is the caller's to say.)
    assert calls.count("log") == 1
    assert set(calls) <= {"--no-optional-locks", "log", "merge-base", "rev-list"}
    assert len(calls) <= 6
    assert statuses[AnswerKey("extra-3", "en")].last_editor == "alex"


# -- the sample library ----------------------------------------------------------------------


def test_the_sample_library_shows_every_status(sample_library):
    statuses = library_status(sample_library, now=dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    by_status = {}
    for key, status in statuses.items():
        by_status.setdefault(status.status, set()).add(str(key))
        assert status.problems == ()
    assert {
        "opioid-overdose-signs.ru",
        "opioid-overdose-signs.en",
        "alcohol-benzo-detox-risks.ru",
        "alcohol-benzo-detox-risks.en",
    } <= by_status[Status.APPROVED]
    assert by_status[Status.IN_REVIEW] == {"hiv-hcv-transmission.ru"}
    assert by_status[Status.CHANGES_REQUESTED] == {"wound-infection-prevention.ru"}
    assert len(by_status[Status.DRAFT]) >= 8
    overdose = statuses[AnswerKey("opioid-overdose-signs", "en")]
    assert overdose.required == 2 and len(overdose.sign_offs) == 2
    assert all("demonstration" in s.name for s in overdose.sign_offs)
    assert overdose.source_changed is False


def test_the_shipped_sample_validates_without_errors():
    problems = validate_path(paths.sample_library_dir())
    assert [p for p in problems if p.severity == "error"] == []


def test_editing_a_sample_answer_voids_its_demonstration_sign_offs(sample_library):
    key = AnswerKey("opioid-overdose-signs", "ru")
    author = sample_library.roster.get("demo-author")
    sample_library.save_answer(sample_library.answer(key).edited(title="Новый заголовок"), author)
    status = answer_status(sample_library, key)
    assert status.status == Status.DRAFT
    assert len(status.void_sign_offs) == 2
    assert answer_status(sample_library, AnswerKey("opioid-overdose-signs", "en")).source_changed


def test_a_signed_line_written_by_a_tool_counts_like_any_other(library, keys):
    line = review.signed_record_line(
        library.answer(EN), "dr-one", "Dr One", "Infectious diseases physician",
        dt.datetime(2026, 1, 5, tzinfo=dt.UTC), keys["dr-one"], directory=library.directory,
    )  # fmt: skip
    path = library.path / "reviews" / "abscess-signs.en.jsonl"
    path.write_text(path.read_text("utf-8") + line + "\n", "utf-8")
    status = answer_status(library, EN, now=dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    assert status.status == Status.APPROVED
    assert status.review_due == dt.date(2027, 1, 5)
