"""First run: give a new user a working library (a copy of the sample library) to open."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from authoring_app.library import paths
from authoring_app.library.library import Library, LibraryError


def ensure_library(
    path: Path | str | None = None, *, on_create: Iterable[Callable[[Path], object]] = ()
) -> Path:
    """The library to open: `path` if given, else the user's own, created from the sample.
    `on_create`: steps run once when the sample library is first copied (the faces install
    the demonstration keys this way, see sync/opening.py)."""
    if path is not None:
        return Path(path).expanduser().resolve()
    target = paths.default_library_dir()
    if (target / "library.yaml").is_file() and (target / ".git").exists():
        return target
    if target.exists() and any(target.iterdir()):
        raise LibraryError(
            f"{target} exists but is not a library; move it aside or open another library with --library"
        )
    Library.create(target, template=paths.sample_library_dir()).close()
    for step in on_create:
        step(target)
    return target
