"""Validate a whole library: schema errors, content checks, whether each answer's questions
find it (questions.py), and the checks the areas above pass in (sign-offs, the repository;
see sync/opening.py).

One bad file never hides the others: everything that can be loaded is checked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from authoring_app.library import questions
from authoring_app.library.checks import lint_library
from authoring_app.library.library import Library, NotALibrary, Opening
from authoring_app.library.problems import Problem

Check = Callable[[Library], list[Problem]]


Excuse = Callable[[Library, list[Problem]], list[Problem]]


def validate(
    library: Library, checks: Iterable[Check] = (), excuse: Excuse | None = None
) -> list[Problem]:
    """What opening found, every content check, and each of `checks`, by file and line.
    `excuse` (from an area above) may turn errors it allows into warnings: a governor's
    exception to a check for an answer's exact text."""
    problems = list(library.problems)
    problems += lint_library(library.answers(), library.info, library.directory)
    problems += questions.library_problems(library.answers(), library.directory)
    for check in checks:
        problems += check(library)
    problems = list(dict.fromkeys(problems))  # a check may repeat what opening found
    if excuse is not None:
        problems = excuse(library, problems)
    return sorted(_with_lines(library.path, problems), key=_order)


def validate_path(
    path: Path | str,
    *,
    opening: Opening | None = None,
    checks: Iterable[Check] = (),
    excuse: Excuse | None = None,
) -> list[Problem]:
    """`validate` of the library (or plain folder of library files) at `path`."""
    try:
        library = Library.open(path, files_only=True, statuses_next=True, opening=opening)
    except NotALibrary as exc:
        return [Problem(str(path), None, None, "not-a-library", str(exc))]
    with library:
        problems = validate(library, checks, excuse)
        if library.repo is None and not _inside_git(library.path):
            problems.insert(
                0,
                Problem(
                    ".",
                    None,
                    None,
                    "not-a-repository",
                    "this folder is not a git repository, so it has no history and cannot be saved to; "
                    "create a library from it with `authoring-app --library PATH` after `git init`",
                    "warning",
                ),
            )
        return problems


def _inside_git(path: Path) -> bool:
    return any((parent / ".git").exists() for parent in (path, *path.parents))


def _order(problem: Problem) -> tuple:
    return (problem.path, problem.line or 0, problem.field or "", problem.code)


def _with_lines(root: Path, problems: list[Problem]) -> list[Problem]:
    """Give a line to problems that name a field but not a line (content checks)."""
    cache: dict[str, list[str]] = {}
    out = []
    for problem in problems:
        if problem.line is None and problem.field and problem.path.endswith(".md"):
            if problem.path not in cache:
                try:
                    cache[problem.path] = (root / problem.path).read_text("utf-8").split("\n")
                except (OSError, UnicodeDecodeError):
                    cache[problem.path] = []
            line = _field_line(cache[problem.path], problem.field)
            if line:
                problem = replace(problem, line=line)
        out.append(problem)
    return out


def _field_line(lines: list[str], field: str) -> int | None:
    """The line of a front matter field, or of the body's first line for "body"."""
    name = field.split("[", 1)[0].split(".", 1)[0]
    index = field.split("[", 1)[1].split("]", 1)[0] if "[" in field else None
    closing = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if closing is None:
        return None
    if name == "body":
        return closing + 2
    for number in range(1, closing):
        if lines[number].startswith(f"{name}:"):
            if index is None or not index.isdigit():
                return number + 1
            # Items of a block list; a flow list ([a, b]) stays on the field's line.
            items = []
            for n in range(number + 1, closing):
                if lines[n] and not lines[n][0].isspace() and not lines[n].startswith("-"):
                    break  # the next field
                if (
                    lines[n].lstrip().startswith("- ")
                    and len(lines[n]) - len(lines[n].lstrip()) <= 2
                ):
                    items.append(n)
            return items[int(index)] + 1 if int(index) < len(items) else number + 1
    return closing + 1  # a missing field: add it before the closing '---'
