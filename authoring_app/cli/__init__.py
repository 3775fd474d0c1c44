"""The command line: the same core operations the desktop app uses, for terminals and scripts."""

from authoring_app.cli.main import main

__all__ = ["main"]
