"""Answer → Withdraw from the bots…, driven through the real dialogs: a doctor withdraws an
answer in every language (the default) with a reason, and is told how it reaches the bots;
without a reason nothing happens; someone who is not a doctor cannot."""

from __future__ import annotations

import pytest

from authoring_app.library.answer import AnswerKey
from authoring_app.review.library_status import library_status
from authoring_app.review.status import Status
from tests.gui.conftest import drain, make_window, type_text
from tests.gui.review_helpers import click, in_next_dialog, settle
from tests.release.helpers import give_keys, sign_all

EN, RU = AnswerKey("abscess-signs", "en"), AnswerKey("abscess-signs", "ru")


def test_a_doctor_withdraws_every_language_with_a_reason(
    qtbot, settings, library, answers_to_questions
):
    keys = give_keys(library, ["dr-one", "dr-two", "pat"])
    sign_all(library, keys, ["dr-one", "dr-two"])
    window = make_window(qtbot, library, settings, person_id="dr-one")
    window.session_keys.remember("dr-one", keys["dr-one"])  # unlocked earlier this session
    window.open_answer(EN)
    assert window.actions["withdraw"].isEnabled()
    before = library.repo.head.commit.hexsha

    def fill(dialog):
        assert dialog.objectName() == "withdraw_dialog"
        assert dialog.languages.currentData() is None  # every language by default
        assert "All languages" in dialog.languages.currentText()
        click(qtbot, dialog.withdraw_button)  # no reason yet: refused, in place
        assert dialog.isVisible() and dialog.hint.isVisible()
        assert "a withdrawal needs a reason" in dialog.hint.text()
        type_text(dialog.reason, "The wound advice changed; a new text follows")
        click(qtbot, dialog.withdraw_button)

    in_next_dialog(fill)
    window.actions["withdraw"].trigger()
    settle(qtbot, window)
    # Not a publisher: told who can get it off the bots now, and how.
    ((name, (_parent, title, text)),) = answers_to_questions
    assert (name, title) == ("inform", "Ask a publisher to publish now")
    assert "Withdrawn: abscess-signs (English, " in text and "urgent release" in text

    statuses = library_status(library)
    assert statuses[EN].status == statuses[RU].status == Status.RETIRED
    assert library.repo.head.commit.hexsha != before
    assert library.repo.head.commit.summary.startswith(
        "Withdraw answer abscess-signs (en, ru): The wound advice changed"
    )
    assert window.statuses[EN].status == "retired"  # the list follows
    drain(qtbot, window)


def test_cancelling_or_no_reason_withdraws_nothing(qtbot, settings, library):
    keys = give_keys(library, ["dr-one", "dr-two"])
    sign_all(library, keys, ["dr-one", "dr-two"])
    window = make_window(qtbot, library, settings, person_id="dr-one")
    window.session_keys.remember("dr-one", keys["dr-one"])
    window.open_answer(EN)
    before = library.repo.head.commit.hexsha

    def leave(dialog):
        dialog.languages.setCurrentIndex(dialog.languages.findData("ru"))
        click(qtbot, dialog.withdraw_button)
        assert dialog.hint.isVisible()
        dialog.reject()

    in_next_dialog(leave)
    window.actions["withdraw"].trigger()
    settle(qtbot, window)
    assert library.repo.head.commit.hexsha == before
    assert library_status(library)[RU].status != Status.RETIRED
    drain(qtbot, window)


def test_someone_who_is_not_a_doctor_cannot_withdraw(qtbot, settings, library):
    window = make_window(qtbot, library, settings, person_id="alex")
    window.open_answer(EN)
    action = window.actions["withdraw"]
    assert not action.isEnabled()
    assert action.toolTip() == "Only a doctor can withdraw an answer"
    drain(qtbot, window)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_withdraw_dialog_fits_a_laptop_screen_in_both_languages(
    qtbot, settings, library, language, tmp_path
):
    """docs/screenshots/withdraw*.png are these; in Russian every word is Russian."""
    from PySide6.QtWidgets import QApplication

    from authoring_app.gui.app import install_translations

    app = QApplication.instance()
    install_translations(app, language)
    try:
        window = make_window(qtbot, library, settings, person_id="dr-one", ui_locale=language)
        window.resize(1366, 768)
        window.open_answer(RU if language == "ru" else EN)
        shot = tmp_path / f"withdraw{'-ru' if language == 'ru' else ''}.png"

        def look(dialog):
            type_text(
                dialog.reason, "Совет устарел" if language == "ru" else "The advice is out of date"
            )
            dialog.reason.clear()
            click(qtbot, dialog.withdraw_button)  # the reason is required: say so
            QApplication.processEvents()
            window.grab().save(str(shot))  # the window behind, for the whole picture
            dialog.grab().save(str(shot.with_name("dialog-" + shot.name)))
            if language == "ru":
                words = " ".join(
                    [dialog.windowTitle(), dialog.languages.currentText(), dialog.hint.text()]
                )
                for english in ("Withdraw", "All languages", "reason", "bots"):
                    assert english not in words
                assert "Все языки" in words and "без причины" in words
            dialog.reject()

        in_next_dialog(look)
        window.actions["withdraw"].trigger()
        drain(qtbot, window)
    finally:
        install_translations(app, "en")


def test_the_withdrawal_reaches_a_pulled_bot_through_the_publishers_notice(
    qtbot, settings, library, tmp_path
):
    """Withdrawn in the app by a doctor; the publisher confirms the release in the Publish
    dialog (a signed notice, no new release); a bot that pulled before drops both languages
    at its next pull and keeps serving everything else."""
    import answer_kit
    from authoring_app.release import planning, publishing
    from tests.gui.review_helpers import become
    from tests.gui.test_publish_channels import open_dialog, unlock_with_passphrase
    from tests.release.helpers import pinned_key

    keys = give_keys(library, ["dr-one", "dr-two", "pat"])
    sign_all(library, keys, ["dr-one", "dr-two"])
    publishing.publish(library, planning.plan_release(library), "pat", keys["pat"])
    key = answer_kit.load_keys([pinned_key(library, tmp_path, "pat")])
    bot = tmp_path / "bot"
    answer_kit.pull(str(library.path), bot, key)
    assert {str(EN), str(RU)} <= {a["key"] for a in answer_kit.serving(bot, key).release.answers}

    window = make_window(qtbot, library, settings, person_id="dr-one")
    window.open_answer(RU)

    def fill(dialog):
        type_text(dialog.reason, "Устаревший совет")
        click(qtbot, dialog.withdraw_button)

    in_next_dialog(fill)
    window.actions["withdraw"].trigger()
    settle(qtbot, window)

    become(qtbot, window, "pat")
    dialog = open_dialog(qtbot, window)
    assert {EN, RU} <= set(dialog.plan.removed)
    assert dialog.renew_button.isVisible()  # the notice goes out without a new release
    unlock_with_passphrase(qtbot)
    click(qtbot, dialog.renew_button)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=15_000)
    dialog.accept()
    settle(qtbot, window)

    result = answer_kit.pull(str(library.path), bot, key)
    assert result.withdrawn == {str(EN), str(RU)}
    assert not {str(EN), str(RU)} & {a["key"] for a in answer_kit.serving(bot, key).release.answers}
    drain(qtbot, window)
