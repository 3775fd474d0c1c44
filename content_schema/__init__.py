"""JSON Schemas (draft 2020-12) for every file kind in a library. The schemas of what a release
publishes (bundle, manifest, releases index) ship with the consumer kit: answer_kit/schemas."""

import json
from functools import cache
from importlib import resources


@cache
def load(name: str) -> dict:
    """Return the schema called `name` (e.g. "answer", "library", "review")."""
    text = resources.files(__name__).joinpath(f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)
