"""Telegram messages from a body's blocks: packed greedily from whole blocks into messages of
at most 4096 UTF-16 units, with only Telegram's tags. A block too long for one message is
cut inside or between runs, closing formatting at the cut and reopening it in the next
message."""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from authoring_app.library.text import utf16_len
from authoring_app.release.markdown import (
    BOLD,
    Block,
    Run,
    serialise,
    shared_tags,
    tags_of,
    telegram_escape,
)

_SENTENCE_END = re.compile(r"[.!?…]['\"’”»)\]]*(?=\s)")
_QUOTE_OPEN, _QUOTE_CLOSE = "<blockquote>", "</blockquote>"
_QUOTE_OVERHEAD = len(_QUOTE_OPEN) + len(_QUOTE_CLOSE)
_MIN_LIMIT = 16  # room for "<pre>&amp;</pre>": one character in the heaviest formatting
_GRAPHEME_GLUE = frozenset("\u200d\ufe0e\ufe0f")


class _Part(NamedTuple):
    """Telegram HTML of a block, or of a piece of one, ready to go into a message."""

    html: str
    quote: bool
    tight: bool


def messages_from(blocks: list[Block], title: str | None, limit: int) -> list[str]:
    """Pack blocks greedily into messages of at most `limit` UTF-16 units."""
    if limit < _MIN_LIMIT:
        raise ValueError(f"limit must be at least {_MIN_LIMIT}, not {limit}")
    if title_text := " ".join((title or "").split()):
        blocks = [Block((Run(title_text, BOLD),)), *blocks]
    messages: list[str] = []
    current: list[_Part] = []
    size = 0
    for block in blocks:
        whole = _Part(serialise(block.runs), block.quote, block.tight)
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


def _split_block(block: Block, limit: int) -> list[_Part]:
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
                runs[index] = Run(runs[index].text)
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


def _slice_html(runs: list[Run], starts: list[int], start: int, stop: int) -> str:
    """Telegram HTML of characters [start, stop) of a block's text."""
    index = bisect.bisect_right(starts, start) - 1
    pieces: list[Run] = []
    while start < stop:
        run, offset = runs[index], starts[index]
        end = min(stop, offset + len(run.text))
        pieces.append(run._replace(text=run.text[start - offset : end - offset]))
        start, index = end, index + 1
    return serialise(pieces)


def _longest_fit(runs: list[Run], starts: list[int], pos: int, budget: int) -> int:
    """The largest end such that text [pos, end) serialises within `budget` UTF-16 units.

    Adds up lengths run by run (a tag counts its closing part as soon as it opens), then
    binary-searches the run that overflows; a character costs at least one unit."""
    stack: Sequence[tuple[str, str, int]] = ()
    used = 0
    for index in range(bisect.bisect_right(starts, pos) - 1, len(runs)):
        run, offset = runs[index], starts[index]
        skip = max(0, pos - offset)
        text = run.text[skip : skip + budget + 1]
        wanted = tags_of(run.styles, run.href)
        used += sum(units for _, _, units in wanted[shared_tags(stack, wanted) :])
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
