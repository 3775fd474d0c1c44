"""Reading a library's files: its three settings files and every answer, each parsed once
and kept between runs by its blob id (see cache.py). A broken file is reported as a problem
with its file, line and field; everything else still loads."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from authoring_app.library.answer import Answer, AnswerKey, parse_answer
from authoring_app.library.cache import Kind, ParsedFiles
from authoring_app.library.documents import (
    DocumentError,
    conflict_markers_in,
    decode,
    load_valid,
    parse_yaml,
    schema_problems,
)
from authoring_app.library.layout import ANSWERS_DIR, LIBRARY_FILES
from authoring_app.library.problems import Problem
from authoring_app.library.snapshot import Snapshot

ANSWERS = Kind(
    "answers",
    (
        "authoring_app.library.answer",
        "authoring_app.library.documents",
        "authoring_app.library.loading",
        "content_schema",
    ),
    ("PyYAML", "fastjsonschema", "jsonschema"),
)
SETTINGS = Kind(
    "settings",
    ("authoring_app.library.documents", "authoring_app.library.loading", "content_schema"),
    ("PyYAML", "fastjsonschema", "jsonschema"),
)


@dataclass(frozen=True)
class Loaded:
    """Everything read from a library's files."""

    settings: dict[str, Any]  # library.yaml, people.yaml, directory.yaml -> data (or None)
    answers: dict[AnswerKey, Answer]
    problems: list[Problem]


def load(root: Path, snapshot: Snapshot | None) -> Loaded:
    """Read the library at `root`, of whose files git said `snapshot` (None: not a
    repository). Git is waited for only once what was kept is loaded."""
    problems: list[Problem] = []
    settings_files = ParsedFiles(root, SETTINGS, _settings_file)
    answer_files_ = ParsedFiles(root, ANSWERS, answer_file)
    misplaced: list[Problem] = []
    rels = answer_files(root, misplaced)
    ids = snapshot.ids() if snapshot is not None else {}
    settings = {}
    for name, (value, file_problems) in settings_files.scan(LIBRARY_FILES, ids).items():
        settings[name] = value
        problems += file_problems
    problems += misplaced
    answers: dict[AnswerKey, Answer] = {}
    parsed = answer_files_.scan(rels, ids)
    for rel, (answer, file_problems) in parsed.items():
        problems += file_problems
        if answer is None:
            continue
        if answer.key in answers:
            problems.append(
                Problem(
                    rel,
                    2,
                    "id",
                    "duplicate-id",
                    f"{answer.key} is also defined in {answers[answer.key].path}",
                )
            )
            continue
        answers[answer.key] = answer
    return Loaded(settings, answers, problems)


def answer_file(rel: str, data: bytes | OSError) -> tuple[Answer | None, list[Problem]]:
    """The answer in file `rel`, and its problems, merge-conflict markers included (the
    file is read once for both)."""
    if isinstance(data, OSError):
        return None, [unreadable(rel, data)]
    markers = conflict_markers_in(data, rel)
    try:
        answer, problems = parse_answer(decode(data, rel), rel)
    except DocumentError as exc:
        return None, [exc.problem, *markers]
    if answer is not None:
        answer.content_hash()  # worked out once, and kept with the answer
    return answer, problems + markers


def unreadable(rel: str, error: OSError) -> Problem:
    return Problem(rel, None, None, "unreadable", f"cannot read file: {error.strerror}")


def answer_files(root: Path, problems: list[Problem]) -> list[str]:
    """The answer files of the library at `root` (answers/<topic>/<id>.<locale>.md); whatever
    else is in the answers folder is added to `problems`."""
    folder = root / ANSWERS_DIR
    if not folder.is_dir():
        return []
    found = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        rel = f"{ANSWERS_DIR}/{entry.name}"
        if entry.is_symlink():
            problems.append(_link_problem(rel))
            continue
        if entry.is_file():
            problems.append(
                Problem(
                    rel,
                    None,
                    None,
                    "wrong-place",
                    "answers belong in a topic folder: answers/<topic>/<id>.<locale>.md",
                )
            )
            continue
        for child in sorted(os.scandir(entry.path), key=lambda e: e.name):
            child_rel = f"{rel}/{child.name}"
            if child.is_symlink():
                problems.append(_link_problem(child_rel))
            elif child.name.endswith(".md") and child.is_file():
                found.append(child_rel)
            elif not child.name.startswith("."):
                problems.append(
                    Problem(
                        child_rel,
                        None,
                        None,
                        "wrong-place",
                        "only answer files (<id>.<locale>.md) belong in a topic folder",
                        "warning",
                    )
                )
    return found


def _link_problem(rel: str) -> Problem:
    """A link could point anywhere on this computer; a library holds only ordinary files."""
    return Problem(
        rel,
        None,
        None,
        "link",
        "is a link, not a file; it is not read (replace it with the file itself)",
    )


def _settings_file(rel: str, data: bytes | OSError) -> tuple[Any, list[Problem]]:
    """One of the library's own files, checked against its schema."""
    if isinstance(data, FileNotFoundError):
        return None, [Problem(rel, None, None, "missing", f"the library has no {rel}")]
    if isinstance(data, OSError):
        return None, [unreadable(rel, data)]
    try:
        text = decode(data, rel)
    except DocumentError as exc:
        return None, [exc.problem]
    schema = LIBRARY_FILES[rel]
    found = load_valid(text, schema)  # most of the time the file is fine
    if found is not None:
        return found, []
    try:
        found, node = parse_yaml(text, rel)
    except DocumentError as exc:
        return None, [exc.problem]
    problems = schema_problems(found, node, schema, rel)
    if problems and not isinstance(found, dict):
        return None, problems  # too broken to use any of it
    return found, problems
