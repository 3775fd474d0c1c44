"""YAML documents with line numbers, so every error can point at the line a person must edit."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from authoring_app.library.problems import Problem

MAX_FILE_BYTES = 512 * 1024


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """PyYAML's safe loader (libyaml's, where there is one), deciding the type of plain text
    quicker: most scalars in an answer cannot be anything but text, as their first letter
    shows, and PyYAML's own `resolve` (called for each of them) is a tenth of reading one."""

    def resolve(self, kind, value, implicit):
        if (
            kind is yaml.ScalarNode
            and implicit[0]
            and value[:1] not in _MAYBE_TYPED
            and None not in _MAYBE_TYPED  # no type that may claim any text
            and not self.yaml_path_resolvers
        ):
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


# The first letters of text some implicit type (number, date, true, null ...) may claim.
_MAYBE_TYPED = frozenset(_Loader.yaml_implicit_resolvers)

_MARKER_LINE = re.compile(r"^(<{7}|>{7})(\s|$)")


class DocumentError(Exception):
    """A file that cannot be read at all; carries the problem to report."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def read_text(path: Path, rel: str) -> str:
    """Read a library file as UTF-8, refusing empty, oversized and non-UTF-8 files clearly."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(
            Problem(rel, None, None, "unreadable", f"cannot read file: {exc.strerror}")
        ) from exc
    return decode(data, rel)


def conflict_markers_in(data: bytes, rel: str) -> list[Problem]:
    """Merge-conflict markers (<<<<<<< and >>>>>>>) saved into a file, one problem per line.

    Found in the bytes, so a file too large or not UTF-8 is still checked. Whoever reads a
    file anyway checks it then (answers as they are parsed, review files as they are read)."""
    if b"<<<<<<<" not in data and b">>>>>>>" not in data:
        return []
    problems = []
    for number, line in enumerate(data.decode("utf-8", "replace").split("\n"), start=1):
        if _MARKER_LINE.match(line):
            problems.append(
                Problem(
                    rel,
                    number,
                    None,
                    "conflict-marker",
                    f"a merge-conflict marker ({line[:7]}) was saved into this file: two "
                    "versions are mixed here. Keep the right text and delete the marker lines "
                    "(<<<<<<<, =======, >>>>>>>).",
                )
            )
    return problems


def decode(data: bytes, rel: str) -> str:
    if len(data) > MAX_FILE_BYTES:
        size = (
            f"{len(data) / 1024 / 1024:.1f} MB"
            if len(data) >= 1024 * 1024
            else f"{len(data) // 1024} KB"
        )
        raise DocumentError(
            Problem(
                rel,
                None,
                None,
                "too-large",
                f"file is {size}; the limit is {MAX_FILE_BYTES // 1024} KB",
            )
        )
    if not data.strip():
        raise DocumentError(Problem(rel, 1, None, "empty", "file is empty"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DocumentError(
            Problem(
                rel,
                line,
                None,
                "encoding",
                f"not valid UTF-8 (byte {exc.start}); save the file as UTF-8",
            )
        ) from exc


def parse_yaml(text: str, rel: str, *, first_line: int = 1) -> tuple[Any, yaml.Node | None]:
    """Parse one YAML document; return the data and the node tree (for line numbers)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        # Point at the start of the broken construct (an unclosed [ or quote) when YAML says it.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = first_line + mark.line if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        if context and getattr(exc, "context_mark", None) is not None:
            reason = f"{reason} ({context} that starts on this line)"
        raise DocumentError(Problem(rel, line, None, "yaml", f"malformed YAML: {reason}")) from exc
    finally:
        loader.dispose()
    return _plain(data), node


def _plain(value: Any) -> Any:
    """Dates written unquoted in YAML become ISO strings, so schemas see what a person typed."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def line_of(
    node: yaml.Node | None, path: Iterable[str | int], *, first_line: int = 1
) -> int | None:
    """The line of the value at `path` inside a composed YAML node (or of its nearest parent)."""
    if node is None:
        return None
    best = node.start_mark.line
    for key in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if getattr(k, "value", None) == key:
                    best = k.start_mark.line
                    child = v
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            child = node.value[key]
            best = child.start_mark.line
        if child is None:
            break
        node = child
    return first_line + best


def field_path(path: Iterable[str | int]) -> str | None:
    out = ""
    for key in path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out or None


@cache
def validator_for(schema_name: str):
    """One compiled validator per schema, reused (compiling is the slow part)."""
    import jsonschema

    import content_schema

    schema = content_schema.load(schema_name)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def load_yaml_plain(text: str) -> Any:
    """Parse one YAML document without building nodes (no line numbers): the fast path for
    files that turn out to be valid. Raises yaml.YAMLError; use `parse_yaml` to report it."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            return _plain_node(loader, node, 0)
        except _NotPlain:
            return _plain(loader.construct_document(node))
    finally:
        loader.dispose()


_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{name}" for name in ("str", "seq", "map"))


class _NotPlain(Exception):
    """A document `_plain_node` leaves to PyYAML's own constructor."""


def _plain_node(loader, node: yaml.Node, depth: int) -> Any:
    """`_plain(loader.construct_document(node))`, built straight from the nodes for the plain
    text, lists and mappings front matter is made of (most of the time of reading it); any
    other scalar goes through the loader, and merge keys, odd keys or deep nesting (aliases
    that contain themselves) raise _NotPlain."""
    if depth > 64:
        raise _NotPlain
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        if tag == _STR:
            return node.value
        return _plain(loader.construct_object(node, deep=True))
    if isinstance(node, yaml.SequenceNode) and tag == _SEQ:
        return [_plain_node(loader, child, depth + 1) for child in node.value]
    if isinstance(node, yaml.MappingNode) and tag == _MAP:
        mapping = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                raise _NotPlain  # merge keys (<<), '=', numbers, lists as keys ...
            mapping[key_node.value] = _plain_node(loader, value_node, depth + 1)
        return mapping
    raise _NotPlain


@cache
def _compiled_check(schema_name: str):
    """A compiled yes/no check of `schema_name` (fastjsonschema), or None without it.

    Our schemas use draft-07 keywords plus `$defs` references, which fastjsonschema reads as
    JSON pointers. It only decides *whether* data is valid; every message still comes from
    jsonschema (`schema_problems`), so messages stay the same."""
    try:
        import fastjsonschema
    except ImportError:
        return None
    import content_schema

    schema = dict(content_schema.load(schema_name))
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    return fastjsonschema.compile(schema, use_formats=False)


def load_valid(text: str, schema_name: str) -> dict | None:
    """The mapping in YAML `text` if it is well-formed and meets the schema, else None: the
    fast path, without line numbers and without the full schema checker (loading that alone
    takes a tenth of a second). None means: parse again with `parse_yaml` and ask
    `schema_problems` what is wrong, and where."""
    try:
        data = load_yaml_plain(text)
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) and is_valid(data, schema_name) else None


def is_valid(data: Any, schema_name: str) -> bool:
    """True if `data` meets the schema (fast); False means: ask `schema_problems` why."""
    check = _compiled_check(schema_name)
    if check is None:
        return validator_for(schema_name).is_valid(data)
    try:
        check(data)
    except Exception:  # JsonSchemaValueException, or data the compiled code cannot handle
        return False
    return validator_for(schema_name).is_valid(data) if _FORMATS.get(schema_name) else True


def _uses_formats(schema_name: str) -> bool:
    """Does the schema use the "format" keyword (not a property called "format")?"""
    import content_schema

    def walk(node: Any, parent: str | None) -> bool:
        if isinstance(node, dict):
            return any(
                (key == "format" and isinstance(value, str) and parent != "properties")
                or walk(value, key)
                for key, value in node.items()
            )
        return isinstance(node, list) and any(walk(value, parent) for value in node)

    return walk(content_schema.load(schema_name), None)


class _Formats(dict):
    """schema name -> whether it uses "format" (checked by jsonschema only)."""

    def __missing__(self, name: str) -> bool:
        self[name] = _uses_formats(name)
        return self[name]


_FORMATS = _Formats()


def schema_problems(
    data: Any, node: yaml.Node | None, schema_name: str, rel: str, *, first_line: int = 1
) -> list[Problem]:
    """Every schema violation in `data`, each with its line and field."""
    problems = []
    for error in sorted(
        validator_for(schema_name).iter_errors(data), key=lambda e: list(map(str, e.path))
    ):
        path = list(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            path = path + extra[:1]  # point at the unknown field's own line
        problems.append(
            Problem(
                rel,
                line_of(node, path, first_line=first_line),
                field_path(path),
                "schema",
                _describe(error),
            )
        )
    return problems


def _describe(error) -> str:
    """Say what was expected in words a non-programmer can act on."""
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        allowed = ", ".join(error.schema.get("properties", {}))
        return f"unknown field {', '.join(map(repr, extra))}; allowed fields: {allowed}"
    if error.validator == "required":
        return error.message.replace("is a required property", "is required but missing")
    if error.validator == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        words = {
            "array": "a list",
            "object": "a set of fields",
            "string": "text",
            "integer": "a whole number",
        }
        return f"expected {words.get(expected, expected)}, found {_short(error.instance)}"
    if error.validator == "pattern":
        hint = error.schema.get("description") or f"the pattern {error.validator_value}"
        return f"{_short(error.instance)} is not valid: expected {hint}"
    if error.validator == "enum":
        return (
            f"{_short(error.instance)} is not one of: {', '.join(map(str, error.validator_value))}"
        )
    if error.validator == "minItems":
        return f"needs at least {error.validator_value} item(s)"
    if error.validator == "minLength":
        return "must not be empty"
    return error.message


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
