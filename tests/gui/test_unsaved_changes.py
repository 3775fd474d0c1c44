"""Unsaved changes are marked and protected when switching answers or closing."""

from __future__ import annotations

from authoring_app.gui import ask
from authoring_app.library.answer import AnswerKey
from tests.gui.conftest import commits

EN, RU = AnswerKey("abscess-signs", "en"), AnswerKey("abscess-signs", "ru")


def choose(monkeypatch, answer, asked):
    def unsaved_changes(parent, title):
        asked.append(title)
        return answer

    monkeypatch.setattr(ask, "unsaved_changes", unsaved_changes)


def select_in_list(window, key):
    panel = window.library_panel
    index = panel.proxy.mapFromSource(panel.model.index_of(key))
    panel.view.setCurrentIndex(index)


def test_switching_with_unsaved_edits_and_cancel_keeps_the_text(qtbot, window, monkeypatch):
    window.open_answer(EN)
    qtbot.keyClicks(window.editor.title, " soon")
    assert window.editor.unsaved_label.isVisible()
    assert window.isWindowModified()
    asked = []
    choose(monkeypatch, ask.CANCEL, asked)
    select_in_list(window, RU)
    assert asked == ["When does a lump need a doctor? soon"]
    assert window.current_key() == EN
    assert window.editor.title.text() == "When does a lump need a doctor? soon"
    assert window.library_panel.current_key() == EN


def test_switching_and_discard_drops_the_text(qtbot, window, monkeypatch, library):
    window.open_answer(EN)
    qtbot.keyClicks(window.editor.title, " soon")
    asked = []
    choose(monkeypatch, ask.DISCARD, asked)
    before = commits(library)
    select_in_list(window, RU)
    assert len(asked) == 1
    assert window.current_key() == RU
    assert not window.editor.is_modified
    window.open_answer(EN)
    assert window.editor.title.text() == "When does a lump need a doctor?"
    assert commits(library) == before


def test_switching_and_save_saves_then_switches(qtbot, window, monkeypatch, library):
    window.open_answer(EN)
    qtbot.keyClicks(window.editor.title, " soon")
    choose(monkeypatch, ask.SAVE, [])
    before = commits(library)
    select_in_list(window, RU)
    qtbot.waitUntil(lambda: window.current_key() == RU, timeout=10_000)
    assert len(commits(library)) == len(before) + 1
    assert library.answer(EN).title == "When does a lump need a doctor? soon"


def test_undoing_back_to_the_saved_text_clears_the_mark(qtbot, window):
    window.open_answer(EN)
    qtbot.keyClicks(window.editor.body, "!")
    assert window.editor.is_modified
    window.editor.body.undo()
    assert not window.editor.is_modified
    assert not window.editor.unsaved_label.isVisible()


def test_closing_with_unsaved_edits_asks_and_cancel_keeps_the_window(qtbot, window, monkeypatch):
    window.open_answer(EN)
    qtbot.keyClicks(window.editor.summary, " More.")
    asked = []
    choose(monkeypatch, ask.CANCEL, asked)
    assert not window.close()
    assert asked and window.isVisible()


def test_who_you_are_is_asked_once_and_remembered(qtbot, library, settings, monkeypatch):
    from authoring_app.gui import main_window
    from tests.gui.conftest import drain

    asked = []
    monkeypatch.setattr(
        main_window, "ask_person", lambda parent, roster, current: asked.append(1) or "dr-two"
    )
    window = main_window.MainWindow(settings)
    qtbot.addWidget(window)
    window.set_library(library)
    assert window.ensure_person()
    assert window.person.name == "Dr Two"
    assert settings.person_id(library.path) == "dr-two"
    window2 = main_window.MainWindow(settings)
    qtbot.addWidget(window2)
    window2.set_library(library)
    assert window2.ensure_person() and window2.person.id == "dr-two"
    assert asked == [1]
    assert window2.library_panel.my_review.isEnabled()  # a clinician can filter for reviews
    drain(qtbot, window)
    drain(qtbot, window2)
