"""The JSON Schemas of what a release publishes (bundle, manifest, releases index), shipped
with the kit, and a strict check against them."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

NAMES = ("bundle", "manifest", "releases")


@cache
def load(name: str) -> dict:
    """The schema called `name` ("bundle", "manifest" or "releases")."""
    if name not in NAMES:
        raise ValueError(f"no schema called {name!r}")
    text = resources.files(__package__).joinpath(f"schemas/{name}.schema.json").read_text("utf-8")
    return json.loads(text)


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
