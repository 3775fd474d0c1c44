"""The main window's menus, toolbar and shortcuts (the areas add their own, see extensions.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QStyle


def build_menus(window, *, can_clone: bool) -> None:
    """The File, Edit, Answer and Library menus with the window's own commands."""
    a = window.actions
    a.menu("file", window.tr("&File"))
    a.menu("edit", window.tr("&Edit"))
    a.menu("answer", window.tr("&Answer"))
    a.menu("library", window.tr("&Library"))
    a.add(
        "new_answer",
        window.tr("&New answer…"),
        window.new_answer,
        menu="file",
        shortcut=QKeySequence.StandardKey.New,
        toolbar=True,
        tip=window.tr("Write a new answer"),
    )
    a.add(
        "new_translation",
        window.tr("New &translation of this answer…"),
        window.new_translation,
        menu="file",
        shortcut="Ctrl+Shift+T",
        toolbar=True,
        tip=window.tr("Write this answer in another language"),
    )
    a.add(
        "save",
        window.tr("&Save"),
        window.save,
        menu="file",
        shortcut=QKeySequence.StandardKey.Save,
        toolbar=True,
        tip=window.tr("Save this answer"),
    )
    a.separator("file")
    a.add(
        "open_library",
        window.tr("&Open library…"),
        window.choose_library,
        menu="file",
        shortcut=QKeySequence.StandardKey.Open,
    )
    if can_clone:
        a.add("clone_library", window.tr("&Clone library from…"), window.clone_library, menu="file")
    window.recent_menu = a.menu("file").addMenu(window.tr("&Recent libraries"))
    window.recent_menu.aboutToShow.connect(window.fill_recent)
    a.separator("file")
    a.add(
        "settings",
        window.tr("Se&ttings…"),
        window.show_settings,
        menu="file",
        shortcut=QKeySequence.StandardKey.Preferences,
    )
    a.add(
        "quit",
        window.tr("&Quit"),
        window.close,
        menu="file",
        shortcut=QKeySequence.StandardKey.Quit,
    )
    a.add("undo", window.tr("&Undo"), lambda: window.edit_command("undo"), menu="edit")
    a.add("redo", window.tr("&Redo"), lambda: window.edit_command("redo"), menu="edit")
    a["undo"].setShortcuts(QKeySequence.StandardKey.Undo)
    a["redo"].setShortcuts(QKeySequence.StandardKey.Redo)
    for name in ("undo", "redo"):  # the focused text box handles the keys itself
        a[name].setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    a.separator("edit")
    a.add(
        "find",
        window.tr("&Find answers"),
        window.focus_search,
        menu="edit",
        shortcut=QKeySequence.StandardKey.Find,
    )
    a.add(
        "history",
        window.tr("&History…"),
        window.show_history,
        menu="answer",
        shortcut="Ctrl+H",
        toolbar=True,
        tip=window.tr("Every saved version of this answer"),
    )
    a.add(
        "checks",
        window.tr("Show &checks"),
        lambda: window.show_side_panel("checks"),
        menu="answer",
        shortcut="Ctrl+Shift+K",
    )
    a.add("identity", window.tr("&Who am I…"), window.change_person, menu="library")
    a.add(
        "reload",
        window.tr("&Reload from disk"),
        window.reload_library,
        menu="library",
        shortcut=QKeySequence.StandardKey.Refresh,
    )
    style = window.style()
    for name, icon in (
        ("new_answer", QStyle.StandardPixmap.SP_FileIcon),
        ("new_translation", QStyle.StandardPixmap.SP_FileDialogNewFolder),
        ("save", QStyle.StandardPixmap.SP_DialogSaveButton),
        ("history", QStyle.StandardPixmap.SP_FileDialogDetailedView),
    ):
        a[name].setIcon(style.standardIcon(icon))
