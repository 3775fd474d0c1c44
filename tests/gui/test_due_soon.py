"""Reviews coming up, before answers leave the bots: the library list's filter and marker, and
the Publish dialog's warning, on a real library where one answer was signed off eleven months
ago and its translation today."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from authoring_app.library.answer import AnswerKey
from authoring_app.release.bundle import add_months
from tests.gui.conftest import drain, make_window
from tests.gui.review_helpers import plain
from tests.gui.test_publish_channels import open_dialog
from tests.release.helpers import give_keys, sign_all

EN, RU = AnswerKey("abscess-signs", "en"), AnswerKey("abscess-signs", "ru")


@pytest.fixture
def coming_up(library):
    """EN signed off long enough ago that its review comes within 60 days; RU signed today."""
    keys = give_keys(library, ["dr-one", "dr-two", "pat"])
    now = dt.datetime.now(dt.UTC)
    early = max(add_months(now, -11), dt.datetime(2026, 1, 2, tzinfo=dt.UTC))
    sign_all(library, keys, ["dr-one", "dr-two"], now=early, only={EN})
    sign_all(library, keys, ["dr-one", "dr-two"], now=now, only={RU})
    due = add_months(early, 12).date()
    assert 0 <= (due - now.date()).days <= 60
    return library, due


def test_the_library_list_marks_and_filters_answers_due_soon(qtbot, settings, coming_up):
    library, due = coming_up
    window = make_window(qtbot, library, settings, person_id="dr-one")
    panel = window.library_panel
    assert set(panel.visible_keys()) == {EN, RU}

    index = panel.model.index_of(EN)
    status = index.siblingAtColumn(2)
    assert status.data() == "review soon"  # in place of "approved"
    assert status.data(Qt.ItemDataRole.ToolTipRole).startswith("approved · ")
    assert "review due soon: " + due.isoformat() in index.data(Qt.ItemDataRole.ToolTipRole)
    assert panel.model.index_of(RU).siblingAtColumn(2).data() == "approved"

    panel.due_soon.click()
    assert panel.visible_keys() == [EN]
    panel.due_soon.click()
    assert set(panel.visible_keys()) == {EN, RU}
    drain(qtbot, window)


def test_the_publish_dialog_warns_of_answers_due_soon(qtbot, settings, coming_up):
    library, due = coming_up
    window = make_window(qtbot, library, settings, person_id="pat")
    dialog = open_dialog(qtbot, window)
    assert dialog.due_soon.isVisible()
    warning = plain(dialog.due_soon)
    assert "Due for review soon (1): On its review date each leaves the bots" in warning
    assert f"(abscess-signs.en): due {due.isoformat()}" in warning
    assert "abscess-signs.ru" not in warning
    assert dialog.publish_button.isEnabled()  # a warning, not a refusal
    dialog.reject()
    drain(qtbot, window)


def test_no_warning_when_no_review_comes_soon(qtbot, settings, library):
    keys = give_keys(library, ["dr-one", "dr-two", "pat"])
    sign_all(library, keys, ["dr-one", "dr-two"])
    window = make_window(qtbot, library, settings, person_id="pat")
    dialog = open_dialog(qtbot, window)
    assert not dialog.due_soon.isVisible()
    dialog.reject()
    drain(qtbot, window)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_due_soon_fits_a_laptop_screen_in_both_languages(
    qtbot, settings, coming_up, language, tmp_path
):
    """The list with the filter on, and the Publish dialog's warning, at 1366x768; in Russian
    every word of both in Russian (docs/screenshots/due-soon*.png are these)."""
    from PySide6.QtWidgets import QApplication

    from authoring_app.gui.app import install_translations

    library, _due = coming_up
    app = QApplication.instance()
    install_translations(app, language)
    suffix = "-ru" if language == "ru" else ""
    try:
        window = make_window(qtbot, library, settings, person_id="pat", ui_locale=language)
        window.resize(1366, 768)
        panel = window.library_panel
        panel.due_soon.click()
        window.open_answer(EN)
        QApplication.processEvents()
        window.grab().save(str(tmp_path / f"due-soon{suffix}.png"))
        status = panel.model.index_of(EN).siblingAtColumn(2).data()
        dialog = open_dialog(qtbot, window)
        dialog.resize(1366, 768)
        QApplication.processEvents()
        image = dialog.grab()
        image.save(str(tmp_path / f"publish-due-soon{suffix}.png"))
        assert (image.width(), image.height()) == (1366, 768)
        if language == "ru":
            shown = " ".join([plain(dialog.due_soon), panel.due_soon.text(), status])
            for english in ("due", "review", "soon", "bots"):
                assert english not in shown.lower()
            assert "Скоро перепроверить (1):" in shown
        dialog.reject()
        drain(qtbot, window)
    finally:
        install_translations(app, "en")
