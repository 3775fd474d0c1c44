"""Opening a library as the app does: first finishing what an interrupted save or sync left,
then checking the repository; and checking a whole library (`validate`). The desktop app and
the command line open libraries through here; the library itself needs none of it."""

from __future__ import annotations

from pathlib import Path

from authoring_app.library import first_run, validation
from authoring_app.library.library import Library, Opening
from authoring_app.library.problems import Problem
from authoring_app.review.demo_keys import install_demo_keys
from authoring_app.review.library_status import review_problems
from authoring_app.sync import repair, repository_check

REPAIRS = Opening(
    before=repair.finish_interrupted_work,
    after=repository_check.check_repository,
)


def open_library(path: Path | str, **options) -> Library:
    """`Library.open`, finishing interrupted work first and checking the repository after
    (its problems are among `library.problems`)."""
    return Library.open(path, opening=REPAIRS, **options)


def own_library(path: Path | str | None = None) -> Path:
    """The library to open: `path`, or the user's own, made from the sample library (with
    its demonstration keys) on first run."""
    return first_run.ensure_library(path, on_create=[install_demo_keys])


def validate(library: Library) -> list[Problem]:
    """Every problem of an open library: what opening found, the content checks and every
    review record that does not count."""
    return validation.validate(library, [review_problems], excused)


def validate_path(path: Path | str) -> list[Problem]:
    """`validate` of the library (or plain folder of library files) at `path`."""
    return validation.validate_path(path, opening=REPAIRS, checks=[review_problems], excuse=excused)


def excused(library, problems):
    from authoring_app.review.exceptions import excused as review_excused

    return review_excused(library, problems)
