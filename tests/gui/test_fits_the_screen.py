"""Every dialog, in English and in Russian, on a 1366×768 laptop: it fits the screen and no
label, button or box cuts its own text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QRadioButton,
)

from authoring_app.gui import screen_fit
from authoring_app.gui.app import install_translations
from authoring_app.library.answer import AnswerKey
from authoring_app.sync.askpass import Question
from tests.gui.conftest import drain, make_window

LAPTOP = QRect(0, 0, 1366, 728)  # a 1366×768 screen less a 40-pixel panel
ABSCESS = AnswerKey("abscess-warning-signs", "ru")


@pytest.fixture(params=["en", "ru"])
def language(request, monkeypatch):
    app = QApplication.instance()
    install_translations(app, request.param)
    monkeypatch.setattr(screen_fit, "available", lambda widget=None: LAPTOP)
    yield request.param
    install_translations(app, "en")


@pytest.fixture
def laptop_window(qtbot, sample_library, settings, language):
    window = make_window(qtbot, sample_library, settings, "demo-author", ui_locale=language)
    window.resize(LAPTOP.size() - screen_fit.FRAME)
    window.open_answer(ABSCESS)
    yield window
    drain(qtbot, window)


def dialogs(window) -> dict[str, QDialog]:
    """Every dialog of the app, made as the app makes it."""
    from authoring_app.gui.dialogs import NewAnswerDialog, NewTranslationDialog, SettingsDialog
    from authoring_app.gui.help_window import HelpWindow
    from authoring_app.gui.identity_dialog import IdentityDialog
    from authoring_app.gui.publish_dialog import PublishDialog
    from authoring_app.gui.review_dialogs import MessageDialog, NewPassphraseDialog
    from authoring_app.gui.server_dialogs import HostKeyDialog, SignInDialog
    from authoring_app.gui.service_picker import ServicePicker
    from authoring_app.gui.share_dialog import CloneDialog, ShareDialog
    from authoring_app.gui.signoff_dialog import SignOffDialog
    from authoring_app.release.preview import sign_off_preview

    library = window.library
    tr = QApplication.translate
    intro = tr(
        "ReviewPanel",
        "You are about to sign off the exact text below. Your signature means: clinical "
        "approval for publication. Any later edit voids it.",
    )
    return {
        "new answer": NewAnswerDialog(library.info, set(), window.ui_locale, window),
        "new translation": NewTranslationDialog(library.answer(ABSCESS), ["en"], window),
        "settings": SettingsDialog(None, window),
        "who am I": IdentityDialog(library.roster, "demo-author", window),
        "history": window.history_dialog(),
        "publish": PublishDialog(window),
        "send for review": MessageDialog(
            tr("ReviewPanel", "Send for review"),
            tr(
                "ReviewPanel",
                "A note to the doctor, if you like: what changed, what to look at first. The "
                "doctor sees it in the review thread.",
            ),
            tr("ReviewPanel", "Send for review"),
            required=False,
            parent=window,
        ),
        "request changes": MessageDialog(
            tr("ReviewPanel", "Request changes"),
            tr(
                "ReviewPanel",
                "Say what must change before you can sign this off. The author sees this in "
                "the review thread.",
            ),
            tr("ReviewPanel", "Request changes"),
            required=True,
            parent=window,
        ),
        "sign off": SignOffDialog(
            sign_off_preview(library, ABSCESS),
            library.roster.get("demo-clinician-1"),
            library.answer(ABSCESS).content_hash(),
            intro,
            lambda _passphrase: None,
            window,
        ),
        "new passphrase": NewPassphraseDialog("Dr Maria Example", window),
        "sign in": SignInDialog(Question("password", "git.example.org", username="maria"), window),
        "ssh passphrase": SignInDialog(
            Question("passphrase", "/home/maria/.ssh/id_ed25519"), window
        ),
        "host key": HostKeyDialog(
            Question(
                "host-key",
                "git.example.org",
                fingerprint="SHA256:" + "x" * 43,
                key_type="ED25519",
            ),
            window,
        ),
        "share": ShareDialog(window),
        "clone": CloneDialog(window),
        "insert a service": ServicePicker(library.directory, "ru", window),
        "help": HelpWindow(window),
    }


def cut_texts(dialog: QDialog) -> list[str]:
    """Each visible label, button or box whose text does not fit in it, with what it says."""
    cut = []
    for widget in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton):
        if not widget.isVisibleTo(dialog) or not widget.text().strip():
            continue
        if widget.width() <= 0:
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height() + 1:
                cut.append(f"{widget.text()!r}: {widget.height()} of {needed} px high")
        else:
            needed = widget.minimumSizeHint().width()
            if isinstance(widget, QCheckBox | QRadioButton) or not isinstance(widget, QLabel):
                needed = widget.sizeHint().width()
            if needed > widget.width() + 1:
                cut.append(f"{widget.text()!r}: {widget.width()} of {needed} px wide")
    for combo in dialog.findChildren(QComboBox):
        if combo.isVisibleTo(dialog) and combo.width() + 1 < combo.minimumSizeHint().width():
            cut.append(f"{combo.currentText()!r}: {combo.width()} px wide")
    return cut


def test_every_dialog_fits_a_laptop_screen_and_shows_all_its_text(qtbot, laptop_window, language):
    window = laptop_window
    room = LAPTOP.size() - screen_fit.FRAME
    problems = []
    for name, dialog in dialogs(window).items():
        assert dialog is not None, name
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        window.tasks.wait()
        QApplication.processEvents()
        size = dialog.size()
        if size.width() > room.width() or size.height() > room.height():
            problems.append(f"{name}: {size.width()}×{size.height()} is larger than the screen")
        minimum = dialog.minimumSizeHint()
        if QSize(room).expandedTo(minimum) != room:
            problems.append(f"{name}: needs at least {minimum.width()}×{minimum.height()}")
        problems += [f"{name}: {text}" for text in cut_texts(dialog)]
        dialog.reject()
    assert problems == [], f"in {language}:\n" + "\n".join(problems)


def narrow_fields(window) -> list[str]:
    """Each visible text box too narrow to show a few words."""
    from PySide6.QtWidgets import QLineEdit

    narrow = []
    for field in window.findChildren(QLineEdit):
        if (
            field.isVisibleTo(window)
            and field.width() < field.fontMetrics().averageCharWidth() * 12
        ):
            narrow.append(
                f"{field.accessibleName() or field.placeholderText()!r}: {field.width()} px"
            )
    return narrow


@pytest.mark.parametrize("panel", ["checks", "review", "try"])
def test_the_main_window_shows_all_its_text_on_a_laptop(qtbot, laptop_window, language, panel):
    window = laptop_window
    window.show_side_panel(panel)
    window.tasks.wait()
    QApplication.processEvents()
    assert window.minimumSizeHint().boundedTo(LAPTOP.size()) == window.minimumSizeHint()
    problems = cut_texts(window) + narrow_fields(window)
    form = window.editor.form_scroll
    if form.widget().width() > form.viewport().width():  # it scrolls only up and down
        problems.append(f"the form is cut: {form.widget().width()} px in {form.viewport().width()}")
    assert problems == [], f"in {language}, with {panel}:\n" + "\n".join(problems)


@pytest.mark.parametrize("screen", [QRect(0, 0, 1366, 728), QRect(0, 0, 1920, 1040)])
def test_the_window_starts_no_larger_than_the_screen(qtbot, sample_library, monkeypatch, screen):
    from authoring_app.gui.app import start_window
    from authoring_app.gui.main_window import MainWindow
    from authoring_app.gui.settings import Settings

    monkeypatch.setattr(screen_fit, "available", lambda widget=None: screen)
    monkeypatch.setattr(MainWindow, "ensure_person", lambda self: None)  # no "who am I?"
    settings = Settings()
    window = start_window(settings, "en", str(sample_library.path))
    qtbot.addWidget(window)
    wanted = screen_fit.MAIN_WINDOW.boundedTo(screen.size() - screen_fit.FRAME)
    assert window.size() == wanted
    window.tasks.wait()

    # Saved on a larger screen, then opened on the laptop: it shrinks to fit.
    window.resize(2400, 1400)
    settings.window_geometry = window.saveGeometry()
    again = start_window(settings, "en", str(sample_library.path))
    qtbot.addWidget(again)
    room = screen.size() - screen_fit.FRAME
    assert again.width() <= room.width() and again.height() <= room.height()
    again.tasks.wait()
    drain(qtbot, window)
    drain(qtbot, again)
