"""An outreach worker writes an answer in Russian without ever seeing an id, a {{ref:…}} or
a Markdown mark: the question names the answer, services are picked by name, and the
toolbar formats the text. What is saved is the library's ordinary Markdown."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from authoring_app.gui.markdown_edit import OBJECT
from authoring_app.library.answer import AnswerKey, parse_answer
from tests.gui.review_helpers import in_next_dialog
from tests.gui.test_new_answer import add_entry, fill_new_answer_dialog, type_text


def click_tool(qtbot, editor, name: str) -> None:
    button = editor.body_toolbar.button(name)
    assert button.isVisible(), f"the {name} button is hidden"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def pick_service(qtbot, words: str, seen: dict) -> None:
    def pick(dialog):
        seen["title"] = dialog.windowTitle()
        seen["rows"] = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        type_text(dialog.search, words)
        seen["shown"] = [
            dialog.list.item(i).text()
            for i in range(dialog.list.count())
            if not dialog.list.item(i).isHidden()
        ]
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)

    in_next_dialog(pick)


def select(editor, start: int, end: int) -> None:
    cursor = editor.body.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.body.setTextCursor(cursor)


def test_a_russian_answer_with_a_service_bold_and_a_list_is_saved_as_markdown(
    qtbot, window, library
):
    QTimer.singleShot(
        0, lambda: fill_new_answer_dialog(qtbot, "Что делать с абсцессом?", "wound-care", "ru")
    )
    window.actions["new_answer"].trigger()
    editor = window.editor
    qtbot.waitUntil(lambda: editor.has_answer and editor.is_new)
    add_entry(qtbot, editor.questions.entry, "what to do with an abscess")
    qtbot.keyClicks(editor.summary, "Never squeeze it.")
    add_entry(qtbot, editor.red_flags.entry, "Red streaks")
    qtbot.keyClicks(editor.sources.title_entry, "NHS: Skin abscess")
    qtbot.keyClick(editor.sources.title_entry, Qt.Key.Key_Return)

    body = editor.body
    body.setFocus()
    type_text(body, "Не выдавливайте абсцесс. Покажите его: ")
    seen: dict = {}
    pick_service(qtbot, "мобил", seen)
    click_tool(qtbot, editor, "service")
    assert seen["title"] == "Insert a service"
    assert seen["rows"][0] == "Скорая помощь — 103"  # names in the answer's language
    assert seen["shown"] == ["Пример мобильного пункта — +7 000 000-00-01"]
    # The person sees the name as one highlighted piece, never the reference.
    assert body.chips() == ["example-mobile-unit"]
    assert "{{ref" not in body.document().toPlainText()
    assert body.document().toPlainText().endswith(": " + OBJECT)

    select(editor, 0, len("Не выдавливайте"))
    click_tool(qtbot, editor, "bold")
    cursor = body.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    body.setTextCursor(cursor)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    type_text(body, "чистые руки")
    qtbot.keyClick(body, Qt.Key.Key_Return)
    type_text(body, "новый инструмент")
    start = body.document().findBlockByNumber(1).position()
    select(editor, start, len(body.document().toPlainText()))
    click_tool(qtbot, editor, "bullets")

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(body, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.is_modified, timeout=10_000)
    qtbot.waitUntil(lambda: not window.tasks.busy)

    rel = "answers/wound-care/chto-delat-s-abstsessom.ru.md"
    saved, problems = parse_answer((library.path / rel).read_text("utf-8"), rel)
    assert problems == []
    assert saved.key == AnswerKey("chto-delat-s-abstsessom", "ru")
    assert saved.title == "Что делать с абсцессом?"
    assert saved.body == (
        "**Не выдавливайте** абсцесс. Покажите его: {{ref:example-mobile-unit}}\n"
        "- чистые руки\n"
        "- новый инструмент\n"
    )


def test_backspace_after_a_service_name_takes_the_whole_reference(qtbot, window):
    window.open_answer(AnswerKey("abscess-signs", "en"))
    body = window.editor.body
    body.setPlainText("Call {{ref:ambulance-103}} now.")
    assert body.chips() == ["ambulance-103"]
    cursor = body.textCursor()
    cursor.setPosition(len("Call ") + 1)
    body.setTextCursor(cursor)
    body.setFocus()
    qtbot.keyClick(body, Qt.Key.Key_Backspace)
    assert body.toPlainText() == "Call  now."
    qtbot.keyClick(body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert body.toPlainText() == "Call {{ref:ambulance-103}} now."


def test_show_source_shows_the_stored_text_and_changes_nothing(qtbot, window):
    window.open_answer(AnswerKey("abscess-signs", "en"))
    editor = window.editor
    stored = "## Help\n\nCall {{ref:ambulance-103}} or **{{ref:example-mobile-unit}}**."
    editor.body.setPlainText(stored)
    click_tool(qtbot, editor, "source")
    assert editor.body.document().toPlainText() == stored
    assert editor.body.chips() == []
    click_tool(qtbot, editor, "source")
    assert editor.body.chips() == ["ambulance-103", "example-mobile-unit"]
    assert editor.body.toPlainText() == stored


def test_copy_and_paste_of_a_service_name_keeps_the_reference(qtbot, window):
    window.open_answer(AnswerKey("abscess-signs", "en"))
    body = window.editor.body
    body.setPlainText("Call {{ref:ambulance-103}}.")
    select(window.editor, 0, len("Call ") + 1)
    body.copy()
    assert QApplication.clipboard().text() == "Call {{ref:ambulance-103}}"
    cursor = body.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    body.setTextCursor(cursor)
    body.paste()
    assert body.chips() == ["ambulance-103", "ambulance-103"]
    assert body.toPlainText() == "Call {{ref:ambulance-103}}.Call {{ref:ambulance-103}}"


def test_opening_an_answer_changes_none_of_its_text(qtbot, window, library):
    """A hostile or odd file: an unknown service, a no-break space, a lone object
    character and a reference split by a new line all come back exactly as stored."""
    odd = (
        "Call\u00a0{{ref:ambulance-103}}{{ref:ambulance-103}}, {{ref:no-such-service}},"
        f" {OBJECT} and {{{{ref:\nambulance-103}}}}.\n"
    )
    window.open_answer(AnswerKey("abscess-signs", "en"))
    editor = window.editor
    editor.body.setPlainText(odd)
    assert editor.body.chips() == ["ambulance-103", "ambulance-103"]
    # The unknown service stays as written, so the checks' message about it matches.
    assert "{{ref:no-such-service}}" in editor.body.document().toPlainText()
    assert editor.body.toPlainText() == odd.replace("\u00a0", " ")
    for key in (AnswerKey("abscess-signs", "en"), AnswerKey("abscess-signs", "ru")):
        window.editor.load(library.answer(key), saved=library.answer(key))
        assert not window.editor.is_modified


def test_a_link_and_a_heading_from_the_toolbar(qtbot, window):
    window.open_answer(AnswerKey("abscess-signs", "en"))
    editor = window.editor
    editor.body.setPlainText("Read more\nabout wounds")
    select(editor, 0, len("Read more"))

    def answer(dialog):
        dialog.setTextValue("www.nhs.uk/conditions/skin-abscess/")
        dialog.accept()

    in_next_dialog(answer)
    editor.body.setFocus()
    qtbot.keyClick(editor.body, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert editor.body.toPlainText() == (
        "[Read more](https://www.nhs.uk/conditions/skin-abscess/)\nabout wounds"
    )
    select(editor, len(editor.body.toPlainText()) - 3, len(editor.body.toPlainText()) - 3)
    click_tool(qtbot, editor, "heading")
    assert editor.body.toPlainText().endswith("\n## about wounds")
    click_tool(qtbot, editor, "heading")
    assert editor.body.toPlainText().endswith("\nabout wounds")


def test_the_short_reply_shows_services_by_name_and_takes_one_from_the_list(qtbot, window, library):
    saved = library.answer(AnswerKey("abscess-signs", "en"))
    editor = window.editor
    editor.load(saved.edited(summary="Call {{ref:ambulance-103}}."), saved=saved)
    assert editor.summary.chips() == ["ambulance-103"]
    assert "{{ref" not in editor.summary.document().toPlainText()
    cursor = editor.summary.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.summary.setTextCursor(cursor)
    editor.summary.setFocus()
    seen: dict = {}
    pick_service(qtbot, "mobile", seen)
    qtbot.keyClick(
        editor.summary,
        Qt.Key.Key_I,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert editor.answer().summary == "Call {{ref:ambulance-103}}.{{ref:example-mobile-unit}}"
    assert editor.body.chips() == []


def test_a_service_name_with_markup_is_shown_as_text(qtbot, window, library):
    """A hostile directory entry cannot put a link or an image into the text box."""
    from authoring_app.gui.service_picker import ServicePicker
    from authoring_app.library.directory import Directory

    name = "<img src='x'><a href='https://evil.example'>Ambulance</a>"
    directory = Directory.from_data(
        {"services": [{"id": "ambulance-103", "kind": "emergency", "name": {"en": name},
                       "contact": "103"}]}
    )  # fmt: skip
    body = window.editor.body
    body.set_services(directory, "en")
    body.setPlainText("Call {{ref:ambulance-103}}.")
    fragment = next(f for f in _fragments(body.document()) if f.charFormat().objectType() > 0)
    assert fragment.charFormat().toolTip() == (
        "<p>&lt;img src=&#x27;x&#x27;&gt;&lt;a href=&#x27;https://evil.example&#x27;&gt;"
        "Ambulance&lt;/a&gt;</p>"
    )
    picker = ServicePicker(directory, "en", window)
    qtbot.addWidget(picker)
    assert picker.list.item(0).text() == f"{name} — 103"
    assert "&lt;img" in picker.list.item(0).toolTip()


def _fragments(document):
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            yield it.fragment()
            it += 1
        block = block.next()
