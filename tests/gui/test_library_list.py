"""The library list: grouped by topic, narrowed per keystroke, filtered by status, topic, language."""

from __future__ import annotations

from authoring_app.gui.library_model import KEY_ROLE
from authoring_app.library.answer import AnswerKey
from tests.gui.conftest import type_text

SAMPLE_FILES = 42  # answer files in sample_content/answers


def test_answers_are_grouped_by_topic_in_the_interface_language(sample_window):
    panel = sample_window.library_panel
    topics = [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())]
    assert topics[0] == "Wounds and abscesses (4)"
    assert len(panel.visible_keys()) == SAMPLE_FILES


def test_typing_in_search_narrows_rows_per_keystroke(qtbot, sample_window):
    panel = sample_window.library_panel
    counts = []
    for char in "overdose":
        qtbot.keyClicks(panel.search, char)
        counts.append(len(panel.visible_keys()))
    assert counts == sorted(counts, reverse=True)
    assert len(set(counts)) > 1  # the list narrowed while typing, not only at the end
    assert AnswerKey("opioid-overdose-signs", "en") in panel.visible_keys()
    assert all(
        "overdose" in panel.model.row_at(panel.model.index_of(k)).search_text
        for k in panel.visible_keys()
    )
    assert 0 < counts[-1] < 20
    panel.search.clear()
    assert len(panel.visible_keys()) == SAMPLE_FILES


def test_search_matches_russian_text_and_questions(qtbot, sample_window):
    panel = sample_window.library_panel
    type_text(panel.search, "шишк")
    keys = panel.visible_keys()
    assert AnswerKey("abscess-warning-signs", "ru") in keys
    assert all(k.locale == "ru" for k in keys)


def test_status_topic_and_language_filters(qtbot, sample_window):
    panel = sample_window.library_panel
    statuses = sample_window.statuses
    panel.locale_filter.setCurrentIndex(panel.locale_filter.findData("ru"))
    assert {k.locale for k in panel.visible_keys()} == {"ru"}
    assert len(panel.visible_keys()) == SAMPLE_FILES // 2
    panel.topic_filter.setCurrentIndex(panel.topic_filter.findData("vein-care"))
    assert set(panel.visible_keys()) == {
        AnswerKey("collapsed-veins", "ru"),
        AnswerKey("hitting-an-artery", "ru"),
    }
    panel.topic_filter.setCurrentIndex(0)
    panel.locale_filter.setCurrentIndex(0)
    wanted = statuses[AnswerKey("abscess-warning-signs", "en")].status
    panel.status_filter.setCurrentIndex(panel.status_filter.findData(wanted))
    keys = panel.visible_keys()
    assert keys and all(statuses[k].status == wanted for k in keys)


def test_status_shows_as_a_word_and_a_colour(sample_window):
    panel = sample_window.library_panel
    topic = panel.proxy.index(0, 0)
    row = panel.proxy.index(0, 2, topic)
    key = panel.proxy.index(0, 0, topic).data(KEY_ROLE)
    status = sample_window.statuses[key].status
    from PySide6.QtCore import Qt

    assert row.data() == status
    assert row.data(Qt.ItemDataRole.DecorationRole) is not None


def test_find_shortcut_focuses_the_search_box(qtbot, sample_window):
    sample_window.actions["find"].trigger()
    assert sample_window.library_panel.search.hasFocus()


def test_statuses_worked_out_for_a_closed_library_are_dropped(qtbot, window, monkeypatch):
    """Closing a library while its statuses are still being worked out must not crash."""
    import threading

    import authoring_app.gui.main_window as main_window

    release = threading.Event()
    real = main_window.library_statuses

    def slow_statuses(library):
        release.wait(10)
        return real(library)

    monkeypatch.setattr(main_window, "library_statuses", slow_statuses)
    window.refresh_list()
    window._close_library()  # as closing the window or opening another library does
    release.set()
    window.tasks.wait()
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=10_000)
    assert window.library is None


def test_opening_a_library_shows_its_statuses_with_the_first_list(qtbot, sample_library, settings):
    """Opening from disk works out statuses with the library, so the list appears once,
    already saying where each answer stands (no moment of every answer shown as a draft)."""
    from PySide6.QtCore import Qt

    from authoring_app.gui.main_window import MainWindow

    path = sample_library.path
    sample_library.close()
    window = MainWindow(settings)
    qtbot.addWidget(window)
    shown_at_load = []
    window.library_loaded.connect(
        lambda _library: shown_at_load.append(
            {str(window.statuses[k].status) for k in window.library_panel.visible_keys()}
        )
    )
    with qtbot.waitSignal(window.library_refreshed, timeout=20_000):
        window.open_library(path)
    try:
        assert window.library.path == path
        panel = window.library_panel
        assert len(panel.visible_keys()) == SAMPLE_FILES
        assert len(shown_at_load) == 1 and "approved" in shown_at_load[0]
        topic = panel.proxy.index(0, 0)
        words = {
            panel.proxy.index(r, 2, topic).data(Qt.ItemDataRole.DisplayRole)
            for r in range(panel.proxy.rowCount(topic))
        }
        assert words - {"draft"}  # the list itself shows real statuses
    finally:
        window.tasks.wait()
        window._close_library()


def test_search_finds_every_form_of_a_word_as_bots_do(qtbot, sample_window):
    """An outreach worker types the word as it comes: "Абсцессы" finds the answers that say
    "абсцесс" or "абсцесса", "veins" finds "vein", and "ё" finds "е"."""
    panel = sample_window.library_panel
    type_text(panel.search, "абсцесс")
    singular = set(panel.visible_keys())
    assert AnswerKey("abscess-warning-signs", "ru") in singular
    panel.search.clear()
    type_text(panel.search, "Абсцессы")
    assert set(panel.visible_keys()) == singular
    panel.search.clear()
    type_text(panel.search, "collapsed veins")
    assert AnswerKey("collapsed-veins", "en") in panel.visible_keys()
    panel.search.clear()
    type_text(panel.search, "nothing-like-this-anywhere")
    assert panel.visible_keys() == []
