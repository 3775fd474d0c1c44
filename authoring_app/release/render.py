"""Render answer bodies (CommonMark) for web sites (HTML), Telegram bots and plain text.

All three renderings come from one parse (markdown.py); Telegram's messages are packed in
telegram.py. `{{ref:ID}}` directory references are filled in by `expand_refs` first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from authoring_app.library.text import REF_PATTERN, TELEGRAM_LIMIT
from authoring_app.release.markdown import collect_blocks, html_from, parse, text_from
from authoring_app.release.telegram import messages_from

_ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def expand_refs(text: str, resolve: Callable[[str], str | None]) -> str:
    """Replace each `{{ref:ID}}` with `resolve(ID)` as literal text, or keep it if None.

    The replacement's ASCII punctuation is backslash-escaped and its whitespace collapsed,
    so a service name can add no markup, blocks or references."""

    def replace(match: re.Match[str]) -> str:
        value = resolve(match.group(1))
        if value is None:
            return match.group(0)
        return _ASCII_PUNCTUATION.sub(r"\\\1", " ".join(value.split()))

    return REF_PATTERN.sub(replace, text)


@dataclass(frozen=True)
class Rendered:
    """All channel renderings of one body."""

    html: str
    telegram: tuple[str, ...]
    text: str


def render_html(markdown: str) -> str:
    """Sanitised HTML for web sites."""
    return html_from(parse(markdown))


def render_telegram(
    markdown: str, *, title: str | None = None, limit: int = TELEGRAM_LIMIT
) -> list[str]:
    """Telegram HTML messages, each at most `limit` UTF-16 code units including tags."""
    return messages_from(collect_blocks(parse(markdown)), title, limit)


def render_text(markdown: str) -> str:
    """Plain text: no markup, links written as "text (url)"."""
    return text_from(collect_blocks(parse(markdown)))


def render_all(markdown: str, *, title: str | None = None) -> Rendered:
    """Parse once and render for every channel."""
    tokens = parse(markdown)
    blocks = collect_blocks(tokens)
    telegram = tuple(messages_from(blocks, title, TELEGRAM_LIMIT))
    return Rendered(html=html_from(tokens), telegram=telegram, text=text_from(blocks))
