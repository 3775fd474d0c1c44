"""Start the desktop app: translations, the first run, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

I18N_DIR = Path(__file__).parent / "i18n"


def choose_language(requested: str | None, settings) -> str:
    """--lang, else the Settings dialog's choice, else the system's language (ru or en)."""
    from PySide6.QtCore import QLocale

    from authoring_app.gui.settings import LANGUAGES

    if requested in LANGUAGES:
        return requested
    if settings.language in LANGUAGES:
        return settings.language
    system = QLocale.system().name()[:2]
    return system if system in LANGUAGES else "en"


def install_translations(app, language: str) -> list:
    """Load the app's and Qt's own translations for `language`; returns the translators."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    installed = list(getattr(app, "_authoring_translators", []))
    for translator in installed:
        app.removeTranslator(translator)
    installed = []
    QLocale.setDefault(QLocale(language))
    if language != "en":
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in (
            (f"qtbase_{language}", qt_dir),
            (f"authoring_app_{language}", I18N_DIR),
        ):
            translator = QTranslator(app)
            if translator.load(name, str(folder)):
                app.installTranslator(translator)
                installed.append(translator)
    app._authoring_translators = installed
    return installed


def application():
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("authoring-app")
    app.setApplicationDisplayName("Authoring app")
    return app


def run(args) -> int:
    from authoring_app.gui.settings import Settings

    app = application()
    settings = Settings()
    language = choose_language(getattr(args, "lang", None), settings)
    install_translations(app, language)
    if getattr(args, "screenshot", None):
        from authoring_app.gui.screenshot import take_screenshot

        return take_screenshot(args, settings, language)
    window = start_window(settings, language, getattr(args, "library", None))
    window.show()
    return app.exec()


def start_window(settings, language: str, library_path):
    """Make the main window and open the library in the background (the sample on first run)."""
    from PySide6.QtCore import QCoreApplication

    from authoring_app.gui import ask
    from authoring_app.gui.main_window import MainWindow
    from authoring_app.gui.screen_fit import MAIN_WINDOW, available, resize_to_fit
    from authoring_app.sync.opening import own_library

    window = MainWindow(settings, ui_locale=language)
    resize_to_fit(window, MAIN_WINDOW.width(), MAIN_WINDOW.height())
    if settings.window_geometry is not None:
        window.restoreGeometry(settings.window_geometry)
        if not available(window).contains(window.frameGeometry()):  # saved on a larger screen
            resize_to_fit(window, window.width(), window.height())
    if settings.window_state is not None:
        window.restoreState(settings.window_state)

    def loaded(_library) -> None:
        window.ensure_person()
        window.offer_recovered()

    window.library_loaded.connect(loaded)
    window.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Opening the library…"))
    window.tasks.run(
        lambda: own_library(library_path),
        on_done=window.open_library,
        on_error=lambda exc: ask.error(
            window, QCoreApplication.translate("MainWindow", "Could not open the library"), str(exc)
        ),
        description=QCoreApplication.translate("MainWindow", "Preparing your library"),
    )
    return window
