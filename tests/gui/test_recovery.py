"""Unsaved text survives a crash: written to a recovery file, offered back, restored."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from authoring_app.gui.main_window import MainWindow
from authoring_app.library.answer import AnswerKey
from authoring_app.library.recovery import RecoveryStore
from tests.gui.conftest import drain, make_window

EN = AnswerKey("abscess-signs", "en")


def test_text_typed_before_a_crash_is_offered_back(qtbot, library, settings, answers_to_questions):
    first = MainWindow(settings)
    first.set_library(library, person=library.roster.get("alex"))
    first.open_answer(EN)
    first.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(first.editor.body, "Do not squeeze it.")
    store = RecoveryStore(library.path)
    with qtbot.waitSignal(first.recovery.written, timeout=10_000):
        pass
    assert store.read(EN).answer.body.endswith("lump grows.\nDo not squeeze it.\n")
    # The app dies: no close event, no save, no clean-up.
    first.tasks.wait()
    first.deleteLater()
    qtbot.wait(10)

    second = make_window(qtbot, library, settings)
    second.offer_recovered()
    assert [name for name, _ in answers_to_questions] == ["restore_unsaved"]
    assert second.current_key() == EN
    assert second.editor.body.toPlainText().endswith("lump grows.\nDo not squeeze it.\n")
    assert second.editor.is_modified
    with qtbot.waitSignal(second.answer_saved, timeout=10_000):
        second.save()
    assert store.read(EN) is None
    assert library.answer(EN).body.endswith("lump grows.\nDo not squeeze it.\n")
    drain(qtbot, second)


def test_declined_recovery_is_thrown_away(qtbot, library, settings, monkeypatch):
    from authoring_app.gui import ask

    store = RecoveryStore(library.path)
    saved = library.answer(EN)
    store.write(saved.edited(title="Changed then lost"), is_new=False, base_hash=None)
    monkeypatch.setattr(ask, "restore_unsaved", lambda *a: False)
    window = make_window(qtbot, library, settings)
    window.open_answer(EN)
    assert window.editor.title.text() == saved.title
    assert store.read(EN) is None
    drain(qtbot, window)


def test_a_never_saved_answer_is_recovered_as_new(qtbot, library, settings):
    store = RecoveryStore(library.path)
    draft = library.answer(EN).edited(id="brand-new", title="Half written")
    store.write(draft, is_new=True, base_hash=None)
    window = make_window(qtbot, library, settings)
    window.offer_recovered()
    assert window.editor.is_new
    assert window.editor.title.text() == "Half written"
    drain(qtbot, window)
