"""The app's own settings, in one typed place: who I am, recent libraries, window, language.

Stored with QSettings in an INI file under the user's config folder. Content, review records
and people live in the library, never here. Nothing is read until `Settings()` is made.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from authoring_app.library import paths
from authoring_app.library.recovery import library_hash

MAX_RECENT = 8
LANGUAGES = ("en", "ru")

# Every key, in one place.
_IDENTITY = "identity/{library}"
_RECENT = "libraries/recent"
_GEOMETRY = "window/geometry"
_STATE = "window/state"
_SPLITTER = "window/splitter"
_LANGUAGE = "interface/language"


class Settings:
    """Typed access to the settings file. Changes are written at once."""

    def __init__(self, file: Path | None = None):
        self.file = file or paths.config_dir() / "settings.ini"
        self.file.parent.mkdir(parents=True, exist_ok=True)
        self._store = QSettings(str(self.file), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self._store.sync()

    # -- who I am (per library: each library has its own roster) ---------------------------

    def person_id(self, library_path: Path | str) -> str | None:
        value = self._store.value(_IDENTITY.format(library=library_hash(library_path)))
        return str(value) if value else None

    def set_person_id(self, library_path: Path | str, person_id: str) -> None:
        self._store.setValue(_IDENTITY.format(library=library_hash(library_path)), person_id)

    # -- libraries -------------------------------------------------------------------------

    @property
    def recent_libraries(self) -> list[Path]:
        value = self._store.value(_RECENT) or []
        if isinstance(value, str):
            value = [value]
        return [Path(v) for v in value if v]

    def add_recent_library(self, path: Path | str) -> None:
        path = Path(path).expanduser().resolve()
        recent = [p for p in self.recent_libraries if p != path]
        self._store.setValue(_RECENT, [str(p) for p in [path, *recent][:MAX_RECENT]])

    # -- the window ------------------------------------------------------------------------

    @property
    def window_geometry(self) -> QByteArray | None:
        return self._bytes(_GEOMETRY)

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._store.setValue(_GEOMETRY, value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes(_STATE)

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._store.setValue(_STATE, value)

    @property
    def splitter_state(self) -> QByteArray | None:
        return self._bytes(_SPLITTER)

    @splitter_state.setter
    def splitter_state(self, value: QByteArray) -> None:
        self._store.setValue(_SPLITTER, value)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._store.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    # -- language --------------------------------------------------------------------------

    @property
    def language(self) -> str | None:
        """ "en" or "ru"; None means: follow the system's language."""
        value = self._store.value(_LANGUAGE)
        return value if value in LANGUAGES else None

    @language.setter
    def language(self, value: str | None) -> None:
        if value in LANGUAGES:
            self._store.setValue(_LANGUAGE, value)
        else:
            self._store.remove(_LANGUAGE)
