"""Saving as yourself: the signing key unlocked once, made on first use, never left for the
next person; a save is kept even when nothing can sign it."""

from __future__ import annotations

import json

import pytest

from authoring_app.library.answer import AnswerKey
from authoring_app.review.keys import KeyStore, encode_public_key
from authoring_app.review.library_status import answer_status
from tests.gui.review_helpers import become, click, give_passphrase, in_next_dialog, settle
from tests.people import govern
from tests.release.helpers import PASSPHRASE, give_keys

pytestmark = pytest.mark.real_keys
EN = AnswerKey("abscess-signs", "en")


def edit_and_save(qtbot, window, words: str) -> None:
    window.open_answer(EN)
    qtbot.keyClicks(window.editor.title, words)
    window.actions["save"].trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: not window.editor.is_modified, timeout=10_000)


def last_record(library) -> dict:
    lines = (library.path / "reviews/abscess-signs.en.jsonl").read_text("utf-8").splitlines()
    return json.loads(lines[-1])


def test_the_key_is_unlocked_once_and_forgotten_when_the_person_changes(qtbot, window, library):
    give_keys(library, ["alex", "dr-two"])
    seen: list[str] = []
    give_passphrase(qtbot, "not it", PASSPHRASE, seen=seen)
    edit_and_save(qtbot, window, " one")
    assert "signed with your own key" in seen[0]
    assert "not right" in seen[1]  # a wrong passphrase is said, and asked again
    assert last_record(library)["kind"] == "edited"
    assert library.answer(EN).title.endswith(" one")
    status = answer_status(library, EN)
    assert status.last_editor == "alex" and not status.unsigned_change

    edit_and_save(qtbot, window, " two")  # no dialog this time: the key stays unlocked
    assert library.answer(EN).title.endswith(" two")
    assert answer_status(library, EN).last_editor == "alex"

    become(qtbot, window, "dr-two")
    assert window.session_keys.unlocked_for("alex") is None
    become(qtbot, window, "alex")
    give_passphrase(qtbot)  # asked again, and declined: the text is kept all the same
    edit_and_save(qtbot, window, " three")
    assert library.answer(EN).title.endswith(" three")
    status = answer_status(library, EN)
    assert status.unsigned_change and status.last_editor is None
    assert "not signed as yours" in window.statusBar().currentMessage()


def test_declining_to_unlock_keeps_the_text_and_says_what_it_means(
    qtbot, window, library, answers_to_questions
):
    give_keys(library, ["alex"])
    give_passphrase(qtbot)  # cancelled
    edit_and_save(qtbot, window, " kept")
    assert library.answer(EN).title.endswith(" kept")
    assert not library.repo.is_dirty()
    told = [args for name, args in answers_to_questions if name == "inform"]
    assert len(told) == 1 and "doctor cannot sign it off" in told[0][2]
    assert "not unlocked" in told[0][2]


def test_a_first_key_is_made_and_proposed_and_counts_once_the_governors_approve(
    qtbot, window, library, answers_to_questions
):
    assert not KeyStore().has("alex")

    def make(dialog):
        qtbot.keyClicks(dialog.first, "short")
        qtbot.keyClicks(dialog.second, "short")
        click(qtbot, dialog.ok)
        assert dialog.isVisible() and "too short" in dialog.error.text()
        dialog.first.clear()
        qtbot.keyClicks(dialog.first, "a long passphrase")
        qtbot.keyClicks(dialog.second, "a long passphrase")
        click(qtbot, dialog.ok)

    in_next_dialog(make)
    edit_and_save(qtbot, window, " mine")
    public = encode_public_key(KeyStore().public_key("alex"))
    assert public in (library.path / "people.yaml").read_text("utf-8")
    messages = library.repo.git.log("--format=%s", "-3").splitlines()
    assert "Propose a signing key for Alex Author" in messages
    told = [args for name, args in answers_to_questions if name == "inform"]
    assert "sent to the library's governors" in told[0][2]

    # Signed with a key still waiting: kept, and not yet counted.
    assert last_record(library)["kind"] == "edited"
    library.reload()
    assert answer_status(library, EN).unsigned_change
    govern(library, "people.yaml", lambda text: text)
    status = answer_status(library, EN)
    assert status.last_editor == "alex" and not status.unsigned_change
