"""Markdown (CommonMark) as the release renders it: one markdown-it token stream, sanitised
HTML from it, and blocks of styled runs (paragraph, heading, list item, code block) that
Telegram messages and plain text are made of.

Raw HTML in the source is shown as text, and only http, https, mailto, tel and relative URLs
survive as link or image targets.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from markdown_it import MarkdownIt
from markdown_it.token import Token

from answer_kit.rendered import safe_url
from authoring_app.library.text import utf16_len

_TAG_ORDER = ("pre", "a", "b", "i", "u", "s", "code")  # outermost first
_STYLE_OF_TOKEN = {"strong": "b", "em": "i", "s": "s"}
_RULE_TEXT = "———"
_PLAIN, BOLD, _CODE, _PRE = (frozenset(s) for s in ((), ("b",), ("code",), ("pre",)))


def _html_link_open(self, tokens: Sequence[Token], idx: int, options, env) -> str:
    """Links to other sites get rel="noopener nofollow" (every target passed validateLink)."""
    token = tokens[idx]
    if str(token.attrGet("href") or "").lower().startswith(("http:", "https:", "//")):
        token = token.copy(attrs={**token.attrs, "rel": "noopener nofollow"})  # tokens unchanged
    return self.renderToken([token], 0, options, env)


_MD = MarkdownIt("commonmark", {"html": False})
_MD.validateLink = safe_url  # type: ignore[method-assign]
_MD.add_render_rule("link_open", _html_link_open)


def telegram_escape(text: str) -> str:
    """Escape &, < and > for Telegram's HTML parse mode."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def parse(markdown: str) -> list[Token]:
    return _MD.parse(markdown or "", {})


def html_from(tokens: Sequence[Token]) -> str:
    return _MD.renderer.render(tokens, _MD.options, {})


class Run(NamedTuple):
    """A stretch of text with one set of styles ("b", "i", "code", "pre"...) and a link."""

    text: str
    styles: frozenset[str] = _PLAIN
    href: str | None = None


@dataclass(frozen=True)
class Block:
    """A paragraph, heading, list item or code block, as runs."""

    runs: tuple[Run, ...]
    quote: bool = False  # inside a blockquote (nested quotes are flattened)
    tight: bool = False  # follows the previous block after one newline, not a blank line
    preformatted: bool = False


def collect_blocks(tokens: Sequence[Token]) -> list[Block]:
    """Walk the block token stream (flat: nesting is open/close pairs) and build blocks."""
    blocks: list[Block] = []
    lists: list[int | None] = []  # the next number of each open list; None for bullets
    quote_depth = 0
    in_heading = hidden_paragraph = False
    marker: str | None = None  # a list item's bullet, waiting for the item's first block
    list_serial = 0  # numbers top-level lists, so that adjacent items join with "\n"
    previous_list: int | None = None

    def emit(runs: list[Run], *, tight_ok: bool = True, preformatted: bool = False) -> None:
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
        blocks.append(Block(tuple(runs), quote, tight, preformatted))

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
            runs = _inline_runs(token.children or [], BOLD if in_heading else _PLAIN)
            emit(runs, tight_ok=in_heading or hidden_paragraph)
        elif kind in ("fence", "code_block"):
            code = token.content.rstrip()
            emit(_compact([Run(code, _PRE)]), preformatted=True)
        elif kind == "hr":
            emit(_compact([Run(_RULE_TEXT)]))
    return blocks


def _inline_runs(children: Sequence[Token], base: frozenset[str]) -> list[Run]:
    """Styled runs of one inline token's children (also a flat stream)."""
    runs: list[Run] = []
    depth = dict.fromkeys(_STYLE_OF_TOKEN.values(), 0)
    styles = base
    links: list[str | None] = []

    def add(text: str, *, code: bool = False, own_href: str | None = None) -> None:
        href = (links[-1] if links else None) or own_href  # an enclosing link wins
        # Telegram: code holds no other formatting and sits in no link
        runs.append(Run(text, _CODE if code and not href else styles, href))

    for child in children:
        kind = child.type
        name, _, edge = kind.rpartition("_")
        if name in _STYLE_OF_TOKEN and edge in ("open", "close"):
            depth[_STYLE_OF_TOKEN[name]] += 1 if edge == "open" else -1
            styles = base | {style for style, count in depth.items() if count > 0}
        elif kind == "link_open":
            href = str(child.attrGet("href") or "")
            links.append(href if href and safe_url(href) else None)
        elif kind == "link_close" and links:
            links.pop()
        elif kind in ("softbreak", "hardbreak"):
            add(" " if kind == "softbreak" else "\n")
        elif kind == "code_inline":
            add(child.content, code=True)
        elif kind == "image":
            src = str(child.attrGet("src") or "")
            src = src if src and safe_url(src) else ""
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


def _compact(runs: Iterable[Run]) -> list[Run]:
    """Drop empty runs, merge neighbours with equal formatting, trim trailing whitespace."""
    merged: list[Run] = []
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


def _prefixed(prefix: str, runs: list[Run]) -> list[Run]:
    """`_compact([Run(prefix), *runs])` of runs `_compact` already made: only the prefix
    (a list marker or indent, plain) can merge, into a plain first run."""
    if not prefix:
        return runs
    if not runs:
        return _compact([Run(prefix)])
    first = runs[0]
    if first.styles == _PLAIN and first.href is None:
        return [Run(prefix + first.text), *runs[1:]]
    return [Run(prefix), *runs]


@lru_cache(maxsize=512)
def tags_of(styles: frozenset[str], href: str | None) -> tuple[tuple[str, str, int], ...]:
    """(opening tag, closing tag, both their UTF-16 length) of a run, outermost first."""
    tags = []
    for name in _TAG_ORDER:
        if name == "a" and href:
            opening = '<a href="' + telegram_escape(href).replace('"', "&quot;") + '">'
            tags.append((opening, "</a>", utf16_len(opening) + 4))
        elif name in styles:
            tags.append((f"<{name}>", f"</{name}>", 2 * len(name) + 5))
    return tuple(tags)


def shared_tags(
    stack: Sequence[tuple[str, str, int]], wanted: Sequence[tuple[str, str, int]]
) -> int:
    """How many outer tags two tag stacks have in common."""
    keep = 0
    while keep < min(len(stack), len(wanted)) and stack[keep] == wanted[keep]:
        keep += 1
    return keep


def serialise(runs: Iterable[Run]) -> str:
    """Telegram HTML for runs: tags kept open across runs that share them, always nested."""
    out: list[str] = []
    stack: Sequence[tuple[str, str, int]] = ()
    for run in runs:
        wanted = tags_of(run.styles, run.href)
        keep = shared_tags(stack, wanted)
        out.extend(closing for _, closing, _ in reversed(stack[keep:]))
        out.extend(opening for opening, _, _ in wanted[keep:])
        out.append(telegram_escape(run.text))
        stack = wanted
    out.extend(closing for _, closing, _ in reversed(stack))
    return "".join(out)


def text_from(blocks: list[Block]) -> str:
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
