"""History: every revision, the changes between two, and restoring one as a new revision."""

from __future__ import annotations

from authoring_app.library.answer import AnswerKey
from tests.gui.conftest import commits

EN = AnswerKey("abscess-signs", "en")


def test_restore_from_history_makes_a_new_revision_with_the_old_text(
    qtbot, window, library, answers_to_questions
):
    original = library.answer(EN)
    window.open_answer(EN)
    window.editor.body.selectAll()
    qtbot.keyClicks(window.editor.body, "Rewritten text.")
    with qtbot.waitSignal(window.answer_saved, timeout=10_000):
        window.save()
    assert library.answer(EN).body == "Rewritten text.\n"
    before = commits(library)

    dialog = window.history_dialog()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: len(dialog.revisions) == 2, timeout=10_000)
    assert dialog.list.topLevelItem(0).text(1) == "Alex Author"
    assert "Rewritten text." in dialog.diff.toPlainText()
    dialog.list.setCurrentItem(dialog.list.topLevelItem(1))
    assert dialog.restore_button.isEnabled()
    with qtbot.waitSignal(dialog.restored, timeout=10_000):
        dialog.restore_button.click()
    assert [n for n, _ in answers_to_questions] == ["confirm"]
    after = commits(library)
    assert len(after) == len(before) + 1
    assert after[1:] == before
    on_disk = (library.path / original.path).read_text("utf-8")
    assert on_disk == original.to_text()
    assert window.editor.body.toPlainText() == original.body
    assert not window.editor.is_modified
    trailers = library.repo.git.log("-1", "--format=%(trailers:only)")
    assert "Action: restore" in trailers
    qtbot.waitUntil(lambda: len(dialog.revisions) == 3, timeout=10_000)


def test_comparing_two_revisions_colours_the_changes(qtbot, window, library):
    window.open_answer(EN)
    qtbot.keyClicks(window.editor.title, " today")
    with qtbot.waitSignal(window.answer_saved, timeout=10_000):
        window.save()
    dialog = window.history_dialog()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: len(dialog.revisions) == 2, timeout=10_000)
    dialog.list.topLevelItem(0).setSelected(True)
    dialog.list.topLevelItem(1).setSelected(True)
    assert len(dialog.selected_commits()) == 2
    html = dialog.diff.toHtml()
    assert "today" in dialog.diff.toPlainText()
    assert "#e6f4ea" in html.lower() or "230, 244, 234" in html or "e6f4ea" in html.lower()
