"""Sizes that fit the screen the app runs on: a window never starts larger than the screen's
free area (a 1366×768 laptop has about 1366×728 of it), and keeps its preferred size where
there is room."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

MAIN_WINDOW = QSize(1400, 900)  # the main window's size where the screen has room
FRAME = QSize(16, 40)  # what a window manager adds around a window, at most (title bar, edges)


def available(widget: QWidget | None = None) -> QRect:
    """The free area of the screen `widget` is on (or the primary screen)."""
    screen = (widget.screen() if widget is not None else None) or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def fitting(wanted: QSize, widget: QWidget | None = None) -> QSize:
    """`wanted`, made smaller where the screen's free area (less a window frame) is."""
    room = available(widget).size() - FRAME
    return wanted.boundedTo(room)


def resize_to_fit(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to width×height, or less where the screen is smaller; then, if it is a
    window, centre it on the screen's free area."""
    size = fitting(QSize(width, height), widget)
    widget.resize(size)
    if widget.isWindow() and widget.parentWidget() is None:
        area = available(widget)
        widget.move(area.center() - widget.rect().center())


def resize_for_text(widget: QWidget, width: int) -> None:
    """Resize `widget` to `width` (or the screen's) and as high as its wrapped text needs
    there; a window's layout gives its height only for the width it first had, which cuts
    a long wrapped sentence."""
    width = fitting(QSize(width, 1), widget).width()
    layout = widget.layout()
    height = widget.sizeHint().height()
    if layout is not None:
        layout.activate()
        if layout.hasHeightForWidth():
            height = max(height, layout.totalHeightForWidth(width))
    resize_to_fit(widget, width, max(height, widget.minimumSizeHint().height()))
