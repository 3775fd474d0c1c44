"""The live preview, and the background runner that keeps the window responsive."""

from __future__ import annotations

import threading

from authoring_app.gui.tasks import TaskRunner
from authoring_app.library.answer import AnswerKey
from authoring_app.library.text import TELEGRAM_LIMIT, utf16_len

EN = AnswerKey("abscess-signs", "en")


def test_telegram_preview_splits_long_text_within_the_limit(qtbot, window):
    window.open_answer(EN)
    paragraph = "Keep the wound clean and covered, and watch it every day. " * 20
    window.editor.body.setPlainText(
        "\n\n".join([paragraph] * 8) + "\n\nCall {{ref:ambulance-103}}."
    )
    qtbot.waitUntil(lambda: len(window.editor.preview.messages) > 1, timeout=5_000)
    telegram = window.editor.preview.telegram
    assert len(telegram.bubbles) == len(window.editor.preview.messages)
    assert all(0 < count <= TELEGRAM_LIMIT for count in telegram.counts)
    assert telegram.counts == [utf16_len(m) for m in window.editor.preview.messages]
    assert "Call 103." in window.editor.preview.messages[-1]
    assert "Call 103." in window.editor.preview.plain.toPlainText()
    assert not window.editor.preview.site.openLinks()


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
