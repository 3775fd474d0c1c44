"""Where the app keeps per-user files: settings, private keys, recovery files, libraries.

Tests and scripts point these elsewhere with AUTHORING_APP_CONFIG_DIR and AUTHORING_APP_DATA_DIR.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "authoring-app"


def config_dir() -> Path:
    """Settings and private keys (never inside a library)."""
    override = os.environ.get("AUTHORING_APP_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))


def data_dir() -> Path:
    """The user's libraries, recovery files and pulled bundles."""
    override = os.environ.get("AUTHORING_APP_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def key_dir() -> Path:
    return config_dir() / "keys"


def default_library_dir() -> Path:
    return data_dir() / "library"


def sample_library_dir() -> Path:
    """The sample library shipped with the app."""
    import sample_content  # a data-only (namespace) package shipped beside the app

    return Path(next(iter(sample_content.__path__)))
