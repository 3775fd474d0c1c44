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


def test_history_compares_the_fields_side_by_side_in_plain_words(qtbot, window, library):
    """What changed is shown as the editor shows it: field names, services by name, the
    changed words marked; no file syntax, ids or commit hashes unless asked for."""
    window.open_answer(EN)
    editor = window.editor
    editor.summary.setPlainText("Most lumps heal, but call {{ref:ambulance-103}} for streaks.")
    with qtbot.waitSignal(window.answer_saved, timeout=10_000):
        window.save()
    dialog = window.history_dialog()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: len(dialog.revisions) == 2, timeout=10_000)
    shown = dialog.diff.toPlainText()
    assert "Short reply (for chat)" in shown
    assert "Before" in shown and "After" in shown
    assert "“Ambulance” for streaks" in shown
    assert "a doctor" in shown  # the words taken out, on the left
    for syntax in ("{{ref", "summary:", "abscess-signs", "---", "@@", dialog.revisions[0].short):
        assert syntax not in shown, syntax
    assert "Title" not in shown  # unchanged fields are left out
    html = dialog.diff.toHtml().lower()
    assert "#e6f4ea" in html and "#fdecea" in html
    assert dialog.list.topLevelItem(1).text(2) == "saved"  # a commit made outside the app

    dialog.file_changes.setChecked(True)
    assert "summary:" in dialog.diff.toPlainText()

    dialog.file_changes.setChecked(False)
    dialog.list.setCurrentItem(dialog.list.topLevelItem(1))
    first = dialog.diff.toPlainText()
    assert "How people ask it" in first and "I have a red lump, what do I do?" in first
    assert "wound-care" not in first
    assert "Example mobile unit" in first and "example-mobile-unit" not in first


def test_history_shows_the_full_answer_without_formatting_marks(qtbot, window, library):
    window.open_answer(EN)
    window.editor.body.setPlainText(
        "## Care\n\nSee a **nurse** if the lump grows.\n\n- Keep it clean"
    )
    with qtbot.waitSignal(window.answer_saved, timeout=10_000):
        window.save()
    window.editor.body.setPlainText("## Care\n\nSee a nurse if the lump grows.\n\n- Keep it clean")
    with qtbot.waitSignal(window.answer_saved, timeout=10_000):
        window.save()
    dialog = window.history_dialog()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: len(dialog.revisions) == 3, timeout=10_000)
    assert "Only the formatting changed" in dialog.diff.toPlainText()
    dialog.list.setCurrentItem(dialog.list.topLevelItem(1))
    shown = dialog.diff.toPlainText()
    assert "• Keep it clean" in shown and "Care" in shown
    for mark in ("**", "## ", "- Keep"):
        assert mark not in shown, mark
