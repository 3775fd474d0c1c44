"""Try a question, the checks of each answer's questions, and the emergency response's
trigger words in the editor: driven through the real window, on the sample library with a
published release."""

from __future__ import annotations

import re
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from authoring_app.gui.app import install_translations
from authoring_app.library.answer import AnswerKey
from authoring_app.release import planning, publishing
from tests.gui.conftest import drain, make_window, type_text
from tests.gui.review_helpers import plain, settle
from tests.gui.test_new_answer import add_entry
from tests.people import save_as
from tests.release.helpers import signed_sample

SIGNS = AnswerKey("opioid-overdose-signs", "en")
ARTERY = AnswerKey("hitting-an-artery", "en")
EMERGENCY = AnswerKey("emergency-response", "en")
EMERGENCY_RU = AnswerKey("emergency-response", "ru")


@pytest.fixture
def published_sample(sample_library):
    """The sample library, every answer signed off and published as release 1.0.0."""
    keys = signed_sample(sample_library)
    plan = planning.plan_release(sample_library)
    publishing.publish(sample_library, plan, "demo-publisher", keys["demo-publisher"])
    return sample_library


@pytest.fixture
def window(qtbot, published_sample, settings):
    win = make_window(qtbot, published_sample, settings, person_id="demo-author")
    yield win
    win.bot_index.wait()
    drain(qtbot, win)


def ready(qtbot, window) -> None:
    """Try a question shown once, and both indexes built: the library's and the latest
    release's (read only once the panel has shown)."""
    window.actions["try_question"].trigger()
    bot = window.bot_index
    qtbot.waitUntil(
        lambda: bot.matcher is not None and bot.release is not None and not bot.building,
        timeout=20_000,
    )
    settle(qtbot, window)


def try_message(qtbot, window, text: str, *, typed: bool = False):
    """Open the panel from its toolbar button and type `text` as a person would."""
    window.actions["try_question"].trigger()
    panel = window.try_panel
    assert window.side_tabs.currentWidget() is panel
    assert QApplication.focusWidget() is panel.message
    panel.message.clear()
    if typed:
        type_text(panel.message, text)
    else:
        qtbot.keyClicks(panel.message, text)
    qtbot.waitUntil(lambda: panel.tried.message == text and not panel.timer.isActive())
    return panel


def shown(panel) -> str:
    return plain(panel.result)


def never_technical(text: str, window) -> None:
    """What outreach staff read holds no ids, scores or Markdown."""
    for answer in window.library.answers():
        assert str(answer.key) not in text
    for mark in ("{{", "**", "##", "confidence", "score"):
        assert mark not in text
    assert not re.search(r"(?<![\d.])0[.,]\d", text), "a score"


def test_an_emergency_message_shows_the_emergency_response_first_then_the_answer(qtbot, window):
    ready(qtbot, window)
    panel = try_message(qtbot, window, "my friend won't wake up and his lips are blue")
    assert panel.tried.now.emergency == (str(EMERGENCY),)
    assert panel.tried.now.answer == str(SIGNS)
    assert panel.tried.release.emergency == (str(EMERGENCY),)
    text = shown(panel)
    first = text.index("First, the emergency response:")
    assert first < text.index("“Emergency: what to do right now”") < text.index("Then the answer:")
    assert "“Opioid overdose: how to spot it and what to do”" in text
    assert "call an ambulance now: 103 or 112" in text  # the short reply, numbers filled in
    assert "published: bots send it" in text
    assert "From release 1.0.0: what bots send today" in text
    never_technical(text, window)


def test_a_message_no_answer_fits_says_the_bot_would_hand_off_to_a_person(qtbot, window):
    ready(qtbot, window)
    panel = try_message(qtbot, window, "what time does your office open")
    assert panel.tried.now.answer is None and panel.tried.now.emergency == ()
    text = shown(panel)
    assert text.count("The bot would not answer this.") == 2  # now and in the release
    assert "offer a person to talk to" in text
    assert "Closest answers, not close enough to send:" in text
    never_technical(text, window)


def test_unsaved_and_saved_changes_answer_now_while_the_release_answers_as_before(
    qtbot, window, published_sample
):
    ready(qtbot, window)
    message = "my fingers went numb and white after a shot"
    window.open_answer(ARTERY)
    panel = try_message(qtbot, window, message)
    assert panel.tried.now.answer is None and panel.tried.release.answer is None

    add_entry(qtbot, window.editor.questions.entry, message)  # not saved
    qtbot.waitUntil(lambda: panel.tried.now is not None and panel.tried.now.answer == str(ARTERY))
    assert panel.tried.release.answer is None
    text = shown(panel)
    now, release = text.split("From release 1.0.0")
    assert "“What to do if you hit an artery”" in now and "with your unsaved changes" in now
    assert "The bot would not answer this." in release

    window.actions["save"].trigger()
    qtbot.waitUntil(lambda: not window.editor.is_modified, timeout=10_000)
    settle(qtbot, window)  # saved, the list's statuses worked out: the index follows later
    assert window.bot_index.building
    panel.try_message()
    assert panel.tried.now.answer == str(ARTERY)  # from the moment it is saved
    ready(qtbot, window)
    assert panel.tried.now.answer == str(ARTERY)
    assert panel.open_text() is None  # the index holds the text now
    assert "“What to do if you hit an artery”\ndraft: bots send an earlier text" in shown(panel)
    assert panel.tried.release.answer is None
    assert message in published_sample.answer(ARTERY).questions


def test_the_indexes_are_built_off_the_gui_thread(qtbot, published_sample, settings, monkeypatch):
    from authoring_app.gui import bot_index

    threads = []
    real_matcher_of, real_matcher = bot_index.questions.matcher_of, bot_index.Matcher

    def matcher_of(*args):
        threads.append(threading.current_thread() is threading.main_thread())
        return real_matcher_of(*args)

    def matcher(*args):
        threads.append(threading.current_thread() is threading.main_thread())
        return real_matcher(*args)

    monkeypatch.setattr(bot_index.questions, "matcher_of", matcher_of)
    monkeypatch.setattr(bot_index, "Matcher", matcher)
    window = make_window(qtbot, published_sample, settings, person_id="demo-author")
    qtbot.waitUntil(lambda: window.bot_index.matcher is not None, timeout=20_000)
    settle(qtbot, window)
    assert threads == [False]  # the library's index: the checks need it
    assert window.bot_index.release is None  # not read until Try a question shows
    ready(qtbot, window)
    assert threads == [False, False]  # then the release's
    window.bot_index.build()  # nothing changed: nothing is built again
    ready(qtbot, window)
    assert threads == [False, False]
    window.bot_index.wait()
    drain(qtbot, window)


def test_a_question_another_answer_wins_shows_in_the_checks_and_leads_to_its_line(
    qtbot, window, published_sample
):
    ready(qtbot, window)
    window.open_answer(ARTERY)
    window.show_side_panel("checks")
    claimed = published_sample.answer(SIGNS).questions[1]
    add_entry(qtbot, window.editor.questions.entry, claimed)
    checks = window.checks.list
    wanted = "The bot would send another answer for this question"
    qtbot.waitUntil(
        lambda: any(wanted in checks.item(i).text() for i in range(checks.count())),
        timeout=5_000,
    )
    [item] = [checks.item(i) for i in range(checks.count()) if wanted in checks.item(i).text()]
    assert f"For “{claimed}” the bot would send “Opioid overdose: how to spot it" in item.text()
    assert item.text().startswith("Consider · How people ask:")
    qtbot.mouseClick(
        checks.viewport(), Qt.MouseButton.LeftButton, pos=checks.visualItemRect(item).center()
    )
    row = len(published_sample.answer(ARTERY).questions)
    assert window.editor.questions.list.currentRow() == row
    assert window.editor.questions.list.hasFocus()


def test_trigger_words_are_edited_one_a_line_saved_and_fire_at_once(
    qtbot, window, published_sample
):
    ready(qtbot, window)
    editor = window.editor
    window.open_answer(ARTERY)
    assert not editor.triggers.isVisibleTo(window)  # an answer has none
    window.open_answer(EMERGENCY)
    assert editor.triggers.isVisibleTo(window)
    saved = published_sample.answer(EMERGENCY)
    assert editor.triggers.values() == list(saved.triggers)
    assert "Example &messages" in editor.questions_label.text()

    window.show_side_panel("checks")
    example = "my friend went grey and floppy"
    add_entry(qtbot, editor.questions.entry, example)
    silent = "This example does not set off the emergency response"
    checks = window.checks.list
    qtbot.waitUntil(lambda: any(silent in checks.item(i).text() for i in range(checks.count())))
    panel = try_message(qtbot, window, "my mate went grey and floppy, help")
    assert panel.tried.now.emergency == ()

    editor.triggers.setFocus()
    editor.triggers.moveCursor(editor.triggers.textCursor().MoveOperation.End)
    qtbot.keyClick(editor.triggers, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.triggers, "grey and  floppy ")
    qtbot.waitUntil(lambda: panel.tried.now is not None and bool(panel.tried.now.emergency))
    assert panel.tried.now.emergency == (str(EMERGENCY),)
    assert panel.tried.release.emergency == ()  # not in the release
    assert "with your unsaved changes" in shown(panel)
    qtbot.waitUntil(lambda: not any(silent in checks.item(i).text() for i in range(checks.count())))

    window.actions["save"].trigger()
    qtbot.waitUntil(lambda: not editor.is_modified, timeout=10_000)
    settle(qtbot, window)
    after = published_sample.answer(EMERGENCY)
    assert after.triggers == (*saved.triggers, "grey and floppy")
    text = (published_sample.path / after.path).read_text("utf-8")
    assert "  - grey and floppy\n" in text.split("summary:")[0]
    assert (
        published_sample.repo.git.log("-1", "--format=%an") == "Alex Example (demonstration author)"
    )


def test_the_panel_speaks_russian_with_lang_ru(qtbot, published_sample, settings):
    app = QApplication.instance()
    install_translations(app, "ru")
    try:
        window = make_window(
            qtbot, published_sample, settings, person_id="demo-author", ui_locale="ru"
        )
        ready(qtbot, window)
        assert window.side_tabs.tabText(window.side_tabs.indexOf(window.try_panel)) == (
            "Спросить бота"
        )
        panel = try_message(qtbot, window, "подруга не просыпается и губы синие", typed=True)
        assert panel.tried.now.emergency == (str(EMERGENCY_RU),)
        text = shown(panel)
        assert "Сначала — экстренная помощь:" in text
        assert "«Экстренная помощь: что делать прямо сейчас»" in text
        assert "опубликован: бот его отправляет" in text
        for english in ("First", "Then the answer", "published", "From release", "bots"):
            assert english not in text
        never_technical(text, window)
        window.bot_index.wait()
        drain(qtbot, window)
    finally:
        install_translations(app, "en")


def test_the_publish_dialog_warns_of_lost_questions_and_still_lets_publish(
    qtbot, sample_library, settings
):
    signs = sample_library.answer(SIGNS)
    claimed = sample_library.answer(ARTERY).questions[0]
    save_as(sample_library, signs.edited(questions=(*signs.questions, claimed)), "demo-author")
    signed_sample(sample_library)
    window = make_window(qtbot, sample_library, settings, person_id="demo-publisher")
    window.actions["publish"].trigger()
    dialog = window.publish_dialog
    qtbot.waitUntil(lambda: dialog.questions.report is not None, timeout=30_000)
    report = dialog.questions.report
    lost = report.lost_answers
    assert SIGNS in lost
    text = plain(dialog.questions)
    assert f"{len(lost)} of {report.answers} answers have questions the bot would answer" in text
    assert "This does not stop publishing" in text
    group = dialog.contents.topLevelItem(0)
    assert group.text(0) == f"Questions the bot would answer otherwise ({len(lost)})"
    rows = [(group.child(i).text(0), group.child(i).text(2)) for i in range(group.childCount())]
    assert (
        signs.title,
        f"“{claimed}”: the bot would send “What to do if you hit an artery”",
    ) in rows
    assert dialog.publish_button.isEnabled()
    dialog.reject()
    window.bot_index.wait()
    drain(qtbot, window)
