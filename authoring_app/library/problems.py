"""A problem found in a library: what is wrong, where, and how bad."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing a person must fix, named by file, line and field."""

    path: str  # relative to the library, with forward slashes
    line: int | None
    field: str | None  # e.g. "questions[2]"; None for the file as a whole
    code: str  # a stable slug, e.g. "schema", "red-flags-missing"
    message: str
    severity: Severity = "error"
    # What a face needs to word the problem in the person's language, e.g. (("title", ...),)
    params: tuple[tuple[str, str], ...] = ()

    def location(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where} [{self.field}]" if self.field else where

    def __str__(self) -> str:
        return f"{self.location()}: {self.severity}: {self.message} ({self.code})"

    def to_json(self) -> dict:
        data = asdict(self)
        data["params"] = dict(self.params)
        if not self.params:
            del data["params"]
        return data

    def param(self, name: str, default: str = "") -> str:
        return dict(self.params).get(name, default)


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)
