"""Sync from the toolbar between two copies of a library, and choosing between two edits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from authoring_app.sync.sync import sync
from tests.gui.conftest import drain, make_window
from tests.gui.review_helpers import click, in_next_dialog, settle
from tests.sync.helpers import EN, RU, edit


@pytest.fixture
def here(qtbot, team, settings):
    """A window on the second copy; the first is someone else's computer."""
    window = make_window(qtbot, team[1], settings, person_id="alex")
    settle(qtbot, window)
    yield window
    drain(qtbot, window)


def click_sync(qtbot, window, wait: bool = True) -> None:
    button = window.toolbar.widgetForAction(window.actions["sync"])
    click(qtbot, button)
    if wait:
        qtbot.waitUntil(lambda: not window.sync_control.running, timeout=20_000)
        settle(qtbot, window)


def test_sync_sends_and_receives_edits_of_different_answers(qtbot, team, here):
    there = team[0]
    edit(there, RU, "Текст с другого компьютера.\n")
    assert sync(there, there.roster.get("alex")).ok
    here.open_answer(EN)
    qtbot.keyClicks(here.editor.body, "Written here. ")
    here.actions["save"].trigger()
    qtbot.waitUntil(lambda: not here.editor.is_modified, timeout=10_000)
    settle(qtbot, here)
    assert here.sync_control.label.text() == "1 changes to send"

    click_sync(qtbot, here)
    assert here.sync_control.label.text() == "Up to date"
    assert "Текст с другого компьютера." in here.library.answer(RU).body
    assert sync(there, there.roster.get("alex")).ok
    assert "Written here." in there.answer(EN).body


@pytest.mark.parametrize("choice", ["keep_mine", "take_theirs"])
def test_an_answer_edited_on_two_computers_is_resolved_from_the_banner(qtbot, team, here, choice):
    there = team[0]
    edit(there, EN, "Their text.\n", person="dr-two")
    assert sync(there, there.roster.get("alex")).ok
    edit(here.library, EN, "My text.\n")
    here.open_answer(EN)

    click_sync(qtbot, here)
    control = here.sync_control
    assert control.label.text() == "1 answers need a decision"
    assert control.banner.isVisible()
    assert here.statuses[EN].status == "conflict"
    assert (here.library.path / "conflicts/abscess-signs.en.md").exists()

    seen = {}

    def choose(dialog):
        seen["theirs"] = dialog.theirs_label.text()
        seen["mine"] = dialog.mine_view.toPlainText()
        click(qtbot, getattr(dialog, choice))

    in_next_dialog(choose)
    click(qtbot, control.banner_button)
    settle(qtbot, here)
    assert "Version: Dr Two (saved" in seen["theirs"]
    assert "My text." in seen["mine"]
    assert not (here.library.path / "conflicts/abscess-signs.en.md").exists()
    expected = "My text.\n" if choice == "keep_mine" else "Their text.\n"
    assert here.library.answer(EN).body == expected
    assert here.editor.body.toPlainText().rstrip("\n") == expected.rstrip("\n")
    assert not control.banner.isVisible()
    assert here.statuses[EN].status != "conflict"
    log = here.library.repo.git.log("-1", "--format=%an|%s")
    assert log.startswith("Alex Author|Resolve conflict in answer abscess-signs.en")


def test_combining_two_versions_saves_the_edited_text(qtbot, team, here):
    there = team[0]
    edit(there, EN, "Their line.\n")
    assert sync(there, there.roster.get("alex")).ok
    edit(here.library, EN, "My line.\n")
    here.open_answer(EN)
    click_sync(qtbot, here)

    def combine(dialog):
        click(qtbot, dialog.combine)
        assert dialog.combined.toPlainText() == "My line.\n"
        dialog.combined.moveCursor(dialog.combined.textCursor().MoveOperation.End)
        qtbot.keyClicks(dialog.combined, "Their line.")
        click(qtbot, dialog.save_combined)

    in_next_dialog(combine)
    qtbot.keyClick(here.sync_control.banner_button, Qt.Key.Key_Space)
    settle(qtbot, here)
    assert here.library.answer(EN).body == "My line.\nTheir line.\n"
    assert not (here.library.path / "conflicts").exists() or not any(
        (here.library.path / "conflicts").iterdir()
    )


def test_a_library_that_is_not_shared_says_so(qtbot, window):
    assert window.sync_control.label.text() == "Not shared: only on this computer"
    assert not window.actions["sync"].isEnabled()


def test_clone_library_from_a_folder_opens_the_copy(qtbot, team, window, tmp_path):
    shared = team[0].path.parent / "shared.git"
    target = tmp_path / "copies"
    target.mkdir()
    window.actions["clone_library"].trigger()
    dialog = window.findChild(QDialog, "clone_dialog")
    qtbot.keyClicks(dialog.address, str(shared))
    dialog.folder.setText(str(target))
    with qtbot.waitSignal(window.library_loaded, timeout=20_000):
        click(qtbot, dialog.start_button)
    assert window.library.path == (target / "shared").resolve()
    settle(qtbot, window)
    assert window.sync_control.label.text() == "Up to date"
