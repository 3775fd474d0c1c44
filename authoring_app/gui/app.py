"""Start the desktop app."""

from __future__ import annotations

import sys


def run(args) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    from authoring_app.core.first_run import ensure_library
    from authoring_app.core.library import Library

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with Library.open(ensure_library(args.library)) as library:
        label = QLabel(f"{library.info.name}: {len(library.answers())} answers")
        label.setWindowTitle("Authoring app")
        if args.screenshot:
            label.resize(800, 600)
            label.grab().save(args.screenshot)
            return 0
        label.show()
        return app.exec()
