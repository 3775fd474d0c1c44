"""The Publish dialog with releases channels: where releases go, where one went (and what
went wrong), sending again, and confirming the last release is still current, all through
the real dialog, with what lands in the channel folder checked."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QApplication

from authoring_app.gui.app import install_translations
from tests.gui.conftest import drain, make_window
from tests.gui.review_helpers import click, in_next_dialog, plain, settle
from tests.release.helpers import PASSPHRASE, give_keys, set_release_channels, sign_all


@pytest.fixture
def channels(library, tmp_path):
    """Every answer signed off; a folder channel that exists and one not yet mounted."""
    keys = give_keys(library, ["dr-one", "dr-two", "pat"])
    sign_all(library, keys, ["dr-one", "dr-two"])
    served, missing = tmp_path / "served", tmp_path / "not-mounted"
    served.mkdir()
    set_release_channels(
        library,
        [
            {"folder": str(served), "url": "https://answers.example.org/releases/"},
            {"folder": str(missing)},
        ],
    )
    return library, served, missing


def open_dialog(qtbot, window):
    window.actions["publish"].trigger()
    dialog = window.publish_dialog
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=15_000)
    return dialog


def unlock_with_passphrase(qtbot):
    in_next_dialog(lambda unlock: (qtbot.keyClicks(unlock.passphrase, PASSPHRASE), unlock.accept()))


def test_the_dialog_says_where_releases_go_and_where_this_one_went(
    qtbot, settings, channels, tmp_path
):
    library, served, missing = channels
    window = make_window(qtbot, library, settings, person_id="pat")
    dialog = open_dialog(qtbot, window)
    where = plain(dialog.channels)
    assert "Bots and sites receive releases from:" in where
    assert f"the releases folder {served} (bots read it at https://answers.example.org" in where
    assert f"the releases folder {missing}" in where

    unlock_with_passphrase(qtbot)
    click(qtbot, dialog.publish_button)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=15_000)
    sent = plain(dialog.report.sent)
    assert f"✓ Sent to the releases folder {served}" in sent
    assert f"✗ Not sent to the releases folder {missing}: there is no such folder" in sent
    notice = json.loads((served / "notice.json").read_text())
    assert notice["release"]["version"] == "1.0.0"
    assert "treat it as current until" in plain(dialog.outcome)
    commands = dialog.commands.toPlainText()
    assert "answer-kit pull https://answers.example.org/releases/ --to answers" in commands

    # Once the folder is there, sending again delivers what is missing.
    assert dialog.report.resend.isVisible()
    missing.mkdir()
    click(qtbot, dialog.report.resend)
    qtbot.waitUntil(lambda: not dialog.report.resend.isVisible(), timeout=15_000)
    assert f"✓ Sent to the releases folder {missing}" in plain(dialog.report.sent)
    assert (missing / "releases" / "1.0.0" / "bundle.json").is_file()
    dialog.accept()
    settle(qtbot, window)

    # Nothing changed since: the publisher confirms the release is still current instead.
    dialog = open_dialog(qtbot, window)
    assert "Bots are told that release 1.0.0 is current until" in plain(dialog.channels)
    assert not dialog.publish_button.isEnabled() and dialog.renew_button.isVisible()
    before = notice["expires"]
    unlock_with_passphrase(qtbot)
    click(qtbot, dialog.renew_button)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=15_000)
    assert "Release 1.0.0 is confirmed current." in plain(dialog.outcome)
    renewed = json.loads((served / "notice.json").read_text())
    assert renewed["expires"] >= before and renewed["issued"] >= notice["issued"]
    last = library.repo.git.log("-1", "--format=%an|%s", "published")
    assert last.startswith("Pat Publisher|Notice: release 1.0.0 is current until")
    assert library.repo.git.tag("--list") == "v1.0.0"  # no new release
    dialog.accept()
    drain(qtbot, window)


def test_without_a_channel_the_dialog_says_bots_need_the_library(qtbot, settings, library):
    keys = give_keys(library, ["dr-one", "dr-two", "pat"])
    sign_all(library, keys, ["dr-one", "dr-two"])
    window = make_window(qtbot, library, settings, person_id="pat")
    dialog = open_dialog(qtbot, window)
    assert "No releases channel is set up" in plain(dialog.channels)
    dialog.reject()
    drain(qtbot, window)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_dialog_fits_a_small_screen_in_both_languages(
    qtbot, settings, channels, tmp_path, language
):
    """Rendered at 1366x768 after publishing; every word of it in the chosen language."""
    library, served, missing = channels
    app = QApplication.instance()
    install_translations(app, language)
    try:
        window = make_window(qtbot, library, settings, person_id="pat", ui_locale=language)
        dialog = open_dialog(qtbot, window)
        unlock_with_passphrase(qtbot)
        click(qtbot, dialog.publish_button)
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=15_000)
        dialog.resize(1366, 768)
        QApplication.processEvents()
        image = dialog.grab()
        image.save(str(tmp_path / f"publish-channels-{language}.png"))
        assert (image.width(), image.height()) == (1366, 768)
        if language == "ru":
            shown = " ".join(
                plain(label) for label in (dialog.channels, dialog.outcome, dialog.report.sent)
            )
            for english in ("Sent to", "Bots and sites", "releases folder", "bots are told"):
                assert english not in shown
            assert "Отправлено: папка выпусков" in shown
        dialog.accept()
        drain(qtbot, window)
    finally:
        install_translations(app, "en")


def test_confirming_the_release_looks_right_in_russian(qtbot, settings, channels, tmp_path):
    library, served, missing = channels
    missing.mkdir()
    app = QApplication.instance()
    install_translations(app, "ru")
    try:
        window = make_window(qtbot, library, settings, person_id="pat", ui_locale="ru")
        dialog = open_dialog(qtbot, window)
        unlock_with_passphrase(qtbot)
        click(qtbot, dialog.publish_button)
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=15_000)
        dialog.accept()
        settle(qtbot, window)
        dialog = open_dialog(qtbot, window)
        dialog.resize(1366, 768)
        QApplication.processEvents()
        dialog.grab().save(str(tmp_path / "renew-before-ru.png"))
        assert dialog.renew_button.text() == "Подтвердить &актуальность…"
        unlock_with_passphrase(qtbot)
        click(qtbot, dialog.renew_button)
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=15_000)
        QApplication.processEvents()
        dialog.grab().save(str(tmp_path / "renew-after-ru.png"))
        assert "Актуальность выпуска 1.0.0 подтверждена." in plain(dialog.outcome)
        assert plain(dialog.report.sent).count("Отправлено: папка выпусков") == 2
        dialog.accept()
        drain(qtbot, window)
    finally:
        install_translations(app, "en")
