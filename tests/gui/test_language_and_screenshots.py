"""The Russian interface, and --screenshot."""

from __future__ import annotations

import argparse

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from authoring_app.gui.app import choose_language, install_translations, run
from tests.gui.conftest import drain, make_window


@pytest.fixture
def russian():
    app = QApplication.instance()
    install_translations(app, "ru")
    yield
    install_translations(app, "en")


def menu_titles(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def test_the_interface_is_russian_with_lang_ru(qtbot, library, settings, russian):
    window = make_window(qtbot, library, settings, ui_locale="ru")
    assert menu_titles(window)[:4] == ["&Файл", "&Правка", "&Ответ", "&Библиотека"]
    assert window.actions["save"].text() == "&Сохранить"
    assert window.side_tabs.tabText(0) == "Проверки"
    assert window.library_panel.search.placeholderText().startswith("Поиск")
    topic = window.library_panel.proxy.index(0, 0).data()
    assert topic.startswith("Раны")
    drain(qtbot, window)


def test_the_language_comes_from_lang_then_settings_then_the_system(settings):
    assert choose_language("ru", settings) == "ru"
    settings.language = "ru"
    assert choose_language(None, settings) == "ru"
    assert choose_language("en", settings) == "en"
    settings.language = None
    assert choose_language(None, settings) in ("en", "ru")


def test_every_russian_translation_is_finished():
    from pathlib import Path
    from xml.etree import ElementTree

    ts = Path(__file__).parents[2] / "authoring_app/gui/i18n/authoring_app_ru.ts"
    unfinished = [
        m.findtext("source")
        for m in ElementTree.parse(ts).iter("message")
        if m.find("translation").get("type") in ("unfinished", "obsolete", "vanished")
        or not (m.findtext("translation") or "").strip()
    ]
    assert unfinished == []
    assert ts.with_suffix(".qm").is_file()


@pytest.mark.parametrize("view", ["main", "history", "review"])
def test_screenshot_writes_a_png(tmp_path, sample_library, view):
    out = tmp_path / f"{view}.png"
    args = argparse.Namespace(
        library=str(sample_library.path), screenshot=str(out), view=view, lang="en"
    )
    assert run(args) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 900)


@pytest.mark.parametrize(
    ("view", "lang"),
    [
        ("try-emergency", "ru"),
        ("try-declined", "en"),
        ("emergency-editor", "ru"),
        ("signoff", "en"),
        ("signoff", "ru"),
        ("new-answer", "ru"),
        ("editor-service", "ru"),
        ("service-picker", "en"),
        ("help", "ru"),
    ],
)
def test_screenshot_of_the_try_panel_and_the_emergency_editor_at_a_laptops_size(
    tmp_path, sample_library, view, lang, russian
):
    """(`russian` puts the English interface back afterwards, whichever `lang` ran.)"""
    out = tmp_path / f"{view}.png"
    args = argparse.Namespace(
        library=str(sample_library.path), screenshot=str(out), view=view, lang=lang, size="1366x768"
    )
    assert run(args) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)
