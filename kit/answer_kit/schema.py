"""The JSON Schemas of what a release publishes (bundle, manifest, releases index, freshness
notice), shipped with the kit and published beside each release, and a strict check against
them."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

NAMES = ("bundle", "manifest", "releases", "notice")


def file_name(name: str) -> str:
    """The file schema `name` is published as: "bundle.schema.json"."""
    if name not in NAMES:
        raise ValueError(f"no schema called {name!r}")
    return f"{name}.schema.json"


def text(name: str) -> str:
    """The schema called `name`, as the text of its file."""
    return resources.files(__package__).joinpath(f"schemas/{file_name(name)}").read_text("utf-8")


@cache
def load(name: str) -> dict:
    """The schema called `name` ("bundle", "manifest", "releases" or "notice")."""
    return json.loads(text(name))


@cache
def _check(name: str):
    import fastjsonschema

    schema = dict(load(name))
    # Written for draft 2020-12 with $defs, which fastjsonschema reads as JSON pointers.
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    return fastjsonschema.compile(schema)


def problems(data: Any, name: str = "bundle") -> list[str]:
    """Why `data` does not match schema `name`, in one line (empty if it matches)."""
    import fastjsonschema

    try:
        _check(name)(data)
    except fastjsonschema.JsonSchemaValueException as exc:
        where = exc.name or "data"
        return [f"{where}: {exc.message.removeprefix(where).strip()}"]
    return []
