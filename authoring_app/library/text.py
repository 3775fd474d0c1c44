"""What the content checks and the release's rendering both need to know of an answer's
text: the services it names by reference (`{{ref:ID}}`, filled in when a release is built)
and its length as Telegram counts it."""

from __future__ import annotations

import re

TELEGRAM_LIMIT = 4096  # characters in one message, counted in UTF-16 code units
REF_PATTERN = re.compile(r"\{\{ref:([a-z0-9]+(?:-[a-z0-9]+)*)\}\}")


def find_refs(text: str) -> list[str]:
    """The directory ids referenced by `{{ref:ID}}` in `text`, in order of first use."""
    return list(dict.fromkeys(REF_PATTERN.findall(text)))


def utf16_len(text: str) -> int:
    """Length of `text` in UTF-16 code units, as Telegram counts it (an emoji counts 2)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2
