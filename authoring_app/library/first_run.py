"""First run: give a new user a working library (a copy of the sample library) to open."""

from __future__ import annotations

from pathlib import Path

from authoring_app.library import paths
from authoring_app.library.library import Library, LibraryError


def ensure_library(path: Path | str | None = None) -> Path:
    """The library to open: `path` if given, else the user's own, created from the sample."""
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
    import authoring_app.review.demo_keys  # noqa: F401  (registers its hook)

    for hook in FIRST_RUN_HOOKS:
        hook(target)
    return target


# Steps that run once when the sample library is first copied (e.g. installing demonstration keys).
FIRST_RUN_HOOKS: list = []
