"""Fixtures for driving the real window with pytest-qt."""

from __future__ import annotations

import pytest

from authoring_app.gui import ask


@pytest.fixture(autouse=True)
def unlocked_keys(request, monkeypatch):
    """Each person's signing key is unlocked when first needed, as if they typed their
    passphrase (tests marked `real_keys` drive the real dialogs instead)."""
    if request.node.get_closest_marker("real_keys"):
        return
    from authoring_app.gui import session_keys
    from tests.people import key_of

    def unlocked(_window, person):
        try:
            return key_of(person.id)
        except KeyError:
            return None

    monkeypatch.setattr(session_keys, "obtain", unlocked)


@pytest.fixture(autouse=True)
def answers_to_questions(monkeypatch):
    """No modal question ever blocks a test; tests that care replace these."""
    asked: list[tuple[str, tuple]] = []

    def record(name, result):
        def answer(*args):
            asked.append((name, args))
            return result

        return answer

    monkeypatch.setattr(ask, "unsaved_changes", record("unsaved_changes", ask.DISCARD))
    monkeypatch.setattr(ask, "restore_unsaved", record("restore_unsaved", True))
    monkeypatch.setattr(ask, "confirm", record("confirm", True))
    monkeypatch.setattr(ask, "void_sign_offs", record("void_sign_offs", True))
    monkeypatch.setattr(ask, "error", record("error", None))
    monkeypatch.setattr(ask, "inform", record("inform", None))
    return asked


@pytest.fixture
def settings():
    from authoring_app.gui.settings import Settings

    return Settings()


def make_window(qtbot, library, settings, person_id="alex", ui_locale="en"):
    from authoring_app.gui.main_window import MainWindow

    window = MainWindow(settings, ui_locale=ui_locale)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.library_refreshed, timeout=10_000):
        window.set_library(library, person=library.roster.get(person_id))
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


@pytest.fixture
def window(qtbot, library, settings):
    win = make_window(qtbot, library, settings)
    yield win
    drain(qtbot, win)


@pytest.fixture
def sample_window(qtbot, sample_library, settings):
    win = make_window(qtbot, sample_library, settings, person_id="demo-author")
    yield win
    drain(qtbot, win)


def drain(qtbot, window) -> None:
    """Let every background job finish and deliver before the library closes."""
    window.tasks.wait()
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=10_000)


def commits(library) -> list[str]:
    return library.repo.git.log("--format=%H").split()


def type_text(widget, text: str) -> None:
    """Type any text, Cyrillic included, key by key (QTest types only ASCII)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )
