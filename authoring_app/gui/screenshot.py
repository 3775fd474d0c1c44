"""`authoring-app --screenshot FILE.png [--view VIEW] [--size WxH]`: render offscreen.

Views: main, review, publish, history, signoff (the sign-off dialog as a doctor sees it
before the passphrase), telegram (the preview of what the bot sends), emergency-editor (the
emergency response open in the
editor), new-answer, editor-service (the text with a service named and the formatting
buttons), service-picker, help, and try-emergency, try-answer, try-declined (the Try a question panel with a
message of each kind)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from authoring_app.gui.writing_views import WRITING_VIEWS
from authoring_app.library.answer import AnswerKey

SIZE = (1400, 900)
PREFERRED_ANSWER = "abscess-warning-signs"
EMERGENCY_ANSWER = "emergency-response"


def take_screenshot(args, settings, language: str) -> int:
    from authoring_app.gui.main_window import MainWindow
    from authoring_app.sync.opening import open_library, own_library

    library = open_library(own_library(getattr(args, "library", None)))
    window = MainWindow(settings, ui_locale=language)
    person = library.roster.get(settings.person_id(library.path) or "") or next(
        iter(library.roster.with_role("author")), None
    )
    window.set_library(library, owned=True, person=person)
    size = _size(getattr(args, "size", None))
    widget = screenshot_widget(window, getattr(args, "view", "main") or "main", language, size)
    ok = render(widget, args.screenshot)
    window.close()
    return 0 if ok else 1


def _size(text: str | None) -> tuple[int, int]:
    """ "1366x768" as (1366, 768); SIZE if not given or not of that form."""
    width, _, height = (text or "").lower().partition("x")
    if width.isdigit() and height.isdigit() and int(width) > 0 and int(height) > 0:
        return int(width), int(height)
    return SIZE


def screenshot_widget(window, view: str, language: str, size: tuple[int, int] = SIZE) -> QWidget:
    """Prepare `window` for `view` and return the widget to render."""
    from authoring_app.gui.extensions import SCREENSHOT_VIEWS

    keys = window.library_panel.model.keys()
    preferred = EMERGENCY_ANSWER if view == "emergency-editor" else PREFERRED_ANSWER
    wanted = AnswerKey(preferred, language)
    key = wanted if wanted in keys else (keys[0] if keys else None)
    if key is not None:
        window.open_answer(key)
    window.resize(*size)
    if view in SCREENSHOT_VIEWS:
        return SCREENSHOT_VIEWS[view](window)
    if view == "history":
        dialog = window.history_dialog()
        if dialog is not None:
            dialog.resize(*size)
            window.tasks.wait()
            QApplication.processEvents()
            if dialog.revisions:
                dialog.list.setCurrentItem(dialog.list.topLevelItem(0))
            return dialog
    if view == "signoff" and key is not None:
        return signoff_dialog(window, key, size)
    if view in WRITING_VIEWS:
        return WRITING_VIEWS[view](window, size)
    if view == "telegram":  # the preview's Telegram tab: what the bot sends
        window.editor.preview.setCurrentWidget(window.editor.preview.telegram)
        return window
    window.show_side_panel(view)
    return window


def signoff_dialog(window, key: AnswerKey, size: tuple[int, int]) -> QWidget:
    """The sign-off dialog for `key`, as the library's first clinician would see it."""
    from authoring_app.gui.signoff_dialog import SignOffDialog
    from authoring_app.release.preview import sign_off_preview

    library = window.library
    doctor = next(iter(library.roster.with_role("clinician")))
    key = (
        AnswerKey("opioid-overdose-signs", key.locale)
        if library.find(AnswerKey("opioid-overdose-signs", key.locale))
        else key
    )  # an answer with a check to show
    intro = QApplication.translate(
        "ReviewPanel",
        "You are about to sign off the exact text below. Your signature means: clinical "
        "approval for publication. Any later edit voids it.",
    )
    dialog = SignOffDialog(
        sign_off_preview(library, key),
        doctor,
        library.answer(key).content_hash(),
        intro,
        lambda _passphrase: None,
        window,
    )
    dialog.resize(*size)
    return dialog


def render(widget: QWidget, path: str) -> bool:
    window = widget if hasattr(widget, "tasks") else widget.parent()
    if window is not None and hasattr(window, "tasks"):
        window.tasks.wait()
    widget.show()
    for _ in range(3):
        QApplication.processEvents()
    editor = getattr(widget, "editor", None)
    if editor is not None:
        editor.update_preview()
        QApplication.processEvents()
    return widget.grab().save(path)
