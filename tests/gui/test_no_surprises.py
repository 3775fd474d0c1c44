"""What the app says before it does something a person might not expect."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from authoring_app.gui import ask
from authoring_app.gui.ask import void_sign_offs as real_void_sign_offs
from authoring_app.library.answer import AnswerKey
from authoring_app.review.library_status import answer_status
from tests.gui.conftest import drain, make_window
from tests.gui.review_helpers import become, in_next_dialog, settle
from tests.release.helpers import give_keys, sign_all

EN = AnswerKey("abscess-signs", "en")


@pytest.fixture
def signed(library):
    keys = give_keys(library, ["dr-one", "dr-two"])
    sign_all(library, keys, ["dr-one", "dr-two"], only={EN})
    assert answer_status(library, EN).status == "approved"
    return library


@pytest.fixture
def author_window(qtbot, signed, settings, monkeypatch):
    monkeypatch.setattr(ask, "void_sign_offs", real_void_sign_offs)  # the real question
    window = make_window(qtbot, signed, settings, person_id="alex")
    yield window
    drain(qtbot, window)


def answer_the_warning(qtbot, choice: str, seen: list[str]) -> None:
    def press(box):
        seen.append(box.text() + "\n" + box.informativeText())
        button = next(b for b in box.buttons() if b.text().replace("&", "") == choice)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    in_next_dialog(press)


def test_changing_an_approved_answer_says_what_saving_voids_once(qtbot, author_window, signed):
    window = author_window
    window.open_answer(EN)
    saved_summary = window.editor.summary.toPlainText()

    # Leaving it as it is puts the saved text back, and nothing is saved.
    seen: list[str] = []
    answer_the_warning(qtbot, "Leave it as it is", seen)
    qtbot.keyClick(window.editor.summary, Qt.Key.Key_X)
    qtbot.waitUntil(lambda: not window.editor.is_modified)
    assert window.editor.summary.toPlainText() == saved_summary
    assert "signed off by one doctor" in seen[0]
    assert "left out of the next release" in seen[0]

    # Asked again; this time they go on, and further typing asks nothing more.
    answer_the_warning(qtbot, "Change the text", seen)
    qtbot.keyClick(window.editor.summary, Qt.Key.Key_X)
    assert window.editor.is_modified
    assert len(seen) == 2
    qtbot.keyClicks(window.editor.summary, " More.")
    window.actions["save"].trigger()
    qtbot.waitUntil(lambda: not window.editor.is_modified, timeout=10_000)
    settle(qtbot, window)
    assert len(seen) == 2
    assert answer_status(signed, EN).sign_offs == ()
    assert window.statuses[EN].status != "approved"
    assert "More." in signed.answer(EN).summary

    # A text no one has signed changes without a word.
    qtbot.keyClicks(window.editor.summary, " Again.")
    assert window.editor.is_modified
    assert len(seen) == 2


@pytest.fixture
def doctor_window(qtbot, library, settings):
    give_keys(library, ["dr-one", "dr-two"])
    window = make_window(qtbot, library, settings, person_id="dr-one")
    yield window
    drain(qtbot, window)


def test_the_review_filter_follows_the_person_and_an_empty_list_says_why(
    qtbot, doctor_window, library
):
    window = doctor_window
    panel = window.library_panel
    everything = set(panel.visible_keys())
    assert everything and not panel.empty_box.isVisible()

    panel.my_review.setChecked(True)  # nothing has been sent for review
    assert panel.visible_keys() == []
    assert panel.empty_box.isVisible()
    assert panel.empty_note.text() == "Nothing is waiting for your review."

    # An author has no review queue: the filter lets go, and every answer is back.
    become(qtbot, window, "alex")
    assert not panel.my_review.isChecked() and not panel.my_review.isEnabled()
    assert "Only for doctors" in panel.my_review.toolTip()
    assert set(panel.visible_keys()) == everything
    assert not panel.empty_box.isVisible()

    # A search that finds nothing says so, and one click shows everything again.
    qtbot.keyClicks(panel.search, "zzzz-nothing")
    assert panel.visible_keys() == []
    assert panel.empty_note.text() == "No answer matches the search and filters above."
    qtbot.mouseClick(panel.show_all, Qt.MouseButton.LeftButton)
    assert panel.search.text() == ""
    assert set(panel.visible_keys()) == everything
    assert not panel.empty_box.isVisible()


def test_the_review_filter_stays_usable_from_one_doctor_to_another(qtbot, doctor_window, library):
    from authoring_app.review import actions as review

    keys = give_keys(library, ["alex"])
    review.submit(library, EN, "alex", keys["alex"])
    window = doctor_window
    window.refresh_list()
    settle(qtbot, window)
    panel = window.library_panel
    panel.my_review.setChecked(True)
    assert panel.visible_keys() == [EN]

    # Another doctor at the keyboard: the same filter, now for them.
    become(qtbot, window, "dr-two")
    assert panel.my_review.isChecked() and panel.my_review.isEnabled()
    assert panel.visible_keys() == [EN]
    assert not panel.empty_box.isVisible()


def test_a_translation_whose_original_changed_waits_for_the_doctors_who_review_its_language(
    qtbot, library, settings
):
    from authoring_app.review import actions as review
    from tests.people import govern
    from tests.review.support import save

    ru = AnswerKey("abscess-signs", "ru")
    keys = give_keys(library, ["dr-one", "dr-two"])
    save(library, library.answer(EN).edited(translation_of="ru"), "alex")
    sign_all(library, keys, ["dr-one"], only={ru})
    sign_all(library, keys, ["dr-two"], only={EN})
    save(library, library.answer(ru).edited(body="Новый текст.\n"), "alex")
    review.sign_off(library, ru, "dr-one", keys["dr-one"])
    govern(library, "people.yaml", lambda text: text.replace("[ru, en]", "[ru]", 1))  # Dr One

    window = make_window(qtbot, library, settings, person_id="dr-two")
    settle(qtbot, window)
    panel = window.library_panel
    panel.my_review.setChecked(True)
    assert panel.visible_keys() == [EN]
    assert answer_status(library, EN).status == "source changed"
    assert window.statuses[EN].status == "source changed"

    # Dr One reviews only in Russian: the English translation is not theirs to sign.
    become(qtbot, window, "dr-one")
    assert panel.my_review.isChecked()
    assert panel.visible_keys() == []
    drain(qtbot, window)
