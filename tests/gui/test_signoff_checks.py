"""The sign-off dialog shows a doctor every check, service and the summary as the bot sends
it before the passphrase, and refuses to sign while a must-fix check stands: real widgets,
real repository."""

from __future__ import annotations

import pytest

from authoring_app.gui.app import install_translations
from authoring_app.library.answer import AnswerKey
from authoring_app.review.exceptions import record_exception
from authoring_app.review.library_status import answer_status
from tests.gui.conftest import drain, make_window
from tests.gui.review_helpers import click, in_next_dialog, open_review, settle
from tests.people import KEYS, save_as
from tests.release.helpers import PASSPHRASE, give_keys

EN = AnswerKey("abscess-signs", "en")
TYPED = "Or call +7 912 345-67-89 tonight."


@pytest.fixture
def doctor_window(qtbot, library, settings):
    give_keys(library, ["dr-one"])
    answer = library.answer(EN)
    save_as(library, answer.edited(summary=f"{answer.summary} {TYPED}", sources=()), "alex")
    window = make_window(qtbot, library, settings, person_id="dr-one")
    yield window
    drain(qtbot, window)


def look_at_sign_off(qtbot, window, panel, passphrase: str | None = None) -> dict:
    """Open the sign-off dialog; note what it shows; sign with `passphrase` or cancel."""
    seen = {}

    def look(dialog):
        seen["details"] = dialog.details.toPlainText()
        seen["statement"] = dialog.statement.text()
        seen["refusal"] = dialog.refusal.text() if dialog.refusal.isVisible() else ""
        seen["can_type"] = dialog.passphrase.isEnabled() and dialog.ok.isEnabled()
        if passphrase is not None and seen["can_type"]:
            qtbot.keyClicks(dialog.passphrase, passphrase)
            click(qtbot, dialog.ok)
        if dialog.isVisible():
            dialog.reject()

    in_next_dialog(look)
    click(qtbot, panel.buttons["sign_off"])
    settle(qtbot, window)
    return seen


def test_a_standing_error_is_shown_and_refused_until_a_governor_excepts_it(
    qtbot, doctor_window, library
):
    window = doctor_window
    panel = open_review(qtbot, window, EN)
    before = library.repo.git.log("--format=%H").split()
    seen = look_at_sign_off(qtbot, window, panel, PASSPHRASE)
    details = seen["details"]
    assert "Must fix · Short reply: A phone number is typed into the text" in details
    assert "'+7 912 345-67-89' looks like a phone number" in details
    assert "Must fix · Sources: No sources listed" in details
    assert "Example mobile unit: +7 000 000-00-01" in details
    assert f"Most lumps heal, but some need a doctor. {TYPED}" in details
    assert library.answer(EN).content_hash() in seen["statement"]
    assert not seen["can_type"]
    assert seen["refusal"].startswith("Signing is refused: must-fix checks stand")
    assert "A phone number is typed into the text; No sources listed" in seen["refusal"]
    assert library.repo.git.log("--format=%H").split() == before  # nothing signed
    assert answer_status(library, EN).sign_offs == ()

    for check in ("phone-in-text", "no-sources"):
        record_exception(library, EN, "gov-one", KEYS["gov-one"], check, "Agreed in committee.")
    window.reload_library()
    settle(qtbot, window)
    panel = open_review(qtbot, window, EN)
    window.open_answer(EN)
    checks = [window.checks.list.item(i).text() for i in range(window.checks.list.count())]
    [typed] = [text for text in checks if "A phone number is typed into the text" in text]
    assert typed.startswith("Consider · ")  # the panel's word for a warning
    assert "Passed for this exact text by the exception of governor Gov One: Agreed" in typed
    thread = panel.thread.toPlainText()
    assert "Gov One let a must-fix check pass for this text (governor's exception)" in thread
    assert "A phone number is typed into the text: Agreed in committee." in thread
    seen = look_at_sign_off(qtbot, window, panel, PASSPHRASE)
    assert seen["refusal"] == "" and seen["can_type"]
    assert "Passed by an exception · Short reply" in seen["details"]
    assert "Exception recorded by governor Gov One: Agreed in committee." in seen["details"]
    qtbot.waitUntil(lambda: answer_status(library, EN).sign_offs != (), timeout=10_000)
    assert [s.person for s in answer_status(library, EN).sign_offs] == ["dr-one"]


def test_the_refusal_and_the_checks_are_in_russian(qtbot, library, settings):
    from PySide6.QtWidgets import QApplication

    give_keys(library, ["dr-one"])
    save_as(library, library.answer(EN).edited(red_flags=(), body=""), "alex")
    install_translations(QApplication.instance(), "ru")
    try:
        window = make_window(qtbot, library, settings, person_id="dr-one", ui_locale="ru")
        panel = open_review(qtbot, window, EN)
        seen = look_at_sign_off(qtbot, window, panel)
        drain(qtbot, window)
    finally:
        install_translations(QApplication.instance(), "en")
    assert seen["refusal"].startswith("Утвердить нельзя: обязательные проверки не пройдены")
    assert "Напишите, когда нужно идти к врачу или вызывать скорую" in seen["refusal"]
    assert "Полный ответ пуст" in seen["refusal"]
    assert "Нужно исправить · Полный ответ: Полный ответ пуст" in seen["details"]
    assert "Службы и номера, которые покажет ответ" in seen["details"]
    assert "Подписывает: Dr One, Infectious diseases physician" in seen["statement"]
    assert not seen["can_type"]


def test_submitting_is_refused_with_the_checks_that_stand(qtbot, library, settings):
    save_as(library, library.answer(EN).edited(body=""), "alex")
    window = make_window(qtbot, library, settings, person_id="alex")
    panel = open_review(qtbot, window, EN)
    button = panel.buttons["submit"]
    assert not button.isEnabled()
    assert button.toolTip() == (
        "Must-fix checks stand: The full answer is empty. Fix them, or ask a governor to "
        "record an exception."
    )
    drain(qtbot, window)


def test_the_publish_dialog_says_which_checks_keep_an_answer_out(qtbot, library):
    from authoring_app.gui.publish_words import left_out_words
    from authoring_app.gui.status_view import status_word
    from authoring_app.release import planning
    from tests.review.test_exceptions import make_bad, old_sign_off

    make_bad(library, "phone-in-text")
    old_sign_off(library, EN)
    [item] = [i for i in planning.plan_release(library).left_out if i.key == EN]
    assert status_word(item.status) == "checks stand"
    assert left_out_words(item) == (
        "must-fix checks stand: A phone number is typed into the text (fix them, or a "
        "governor records an exception)"
    )


def test_a_governor_lets_a_check_pass_from_the_answer_menu_and_the_doctor_can_sign(
    qtbot, library, settings
):
    give_keys(library, ["dr-one", "gov-one"])
    save_as(library, library.answer(EN).edited(red_flags=()), "alex")
    window = make_window(qtbot, library, settings, person_id="dr-one")
    window.open_answer(EN)
    window.actions["record_exception"].trigger()
    dialog = window.exception_dialog
    assert dialog.check.currentData() == "red-flags-missing"
    assert not dialog.sign.isEnabled()  # no reason, no exception
    dialog.governor.setCurrentIndex(dialog.governor.findData("gov-one"))
    qtbot.keyClicks(dialog.reason, "Wound-care leaflet without red flags, agreed by the board.")

    # A wrong passphrase signs nothing; the right one records the exception.
    in_next_dialog(
        lambda unlock: (
            qtbot.keyClicks(unlock.passphrase, "wrong"),
            unlock.accept(),
            unlock.reject(),
        )
    )
    click(qtbot, dialog.sign)
    assert answer_status(library, EN).exceptions == ()
    in_next_dialog(lambda unlock: (qtbot.keyClicks(unlock.passphrase, PASSPHRASE), unlock.accept()))
    click(qtbot, dialog.sign)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    [record] = answer_status(library, EN).exceptions
    assert (record.person, record.check) == ("gov-one", "red-flags-missing")
    assert record.message == "Wound-care leaflet without red flags, agreed by the board."

    settle(qtbot, window)
    panel = open_review(qtbot, window, EN)
    seen = look_at_sign_off(qtbot, window, panel, PASSPHRASE)
    assert seen["refusal"] == "" and seen["can_type"]
    qtbot.waitUntil(lambda: answer_status(library, EN).sign_offs != (), timeout=10_000)
    drain(qtbot, window)


def test_a_source_without_an_address_is_worded_in_russian(qtbot, library, settings):
    from PySide6.QtWidgets import QApplication

    from authoring_app.library.answer import Source

    save_as(library, library.answer(EN).edited(sources=(Source("Листовка клиники"),)), "alex")
    install_translations(QApplication.instance(), "ru")
    try:
        window = make_window(qtbot, library, settings, person_id="alex", ui_locale="ru")
        window.open_answer(EN)
        texts = [window.checks.list.item(i).text() for i in range(window.checks.list.count())]
        drain(qtbot, window)
    finally:
        install_translations(QApplication.instance(), "en")
    [shown] = [t for t in texts if "Листовка клиники" in t]
    assert "укажите веб-адрес или DOI" in shown and "has no address" not in shown
