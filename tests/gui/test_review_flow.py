"""The whole way of an answer through the app: written, reviewed, changed, signed, published."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from answer_kit import minisign, verify_bundle
from authoring_app.library.answer import AnswerKey
from authoring_app.release import published
from authoring_app.review.library_status import answer_status
from tests.gui.conftest import drain, make_window
from tests.gui.review_helpers import (
    become,
    click,
    in_next_dialog,
    open_review,
    plain,
    settle,
    sign_off,
    type_message,
)
from tests.gui.test_new_answer import add_entry, fill_new_answer_dialog, type_lines
from tests.release.helpers import PASSPHRASE, give_keys

NEW = AnswerKey("what-does-naloxone-do", "en")
EN = AnswerKey("abscess-signs", "en")


@pytest.fixture
def keys(library):
    return give_keys(library, ["dr-one", "dr-two", "pat"])


@pytest.fixture
def review_window(qtbot, library, settings, keys):
    window = make_window(qtbot, library, settings, person_id="alex")
    yield window
    drain(qtbot, window)


def write_new_answer(qtbot, window) -> None:
    fill = lambda: fill_new_answer_dialog(qtbot, "What does naloxone do?", "overdose", "en")  # noqa: E731
    in_next_dialog(lambda _dialog: fill())
    window.actions["new_answer"].trigger()
    editor = window.editor
    qtbot.waitUntil(lambda: editor.has_answer and editor.is_new)
    add_entry(qtbot, editor.questions.entry, "what is naloxone")
    qtbot.keyClicks(editor.summary, "Naloxone reverses an opioid overdose for a while.")
    add_entry(qtbot, editor.red_flags.entry, "Not breathing")
    qtbot.keyClicks(editor.sources.title_entry, "WHO: Naloxone")
    qtbot.keyClicks(editor.sources.url_entry, "https://www.who.int/naloxone")
    qtbot.keyClick(editor.sources.url_entry, Qt.Key.Key_Return)
    type_lines(qtbot, editor.body, ["## Naloxone", "", "Call {{ref:ambulance-103}} first."])
    save(qtbot, window)


def save(qtbot, window) -> None:
    window.actions["save"].trigger()
    qtbot.waitUntil(lambda: not window.editor.is_modified, timeout=10_000)
    settle(qtbot, window)


def test_an_answer_goes_from_draft_to_a_verified_release(qtbot, review_window, library, keys):
    window = review_window
    write_new_answer(qtbot, window)
    panel = open_review(qtbot, window, NEW)
    assert "Draft" in plain(panel.heading)
    assert not panel.buttons["sign_off"].isEnabled()  # an author is not a doctor
    assert "doctor" in panel.buttons["sign_off"].toolTip()
    type_message(qtbot, "New answer: please check the timing.")  # a note to the doctor
    click(qtbot, panel.buttons["submit"])
    settle(qtbot, window)
    assert window.statuses[NEW].status == "in review"
    assert "0 of 2" in plain(panel.heading)

    # A doctor reads the note, asks for changes; the list filter "Needs my review" follows.
    become(qtbot, window, "dr-one")
    panel = open_review(qtbot, window, NEW)
    assert "New answer: please check the timing." in panel.thread.toPlainText()
    assert NEW in window.library_panel.visible_keys()
    window.library_panel.my_review.setChecked(True)
    assert NEW in window.library_panel.visible_keys()
    type_message(qtbot, "Say how long naloxone lasts.")
    click(qtbot, panel.buttons["request_changes"])
    settle(qtbot, window)
    assert window.statuses[NEW].status == "changes requested"
    assert NEW not in window.library_panel.visible_keys()
    window.library_panel.my_review.setChecked(False)

    # The author sees the request in the thread, edits and sends it again.
    become(qtbot, window, "alex")
    panel = open_review(qtbot, window, NEW)
    assert "Say how long naloxone lasts." in panel.thread.toPlainText()
    assert not panel.buttons["submit"].isEnabled()
    assert "asked for changes" in panel.why_not.text()
    window.editor.body.moveCursor(window.editor.body.textCursor().MoveOperation.End)
    type_lines(qtbot, window.editor.body, ["", "It works for 30 to 90 minutes."])
    assert not panel.buttons["submit"].isEnabled()  # unsaved: save first
    assert panel.buttons["submit"].toolTip() == "Save your changes first."
    save(qtbot, window)
    assert panel.buttons["submit"].isEnabled()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    type_message(qtbot, "")  # the note is optional
    qtbot.keyClick(window.editor.body, Qt.Key.Key_U, shift_ctrl)  # Submit for review
    settle(qtbot, window)
    assert window.statuses[NEW].status == "in review"
    assert "on an earlier version" in panel.thread.toPlainText()

    # Two doctors sign off: the first sees what changed since they asked for changes.
    become(qtbot, window, "dr-one")
    panel = open_review(qtbot, window, NEW)
    changes = panel.diff.toPlainText()
    assert "since you last reviewed it" in changes
    assert "It works for 30 to 90 minutes." in changes
    seen: list[str] = []
    sign_off(qtbot, window, panel, seen=seen)
    assert "clinical approval for publication" in seen[0]
    assert library.answer(NEW).content_hash() in seen[0]
    assert "1 of 2" in plain(panel.heading)
    assert window.statusBar().currentMessage() == (
        "Signed off: 1 of 2 sign-offs; another doctor must sign too"
    )
    assert not panel.buttons["sign_off"].isEnabled()
    assert "already signed" in panel.buttons["sign_off"].toolTip()
    become(qtbot, window, "dr-two")
    panel = open_review(qtbot, window, NEW)
    sign_off(qtbot, window, panel)
    assert window.statuses[NEW].status == "approved"
    assert window.statusBar().currentMessage() == "Signed off: the answer is approved"

    # The publisher publishes from the dialog.
    become(qtbot, window, "pat")
    assert window.actions["publish"].isEnabled()
    window.actions["publish"].trigger()
    dialog = window.publish_dialog
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=15_000)
    assert dialog.version.text() == "1.0.0"
    left_out = dialog.contents.findItems("Left out", Qt.MatchFlag.MatchStartsWith)[0]
    reasons = [left_out.child(i).text(2) for i in range(left_out.childCount())]
    assert any("not signed off" in r for r in reasons), reasons
    dialog.version.clear()  # a blank version is the proposed one, as the note says
    assert dialog.publish_button.isEnabled() and "1.0.0" in dialog.version_note.text()
    in_next_dialog(lambda unlock: (qtbot.keyClicks(unlock.passphrase, PASSPHRASE), unlock.accept()))
    click(qtbot, dialog.publish_button)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=15_000)
    # In plain words first: what happened and what bots do; no tags, branches or commands.
    outcome = plain(dialog.outcome) + plain(dialog.report.sent)
    assert "Release 1.0.0 is published." in outcome
    assert "Chat bots and web sites take it from where it was sent" in outcome
    assert "no place where bots read releases is set up yet" in outcome
    for word in ("v1.0.0", "branch", "tag", "commit"):
        assert word not in outcome, word
    assert not dialog.commands.isVisible() and not dialog.copy.isVisible()
    click(qtbot, dialog.report.details)
    assert "tagged v1.0.0 on the “published” branch" in plain(dialog.report.technical)
    assert dialog.commands.isVisible()
    commands = dialog.commands.toPlainText()
    assert "authoring-app keys export --person pat" in commands
    assert "minisign -Vm answers/current/bundle.json -p publisher.pub" in commands
    click(qtbot, dialog.copy)
    assert "answer-kit verify" in QApplication.clipboard().text()
    dialog.accept()
    settle(qtbot, window)
    assert window.statuses[NEW].status == "published"

    # The bundle on the published branch verifies with the publisher's key and holds the answer.
    bundle = published.read_file(library, "bundle.json")
    signature = published.read_file(library, "bundle.json.minisig")
    manifest = published.read_file(library, "manifest.json")
    key = minisign.PublicKey.from_ed25519(keys["pat"].public_key())
    verified = verify_bundle(bundle, signature, key, manifest_bytes=manifest)
    answer = next(a for a in verified.data["answers"] if a["id"] == NEW.id)
    assert {s["name"] for s in answer["governance"]["signed_off_by"]} == {"Dr One", "Dr Two"}
    assert library.repo.git.tag("--list") == "v1.0.0"

    # Every step is in the review records and in git, by the right person.
    lines = (
        (library.path / "reviews/what-does-naloxone-do.en.jsonl").read_text("utf-8").splitlines()
    )
    steps = [(r["kind"], r["person"]) for r in map(json.loads, lines)]
    assert steps == [
        ("edited", "alex"),  # each save is signed as Alex's text
        ("submitted", "alex"),
        ("changes-requested", "dr-one"),
        ("edited", "alex"),
        ("submitted", "alex"),
        ("signed-off", "dr-one"),
        ("signed-off", "dr-two"),
    ]
    log = library.repo.git.log("--reverse", "--format=%an|%s", "-7", "main").splitlines()
    assert [line.split("|")[0] for line in log] == [
        "Alex Author",
        "Alex Author",
        "Dr One",
        "Alex Author",
        "Alex Author",
        "Dr One",
        "Dr Two",
    ]
    assert "Request changes" in log[2] and "Say how long naloxone lasts." in log[2]
    assert library.repo.git.log("-1", "--format=%an", "published") == "Pat Publisher"


def test_the_last_editor_cannot_sign_off_and_is_told_why(qtbot, review_window, library):
    window = review_window
    become(qtbot, window, "dr-two")  # a doctor who also writes
    window.open_answer(EN)
    qtbot.keyClicks(window.editor.summary, " Soon.")
    save(qtbot, window)
    panel = open_review(qtbot, window, EN)
    type_message(qtbot, "")
    click(qtbot, panel.buttons["submit"])
    settle(qtbot, window)
    button = panel.buttons["sign_off"]
    assert not button.isEnabled()
    assert "You made the last change" in button.toolTip()
    assert "You made the last change" in panel.why_not.text()
    assert panel.why_not.isVisible()


def test_a_wrong_passphrase_signs_nothing_and_can_be_tried_again(qtbot, review_window, library):
    window = review_window
    panel = open_review(qtbot, window, EN)
    type_message(qtbot, "")
    click(qtbot, panel.buttons["submit"])
    settle(qtbot, window)
    become(qtbot, window, "dr-one")
    panel = open_review(qtbot, window, EN)
    before = library.repo.git.log("--format=%H").split()
    seen: list[str] = []

    def wrong_then_cancel(dialog):
        seen.append(dialog.statement.text())
        qtbot.keyClicks(dialog.passphrase, "not my passphrase")
        click(qtbot, dialog.ok)
        assert dialog.isVisible()
        seen.append(dialog.error.text())
        assert dialog.passphrase.text() == ""
        dialog.reject()

    in_next_dialog(wrong_then_cancel)
    click(qtbot, panel.buttons["sign_off"])
    settle(qtbot, window)
    assert "Nothing was signed" in seen[1]
    assert library.repo.git.log("--format=%H").split() == before
    assert answer_status(library, EN).sign_offs == ()

    sign_off(qtbot, window, panel, seen=seen)  # the right one now
    assert [s.person for s in answer_status(library, EN).sign_offs] == ["dr-one"]


def test_a_request_for_changes_needs_a_reason(qtbot, review_window, library):
    window = review_window
    become(qtbot, window, "dr-one")
    panel = open_review(qtbot, window, EN)
    before = library.repo.git.log("--format=%H").split()
    checked = []

    def empty(dialog):
        assert not dialog.ok.isEnabled()
        assert dialog.hint.isVisible()
        dialog.accept()  # Enter with nothing written
        checked.append(dialog.isVisible())
        qtbot.keyClicks(dialog.text, "   ")
        checked.append(dialog.ok.isEnabled())
        dialog.reject()

    in_next_dialog(empty)
    click(qtbot, panel.buttons["request_changes"])
    settle(qtbot, window)
    assert checked == [True, False]
    assert library.repo.git.log("--format=%H").split() == before


def test_publish_lists_what_is_left_out_and_refuses_when_nothing_is_approved(
    qtbot, review_window, library
):
    window = review_window
    become(qtbot, window, "alex")
    assert not window.actions["publish"].isEnabled()
    become(qtbot, window, "pat")
    window.actions["publish"].trigger()
    dialog = window.publish_dialog
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=15_000)
    assert not dialog.publish_button.isEnabled()
    assert "cannot be published" in plain(dialog.summary)
    left_out = dialog.contents.findItems("Left out (2)", Qt.MatchFlag.MatchExactly)[0]
    rows = [(left_out.child(i).text(0), left_out.child(i).text(2)) for i in range(2)]
    assert rows[0][0].endswith("(abscess-signs.en)")
    assert rows[0][1] == "not sent for review or not signed off"
    dialog.reject()
