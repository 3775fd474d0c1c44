"""Render answer bodies (CommonMark) for web sites (HTML), Telegram bots and plain text.

All three renderings come from one markdown-it token stream. Raw HTML in the source is shown
as text, and only http, https, mailto, tel and relative URLs survive as link or image targets.
For Telegram each block (paragraph, heading, list item, code block) becomes styled runs
(text, styles, link); messages are packed from whole blocks, and a block too long for one
message is cut inside or between runs, closing formatting at the cut and reopening it in the
next message. `{{ref:ID}}` directory references are filled in by `expand_refs`.
This module is Qt-free.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from authoring_app.library.text import REF_PATTERN, TELEGRAM_LIMIT, utf16_len

_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Characters a browser strips or ignores in a URL: whitespace, controls, invisible formatting.
_INVISIBLE_URL_CHARS = re.compile(
    "[\x00-\x20\x7f-\x9f\u00ad\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]"
)
_ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_SENTENCE_END = re.compile(r"[.!?…]['\"’”»)\]]*(?=\s)")
_TAG_ORDER = ("pre", "a", "b", "i", "u", "s", "code")  # outermost first
_STYLE_OF_TOKEN = {"strong": "b", "em": "i", "s": "s"}
_QUOTE_OPEN, _QUOTE_CLOSE = "<blockquote>", "</blockquote>"
_QUOTE_OVERHEAD = len(_QUOTE_OPEN) + len(_QUOTE_CLOSE)
_MIN_LIMIT = 16  # room for "<pre>&amp;</pre>": one character in the heaviest formatting
_RULE_TEXT = "———"
_GRAPHEME_GLUE = frozenset("\u200d\ufe0e\ufe0f")
_PLAIN, _BOLD, _CODE, _PRE = (frozenset(s) for s in ((), ("b",), ("code",), ("pre",)))


def _is_safe_url(url: str) -> bool:
    """True for http, https, mailto, tel and relative URLs, read the way a browser would:
    entities and %-escapes decoded, invisible characters dropped ("java&#x09;script:")."""
    candidate = url
    for _ in range(8):
        decoded = html.unescape(unquote(candidate))
        if decoded == candidate:
            break
        candidate = decoded
    else:
        return False  # still changing: too deeply encoded to judge
    candidate = _INVISIBLE_URL_CHARS.sub("", candidate).lower()
    head = re.split(r"[/?#\\]", candidate, maxsplit=1)[0]
    return ":" not in head or head.split(":", 1)[0] in _SAFE_SCHEMES


def _html_link_open(self, tokens: Sequence[Token], idx: int, options, env) -> str:
    """Links to other sites get rel="noopener nofollow" (every target passed validateLink)."""
    token = tokens[idx]
    if str(token.attrGet("href") or "").lower().startswith(("http:", "https:", "//")):
        token = token.copy(attrs={**token.attrs, "rel": "noopener nofollow"})  # tokens unchanged
    return self.renderToken([token], 0, options, env)


_MD = MarkdownIt("commonmark", {"html": False})
_MD.validateLink = _is_safe_url  # type: ignore[method-assign]
_MD.add_render_rule("link_open", _html_link_open)


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


def telegram_escape(text: str) -> str:
    """Escape &, < and > for Telegram's HTML parse mode."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class Rendered:
    """All channel renderings of one body."""

    html: str
    telegram: tuple[str, ...]
    text: str


def render_html(markdown: str) -> str:
    """Sanitised HTML for web sites."""
    return _html_from(_parse(markdown))


def render_telegram(
    markdown: str, *, title: str | None = None, limit: int = TELEGRAM_LIMIT
) -> list[str]:
    """Telegram HTML messages, each at most `limit` UTF-16 code units including tags."""
    return _telegram_from(_collect_blocks(_parse(markdown)), title, limit)


def render_text(markdown: str) -> str:
    """Plain text: no markup, links written as "text (url)"."""
    return _text_from(_collect_blocks(_parse(markdown)))


def render_all(markdown: str, *, title: str | None = None) -> Rendered:
    """Parse once and render for every channel."""
    tokens = _parse(markdown)
    blocks = _collect_blocks(tokens)
    telegram = tuple(_telegram_from(blocks, title, TELEGRAM_LIMIT))
    return Rendered(html=_html_from(tokens), telegram=telegram, text=_text_from(blocks))


def _parse(markdown: str) -> list[Token]:
    return _MD.parse(markdown or "", {})


def _html_from(tokens: Sequence[Token]) -> str:
    return _MD.renderer.render(tokens, _MD.options, {})


class _Run(NamedTuple):
    """A stretch of text with one set of styles ("b", "i", "code", "pre"...) and a link."""

    text: str
    styles: frozenset[str] = _PLAIN
    href: str | None = None


@dataclass(frozen=True)
class _Block:
    """A paragraph, heading, list item or code block, as runs."""

    runs: tuple[_Run, ...]
    quote: bool = False  # inside a blockquote (nested quotes are flattened)
    tight: bool = False  # follows the previous block after one newline, not a blank line
    preformatted: bool = False


def _collect_blocks(tokens: Sequence[Token]) -> list[_Block]:
    """Walk the block token stream (flat: nesting is open/close pairs) and build blocks."""
    blocks: list[_Block] = []
    lists: list[int | None] = []  # the next number of each open list; None for bullets
    quote_depth = 0
    in_heading = hidden_paragraph = False
    marker: str | None = None  # a list item's bullet, waiting for the item's first block
    list_serial = 0  # numbers top-level lists, so that adjacent items join with "\n"
    previous_list: int | None = None

    def emit(runs: list[_Run], *, tight_ok: bool = True, preformatted: bool = False) -> None:
        """Add a block of `runs` (as `_compact` leaves them) after its list marker or indent."""
        nonlocal marker, previous_list
        prefix = marker if marker is not None else "  " * len(lists)
        marker = None
        runs = _prefixed(prefix, runs)
        if not any(run.text.strip() for run in runs):
            return
        current_list = list_serial if lists else None
        tight = tight_ok and current_list is not None and current_list == previous_list
        previous_list = current_list
        quote = quote_depth > 0 and not preformatted  # Telegram can't put <pre> in a quote
        blocks.append(_Block(tuple(runs), quote, tight, preformatted))

    for token in tokens:
        kind = token.type
        if kind in ("blockquote_open", "blockquote_close"):
            quote_depth = max(0, quote_depth + token.nesting)
        elif kind in ("bullet_list_open", "ordered_list_open"):
            if marker is not None:
                emit([])
            list_serial += not lists
            ordered = kind == "ordered_list_open"
            lists.append(int(token.attrGet("start") or 1) if ordered else None)
        elif kind in ("bullet_list_close", "ordered_list_close") and lists:
            lists.pop()
        elif kind == "list_item_open":
            number = lists[-1] if lists else None
            if number is not None:
                lists[-1] = number + 1
            bullet = "• " if number is None else f"{number}. "
            marker = "  " * max(0, len(lists) - 1) + bullet
        elif kind == "list_item_close" and marker is not None:
            emit([])
        elif kind in ("heading_open", "heading_close"):
            in_heading = kind == "heading_open"
        elif kind == "paragraph_open":
            hidden_paragraph = token.hidden  # markdown-it hides paragraphs of tight lists
        elif kind == "inline":
            runs = _inline_runs(token.children or [], _BOLD if in_heading else _PLAIN)
            emit(runs, tight_ok=in_heading or hidden_paragraph)
        elif kind in ("fence", "code_block"):
            code = token.content.rstrip()
            emit(_compact([_Run(code, _PRE)]), preformatted=True)
        elif kind == "hr":
            emit(_compact([_Run(_RULE_TEXT)]))
    return blocks


def _inline_runs(children: Sequence[Token], base: frozenset[str]) -> list[_Run]:
    """Styled runs of one inline token's children (also a flat stream)."""
    runs: list[_Run] = []
    depth = dict.fromkeys(_STYLE_OF_TOKEN.values(), 0)
    styles = base
    links: list[str | None] = []

    def add(text: str, *, code: bool = False, own_href: str | None = None) -> None:
        href = (links[-1] if links else None) or own_href  # an enclosing link wins
        # Telegram: code holds no other formatting and sits in no link
        runs.append(_Run(text, _CODE if code and not href else styles, href))

    for child in children:
        kind = child.type
        name, _, edge = kind.rpartition("_")
        if name in _STYLE_OF_TOKEN and edge in ("open", "close"):
            depth[_STYLE_OF_TOKEN[name]] += 1 if edge == "open" else -1
            styles = base | {style for style, count in depth.items() if count > 0}
        elif kind == "link_open":
            href = str(child.attrGet("href") or "")
            links.append(href if href and _is_safe_url(href) else None)
        elif kind == "link_close" and links:
            links.pop()
        elif kind in ("softbreak", "hardbreak"):
            add(" " if kind == "softbreak" else "\n")
        elif kind == "code_inline":
            add(child.content, code=True)
        elif kind == "image":
            src = str(child.attrGet("src") or "")
            src = src if src and _is_safe_url(src) else ""
            add(_alt_text(child) or src, own_href=src or None)
        elif kind != "link_close":
            add(child.content)
    return _compact(runs)


def _alt_text(image: Token) -> str:
    """An image's alt text without markup (nested images walked with a stack)."""
    parts: list[str] = []
    stack = list(reversed(image.children or []))
    while stack:
        child = stack.pop()
        if child.type == "image":
            stack.extend(reversed(child.children or []))
        else:
            parts.append(" " if child.type in ("softbreak", "hardbreak") else child.content)
    return " ".join("".join(parts).split())


def _compact(runs: Iterable[_Run]) -> list[_Run]:
    """Drop empty runs, merge neighbours with equal formatting, trim trailing whitespace."""
    merged: list[_Run] = []
    texts: list[str] = []  # the pieces of the last merged run, joined once it is complete
    for run in runs:
        if not run.text:
            continue
        if merged and run.styles == merged[-1].styles and run.href == merged[-1].href:
            texts.append(run.text)
            continue
        if len(texts) > 1:
            merged[-1] = merged[-1]._replace(text="".join(texts))
        merged.append(run)
        texts = [run.text]
    if len(texts) > 1:
        merged[-1] = merged[-1]._replace(text="".join(texts))
    while merged and not merged[-1].text.rstrip():
        merged.pop()
    if merged:
        merged[-1] = merged[-1]._replace(text=merged[-1].text.rstrip())
    return merged


def _prefixed(prefix: str, runs: list[_Run]) -> list[_Run]:
    """`_compact([_Run(prefix), *runs])` of runs `_compact` already made: only the prefix
    (a list marker or indent, plain) can merge, into a plain first run."""
    if not prefix:
        return runs
    if not runs:
        return _compact([_Run(prefix)])
    first = runs[0]
    if first.styles == _PLAIN and first.href is None:
        return [_Run(prefix + first.text), *runs[1:]]
    return [_Run(prefix), *runs]


@lru_cache(maxsize=512)
def _tags(styles: frozenset[str], href: str | None) -> tuple[tuple[str, str, int], ...]:
    """(opening tag, closing tag, both their UTF-16 length) of a run, outermost first."""
    tags = []
    for name in _TAG_ORDER:
        if name == "a" and href:
            opening = '<a href="' + telegram_escape(href).replace('"', "&quot;") + '">'
            tags.append((opening, "</a>", utf16_len(opening) + 4))
        elif name in styles:
            tags.append((f"<{name}>", f"</{name}>", 2 * len(name) + 5))
    return tuple(tags)


def _shared(stack: Sequence[tuple[str, str, int]], wanted: Sequence[tuple[str, str, int]]) -> int:
    """How many outer tags two tag stacks have in common."""
    keep = 0
    while keep < min(len(stack), len(wanted)) and stack[keep] == wanted[keep]:
        keep += 1
    return keep


def _serialise(runs: Iterable[_Run]) -> str:
    """Telegram HTML for runs: tags kept open across runs that share them, always nested."""
    out: list[str] = []
    stack: Sequence[tuple[str, str, int]] = ()
    for run in runs:
        wanted = _tags(run.styles, run.href)
        keep = _shared(stack, wanted)
        out.extend(closing for _, closing, _ in reversed(stack[keep:]))
        out.extend(opening for opening, _, _ in wanted[keep:])
        out.append(telegram_escape(run.text))
        stack = wanted
    out.extend(closing for _, closing, _ in reversed(stack))
    return "".join(out)


class _Part(NamedTuple):
    """Telegram HTML of a block, or of a piece of one, ready to go into a message."""

    html: str
    quote: bool
    tight: bool


def _telegram_from(blocks: list[_Block], title: str | None, limit: int) -> list[str]:
    """Pack blocks greedily into messages of at most `limit` UTF-16 units."""
    if limit < _MIN_LIMIT:
        raise ValueError(f"limit must be at least {_MIN_LIMIT}, not {limit}")
    if title_text := " ".join((title or "").split()):
        blocks = [_Block((_Run(title_text, _BOLD),)), *blocks]
    messages: list[str] = []
    current: list[_Part] = []
    size = 0
    for block in blocks:
        whole = _Part(_serialise(block.runs), block.quote, block.tight)
        fits = utf16_len(whole.html) + (_QUOTE_OVERHEAD if block.quote else 0) <= limit
        for part in [whole] if fits else _split_block(block, limit):
            if current and size + _growth(current, part) > limit:
                messages.append(_join_parts(current))
                current, size = [], 0
            size += _growth(current, part)
            current.append(part)
    if current:
        messages.append(_join_parts(current))
    return messages


def _growth(current: list[_Part], part: _Part) -> int:
    """How many UTF-16 units appending `part` adds to a message made of `current`."""
    extra = (1 if part.tight else 2) if current else 0
    if part.quote and not (current and current[-1].quote):
        extra += _QUOTE_OVERHEAD
    return extra + utf16_len(part.html)


def _join_parts(parts: list[_Part]) -> str:
    """One message: parts joined by newlines, consecutive quoted parts in one blockquote."""
    out: list[str] = []
    in_quote = False
    for index, part in enumerate(parts):
        if in_quote and not part.quote:
            out.append(_QUOTE_CLOSE)
        if index:
            out.append("\n" if part.tight else "\n\n")
        if part.quote and not in_quote:
            out.append(_QUOTE_OPEN)
        out.append(part.html)
        in_quote = part.quote
    out.append(_QUOTE_CLOSE if in_quote else "")
    return "".join(out)


def _split_block(block: _Block, limit: int) -> list[_Part]:
    """Cut a block longer than `limit` into parts that each fit a message on their own."""
    runs = list(block.runs)
    text = "".join(run.text for run in runs)
    starts = list(itertools.accumulate((len(run.text) for run in runs[:-1]), initial=0))
    quote, parts, pos = block.quote, [], 0
    while pos < len(text):
        end = _longest_fit(runs, starts, pos, limit - (_QUOTE_OVERHEAD if quote else 0))
        if end == pos:  # not one character fits with its formatting: shed some and retry
            index = bisect.bisect_right(starts, pos) - 1
            if quote:
                quote = False
            elif runs[index].href:
                runs[index] = runs[index]._replace(href=None)
            elif runs[index].styles:
                runs[index] = _Run(runs[index].text)
            else:  # pragma: no cover - impossible with limit >= _MIN_LIMIT
                raise ValueError("limit too small for one character")
            continue
        cut = end if end == len(text) else _choose_cut(text, pos, end, block.preformatted)
        stop = cut
        while stop > pos and text[stop - 1].isspace():
            stop -= 1
        if text[pos:stop].strip():
            html_ = _slice_html(runs, starts, pos, stop)
            parts.append(_Part(html_, quote, block.tight and not parts))
        pos = cut  # skip the whitespace at the cut (only line breaks in code)
        while pos < len(text) and text[pos].isspace():
            if block.preformatted and text[pos] != "\n":
                break
            pos += 1
    return parts


def _slice_html(runs: list[_Run], starts: list[int], start: int, stop: int) -> str:
    """Telegram HTML of characters [start, stop) of a block's text."""
    index = bisect.bisect_right(starts, start) - 1
    pieces: list[_Run] = []
    while start < stop:
        run, offset = runs[index], starts[index]
        end = min(stop, offset + len(run.text))
        pieces.append(run._replace(text=run.text[start - offset : end - offset]))
        start, index = end, index + 1
    return _serialise(pieces)


def _longest_fit(runs: list[_Run], starts: list[int], pos: int, budget: int) -> int:
    """The largest end such that text [pos, end) serialises within `budget` UTF-16 units.

    Adds up lengths run by run (a tag counts its closing part as soon as it opens), then
    binary-searches the run that overflows; a character costs at least one unit."""
    stack: Sequence[tuple[str, str, int]] = ()
    used = 0
    for index in range(bisect.bisect_right(starts, pos) - 1, len(runs)):
        run, offset = runs[index], starts[index]
        skip = max(0, pos - offset)
        text = run.text[skip : skip + budget + 1]
        wanted = _tags(run.styles, run.href)
        used += sum(units for _, _, units in wanted[_shared(stack, wanted) :])
        whole = utf16_len(telegram_escape(text))
        if used + whole > budget:
            low, high = 0, min(len(text), budget)
            while low < high:
                middle = (low + high + 1) // 2
                if used + utf16_len(telegram_escape(text[:middle])) <= budget:
                    low = middle
                else:
                    high = middle - 1
            return offset + skip + low
        used += whole
        stack = wanted
    return starts[-1] + len(runs[-1].text)


def _choose_cut(text: str, pos: int, end: int, preformatted: bool) -> int:
    """Where to cut [pos, end): a line end (code), sentence end, whitespace, else anywhere.

    The piece is text[pos:cut]. A hard cut keeps combining marks, joiners, variation
    selectors and skin tones with the character before them."""
    half = pos + (end - pos) // 2
    newline = text.rfind("\n", half, end + 1) if preformatted else -1
    if newline > pos:
        return newline
    sentence_ends = [m.end() for m in _SENTENCE_END.finditer(text, half, end + 1)]
    if sentence_ends and sentence_ends[-1] > pos:
        return sentence_ends[-1]
    for cut in range(end, max(pos, half - (end - pos) // 4), -1):
        if text[cut].isspace():
            return cut
    for cut in range(end, max(pos, end - 16), -1):
        char, before = text[cut], text[cut - 1]
        glued = (
            unicodedata.combining(char)
            or char in _GRAPHEME_GLUE
            or before == "\u200d"
            or "\U0001f3fb" <= char <= "\U0001f3ff"  # skin tone modifiers
            or "\U000e0000" <= char <= "\U000e01ef"  # tags and variation selectors
        )
        if not glued:
            return cut
    return end


def _text_from(blocks: list[_Block]) -> str:
    """Plain text of blocks; a link is followed by "(url)" unless its text is the URL."""
    out: list[str] = []
    for index, block in enumerate(blocks):
        if index:
            out.append("\n" if block.tight else "\n\n")
        for href, group in itertools.groupby(block.runs, key=lambda run: run.href):
            label = "".join(run.text for run in group)
            out.append(label)
            if href:
                shown = _MD.normalizeLinkText(href)
                bare = shown.removeprefix("mailto:").removeprefix("tel:")
                if label.strip() not in (href, shown, bare):
                    out.append(f" ({shown})")
    return "".join(out)
