"""The window's actions, by name, and the menus and toolbar they appear in.

Any part of the app adds its commands here, so menus, toolbar and shortcuts stay in one place:

    action = window.actions.add("review.sign_off", window.tr("&Sign off…"), callback,
                                menu="review", shortcut="Ctrl+Shift+S", toolbar=True)
    window.actions.menu("review", window.tr("&Review"))   # creates the menu if needed
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

Shortcut = QKeySequence.StandardKey | str | None


class ActionRegistry:
    def __init__(self, window: QMainWindow, toolbar: QToolBar):
        self._window = window
        self._toolbar = toolbar
        self._actions: dict[str, QAction] = {}
        self._menus: dict[str, QMenu] = {}

    def menu(self, name: str, title: str | None = None, *, before: str | None = None) -> QMenu:
        """The menu called `name`; made (with `title`) the first time it is asked for."""
        if name not in self._menus:
            menu = QMenu(title or name, self._window)
            menu.setObjectName(f"menu_{name}")
            bar = self._window.menuBar()
            if before in self._menus:
                bar.insertMenu(self._menus[before].menuAction(), menu)
            else:
                bar.addMenu(menu)
            self._menus[name] = menu
        return self._menus[name]

    def add(
        self,
        name: str,
        text: str,
        callback: Callable[[], object],
        *,
        menu: str | None = None,
        shortcut: Shortcut = None,
        toolbar: bool = False,
        tip: str | None = None,
        checkable: bool = False,
    ) -> QAction:
        if name in self._actions:
            raise ValueError(f"an action called {name!r} already exists")
        action = QAction(text, self._window)
        action.setObjectName(f"action_{name}")
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        elif shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.setCheckable(checkable)
        action.triggered.connect(lambda _checked=False: callback())
        self._window.addAction(action)  # shortcuts work even when the menu is hidden
        if menu is not None:
            self.menu(menu).addAction(action)
        if toolbar:
            self._toolbar.addAction(action)
        self._actions[name] = action
        return action

    def separator(self, menu: str) -> None:
        self.menu(menu).addSeparator()

    def __getitem__(self, name: str) -> QAction:
        return self._actions[name]

    def get(self, name: str) -> QAction | None:
        return self._actions.get(name)

    def __contains__(self, name: str) -> bool:
        return name in self._actions

    def names(self) -> list[str]:
        return list(self._actions)
