"""Whether a bundle's rendered text is what docs/bundle-format.md promises; no I/O.

- Telegram messages: at most 4096 UTF-16 code units each, only Telegram's HTML tags (each
  opened as often as closed, no quote inside a quote), `<`, `>` and `&` escaped outside tags,
  links only to http, https, mailto and tel.
- HTML for sites: only the tags and attributes the release's Markdown renderer writes (no
  script, style, event handler or frame can appear), links and images only to http, https,
  mailto, tel or a relative address, read the way a browser reads them.

The bundle's JSON Schema says all of this that JSON Schema can say (a length in code points,
the tags, attributes, entities and link addresses allowed); what it cannot (a length in
UTF-16 units, tags each closed, no quote in a quote) `bundle_problem` checks after the
schema. `telegram_problem` and `html_problem` check a text completely, on their own.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

TELEGRAM_LIMIT = 4096  # UTF-16 code units in one message

_OPENING = re.compile(r"<([a-z-]+)[\s>]")
_CLOSING = re.compile(r"</([a-z-]+)>")
_TELEGRAM_TAG = re.compile(
    r"</(?:b|strong|i|em|u|ins|s|strike|del|tg-spoiler|span|a|code|pre|blockquote|tg-emoji)>"
    r"|<(?:b|strong|i|em|u|ins|s|strike|del|tg-spoiler|pre)>"
    r'|<span class="tg-spoiler">'
    r'|<a href="[^"<>]*">'
    r'|<code(?: class="language-[A-Za-z0-9_+#.-]*")?>'
    r"|<blockquote(?: expandable)?>"
    r'|<tg-emoji emoji-id="[0-9]+">'
)
_TELEGRAM_ENTITY = re.compile(r"&(?!(?:lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);)")
_NESTED_QUOTE = re.compile(r"<blockquote[^>]*>(?:(?!</blockquote>).)*<blockquote", re.DOTALL)

_HTML_NAMES = "h[1-6]|p|em|strong|code|a|img|br|blockquote|ol|ul|li|pre|hr"
_HTML_TAG = re.compile(
    rf"</(?:{_HTML_NAMES})>"
    rf'|<(?:{_HTML_NAMES})(?:\s+(?:href|title|rel|src|alt|class|start)="[^"<>]*")*\s*/?>'
)
_URL_ATTRIBUTE = re.compile(r'<[^<>]*?\s(?:href|src)="([^"]*)"')  # inside a tag only
_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SAFE_START = re.compile(r"(?:https?|mailto|tel):", re.IGNORECASE)
_NO_SCHEME = re.compile(r"[^:&/?#]*(?:[/?#]|\Z)")
_SAFE_START = re.compile(r"(?:https?|mailto|tel):", re.IGNORECASE)
_NO_SCHEME = re.compile(r"[^:&/?#]*(?:[/?#]|\Z)")
# What a browser ignores in a URL: whitespace, controls, invisible formatting characters.
_INVISIBLE = re.compile(
    "[\x00-\x20\x7f-\x9f\u00ad\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]"
)


def utf16_len(text: str) -> int:
    """How Telegram counts: UTF-16 code units (a character beyond U+FFFF counts two)."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def safe_url(url: str) -> bool:
    """An http, https, mailto or tel address, or a relative one with no ':' or '&' before
    its first '/', '?' or '#' (as the bundle's schema says); and, read as a browser reads
    it (entities and %-escapes decoded, invisible characters dropped: "java&#x09;script:"),
    still one of those. The release's renderer keeps only such links."""
    if not (_SAFE_START.match(url) or _NO_SCHEME.match(url)):
        return False
    candidate = url
    for _ in range(8):
        decoded = html.unescape(unquote(candidate))
        if decoded == candidate:
            break
        candidate = decoded
    else:
        return False  # still changing: too deeply encoded to judge
    candidate = _INVISIBLE.sub("", candidate).lower()
    head = re.split(r"[/?#\\]", candidate, maxsplit=1)[0]
    return ":" not in head or head.split(":", 1)[0] in _SAFE_SCHEMES


def _excerpt(text: str, at: int) -> str:
    return repr(text[max(0, at - 10) : at + 30])


def telegram_problem(message: str, *, schema_checked: bool = False) -> str | None:
    """Why `message` cannot be sent as it is in Telegram's HTML parse mode (None if it can).
    With `schema_checked`, only what the bundle's schema cannot say is checked: the length in
    UTF-16 units, that every tag is closed, and that no quote is inside a quote."""
    units = len(message) if message.isascii() else utf16_len(message)
    if units > TELEGRAM_LIMIT:
        return f"is {units} UTF-16 units long, Telegram takes at most {TELEGRAM_LIMIT}"
    if not schema_checked:
        if not message.strip():
            return "is empty"
        outside = _TELEGRAM_TAG.sub("", message)
        for char in "<>":
            if char in outside:
                tag = _first_unknown_tag(message, _TELEGRAM_TAG)
                return f"has a tag or a bare {char!r} Telegram does not take: {tag}"
        if found := _TELEGRAM_ENTITY.search(outside):
            return f"has an '&' that is not an entity Telegram knows: {_excerpt(outside, found.start())}"
        if problem := _link_problem(message):
            return problem
    if "<" not in message:
        return None
    opened, closed = _OPENING.findall(message), _CLOSING.findall(message)
    if sorted(opened) != sorted(closed):
        name = next(n for n in {*opened, *closed} if opened.count(n) != closed.count(n))
        return f"opens <{name}> {opened.count(name)} time(s) but closes it {closed.count(name)}"
    if "<blockquote" in message and _NESTED_QUOTE.search(message):
        return "has a quote inside a quote, which Telegram does not take"
    return None


def html_problem(text: str) -> str | None:
    """Why `text` is not the safe HTML the release writes for sites (None if it is)."""
    outside = _HTML_TAG.sub("", text)
    for char in "<>":
        if char in outside:
            tag = _first_unknown_tag(text, _HTML_TAG)
            return f"has a tag, attribute or bare {char!r} that is not allowed: {tag}"
    return _link_problem(text)


def _first_unknown_tag(text: str, allowed: re.Pattern) -> str:
    position = 0
    while (start := text.find("<", position)) >= 0:
        if not allowed.match(text, start):
            return _excerpt(text, start)
        position = start + 1
    at = text.find(">")
    return _excerpt(text, max(at, 0))


def _link_problem(text: str) -> str | None:
    if "href=" not in text and "src=" not in text:
        return None
    for found in _URL_ATTRIBUTE.finditer(text):
        if not safe_url(found.group(1)):
            return f"links to an address that is not http, https, mailto or tel: {found.group(1)[:60]!r}"
    return None


def bundle_problem(data: dict) -> str | None:
    """The first Telegram message of a bundle that already matches its schema (which holds
    the rules on tags, entities and addresses) that breaks what the schema cannot say, with
    where it is; None if every one keeps it."""
    for answer in data["answers"]:
        key = answer["key"]
        messages = [("summary.telegram", answer["summary"]["telegram"])]
        messages += [
            (f"body.telegram message {n}", m) for n, m in enumerate(answer["body"]["telegram"], 1)
        ]
        for where, message in messages:
            if problem := telegram_problem(message, schema_checked=True):
                return f"answer {key}: {where} {problem}"
    return None
