"""An answer in one language: front matter fields plus a CommonMark body."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import yaml

from authoring_app.library.documents import (
    DocumentError,
    load_valid,
    parse_yaml,
    schema_problems,
)
from authoring_app.library.problems import Problem

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PATH_PATTERN = re.compile(r"^answers/([^/]+)/([^/]+)\.([^./]+)\.md$")
VISIBILITIES = ("group", "private")
# What a file holds: an answer to a question, the emergency response a bot sends before any
# matching (with its trigger words), or one of a bot's own messages. Reviewed alike.
KINDS = ("answer", "emergency", "bot-message")
# The order fields are written in; it is also the list of allowed fields.
FIELDS = (
    "id",
    "locale",
    "topic",
    "kind",
    "title",
    "questions",
    "triggers",
    "summary",
    "red_flags",
    "refer_to",
    "sources",
    "tags",
    "visibility",
    "translation_of",
)


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None = None
    doi: str | None = None  # a DOI such as 10.1136/bmj.326.7396.959
    offline: bool = False  # a printed or internal document with no address to give

    def to_json(self) -> dict:
        data: dict = {"title": self.title}
        if self.url:
            data["url"] = self.url
        if self.doi:
            data["doi"] = self.doi
        if self.offline:
            data["offline"] = True
        return data

    @classmethod
    def from_json(cls, data: dict) -> Source:
        return cls(data["title"], data.get("url"), data.get("doi"), bool(data.get("offline")))

    @property
    def address(self) -> str | None:
        """Where a reader finds it: its address, or its DOI as an address."""
        return self.url or (f"https://doi.org/{self.doi}" if self.doi else None)


@dataclass(frozen=True)
class AnswerKey:
    """Names one answer in one language."""

    id: str
    locale: str

    def __str__(self) -> str:
        return f"{self.id}.{self.locale}"

    @classmethod
    def parse(cls, text: str) -> AnswerKey:
        answer_id, _, locale = text.rpartition(".")
        if not answer_id or not locale:
            raise ValueError(f"{text!r} is not ID.LOCALE (for example abscess-warning-signs.en)")
        return cls(answer_id, locale)


@dataclass(frozen=True)
class Answer:
    id: str
    locale: str
    topic: str
    title: str
    questions: tuple[str, ...]
    summary: str
    body: str
    red_flags: tuple[str, ...] = ()
    refer_to: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    tags: tuple[str, ...] = ()
    visibility: str = "group"
    translation_of: str | None = None
    kind: str = "answer"
    triggers: tuple[str, ...] = ()
    _hash: str | None = field(default=None, compare=False, repr=False)

    @cached_property
    def key(self) -> AnswerKey:  # asked for thousands of times when statuses are worked out
        return AnswerKey(self.id, self.locale)

    @property
    def path(self) -> str:
        """Where this answer lives, relative to the library."""
        return answer_path(self.topic, self.id, self.locale)

    def fields(self) -> dict[str, Any]:
        """The front matter, in file order, without empty optional fields (and without
        `kind` for an answer, so an answer's content hash is what it was before kinds)."""
        data: dict[str, Any] = {
            "id": self.id,
            "locale": self.locale,
            "topic": self.topic,
            "kind": None if self.kind == "answer" else self.kind,
            "title": self.title,
            "questions": list(self.questions),
            "triggers": list(self.triggers),
            "summary": self.summary,
            "red_flags": list(self.red_flags),
            "refer_to": list(self.refer_to),
            "sources": [s.to_json() for s in self.sources],
            "tags": list(self.tags),
            "visibility": self.visibility,
            "translation_of": self.translation_of,
        }
        optional = {
            "kind",
            "questions",
            "triggers",
            "red_flags",
            "refer_to",
            "tags",
            "translation_of",
        }
        return {k: v for k, v in data.items() if not (k in optional and not v)}

    def content_hash(self) -> str:
        """SHA-256 of the canonical form: what a sign-off is bound to.

        Fields are compared as data, not as YAML text, so re-indenting a file does not void a
        sign-off but changing any word does.
        """
        if self._hash is None:
            canonical = json.dumps(
                {"fields": self.fields(), "body": normalise_body(self.body)},
                sort_keys=True,
                ensure_ascii=False,
                separators=(",", ":"),
            )
            digest = "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
            object.__setattr__(self, "_hash", digest)
        return self._hash

    def edited(self, **changes: Any) -> Answer:
        """A copy with some fields changed (and a fresh hash)."""
        for name in ("questions", "triggers", "red_flags", "refer_to", "tags", "sources"):
            if name in changes:
                changes[name] = tuple(changes[name])
        return replace(self, _hash=None, **changes)

    def to_text(self) -> str:
        """The file as written to disk: YAML front matter, then the body."""
        front = yaml.dump(
            self.fields(),
            Dumper=_FrontMatterDumper,
            allow_unicode=True,
            sort_keys=False,
            width=WRAP,
            default_flow_style=False,
        )
        return f"---\n{front}---\n{normalise_body(self.body)}"


WRAP = 96


class _FrontMatterDumper(yaml.SafeDumper):
    """Front matter as a person would write it: indented lists, long text as folded blocks.

    Only the layout differs from plain YAML; the values read back identically (tests check).
    """

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


_YAML_BREAKS = re.compile(
    "[\x85\u2028\u2029\r]|[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def _represent_text(dumper: yaml.SafeDumper, value: str):
    if _YAML_BREAKS.search(value):
        # Characters YAML would read back as line breaks, or cannot print: escape them.
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    plain_safe = value == value.strip() and "\n" not in value and "  " not in value
    if "\n" in value and value == value.rstrip(" "):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    if len(value) > WRAP and plain_safe:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=">")
    return dumper.represent_str(value)


_FrontMatterDumper.add_representer(str, _represent_text)


def answer_path(topic: str, answer_id: str, locale: str) -> str:
    return f"answers/{topic}/{answer_id}.{locale}.md"


def normalise_body(body: str) -> str:
    """Unix line endings, no spaces at the ends of lines, no blank lines at either end, and
    one newline at the end (or nothing at all): the form every body is saved and hashed in."""
    if (
        body.endswith("\n")
        and not body.endswith("\n\n")
        and not body.startswith("\n")
        and "\r" not in body
        and not _SPACE_AT_LINE_END.search(body)
    ):
        return body  # already so (nearly always): found out five times faster
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    body = "\n".join(line.rstrip() for line in body.split("\n")).strip("\n")
    return body + "\n" if body else ""


# Any white space (as str.rstrip strips it) at the end of a line; a search for the newline
# first is what makes this fast.
_SPACE_AT_LINE_END = re.compile(r"\n(?<=[^\S\n]\n)")


def split_front_matter(text: str, rel: str) -> tuple[str, str, int]:
    """Split a file into (front matter YAML, body, line number where the body starts)."""
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise DocumentError(
            Problem(
                rel,
                1,
                None,
                "front-matter",
                "the file must start with a '---' line and front matter",
            )
        )
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    raise DocumentError(
        Problem(
            rel, 1, None, "front-matter", "front matter is not closed: add a '---' line after it"
        )
    )


def parse_answer(text: str, rel: str) -> tuple[Answer | None, list[Problem]]:
    """Parse an answer file. Returns the answer (None if unusable) and every problem found."""
    try:
        front, body, _ = split_front_matter(text, rel)
    except DocumentError as exc:
        return None, [exc.problem]
    fast = _parse_valid(front, body, rel)
    if fast is not None:
        return fast, []
    # Something is wrong: parse again with line numbers, to say exactly what and where.
    try:
        data, node = parse_yaml(front, rel, first_line=2)
    except DocumentError as exc:
        return None, [exc.problem]
    if not isinstance(data, dict):
        return None, [
            Problem(rel, 2, None, "schema", "front matter must be a set of 'field: value' lines")
        ]
    problems = schema_problems(data, node, "answer", rel, first_line=2)
    problems += _path_problems(data, node, rel)
    if any(p.code == "schema" for p in problems):
        return None, problems
    answer = answer_from_fields(data, body)
    return answer, problems


def _parse_valid(front: str, body: str, rel: str) -> Answer | None:
    """The answer, if its front matter is well-formed, meets the schema and matches its path
    (checked without line numbers, which only problems need); None otherwise."""
    data = load_valid(front, "answer")
    if data is None:
        return None
    match = PATH_PATTERN.match(rel)
    if not match or match.groups() != (data["topic"], data["id"], data["locale"]):
        return None
    return answer_from_fields(data, body)


def answer_from_fields(data: dict[str, Any], body: str) -> Answer:
    return Answer(
        id=data["id"],
        locale=data["locale"],
        topic=data["topic"],
        title=data["title"],
        questions=tuple(data.get("questions") or ()),
        summary=data["summary"],
        body=normalise_body(body),
        red_flags=tuple(data.get("red_flags") or ()),
        refer_to=tuple(data.get("refer_to") or ()),
        sources=tuple(Source.from_json(s) for s in data.get("sources") or ()),
        tags=tuple(data.get("tags") or ()),
        visibility=data.get("visibility", "group"),
        translation_of=data.get("translation_of"),
        kind=data.get("kind", "answer"),
        triggers=tuple(data.get("triggers") or ()),
    )


def _path_problems(data: dict, node, rel: str) -> list[Problem]:
    from authoring_app.library.documents import line_of

    match = PATH_PATTERN.match(rel)
    if not match:
        return [
            Problem(
                rel, None, None, "wrong-place", "answers live at answers/<topic>/<id>.<locale>.md"
            )
        ]
    topic, answer_id, locale = match.groups()
    problems = []
    for name, found in (("topic", topic), ("id", answer_id), ("locale", locale)):
        value = data.get(name)
        if isinstance(value, str) and value != found:
            problems.append(
                Problem(
                    rel,
                    line_of(node, [name], first_line=2),
                    name,
                    "wrong-place",
                    f"the file name says {name} {found!r} but the front matter says {value!r}; "
                    f"move the file to {answer_path(data.get('topic', topic), data.get('id', answer_id), data.get('locale', locale))}",
                )
            )
    return problems
