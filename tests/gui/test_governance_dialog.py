"""Library → Governors and rules…: an insider's change to the roster shows as waiting, with
its diff, in a banner and the dialog; it counts only once two governors sign it there with
their own keys, and a decline is kept with its reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from authoring_app.gui.app import install_translations
from authoring_app.review.governed import governed
from tests.gui.conftest import drain, make_window
from tests.gui.review_helpers import click, in_next_dialog, plain
from tests.release.helpers import PASSPHRASE, give_keys
from tests.review.test_governance import insider_edit


def sign_with_passphrase(qtbot, passphrase=PASSPHRASE):
    in_next_dialog(lambda unlock: (qtbot.keyClicks(unlock.passphrase, passphrase), unlock.accept()))


def open_dialog(window):
    window.actions["governance"].trigger()
    return window.governance_dialog


def rename_dr_one(library):
    insider_edit(library, "people.yaml", lambda text: text.replace("Dr One", "Dr One Smith"))


def test_a_roster_change_waits_for_two_governors_and_then_counts(qtbot, library, settings):
    give_keys(library, ["gov-one", "gov-two"])
    rename_dr_one(library)
    window = make_window(qtbot, library, settings)
    assert window.governance_banner.isVisible()
    assert "1 change(s) to the people, rules or services wait" in plain(window.governance_banner)

    dialog = open_dialog(window)
    assert dialog.changes.count() == 1
    assert "signed by 0 of 2 governors needed" in dialog.changes.item(0).text()
    assert "-  - id: dr-one" not in dialog.diff.toPlainText()  # only what changed, and around
    assert "+    name: Dr One Smith" in dialog.diff.toPlainText()
    assert "-    name: Dr One" in dialog.diff.toPlainText()

    for governor in ("gov-one", "gov-two"):
        dialog.signer.setCurrentIndex(dialog.signer.findData(governor))
        sign_with_passphrase(qtbot)
        click(qtbot, dialog.approve_button)
        qtbot.waitUntil(lambda: dialog.changes.count() in (0, 1), timeout=5_000)
    assert dialog.changes.count() == 0
    assert governed(library).roster.get("dr-one").name == "Dr One Smith"
    assert not window.governance_banner.isVisible()
    records = (Path(library.path) / "governance/records.jsonl").read_text("utf-8").splitlines()
    assert [(json.loads(r)["kind"], json.loads(r)["person"]) for r in records[-2:]] == [
        ("approved", "gov-one"),
        ("approved", "gov-two"),
    ]
    dialog.reject()
    drain(qtbot, window)


def test_a_wrong_passphrase_signs_nothing_and_a_decline_keeps_its_reason(
    qtbot, library, settings, monkeypatch
):
    give_keys(library, ["gov-one"])
    rename_dr_one(library)
    window = make_window(qtbot, library, settings)
    dialog = open_dialog(window)
    before = (Path(library.path) / "governance/records.jsonl").read_text("utf-8")

    def wrong_then_cancel(unlock):
        qtbot.keyClicks(unlock.passphrase, "not the passphrase")
        unlock.accept()
        QApplication.processEvents()
        assert unlock.isVisible()  # asked again, with the reason
        unlock.reject()

    in_next_dialog(wrong_then_cancel)
    click(qtbot, dialog.approve_button)
    assert (Path(library.path) / "governance/records.jsonl").read_text("utf-8") == before

    monkeypatch.setattr(
        "authoring_app.gui.governance_dialog.QInputDialog.getMultiLineText",
        lambda *_args, **_kw: ("Dr One has not asked for this.", True),
    )
    sign_with_passphrase(qtbot)
    click(qtbot, dialog.reject_button)
    qtbot.waitUntil(lambda: "declined by Gov One" in dialog.changes.item(0).text(), timeout=5_000)
    assert "Dr One has not asked for this." in dialog.changes.item(0).text()
    assert governed(library).roster.get("dr-one").name == "Dr One"
    dialog.reject()
    drain(qtbot, window)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_dialog_fits_a_small_screen_in_both_languages(
    qtbot, library, settings, tmp_path, language
):
    rename_dr_one(library)
    app = QApplication.instance()
    install_translations(app, language)
    try:
        window = make_window(qtbot, library, settings, ui_locale=language)
        dialog = open_dialog(window)
        dialog.resize(1366, 768)
        QApplication.processEvents()
        image = dialog.grab()
        image.save(str(tmp_path / f"governance-{language}.png"))
        assert (image.width(), image.height()) == (1366, 768)
        if language == "ru":
            shown = " ".join(
                [plain(dialog.summary), dialog.changes.item(0).text(), dialog.approve_button.text()]
            )
            for english in ("Governors", "signed by", "Change to", "Sign this"):
                assert english not in shown
        dialog.reject()
        drain(qtbot, window)
    finally:
        install_translations(app, "en")


def test_the_publish_dialog_shows_what_changed_in_who_counts_first(qtbot, library, settings):
    from authoring_app.release import planning, publishing
    from tests.gui.test_publish_channels import open_dialog as open_publish_dialog
    from tests.people import KEYS
    from tests.review.support import EN, approve, govern

    approve(library, EN, {p: KEYS[p] for p in ("dr-one", "dr-two")})
    window = make_window(qtbot, library, settings, person_id="pat")
    dialog = open_publish_dialog(qtbot, window)
    assert plain(dialog.summary).startswith("Changed since the last release in who counts")
    assert "first release with governed trust" in plain(dialog.summary)
    dialog.reject()
    drain(qtbot, window)

    publishing.publish(library, planning.plan_release(library), "pat", KEYS["pat"])
    govern(library, "directory.yaml", lambda text: text.replace('"103"', '"104"'))
    dialog = open_publish_dialog(qtbot, window)
    summary = plain(dialog.summary)
    assert summary.startswith("Changed since the last release in who counts")
    assert "service changed in the directory: ambulance-103 (contact)" in summary
    assert summary.index("ambulance-103") < summary.index("answers in the release")
    dialog.reject()
    drain(qtbot, window)
