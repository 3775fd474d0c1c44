"""The core must work where Qt is not installed (servers, CI, bot maintainers' machines)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import authoring_app.library
import authoring_app.release
import authoring_app.review
import authoring_app.sync

BLOCK_QT = """
import importlib.abc, sys
class BlockQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6') or name.startswith('authoring_app.gui'):
            raise ImportError('blocked for this test: ' + name)
sys.meta_path.insert(0, BlockQt())
"""
IMPORT_ALL = (
    BLOCK_QT
    + """
import importlib
for name in sys.argv[1:]:
    importlib.import_module(name)
import authoring_app.cli
print('ok')
"""
)


def test_every_core_module_imports_with_qt_blocked():
    names = [
        f"{package.__name__}.{m.name}"
        for package in (
            authoring_app.library,
            authoring_app.review,
            authoring_app.release,
            authoring_app.sync,
        )
        for m in pkgutil.iter_modules(package.__path__)
    ]
    assert "authoring_app.library.library" in names
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL, *names],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[1],
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_validate_command_runs_with_qt_blocked(tmp_path):
    from tests.conftest import write_library

    root = write_library(tmp_path / "lib")
    import git

    repo = git.Repo.init(root)
    repo.close()
    script = (
        BLOCK_QT + "from authoring_app.cli import main\nsys.exit(main(['validate', sys.argv[-1]]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(root)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[1],
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems found" in result.stdout
