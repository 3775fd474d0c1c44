"""Screenshot views of writing an answer: the New answer dialog, the text with a service
named in it, and the service list (see screenshot.py)."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QPainter, QTextCursor
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from authoring_app.gui.markdown_edit import OBJECT


def new_answer(window, size) -> QWidget:
    from authoring_app.gui.dialogs import NewAnswerDialog

    library = window.library
    dialog = NewAnswerDialog(
        library.info, {a.key for a in library.answers()}, window.ui_locale, window
    )
    dialog.question.setText(
        "Как беречь вены?" if window.ui_locale == "ru" else "How do I look after my veins?"
    )
    dialog.adjustSize()
    return over_window(window, dialog)


def editor_service(window, size) -> QWidget:
    """The editor with the cursor just after a service's name, the toolbar above."""
    body = window.editor.body
    text = body.document().toPlainText()
    at = text.find(OBJECT)
    cursor = body.textCursor()
    cursor.setPosition(at + 1 if at >= 0 else 0)
    body.setTextCursor(cursor)
    window.editor.splitter.setSizes([200, 600])
    body.setFocus()
    body.ensureCursorVisible()
    cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
    return window


def service_picker(window, size) -> QWidget:
    from authoring_app.gui.service_picker import ServicePicker

    answer = window.editor.answer()
    locale = answer.locale if answer is not None else window.ui_locale
    picker = ServicePicker(window.library.directory, locale, window)
    picker.search.setText("пример" if locale == "ru" else "example")
    return over_window(window, picker)


def over_window(window, dialog: QWidget) -> QWidget:
    """The window with `dialog` in its middle, as a person sees a dialog open on it."""
    window.show()
    dialog.show()
    for _ in range(3):
        QApplication.processEvents()
    picture = window.grab()
    shown = dialog.grab()
    dialog.hide()
    painter = QPainter(picture)
    painter.fillRect(picture.rect(), QColor(0, 0, 0, 60))
    corner = QPoint(
        (picture.width() - shown.width()) // 2, (picture.height() - shown.height()) // 2
    )
    painter.drawPixmap(corner, shown)
    painter.end()
    label = QLabel()
    label.setPixmap(picture)
    label.resize(picture.size())
    return label


WRITING_VIEWS = {
    "new-answer": new_answer,
    "editor-service": editor_service,
    "service-picker": service_picker,
}
