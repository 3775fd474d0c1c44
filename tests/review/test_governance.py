"""Who counts is decided by the governors, k of n, never by whoever can push: each attack an
insider could make on the roster, the keys, the rules, the directory or the records, on a real
repository. The forged change never counts, the last governed state keeps working, and
validate and status name what was tried."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from authoring_app.release import planning, publishing
from authoring_app.review import actions as review
from authoring_app.review import governing
from authoring_app.review.governance import GovernanceRecord
from authoring_app.review.governed import governed
from authoring_app.review.library_status import answer_status
from authoring_app.review.signing import ReviewError
from authoring_app.review.status import Status
from authoring_app.sync.opening import validate
from tests.people import KEYS, PUBLIC
from tests.review.support import EN, OVERDOSE, add_overdose_answer, approve, govern, save

RECORDS = "governance/records.jsonl"


def insider_edit(library, name: str, change, person: str = "alex") -> None:
    """What anyone who can push may do: change a governed file and commit it."""
    path = Path(library.path) / name
    path.write_text(change(path.read_text("utf-8")), "utf-8")
    library.commit(library.roster.get(person), f"Change {name}", [name])
    library.reload()


def codes(library) -> set[str]:
    return {p.code for p in validate(library)}


def pending_texts(library) -> list[str]:
    return [texts[1] for change in governed(library).pending for texts in change.texts.values()]


def test_a_made_up_doctor_with_the_authors_key_counts_for_nothing(library):
    olga = (
        "  - id: dr-olga\n    name: Dr Olga Trusted\n    roles: [clinician]\n"
        f"    public_key: {PUBLIC['alex']}\n"
    )
    insider_edit(library, "people.yaml", lambda text: text + olga)
    assert governed(library).roster.get("dr-olga") is None  # the app uses the governed roster
    with pytest.raises(ReviewError):
        review.sign_off(library, EN, "dr-olga", KEYS["alex"])
    assert answer_status(library, EN).status != Status.APPROVED
    assert any("Dr Olga Trusted" in text for text in pending_texts(library))
    assert "governance-pending" in codes(library)
    assert EN not in {entry.key for entry in planning.plan_release(library).included}


def test_replacing_a_doctors_key_in_the_roster_does_not_let_anyone_sign_as_her(library):
    insider_edit(
        library, "people.yaml", lambda text: text.replace(PUBLIC["dr-one"], PUBLIC["alex"])
    )
    with pytest.raises(ReviewError):
        review.sign_off(library, EN, "dr-one", KEYS["alex"])
    assert governed(library).roster.get("dr-one").public_key == PUBLIC["dr-one"]
    # Her own key still works: the governed roster is untouched.
    review.submit(library, EN, "alex", KEYS["alex"])
    review.sign_off(library, EN, "dr-one", KEYS["dr-one"])
    assert answer_status(library, EN).status == Status.APPROVED


def test_weakened_rules_do_not_count_until_the_governors_sign_them(library):
    add_overdose_answer(library)
    insider_edit(
        library,
        "library.yaml",
        lambda text: text.replace("    clinicians_required: 2\n", "    clinicians_required: 1\n"),
    )
    review.submit(library, OVERDOSE, "alex", KEYS["alex"])
    review.sign_off(library, OVERDOSE, "dr-one", KEYS["dr-one"])
    status = answer_status(library, OVERDOSE)
    assert status.status == Status.IN_REVIEW and status.required == 2


def test_an_invalid_rule_signed_by_the_governors_stops_every_release(library):
    approve(library, EN, {p: KEYS[p] for p in ("dr-one", "dr-two")})
    govern(
        library,
        "library.yaml",
        lambda text: text.replace("  clinicians_required: 1\n", '  clinicians_required: "2"\n'),
    )
    assert "governance-rules-invalid" in codes(library)
    plan = planning.plan_release(library)
    assert not plan.can_publish
    assert any("rules are not valid" in problem for problem in plan.problems)


def test_sample_true_written_into_a_real_library_is_only_a_pending_change(library):
    insider_edit(library, "library.yaml", lambda text: "sample: true\n" + text)
    assert governed(library).info.sample is False
    assert "governance-pending" in codes(library)


def test_a_commit_in_a_colleagues_name_is_not_an_edit_by_them(library):
    """dr-two changes the text by hand and commits it as Alex: no signed edit says whose it
    is, so nobody may sign it off, dr-two least of all."""
    path = Path(library.path) / library.answer(EN).path
    path.write_text(path.read_text("utf-8").replace("grows", "grows or hurts"), "utf-8")
    library.commit(library.roster.get("alex"), "Edit", [library.answer(EN).path])
    library.reload()
    with pytest.raises(ReviewError, match="saved the current text"):
        review.sign_off(library, EN, "dr-two", KEYS["dr-two"])
    assert "review-unsigned-text" in {p.code for p in answer_status(library, EN).problems}


@pytest.mark.parametrize("action", ["comment", "retire", "request_changes"])
def test_acting_in_a_doctors_name_needs_her_key(library, action):
    do = getattr(review, action)
    path = Path(library.path) / "reviews" / f"{EN}.jsonl"
    before = path.read_text("utf-8")
    with pytest.raises(ReviewError):
        if action == "comment":
            do(library, EN, "dr-one", KEYS["alex"], "Looks fine")
        elif action == "retire":
            do(library, EN, "dr-one", KEYS["alex"], reason="Outdated")
        else:
            do(library, EN, "dr-one", KEYS["alex"], "Fix it")
    assert path.read_text("utf-8") == before


def test_deleting_a_retired_line_does_not_bring_the_answer_back(library):
    clinicians = {p: KEYS[p] for p in ("dr-one", "dr-two")}
    approve(library, EN, clinicians)
    review.retire(library, EN, "dr-one", KEYS["dr-one"], reason="Outdated advice")
    assert answer_status(library, EN).status == Status.RETIRED
    path = Path(library.path) / "reviews" / f"{EN}.jsonl"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if '"retired"' not in line), "utf-8")
    library.commit(library.roster.get("alex"), "Tidy the review file", [f"reviews/{EN}.jsonl"])
    library.reload()
    status = answer_status(library, EN)
    assert status.status == Status.RETIRED
    assert any("removed" in p.message for p in status.problems)
    assert EN not in {entry.key for entry in planning.plan_release(library).included}


def test_a_new_emergency_number_voids_the_sign_offs_of_the_answers_that_show_it(library):
    save(library, library.answer(EN).edited(body="Call {{ref:ambulance-103}} now.\n"))
    approve(library, EN, {p: KEYS[p] for p in ("dr-one", "dr-two")})
    publishing.publish(library, planning.plan_release(library), "pat", KEYS["pat"])
    assert answer_status(library, EN).status == Status.APPROVED
    govern(library, "directory.yaml", lambda text: text.replace('"103"', '"104"'))
    assert answer_status(library, EN).status != Status.APPROVED
    plan = planning.plan_release(library)
    reasons = {item.key: item.reason for item in plan.left_out}
    assert "a service it shows changed in the directory" in reasons[EN]
    assert any("ambulance-103" in change for change in plan.trust_changes), plan.trust_changes


# -- the governors' own records ---------------------------------------------------------------


def people_change(library):
    insider_edit(library, "people.yaml", lambda text: text.replace("Dr One", "Dr One Smith"))
    return governing.pending_change(library, ["people.yaml"])


def test_one_governor_approving_twice_is_not_a_quorum(library):
    change = people_change(library)
    governing.approve(library, "gov-one", KEYS["gov-one"], change)
    governing.approve(library, "gov-one", KEYS["gov-one"], change)
    # Copied by hand, the same approval again still counts once.
    records = Path(library.path) / RECORDS
    last = records.read_text("utf-8").splitlines()[-1]
    records.write_text(records.read_text("utf-8") + last + "\n", "utf-8")
    library.reload()
    assert governed(library).roster.get("dr-one").name == "Dr One"
    pending = governed(library).pending
    assert [c.approved_by for c in pending] == [("gov-one",)]


def test_a_non_governor_cannot_approve_and_a_forged_approval_does_not_count(library):
    change = people_change(library)
    with pytest.raises(ReviewError):
        governing.approve(library, "dr-one", KEYS["dr-one"], change)
    governing.approve(library, "gov-one", KEYS["gov-one"], change)
    forged = GovernanceRecord(
        "approved", "gov-two", dt.datetime.now(dt.UTC).replace(microsecond=0),
        dict(change.files), dict(change.base), None,
    ).signed(KEYS["dr-one"])  # fmt: skip
    records = Path(library.path) / RECORDS
    records.write_text(records.read_text("utf-8") + forged.to_line(), "utf-8")
    library.reload()
    assert governed(library).roster.get("dr-one").name == "Dr One"
    assert any(p.path == RECORDS for p in validate(library) if p.severity == "error")


def test_approvals_of_two_different_contents_do_not_add_up(library):
    first = people_change(library)
    governing.approve(library, "gov-one", KEYS["gov-one"], first)
    insider_edit(library, "people.yaml", lambda text: text.replace("Dr Two", "Dr Two Jones"))
    second = governing.pending_change(library, ["people.yaml"])
    assert second.files != first.files
    governing.approve(library, "gov-two", KEYS["gov-two"], second)
    library.reload()
    assert governed(library).roster.get("dr-two").name == "Dr Two"
    assert len(governed(library).pending) >= 1


def test_two_proposals_for_the_same_file_are_both_shown(library):
    first = people_change(library)
    governing.propose(library, "alex", KEYS["alex"], ["people.yaml"], message="Dr One's name")
    insider_edit(library, "people.yaml", lambda text: text.replace("Dr Two", "Dr Two Jones"))
    governing.propose(library, "dr-two", KEYS["dr-two"], ["people.yaml"], message="my name")
    library.reload()
    pending = governed(library).pending
    proposers = {who for change in pending for who, _ in change.proposed_by}
    assert proposers == {"alex", "dr-two"}
    assert any(change.files == first.files for change in pending)


def test_a_governance_record_from_the_far_future_does_not_count(library):
    change = people_change(library)
    future = dt.datetime.now(dt.UTC) + dt.timedelta(days=400)
    governing.approve(library, "gov-one", KEYS["gov-one"], change, now=future)
    governing.approve(library, "gov-two", KEYS["gov-two"], change)
    library.reload()
    assert governed(library).roster.get("dr-one").name == "Dr One"


def test_a_change_the_governors_sign_counts_and_reaches_the_release_trust(library):
    change = people_change(library)
    for governor in ("gov-one", "gov-two"):
        governing.approve(library, governor, KEYS[governor], change)
    library.reload()
    assert governed(library).roster.get("dr-one").name == "Dr One Smith"
    assert not governed(library).pending
    lines = (Path(library.path) / RECORDS).read_text("utf-8").splitlines()
    assert [json.loads(line)["kind"] for line in lines[-2:]] == ["approved", "approved"]
