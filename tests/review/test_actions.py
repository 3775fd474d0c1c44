"""Review operations on real repositories: submit, comment, request changes, sign off, retire."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import git
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from authoring_app.library.library import Library
from authoring_app.review import actions as review
from authoring_app.review.actions import ReviewError
from authoring_app.review.keys import KeyStore, encode_public_key
from authoring_app.review.library_status import answer_status
from authoring_app.review.status import Status
from tests.people import KEYS, PUBLIC
from tests.review.support import (
    EN,
    RU,
    add_overdose_answer,
    approve,
    give_keys,
    govern,
    review_lines,
    save,
)


@pytest.fixture
def keys(library):
    return give_keys(library, "dr-one", "dr-two")


def head(library):
    return library.repo.head.commit


def test_the_whole_review_of_an_answer_that_needs_two_clinicians(library, keys):
    key = add_overdose_answer(library)
    assert answer_status(library, key).status == Status.DRAFT

    review.submit(library, key, "alex", KEYS["alex"], message="first draft ready")
    assert answer_status(library, key).status == Status.IN_REVIEW

    review.comment(library, key, "dr-two", KEYS["dr-two"], "Mention the recovery position.")
    review.request_changes(
        library, key, "dr-one", KEYS["dr-one"], "Say to call an ambulance first."
    )
    assert answer_status(library, key).status == Status.CHANGES_REQUESTED

    # Editing alone does not clear the request; submitting the edited text does.
    save(library, library.answer(key).edited(body="Call an ambulance first.\n"), "alex")
    assert answer_status(library, key).status == Status.CHANGES_REQUESTED
    review.submit(library, key, "alex", KEYS["alex"])
    assert answer_status(library, key).status == Status.IN_REVIEW

    review.sign_off(library, key, "dr-one", keys["dr-one"])
    one = answer_status(library, key)
    assert one.status == Status.IN_REVIEW  # overdose needs two clinicians
    assert (one.required, one.signers) == (2, ("dr-one",))

    review.sign_off(library, key, "dr-two", keys["dr-two"])
    done = answer_status(library, key)
    assert done.status == Status.APPROVED and done.publishable
    assert {s.name for s in done.sign_offs} == {"Dr One", "Dr Two"}
    assert all(s.meaning == "clinical approval for publication" for s in done.sign_offs)
    assert [r.kind for r in done.records] == [
        "edited",  # Alex wrote it
        "submitted",
        "comment",
        "changes-requested",
        "edited",
        "submitted",
        "signed-off",
        "signed-off",
    ]
    assert done.last_editor == "alex"
    assert done.problems == ()


def test_every_review_action_is_one_commit_by_the_person_acting(library, keys):
    before = int(library.repo.git.rev_list("--count", "HEAD"))
    review.submit(library, EN, "alex", KEYS["alex"])
    review.sign_off(library, EN, "dr-one", keys["dr-one"])

    commit = head(library)
    assert commit.author.name == "Dr One"
    assert commit.summary == "Sign off answer abscess-signs.en (clinical approval for publication)"
    assert "Answer: abscess-signs.en" in commit.message
    assert "Action: signed-off" in commit.message
    assert "Person: dr-one" in commit.message
    assert int(library.repo.git.rev_list("--count", "HEAD")) == before + 2
    assert not library.repo.is_dirty(untracked_files=True)


def test_records_are_appended_never_rewritten(library, keys):
    review.submit(library, EN, "alex", KEYS["alex"])
    first = (library.path / "reviews/abscess-signs.en.jsonl").read_text("utf-8")
    review.comment(library, EN, "dr-two", KEYS["dr-two"], "Looks right.")
    second = (library.path / "reviews/abscess-signs.en.jsonl").read_text("utf-8")
    assert second.startswith(first)
    lines = review_lines(library, EN)
    assert [r["kind"] for r in lines] == ["edited", "submitted", "comment"]
    assert lines[1]["revision"] == head(library).parents[0].parents[0].hexsha
    assert lines[2]["time"].endswith("Z")
    assert all(len(r["signature"]) == 88 for r in lines)  # every record is someone's


def test_a_sign_off_records_who_what_when_and_is_signed(library, keys):
    when = dt.datetime(2026, 3, 1, 12, 30, tzinfo=dt.UTC)
    review.sign_off(library, EN, "dr-one", keys["dr-one"], now=when)
    record = review_lines(library, EN)[-1]
    assert record["kind"] == "signed-off"
    assert record["name"] == "Dr One"
    assert record["credentials"] == "Infectious diseases physician"
    assert record["meaning"] == "clinical approval for publication"
    assert record["time"] == "2026-03-01T12:30:00Z"
    assert record["content_hash"] == library.answer(EN).content_hash()
    assert len(record["signature"]) == 88


def test_an_edit_voids_the_sign_off(library, keys):
    review.submit(library, EN, "alex", KEYS["alex"])
    review.sign_off(library, EN, "dr-one", keys["dr-one"])
    assert answer_status(library, EN).status == Status.APPROVED

    save(library, library.answer(EN).edited(summary="A changed summary."), "alex")

    status = answer_status(library, EN)
    assert status.status == Status.DRAFT
    assert status.sign_offs == ()
    assert [s.person for s in status.void_sign_offs] == ["dr-one"]
    assert status.last_editor == "alex"


def test_the_last_editor_may_not_sign_off_their_own_change(library, keys):
    save(library, library.answer(EN).edited(body="Dr Two's wording.\n"), "dr-two")

    with pytest.raises(ReviewError, match="made the last change.*another clinician"):
        review.sign_off(library, EN, "dr-two", keys["dr-two"])
    review.sign_off(library, EN, "dr-one", keys["dr-one"])
    assert answer_status(library, EN).status == Status.APPROVED


def test_self_sign_off_is_allowed_where_the_governors_say_so(library, keys):
    allow = lambda text: text.replace("allow_self_sign_off: false", "allow_self_sign_off: true")  # noqa: E731
    path = library.path / "library.yaml"
    path.write_text(allow(path.read_text("utf-8")), "utf-8")
    library.commit(library.roster.get("dr-two"), "Allow self sign-off", ["library.yaml"])
    library.reload()
    save(library, library.answer(EN).edited(body="Dr Two's wording.\n"), "dr-two")
    with pytest.raises(ReviewError, match="made the last change"):  # not signed yet: no
        review.sign_off(library, EN, "dr-two", keys["dr-two"])
    path.write_text(
        path.read_text("utf-8").replace("allow_self_sign_off: true", "allow_self_sign_off: false")
    )
    govern(library, "library.yaml", allow)  # both governors sign it
    save(library, library.answer(EN).edited(body="Dr Two's wording.\n"), "dr-two")

    review.sign_off(library, EN, "dr-two", keys["dr-two"])
    assert answer_status(library, EN).status == Status.APPROVED


def test_people_can_only_do_what_their_role_allows(library, keys):
    with pytest.raises(ReviewError, match="Alex Author cannot sign off"):
        review.sign_off(library, EN, "alex", Ed25519PrivateKey.generate())
    with pytest.raises(ReviewError, match="Pat Publisher cannot request changes"):
        review.request_changes(library, EN, "pat", KEYS["pat"], "no")
    with pytest.raises(ReviewError, match="not in this library's governed roster"):
        review.comment(library, EN, "stranger", Ed25519PrivateKey.generate(), "hello")
    with pytest.raises(ReviewError, match="needs a reason"):
        review.request_changes(library, EN, "dr-one", KEYS["dr-one"], "  ")
    with pytest.raises(ReviewError, match="needs some text"):
        review.comment(library, EN, "dr-one", KEYS["dr-one"], "")
    assert [r["kind"] for r in review_lines(library, EN)] == ["edited"]  # nothing written


def test_a_key_that_is_not_in_the_roster_cannot_sign(library, keys):
    with pytest.raises(ReviewError, match="not Dr One's key in the governed people.yaml"):
        review.sign_off(library, EN, "dr-one", keys["dr-two"])
    assert answer_status(library, EN).sign_offs == ()


def test_a_clinician_without_a_public_key_is_told_how_to_make_one(library):
    key_line = f"    public_key: {PUBLIC['dr-one']}\n"
    govern(library, "people.yaml", lambda text: text.replace(key_line, ""))
    with pytest.raises(ReviewError, match="keys new --person dr-one --add-to-roster"):
        review.check_sign_off(library, EN, "dr-one")


def test_signing_the_same_text_twice_is_refused(library, keys):
    review.sign_off(library, EN, "dr-one", keys["dr-one"])
    with pytest.raises(ReviewError, match="already signed off"):
        review.sign_off(library, EN, "dr-one", keys["dr-one"])


def test_resubmitting_unchanged_text_after_a_request_for_changes_is_refused(library, keys):
    review.submit(library, EN, "alex", KEYS["alex"])
    review.request_changes(library, EN, "dr-one", KEYS["dr-one"], "Add the pen-line advice.")
    with pytest.raises(ReviewError, match="edit and save the answer"):
        review.submit(library, EN, "alex", KEYS["alex"])


def test_unsaved_text_cannot_be_reviewed(library, keys):
    path = library.path / library.answer(EN).path
    path.write_text(path.read_text("utf-8") + "An unsaved line.\n", "utf-8")
    with pytest.raises(ReviewError, match="not saved yet"):
        review.submit(library, EN, "alex", KEYS["alex"])


def test_a_conflicted_answer_cannot_be_signed_off(library, keys):
    conflict = library.path / "conflicts" / "abscess-signs.en.md"
    conflict.parent.mkdir()
    conflict.write_text(library.answer(EN).to_text(), "utf-8")
    assert answer_status(library, EN).status == Status.CONFLICT
    with pytest.raises(ReviewError, match="conflict"):
        review.sign_off(library, EN, "dr-one", keys["dr-one"])


def test_retire_and_bring_back(library, keys):
    approve(library, EN, {"dr-one": keys["dr-one"]})
    with pytest.raises(ReviewError, match="needs the clinician role"):  # a doctor's decision
        review.retire(library, EN, "pat", KEYS["pat"], reason="Replaced by a newer answer")
    review.retire(library, EN, "dr-one", keys["dr-one"], reason="Replaced by a newer answer")
    status = answer_status(library, EN)
    assert status.status == Status.RETIRED and not status.publishable
    assert head(library).summary == "Retire answer abscess-signs.en: Replaced by a newer answer"
    with pytest.raises(ReviewError, match="needs a reason"):
        review.retire(library, RU, "dr-one", keys["dr-one"], reason=" ")

    # Submitting again does not bring it back: only a clinician signing it off again does.
    review.submit(library, EN, "alex", KEYS["alex"], message="Needed again")
    assert answer_status(library, EN).status == Status.RETIRED
    review.sign_off(library, EN, "dr-two", keys["dr-two"])
    assert answer_status(library, EN).status == Status.APPROVED


def test_each_language_is_signed_off_on_its_own(library, keys):
    approve(library, EN, {"dr-one": keys["dr-one"]})
    assert answer_status(library, EN).status == Status.APPROVED
    assert answer_status(library, RU).status == Status.DRAFT


def test_the_first_review_adds_union_merge_for_review_files(library, keys):
    attributes_file = library.path / ".gitattributes"
    if attributes_file.exists():  # a library made before review records merged line by line
        attributes_file.unlink()
        library.commit(library.roster.get("alex"), "Remove .gitattributes", [".gitattributes"])
    review.submit(library, EN, "alex", KEYS["alex"])
    attributes = (library.path / ".gitattributes").read_text("utf-8")
    assert attributes.splitlines() == [
        "reviews/*.jsonl merge=union",
        "governance/records.jsonl merge=union",
    ]
    assert ".gitattributes" in head(library).stats.files
    review.submit(library, RU, "alex", KEYS["alex"])
    assert (library.path / ".gitattributes").read_text("utf-8") == attributes


def test_records_added_on_two_machines_merge(library, keys, tmp_path):
    review.submit(library, EN, "alex", KEYS["alex"])  # writes .gitattributes before the clones
    remote = tmp_path / "remote.git"
    git.Repo.init(remote, bare=True).close()
    library.repo.git.push(str(remote), "main")
    other_path = tmp_path / "other"
    git.Repo.clone_from(str(remote), other_path, branch="main").close()

    with Library.open(other_path) as other:
        review.sign_off(other, EN, "dr-one", keys["dr-one"])
        other.repo.git.push("origin", "main")
    review.comment(library, EN, "dr-two", KEYS["dr-two"], "Fine by me.")
    identity = {"GIT_AUTHOR_NAME": "Sync", "GIT_AUTHOR_EMAIL": "sync@people.invalid"}
    identity |= {"GIT_COMMITTER_NAME": "Sync", "GIT_COMMITTER_EMAIL": "sync@people.invalid"}
    library.repo.git.pull("--no-rebase", "--no-edit", str(remote), "main", env=identity)

    kinds = sorted(r["kind"] for r in review_lines(library, EN))
    assert kinds == ["comment", "edited", "signed-off", "submitted"]
    assert answer_status(library, EN).status == Status.APPROVED


def test_first_run_installs_demonstration_keys_without_replacing_a_key(monkeypatch):
    from authoring_app.sync.opening import own_library

    store = KeyStore()
    store.create("demo-clinician-2", "my own passphrase")
    target = own_library()

    assert set(store.people()) == {
        "demo-author",
        "demo-clinician-1",
        "demo-clinician-2",
        "demo-governor-1",
        "demo-governor-2",
        "demo-publisher",
    }
    store.load("demo-clinician-1", "demo")  # the documented demonstration passphrase
    store.load("demo-clinician-2", "my own passphrase")  # untouched
    with Library.open(target) as sample:
        person = sample.roster.get("demo-clinician-1")
        assert person.public_key == encode_public_key(
            store.load("demo-clinician-1", "demo").public_key()
        )


def test_demonstration_people_cannot_sign_in_a_real_library(library, keys):
    demo = Ed25519PrivateKey.generate()
    entry = (
        "  - id: demo-clinician-1\n    name: Dr Demo\n    roles: [clinician]\n"
        + f"    public_key: {encode_public_key(demo.public_key())}\n    demo: true\n"
    )
    path = library.path / "people.yaml"  # written by hand: not in the governed roster at all
    path.write_text(path.read_text("utf-8") + entry, "utf-8")
    library.reload()
    with pytest.raises(ReviewError, match="not in this library's governed roster"):
        review.sign_off(library, EN, "demo-clinician-1", demo)
    path.write_text(path.read_text("utf-8").replace(entry, ""), "utf-8")
    # Even with the real governors' signatures, a demonstration person never counts here.
    govern(library, "people.yaml", lambda text: text + entry)
    with pytest.raises(ReviewError, match="demonstration account"):
        review.sign_off(library, EN, "demo-clinician-1", demo)


def test_review_records_match_their_schema(library, keys):
    from authoring_app.library.documents import validator_for

    approve(library, EN, {"dr-one": keys["dr-one"]})
    review.request_changes(library, RU, "dr-two", KEYS["dr-two"], "Shorter, please.")
    for key in (EN, RU):
        for record in review_lines(library, key):
            assert list(validator_for("review").iter_errors(record)) == []
    assert json.loads(json.dumps(review_lines(library, EN)))  # plain JSON, one object a line


def test_a_signed_save_leaves_nothing_uncommitted_in_an_older_library(library):
    """A library made before governance has no union-merge line for governance records; the
    first signed save adds it and commits it with the text, so the folder stays clean (a
    dirty folder made every open work out all statuses again)."""
    attributes = Path(library.path) / ".gitattributes"
    attributes.write_text("reviews/*.jsonl merge=union\n", "utf-8")
    library.commit(library.roster.get("alex"), "Older attributes", [".gitattributes"])
    save(library, library.answer(EN).edited(body="See a nurse if it grows or hurts.\n"))
    assert library.repo.git.status("--porcelain") == ""
    assert "governance/records.jsonl merge=union" in attributes.read_text("utf-8")
