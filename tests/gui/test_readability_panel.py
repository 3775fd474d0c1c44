"""The checks panel says how easy the answer is to read, in its language, as the author types:
a grade for English, 0 to 100 for Russian; past the library's limit it is something to
consider, never something that stops a save."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from authoring_app.gui.app import install_translations
from authoring_app.library.answer import AnswerKey
from tests.gui.conftest import drain, make_window, type_text

HARD_EN = (
    "Intravenous administration of unprescribed medication necessitates consideration of "
    "complications, including bacterial contamination and endocarditis. Professional "
    "consultation is recommended. "
)
EASY_EN = "Take the needle out. Press hard on the spot. Raise the arm. Call for help if it bleeds."
HARD_RU = (
    "Внутривенное введение неназначенных препаратов требует рассмотрения осложнений, включая "
    "бактериальное загрязнение. Рекомендуется консультация специалиста."
)


def rows(window) -> list[str]:
    return [window.checks.list.item(i).text() for i in range(window.checks.list.count())]


def test_a_hard_full_answer_shows_its_grade_and_leads_to_the_text(qtbot, window):
    window.open_answer(AnswerKey("abscess-signs", "en"))
    editor, panel = window.editor, window.checks
    editor.body.setPlainText("## What to do\n\n" + HARD_EN * 2)
    qtbot.waitUntil(lambda: "harder than this library's limit (9)" in panel.reading.text())
    assert panel.reading.isVisible()
    assert "Reading level: a school grade" in panel.reading.text()
    assert "Full answer: grade 16.6 (Flesch–Kincaid: 24.7)" in panel.reading.text()
    [row] = [r for r in rows(window) if "Hard to read" in r]
    assert row.startswith("Consider · Full answer: Hard to read")
    assert "above this library's limit of 9" in row
    assert not any(p.severity == "error" for p in panel.problems)
    item = panel.list.item(rows(window).index(row))
    rect = panel.list.visualItemRect(item)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.body.hasFocus()

    editor.body.setPlainText(EASY_EN + " " + EASY_EN)
    qtbot.waitUntil(lambda: not any("Hard to read" in r for r in rows(window)))
    assert "Full answer: grade 3.1 (Flesch–Kincaid: " in panel.reading.text()
    assert "✔" in panel.reading.text() and "harder" not in panel.reading.text()
    # Saving is not stopped by how the text reads.
    assert window.actions["save"].isEnabled()


def test_a_russian_answer_reads_on_a_scale_of_100_in_a_russian_interface(qtbot, library, settings):
    install_translations(QApplication.instance(), "ru")
    try:
        window = make_window(qtbot, library, settings, ui_locale="ru")
        window.open_answer(AnswerKey("abscess-signs", "ru"))
        panel = window.checks
        window.editor.body.clear()
        window.editor.body.setFocus()
        type_text(window.editor.body, HARD_RU)
        qtbot.waitUntil(lambda: "сложнее, чем допускает библиотека (40)" in panel.reading.text())
        text = panel.reading.text()
        found = rows(window)
        drain(qtbot, window)
    finally:
        install_translations(QApplication.instance(), "en")
    assert "Лёгкость чтения: от 0 до 100, чем больше, тем легче" in text
    assert "Полный ответ: -" in text and "из 100" in text
    assert any(r.startswith("Обратите внимание · Полный ответ: Текст трудно читать") for r in found)
    assert any("ниже предела библиотеки (40)" in r for r in found)


def test_a_short_text_or_no_answer_shows_no_figure(qtbot, window):
    window.open_answer(AnswerKey("abscess-signs", "en"))
    window.editor.body.setPlainText("Short.")
    window.editor.summary.setPlainText("Also short.")
    qtbot.waitUntil(lambda: not window.checks.reading.isVisible())
    assert window.checks.reading.text() == ""
