"""Checks with teeth, on real repositories: a must-fix check stops submitting, signing off and
publishing, and only a governor's signed exception for the exact text lets it pass."""

from __future__ import annotations

import json

import pytest

from authoring_app.release import planning, published, publishing
from authoring_app.review import actions as review
from authoring_app.review.exceptions import ChecksStand, record_exception
from authoring_app.review.library_status import answer_status
from authoring_app.review.signing import ReviewError
from authoring_app.review.status import Status
from tests.people import KEYS
from tests.review.support import EN, review_lines, save, write_lines

# Each must-fix case the clinical lead named, as an edit of the English abscess answer.
BAD_TEXTS = {
    "phone-in-text": lambda a: a.edited(summary=a.summary + " Or call +7 912 345-67-89."),
    "red-flags-missing": lambda a: a.edited(red_flags=()),
    "body-empty": lambda a: a.edited(body=""),
    "no-sources": lambda a: a.edited(sources=()),
}


def make_bad(library, code):
    save(library, BAD_TEXTS[code](library.answer(EN)))
    return library.answer(EN)


def old_sign_off(library, key):
    """A sign-off line made by the tool for imports, which checks no rule: as a sign-off
    made before the checks stopped anything would be."""
    answer = library.answer(key)
    line = review.signed_record_line(
        answer, "dr-one", "Dr One", "Infectious diseases physician",
        review.clock(None), KEYS["dr-one"], directory=library.directory,
    )  # fmt: skip
    path = library.path / "reviews" / f"{key}.jsonl"
    path.write_text(path.read_text("utf-8") + line + "\n", "utf-8")
    library.commit(library.roster.get("dr-one"), "Import a sign-off", [f"reviews/{key}.jsonl"])


@pytest.mark.parametrize("code", sorted(BAD_TEXTS))
def test_each_must_fix_check_stops_submit_and_sign_off_until_a_governor_excepts_it(library, code):
    make_bad(library, code)
    with pytest.raises(ChecksStand, match=f"cannot be submitted for review.*{code}"):
        review.submit(library, EN, "alex", KEYS["alex"])
    with pytest.raises(ChecksStand) as refused:
        review.sign_off(library, EN, "dr-one", KEYS["dr-one"])
    assert [p.code for p in refused.value.problems] == [code]
    assert f"review except {EN} --check CODE" in str(refused.value)
    assert answer_status(library, EN).status == Status.DRAFT
    assert not any(r["kind"] == "signed-off" for r in review_lines(library, EN))

    record = record_exception(
        library, EN, "gov-one", KEYS["gov-one"], code, "Checked by the clinical lead."
    )
    assert (record.kind, record.check, record.person) == ("excepted", code, "gov-one")
    commit = library.repo.head.commit
    assert commit.summary == f"Let answer {EN} pass check {code}: Checked by the clinical lead."
    assert "Action: excepted" in commit.message and commit.author.name == "Gov One"

    review.submit(library, EN, "alex", KEYS["alex"])
    review.sign_off(library, EN, "dr-one", KEYS["dr-one"])
    status = answer_status(library, EN)
    assert status.status == Status.APPROVED
    assert [(r.check, r.message) for r in status.exceptions] == [
        (code, "Checked by the clinical lead.")
    ]


def test_a_typed_number_signed_before_the_rule_stays_out_of_a_release_until_excepted(library):
    make_bad(library, "phone-in-text")
    old_sign_off(library, EN)
    assert answer_status(library, EN).status == Status.APPROVED  # the sign-off itself counts

    plan = planning.plan_release(library)
    left = {item.key: item for item in plan.left_out}
    assert left[EN].status == "checks stand"
    assert "phone-in-text" in left[EN].reason and "+7 912 345-67-89" in left[EN].reason
    assert EN not in {e.key for e in plan.included}
    forced = planning.plan_release(library, include=[EN])
    with pytest.raises(planning.ReleaseError, match=f"{EN} cannot be included"):
        publishing.publish(library, forced, "pat", KEYS["pat"])
    assert published.tip(library) is None

    record_exception(
        library, EN, "gov-two", KEYS["gov-two"], "phone-in-text", "A national helpline number."
    )
    plan = planning.plan_release(library)
    assert EN in {e.key for e in plan.included}
    result = publishing.publish(library, plan, "pat", KEYS["pat"])
    entry = next(a for a in result.release.bundle["answers"] if a["key"] == str(EN))
    [shown] = entry["governance"]["exceptions"]
    assert shown["check"] == "phone-in-text" and shown["governor"] == "Gov Two"
    assert shown["reason"] == "A national helpline number."
    assert shown["record"]["content_hash"] == entry["content_hash"]
    others = [a for a in result.release.bundle["answers"] if a["key"] != str(EN)]
    assert all("exceptions" not in a["governance"] for a in others)
    # The kit verifies the release, the governors' evidence included, and the exception in it
    # verifies with the governor's key.
    from answer_kit import Governors, minisign, verify_bundle
    from authoring_app.review.records import record_from_json
    from tests.people import PUBLIC

    verified = verify_bundle(
        published.read_file(library, "bundle.json"),
        published.read_file(library, "bundle.json.minisig"),
        minisign.PublicKey.from_ed25519(KEYS["pat"].public_key()),
        governors=Governors({g: PUBLIC[g] for g in ("gov-one", "gov-two")}, 2),
    )
    assert str(EN) in {a["key"] for a in verified.data["answers"]}
    assert record_from_json(shown["record"]).signature_problem(PUBLIC["gov-two"]) is None


def test_an_edit_voids_the_exception(library):
    make_bad(library, "no-sources")
    record_exception(library, EN, "gov-one", KEYS["gov-one"], "no-sources", "Peer experience.")
    save(library, library.answer(EN).edited(title="Lumps: when to see a doctor"))
    assert answer_status(library, EN).exceptions == ()
    with pytest.raises(ChecksStand, match="no-sources"):
        review.check_sign_off(library, EN, "dr-one")


def test_an_exception_replayed_onto_changed_text_does_not_count(library):
    make_bad(library, "no-sources")
    record_exception(library, EN, "gov-one", KEYS["gov-one"], "no-sources", "Peer experience.")
    excepted = review_lines(library, EN)[-1]
    save(library, library.answer(EN).edited(summary="Call +7 912 345-67-89 and sit tight."))
    # The attacker copies the exception onto the new text and names the new check.
    forged = dict(excepted, content_hash=library.answer(EN).content_hash())
    forged2 = dict(forged, check="phone-in-text")
    write_lines(library, EN, [*review_lines(library, EN), forged, forged2])
    library.commit(library.roster.get("alex"), "Copy an exception", [f"reviews/{EN}.jsonl"])
    status = answer_status(library, EN)
    assert status.exceptions == ()
    assert [p.code for p in status.problems][-2:] == ["review-bad-signature"] * 2
    with pytest.raises(ChecksStand, match="no-sources.*phone-in-text|phone-in-text.*no-sources"):
        review.check_sign_off(library, EN, "dr-one")


def test_an_exception_signed_by_someone_who_is_not_a_governor_does_not_count(library):
    make_bad(library, "red-flags-missing")
    with pytest.raises(ReviewError, match="'dr-one' is not one of this library's governors"):
        record_exception(library, EN, "dr-one", KEYS["dr-one"], "red-flags-missing", "Fine.")
    with pytest.raises(ReviewError, match="not Gov One's governor key"):
        record_exception(library, EN, "gov-one", KEYS["dr-one"], "red-flags-missing", "Fine.")
    # Written by hand: a clinician's own key, then a governor's name on a clinician's key.
    answer = library.answer(EN)
    base = {
        "kind": "excepted", "answer": EN.id, "locale": EN.locale, "time": "2026-06-01T10:00:00Z",
        "content_hash": answer.content_hash(), "revision": None, "message": "Fine.",
        "check": "red-flags-missing",
    }  # fmt: skip
    from authoring_app.review.records import record_from_json

    lines = []
    for person, key in (("dr-one", "dr-one"), ("gov-one", "dr-one")):
        record = record_from_json({**base, "person": person}).signed(KEYS[key])
        lines.append(record.to_json())
    write_lines(library, EN, [*review_lines(library, EN), *lines])
    library.commit(library.roster.get("dr-one"), "Except a check", [f"reviews/{EN}.jsonl"])
    status = answer_status(library, EN)
    assert status.exceptions == ()
    codes = [p.code for p in status.problems]
    assert "review-not-governor" in codes and "review-bad-signature" in codes
    with pytest.raises(ChecksStand, match="red-flags-missing"):
        review.check_sign_off(library, EN, "dr-one")


def test_exceptions_are_refused_for_checks_that_do_not_stand_or_without_a_reason(library):
    with pytest.raises(ReviewError, match="no-sources does not stand as an error"):
        record_exception(library, EN, "gov-one", KEYS["gov-one"], "no-sources", "Because.")
    with pytest.raises(ReviewError, match="there is no check called 'made-up'"):
        record_exception(library, EN, "gov-one", KEYS["gov-one"], "made-up", "Because.")
    make_bad(library, "no-sources")
    with pytest.raises(ReviewError, match="needs a reason"):
        record_exception(library, EN, "gov-one", KEYS["gov-one"], "no-sources", "  ")
    record_exception(library, EN, "gov-one", KEYS["gov-one"], "no-sources", "Because.")
    with pytest.raises(ReviewError, match="already recorded"):
        record_exception(library, EN, "gov-two", KEYS["gov-two"], "no-sources", "Again.")
    kinds = [json.loads(x)["kind"] for x in (library.path / "reviews" / f"{EN}.jsonl").open()]
    assert kinds.count("excepted") == 1


def test_an_exception_stops_counting_when_its_governor_is_removed_or_it_is_filed_elsewhere(
    library,
):
    from tests.review.support import RU, govern

    make_bad(library, "no-sources")
    record_exception(library, EN, "gov-one", KEYS["gov-one"], "no-sources", "Peer experience.")
    excepted = review_lines(library, EN)[-1]
    # Filed under the Russian answer (with its hash): the signature no longer covers it.
    save(library, library.answer(RU).edited(sources=()))
    moved = dict(excepted, locale="ru", content_hash=library.answer(RU).content_hash())
    write_lines(library, RU, [*review_lines(library, RU), moved])
    library.commit(library.roster.get("alex"), "Copy an exception", [f"reviews/{RU}.jsonl"])
    assert answer_status(library, RU).exceptions == ()
    with pytest.raises(ChecksStand, match="no-sources"):
        review.check_sign_off(library, RU, "dr-one")

    # The governors remove gov-one (and name a new one): gov-one's exception stops counting.
    new_key = "ed25519:" + "A" * 43 + "="
    govern(
        library,
        "library.yaml",
        lambda text: text.replace(
            "id: gov-one\n      name: Gov One", "id: gov-new\n      name: Gov New"
        ).replace("J92g/ghMRlrlWvk+F5p//5PDp879l6uNyW+346/njOE=", new_key[8:]),
    )
    assert answer_status(library, EN).exceptions == ()
    problems = [p.code for p in answer_status(library, EN).problems]
    assert "review-not-governor" in problems
    with pytest.raises(ChecksStand, match="no-sources"):
        review.check_sign_off(library, EN, "dr-one")
