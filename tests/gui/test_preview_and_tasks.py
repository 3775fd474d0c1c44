"""The live preview, and the background runner that keeps the window responsive."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel

from answer_kit import Responder
from authoring_app.gui.tasks import TaskRunner
from authoring_app.library.answer import AnswerKey
from authoring_app.library.text import TELEGRAM_LIMIT, utf16_len
from tests.gui.conftest import drain, make_window

EN = AnswerKey("abscess-signs", "en")
ABSCESS = AnswerKey("abscess-warning-signs", "en")
READ_MORE_EN = AnswerKey("bot-read-more", "en")
SAMPLE_EN = AnswerKey("bot-sample-library", "en")


def plain_text(telegram_html: str) -> str:
    document = QTextDocument()
    document.setHtml(telegram_html.replace("\n", "<br>"))
    return document.toPlainText()


def bundle_of(library, keys) -> dict:
    """The answers `keys` as a release holds them (rendered by the release's own code)."""
    from authoring_app.release.bundle import answer_skeleton, with_parts
    from authoring_app.release.rendering import answer_texts, render_parts
    from tests.release.helpers import fake_entries

    entries = {e.answer.key: e for e in fake_entries(library, keys)}
    answers = []
    for key in keys:
        entry = entries[key]
        skeleton = answer_skeleton(entry, library.info, library.directory, [key.locale])
        parts = render_parts(answer_texts(entry.answer, library.directory))
        answers.append(with_parts(entry.answer, skeleton, parts))
    return {"answers": answers, "library": {"locales": ["ru", "en"], "sample": True}}


@pytest.fixture
def sample_window(qtbot, sample_library, settings):
    window = make_window(qtbot, sample_library, settings, person_id="demo-author")
    yield window
    drain(qtbot, window)


def test_telegram_preview_splits_long_text_within_the_limit(qtbot, sample_window):
    window = sample_window
    window.open_answer(ABSCESS)
    paragraph = "Keep the wound clean and covered, and watch it every day. " * 20
    window.editor.body.setPlainText(
        "\n\n".join([paragraph] * 8) + "\n\nCall {{ref:ambulance-103}}."
    )
    qtbot.waitUntil(lambda: len(window.editor.preview.messages) > 3, timeout=5_000)
    telegram = window.editor.preview.telegram
    assert len(telegram.bubbles) == len(window.editor.preview.messages)
    assert all(0 < count <= TELEGRAM_LIMIT for count in telegram.counts)
    assert telegram.counts == [utf16_len(m) for m in window.editor.preview.messages]
    assert "Call 103." in window.editor.preview.messages[-1]
    assert "Call 103." in window.editor.preview.plain.toPlainText()
    assert not window.editor.preview.site.openLinks()


def test_telegram_preview_shows_what_the_bot_sends_in_order(qtbot, sample_window, sample_library):
    window = sample_window
    window.open_answer(ABSCESS)
    answer = sample_library.answer(ABSCESS)
    # What the bot itself answers for a message that finds this answer, from a release.
    responder = Responder(bundle_of(sample_library, [ABSCESS, READ_MORE_EN, SAMPLE_EN]))
    sent = responder.answer(str(ABSCESS))
    qtbot.waitUntil(lambda: window.editor.preview.messages != [], timeout=5_000)
    telegram = window.editor.preview.telegram
    shown = [plain_text(b.text()) for b in telegram.bubbles]
    expected = [*sent.messages, *responder.more(str(ABSCESS))]
    assert shown == [plain_text(m) for m in expected]
    assert shown[0].startswith(plain_text(answer.summary)[:40])  # the short reply comes first
    assert "demonstration bot" in shown[1]  # then the sample notice, as the bot adds it
    assert [b.text() for b in telegram.buttons] == ["Read the full answer"]
    # Changing the short reply changes the first message, before saving.
    window.editor.summary.setPlainText("A new short reply.")
    qtbot.waitUntil(lambda: window.editor.preview.messages[0] == "A new short reply.")


def test_telegram_preview_says_when_the_bot_cannot_send_the_full_text(qtbot, window):
    window.open_answer(EN)  # a library with no "read more" button message
    qtbot.waitUntil(lambda: window.editor.preview.messages != [], timeout=5_000)
    notes = window.editor.preview.telegram.findChildren(QLabel)
    assert any("cannot send the full text" in label.text() for label in notes)
    assert len(window.editor.preview.messages) == 1  # the short reply only, as the bot sends


def test_summary_count_is_live(qtbot, window):
    window.open_answer(EN)
    window.editor.summary.clear()
    qtbot.keyClicks(window.editor.summary, "ab")
    assert window.editor.summary_count.text().startswith("2 of 4096")


def test_stale_results_are_dropped_and_errors_delivered(qtbot):
    runner = TaskRunner()
    release = threading.Event()
    seen = []
    runner.run(lambda: release.wait(5) and "old", on_done=seen.append, channel="c")
    runner.run(lambda: "new", on_done=seen.append, channel="c")
    errors = []
    runner.run(lambda: 1 / 0, on_error=errors.append)
    release.set()
    runner.wait()
    qtbot.waitUntil(lambda: not runner.busy)
    assert seen == ["new"]
    assert isinstance(errors[0], ZeroDivisionError)


def test_jobs_run_off_the_gui_thread_one_at_a_time(qtbot):
    runner = TaskRunner()
    threads, running, overlap = [], [0], []

    def job():
        running[0] += 1
        overlap.append(running[0])
        threads.append(threading.current_thread())
        running[0] -= 1

    for _ in range(5):
        runner.run(job)
    runner.wait()
    qtbot.waitUntil(lambda: not runner.busy)
    assert max(overlap) == 1
    assert threading.main_thread() not in threads
