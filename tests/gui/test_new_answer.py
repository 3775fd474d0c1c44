"""An author writes a new answer from scratch and saves it: one commit, by them, on disk."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from authoring_app.library.answer import AnswerKey, parse_answer
from tests.gui.conftest import commits


def type_text(widget, text: str) -> None:
    """Type any text, Cyrillic too, as key presses (QTest.keyClicks knows only ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def fill_new_answer_dialog(qtbot, question: str, topic: str, locale: str) -> None:
    dialog = QApplication.activeModalWidget()
    assert dialog is not None, "the New answer dialog did not open"
    type_text(dialog.question, question)
    dialog.topic.setCurrentIndex(dialog.topic.findData(topic))
    dialog.locale.setCurrentIndex(dialog.locale.findData(locale))
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)


def type_lines(qtbot, widget, lines: list[str]) -> None:
    """Type text line by line, pressing Enter between lines (QTest cannot type a newline)."""
    for number, line in enumerate(lines):
        if number:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        qtbot.keyClicks(widget, line)


def add_entry(qtbot, entry, text: str) -> None:
    qtbot.keyClicks(entry, text)
    qtbot.keyClick(entry, Qt.Key.Key_Return)


def test_author_writes_and_saves_a_new_answer(qtbot, window, library, answers_to_questions):
    before = commits(library)
    QTimer.singleShot(
        0,
        lambda: fill_new_answer_dialog(qtbot, "How do I look after my veins?", "wound-care", "en"),
    )
    qtbot.keyClick(window.library_panel.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = window.editor
    qtbot.waitUntil(lambda: editor.has_answer and editor.is_new)
    assert editor.unsaved_label.isVisible()
    assert editor.title.text() == "How do I look after my veins?"
    add_entry(qtbot, editor.questions.entry, "my veins keep collapsing, what can I do?")
    add_entry(qtbot, editor.questions.entry, "how to keep veins healthy")
    qtbot.keyClicks(editor.summary, "Rotate sites, use a new needle every time.")
    add_entry(qtbot, editor.red_flags.entry, "A hot, hard, painful limb")
    editor.refer_to.setFocus()
    editor.refer_to.setCurrentRow(1)  # the mobile unit, by keyboard
    qtbot.keyClicks(editor.refer_to, " ")
    qtbot.keyClicks(editor.sources.title_entry, "NHS: Veins")
    qtbot.keyClicks(editor.sources.url_entry, "https://www.nhs.uk/veins/")
    qtbot.keyClick(editor.sources.url_entry, Qt.Key.Key_Return)
    type_lines(qtbot, editor.body, ["## Look after your veins", "", "- Use a new needle."])
    assert window.isWindowModified()
    assert "[*]" in window.windowTitle()

    window.activateWindow()  # the dialog that just closed may have kept activation
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(editor.body, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.is_modified, timeout=10_000)
    qtbot.waitUntil(lambda: not window.tasks.busy)

    after = commits(library)
    assert len(after) == len(before) + 1
    author = library.repo.git.log("-1", "--format=%an <%ae>")
    assert author == "Alex Author <alex@people.invalid>"
    path = library.path / "answers/wound-care/how-do-i-look-after-my-veins.en.md"
    saved, problems = parse_answer(
        path.read_text("utf-8"), "answers/wound-care/how-do-i-look-after-my-veins.en.md"
    )
    assert problems == []
    assert saved.title == "How do I look after my veins?"
    assert saved.questions == (
        "my veins keep collapsing, what can I do?",
        "how to keep veins healthy",
    )
    assert saved.summary == "Rotate sites, use a new needle every time."
    assert saved.red_flags == ("A hot, hard, painful limb",)
    assert saved.refer_to == ("example-mobile-unit",)
    assert saved.sources[0].title == "NHS: Veins"
    assert saved.sources[0].url == "https://www.nhs.uk/veins/"
    assert saved.body == "## Look after your veins\n\n- Use a new needle.\n"
    assert not editor.unsaved_label.isVisible()
    assert window.statusBar().currentMessage() == "Saved"
    assert window.library_panel.current_key() == AnswerKey("how-do-i-look-after-my-veins", "en")
    assert not (
        window.recovery.store.path_for(AnswerKey("how-do-i-look-after-my-veins", "en"))
    ).exists()


def test_saving_an_unfinished_answer_explains_what_is_missing(
    qtbot, window, library, answers_to_questions
):
    before = commits(library)
    QTimer.singleShot(0, lambda: fill_new_answer_dialog(qtbot, "Наполовину", "overdose", "ru"))
    window.actions["new_answer"].trigger()
    qtbot.waitUntil(lambda: window.editor.is_new)
    window.actions["save"].trigger()
    assert [name for name, _ in answers_to_questions] == ["error"]
    assert commits(library) == before
    assert window.editor.is_modified


def test_new_translation_prefills_fields(qtbot, window, library):
    library_key = AnswerKey("abscess-signs", "en")
    window.open_answer(library_key)

    def choose():
        dialog = QApplication.activeModalWidget()
        assert dialog.locale.count() == 0  # ru and en both exist already
        dialog.reject()

    QTimer.singleShot(0, choose)
    window.actions["new_translation"].trigger()
    assert window.current_key() == library_key


def test_a_check_row_takes_you_to_the_field(qtbot, window):
    window.open_answer(AnswerKey("abscess-signs", "en"))
    editor = window.editor
    editor.title.clear()
    editor.summary.setFocus()
    qtbot.waitUntil(lambda: any(p.field == "title" for p in window.checks.problems))
    row = next(
        i
        for i in range(window.checks.list.count())
        if window.checks.list.item(i).data(Qt.ItemDataRole.UserRole + 1) == "title"
    )
    item = window.checks.list.item(row)
    rect = window.checks.list.visualItemRect(item)
    qtbot.mouseClick(window.checks.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.title.hasFocus()


def test_sources_keep_their_doi_and_offline_mark_through_an_edit(qtbot, window, library):
    from authoring_app.library.answer import Source
    from tests.review.support import save

    key = AnswerKey("abscess-signs", "en")
    cited = (
        Source("Strang et al., BMJ 2003", doi="10.1136/bmj.326.7396.959"),
        Source("Clinic leaflet", offline=True),
    )
    save(library, library.answer(key).edited(sources=cited), "alex")
    window.refresh_list()
    window.open_answer(key)
    editor = window.editor
    assert editor.sources.table.item(0, 1).text() == "doi:10.1136/bmj.326.7396.959"

    qtbot.keyClicks(editor.body, "More. ")
    qtbot.keyClicks(editor.sources.title_entry, "Another study")
    add_entry(qtbot, editor.sources.url_entry, "10.5555/12345678")
    window.actions["save"].trigger()
    qtbot.waitUntil(lambda: not editor.is_modified, timeout=10_000)

    saved = library.answer(key)
    assert saved.sources == (*cited, Source("Another study", doi="10.5555/12345678"))
    assert "More." in saved.body


def test_a_new_answer_is_named_after_its_question_without_typing_an_id(qtbot, window, library):
    seen = {}

    def fill():
        dialog = QApplication.activeModalWidget()
        seen["fields"] = [
            type(w).__name__ for w in dialog.findChildren(QLineEdit) if w.isVisibleTo(dialog)
        ]
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)  # no question yet: refused
        seen["refused"] = dialog.error.text()
        # The sample library has abscess-signs in ru and en: a Russian answer of the
        # same name in another language would silently become its translation.
        qtbot.keyClicks(dialog.question, "Abscess signs")
        seen["taken"] = dialog.file_name.text()
        dialog.question.clear()
        type_text(dialog.question, "Где  сделать ВИЧ-тест?")
        seen["shown"] = dialog.file_name.text()
        dialog.locale.setCurrentIndex(dialog.locale.findData("ru"))
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill)
    window.actions["new_answer"].trigger()
    qtbot.waitUntil(lambda: window.editor.is_new)
    assert seen["fields"] == ["QLineEdit"]  # the question only: no id box
    assert seen["refused"] == "Write the question first."
    assert seen["taken"].endswith("abscess-signs-2")
    assert seen["shown"] == "Name in files: gde-sdelat-vich-test"
    answer = window.editor.answer()
    assert answer.key == AnswerKey("gde-sdelat-vich-test", "ru")
    assert answer.title == "Где сделать ВИЧ-тест?"
    assert "gde-sdelat" not in window.editor.heading.text()


def test_a_question_corrected_before_the_first_save_names_the_files(qtbot, window, library):
    """A typo in the New answer dialog does not stay in the file name for ever: until the
    first save, the name follows the title; after it, it stays put."""
    QTimer.singleShot(
        0, lambda: fill_new_answer_dialog(qtbot, "Кака беречь вены", "wound-care", "ru")
    )
    window.actions["new_answer"].trigger()
    editor = window.editor
    qtbot.waitUntil(lambda: editor.is_new)
    assert editor.answer().id == "kaka-berech-veny"
    editor.title.clear()
    type_text(editor.title, "Как беречь вены?")
    add_entry(qtbot, editor.questions.entry, "how to look after veins")
    qtbot.keyClicks(editor.summary, "Rotate sites.")
    add_entry(qtbot, editor.red_flags.entry, "A hot, hard, painful limb")
    qtbot.keyClicks(editor.sources.title_entry, "NHS: Veins")
    qtbot.keyClick(editor.sources.title_entry, Qt.Key.Key_Return)
    type_text(editor.body, "Меняйте места.")
    window.recovery.flush()  # the unsaved text is kept, under the name it has so far
    pending = [r.answer.key for r in window.recovery.store.pending()]
    assert pending == [AnswerKey("kaka-berech-veny", "ru")]
    with qtbot.waitSignal(window.answer_saved, timeout=10_000):
        window.save()
    assert (library.path / "answers/wound-care/kak-berech-veny.ru.md").is_file()
    assert not (library.path / "answers/wound-care/kaka-berech-veny.ru.md").exists()
    assert window.current_key() == AnswerKey("kak-berech-veny", "ru")
    assert list(window.recovery.store.pending()) == []

    editor.title.clear()
    type_text(editor.title, "Как сберечь вены?")
    with qtbot.waitSignal(window.answer_saved, timeout=10_000):
        window.save()
    assert (library.path / "answers/wound-care/kak-berech-veny.ru.md").is_file()
    assert not (library.path / "answers/wound-care/kak-sberech-veny.ru.md").exists()
