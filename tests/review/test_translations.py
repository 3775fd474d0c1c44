"""Translations that stay true to their source, and clinicians who sign off only in the
languages they review in."""

from __future__ import annotations

import datetime as dt

import pytest

from authoring_app.release import planning
from authoring_app.review import actions as review
from authoring_app.review.library_status import answer_status, library_status
from authoring_app.review.signing import ReviewError
from authoring_app.review.status import Status
from authoring_app.sync.opening import validate
from tests.people import KEYS
from tests.review.support import EN, RU, approve, give_keys, govern, save


@pytest.fixture
def keys(library):
    return give_keys(library, "dr-one", "dr-two")


@pytest.fixture
def translated(library, keys):
    """abscess-signs.en marked as the translation of abscess-signs.ru (a draft)."""
    save(library, library.answer(EN).edited(translation_of="ru"), "alex")
    return library


def sign_by_hand(library, key, person_id, private_key, *, source=None):
    """A validly signed sign-off line written by a tool, as an insider could, past every
    check the app makes before signing."""
    person = library.roster.get(person_id)
    line = review.signed_record_line(
        library.answer(key), person.id, person.name, person.credentials,
        dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1), private_key,
        directory=library.directory, source=source,
    )  # fmt: skip
    path = library.path / "reviews" / f"{key}.jsonl"
    before = path.read_text("utf-8") if path.exists() else ""
    path.write_text(before + line + "\n", "utf-8")
    library.commit(library.roster.get("alex"), "Add a record by hand", [f"reviews/{key}.jsonl"])


def test_a_translation_cannot_be_signed_off_before_its_source(translated, keys):
    with pytest.raises(ReviewError, match="a translation can be signed off only once"):
        review.sign_off(translated, EN, "dr-one", keys["dr-one"])
    approve(translated, RU, {"dr-one": keys["dr-one"]})
    review.sign_off(translated, EN, "dr-two", keys["dr-two"])
    assert answer_status(translated, EN).status == Status.APPROVED


def test_a_translation_signed_by_hand_while_its_source_is_a_draft_is_held_back(translated, keys):
    sign_by_hand(translated, EN, "dr-one", keys["dr-one"], source=translated.answer(RU))
    status = library_status(translated)[EN]
    assert status.status == Status.SOURCE_CHANGED and not status.publishable
    assert answer_status(translated, EN).status == Status.SOURCE_CHANGED
    plan = planning.plan_release(translated)
    assert EN in {item.key for item in plan.left_out}
    assert EN not in {entry.key for entry in plan.included}


def test_a_changed_source_holds_its_translation_back_until_signed_off_again(translated, keys):
    approve(translated, RU, {"dr-one": keys["dr-one"]})
    review.sign_off(translated, EN, "dr-two", keys["dr-two"])
    assert {e.key for e in planning.plan_release(translated).included} == {RU, EN}

    save(translated, translated.answer(RU).edited(body="Новый текст.\n"), "alex")
    status = answer_status(translated, EN)
    assert status.source_changed and status.status == Status.SOURCE_CHANGED
    assert library_status(translated)[EN].status == Status.SOURCE_CHANGED
    plan = planning.plan_release(translated)
    assert EN not in {e.key for e in plan.included}
    left_out = {item.key: item for item in plan.left_out}
    assert "sign off the source, then this translation again" in left_out[EN].reason

    # The new source signed off, then the translation against it: both go out again.
    review.sign_off(translated, RU, "dr-one", keys["dr-one"])
    assert answer_status(translated, EN).status == Status.SOURCE_CHANGED
    review.sign_off(translated, EN, "dr-one", keys["dr-one"])
    assert {e.key for e in planning.plan_release(translated).included} == {RU, EN}


def only_russian(text: str) -> str:
    return text.replace(
        "  - id: dr-one\n    name: Dr One\n    credentials: Infectious diseases physician\n"
        "    roles: [clinician]\n    languages: [ru, en]\n",
        "  - id: dr-one\n    name: Dr One\n    credentials: Infectious diseases physician\n"
        "    roles: [clinician]\n    languages: [ru]\n",
    )


def test_a_clinician_signs_off_only_in_the_languages_they_review_in(library, keys):
    govern(library, "people.yaml", only_russian)
    assert library.roster.get("dr-one").languages == ("ru",)
    review.submit(library, EN, "alex", KEYS["alex"])
    with pytest.raises(ReviewError, match="reviews in ru"):
        review.sign_off(library, EN, "dr-one", keys["dr-one"])
    # Signed by hand, past the app's check: it does not count, and validate says why.
    sign_by_hand(library, EN, "dr-one", keys["dr-one"])
    status = answer_status(library, EN)
    assert status.signers == () and status.status != Status.APPROVED
    assert [p.code for p in status.problems] == ["review-language"]
    assert any(p.code == "review-language" for p in validate(library))
    approve(library, RU, {"dr-one": keys["dr-one"]})
    assert answer_status(library, RU).status == Status.APPROVED


def test_a_roster_edited_by_hand_cannot_widen_a_clinicians_languages(library, keys):
    govern(library, "people.yaml", only_russian)
    path = library.path / "people.yaml"
    path.write_text(path.read_text("utf-8").replace("languages: [ru]\n", "languages: [ru, en]\n"))
    library.commit(library.roster.get("alex"), "Widen by hand", ["people.yaml"])
    review.submit(library, EN, "alex", KEYS["alex"])
    sign_by_hand(library, EN, "dr-one", keys["dr-one"])
    assert answer_status(library, EN).signers == ()


def test_a_clinician_whose_languages_are_not_said_is_named_in_validate(library):
    govern(library, "people.yaml", lambda text: text.replace("    languages: [ru, en]\n", "", 1))
    found = [p for p in validate(library) if p.code == "roster-no-languages"]
    assert len(found) == 1 and "Dr One" in found[0].message and found[0].severity == "warning"


def test_two_files_that_each_say_they_translate_the_other_are_held_not_a_crash(library, keys):
    save(library, library.answer(EN).edited(translation_of="ru"), "alex")
    save(library, library.answer(RU).edited(translation_of="en"), "alex")
    assert answer_status(library, EN).status != Status.APPROVED
    assert not any(s.publishable for s in library_status(library).values())
