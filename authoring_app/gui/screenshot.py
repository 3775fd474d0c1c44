"""`authoring-app --screenshot FILE.png [--view main|review|publish|history]`: render offscreen."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from authoring_app.library.answer import AnswerKey

SIZE = (1400, 900)
PREFERRED_ANSWER = "abscess-warning-signs"


def take_screenshot(args, settings, language: str) -> int:
    from authoring_app.gui.main_window import MainWindow
    from authoring_app.sync.opening import open_library, own_library

    library = open_library(own_library(getattr(args, "library", None)))
    window = MainWindow(settings, ui_locale=language)
    person = library.roster.get(settings.person_id(library.path) or "") or next(
        iter(library.roster.with_role("author")), None
    )
    window.set_library(library, owned=True, person=person)
    widget = screenshot_widget(window, getattr(args, "view", "main") or "main", language)
    ok = render(widget, args.screenshot)
    window.close()
    return 0 if ok else 1


def screenshot_widget(window, view: str, language: str) -> QWidget:
    """Prepare `window` for `view` and return the widget to render."""
    from authoring_app.gui.extensions import SCREENSHOT_VIEWS

    keys = window.library_panel.model.keys()
    wanted = AnswerKey(PREFERRED_ANSWER, language)
    key = wanted if wanted in keys else (keys[0] if keys else None)
    if key is not None:
        window.open_answer(key)
    window.resize(*SIZE)
    if view in SCREENSHOT_VIEWS:
        return SCREENSHOT_VIEWS[view](window)
    if view == "history":
        dialog = window.history_dialog()
        if dialog is not None:
            dialog.resize(*SIZE)
            window.tasks.wait()
            QApplication.processEvents()
            if dialog.revisions:
                dialog.list.setCurrentItem(dialog.list.topLevelItem(0))
            return dialog
    window.show_side_panel(view)
    return window


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
