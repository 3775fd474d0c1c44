"""Where other parts of the app plug into the main window.

A module that adds to the window (a review panel, a publish dialog, a sync action) defines
`install(window)`, and is listed in `WINDOW_MODULES`; it is imported when the window is built,
and skipped if it is not there. `install` uses the window's seams:

    window.add_side_panel(widget, window.tr("Review"), name="review")   # a tab on the right
    window.actions.add("publish", window.tr("&Publish…"), callback, menu="library")
    window.tasks.run(job, on_done=..., on_error=...)                    # work off the GUI thread
    window.answer_opened.connect(...); window.answer_saved.connect(...); window.library_loaded...

A screenshot view (`--view NAME`) is a function in `SCREENSHOT_VIEWS` that gets the ready
window and returns the widget to render; without one, the window is rendered with the side
panel called NAME selected, if there is one.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

WINDOW_MODULES = (
    "authoring_app.gui.review_panel",
    "authoring_app.gui.publish_action",
    "authoring_app.gui.sync_action",
    "authoring_app.gui.try_panel",
    "authoring_app.gui.governance_dialog",
    "authoring_app.gui.exception_dialog",
    "authoring_app.gui.withdraw_dialog",
    "authoring_app.gui.help_window",  # last, so Help is the last menu
)
WINDOW_EXTENSIONS: list[Callable] = []  # install(window) functions added at run time
SCREENSHOT_VIEWS: dict[str, Callable] = {}


def window_extensions() -> list[Callable]:
    found = list(WINDOW_EXTENSIONS)
    for name in WINDOW_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        install = getattr(module, "install", None)
        if install is not None and install not in found:
            found.append(install)
    return found
