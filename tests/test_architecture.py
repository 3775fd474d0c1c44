"""The shape of the code, checked so that it cannot rot (see docs/architecture.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_MODULE_LINES = 450  # "about 400": a module past this is a sign to split it

BLOCK_QT = """
import importlib.abc, sys
class BlockQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6') or name.startswith('authoring_app.gui'):
            raise ImportError('blocked for this test: ' + name)
sys.meta_path.insert(0, BlockQt())
"""


def test_the_import_contracts_hold():
    """pyproject.toml's contracts: the areas depend one way, the core never imports Qt, the
    consumer kit nothing of the app, and no import cycle anywhere."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
            "--no-cache",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_no_module_of_the_app_or_the_kit_is_too_long_to_read():
    too_long = {
        str(path.relative_to(ROOT)): lines
        for folder in (ROOT / "authoring_app", ROOT / "kit")
        for path in folder.rglob("*.py")
        if (lines := len(path.read_text("utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert too_long == {}


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
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert ": 0 error(s)," in result.stdout
