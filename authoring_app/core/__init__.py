"""The Qt-free core: library, answers, validation, review, rendering, releases, sync.

Nothing in this package imports PySide6 or `authoring_app.gui`; a test enforces it.
"""
