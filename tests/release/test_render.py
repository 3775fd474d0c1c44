"""Channel rendering: sanitised HTML, Telegram messages that fit and nest, plain text."""

from __future__ import annotations

import html
import random
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from authoring_app.library.text import REF_PATTERN, TELEGRAM_LIMIT, find_refs, utf16_len
from authoring_app.release.markdown import telegram_escape
from authoring_app.release.render import (
    Rendered,
    expand_refs,
    render_all,
    render_html,
    render_telegram,
    render_text,
)

TELEGRAM_TAGS = {"b", "strong", "i", "em", "u", "s", "a", "code", "pre", "blockquote"}
SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")
HOSTILE_URLS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "java&#x09;script:alert(1)",
    "java&#9;script:alert(1)",
    "&#106;avascript:alert(1)",
    "jav&#x61;script:alert(1)",
    "java%09script:alert(1)",
    "java%0Ascript:alert(1)",
    "javascript&colon;alert(1)",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/png;base64,iVBORw0KGgo=",
    "DATA:text/html,<script>alert(1)</script>",
]


def _link_forms(url: str) -> list[str]:
    """The ways CommonMark lets a URL become a link or image target."""
    return [
        f"[click]({url})",
        f"[click](<{url}>)",
        f"[click]( {url} )",
        f"![pic]({url})",
        f"<{url}>",
        f"[click][ref]\n\n[ref]: {url}",
        f"![pic][ref]\n\n[ref]: {url}",
        f"[![pic]({url})]({url})",
    ]


class _AttrCollector(HTMLParser):
    """Collects every tag name and every href/src value of an HTML string."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.urls.extend(value or "" for name, value in attrs if name in ("href", "src"))

    handle_startendtag = handle_starttag


def _urls_in(markup: str) -> list[str]:
    collector = _AttrCollector()
    collector.feed(markup)
    collector.close()
    return collector.urls


def _is_harmless(url: str) -> bool:
    """An independent check of a URL as a browser would read it."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url)).lower()
    head = re.split(r"[/?#\\]", cleaned, maxsplit=1)[0]
    return ":" not in head or cleaned.startswith(SAFE_SCHEMES)


class _TelegramChecker(HTMLParser):
    """Fails on anything Telegram's HTML mode would reject; collects the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TELEGRAM_TAGS:
            self.errors.append(f"tag <{tag}>")
        if tag == "a":
            if [name for name, _ in attrs] != ["href"]:
                self.errors.append(f"<a> attributes {attrs}")
        elif attrs:
            self.errors.append(f"<{tag}> has attributes {attrs}")
        if tag == "blockquote" and "blockquote" in self.stack:
            self.errors.append("nested blockquote")
        if tag in ("pre", "code") and ({"pre", "code"} & set(self.stack)):
            self.errors.append(f"<{tag}> inside pre/code")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> does not close {self.stack[-1:]}")
        else:
            self.stack.pop()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.errors.append(f"self-closing <{tag}/>")

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.errors.append("comment")

    def handle_decl(self, decl: str) -> None:
        self.errors.append("declaration")


def check_message(message: str, limit: int = TELEGRAM_LIMIT) -> str:
    """Assert a Telegram message is sendable; return its visible text."""
    assert len(message.encode("utf-16-le")) // 2 <= limit  # strict: a lone surrogate raises
    message.encode("utf-8")
    assert re.fullmatch(r"(?:[^&]|&(?:amp|lt|gt|quot);)*", message, re.S), "broken entity"
    assert not re.search(r"<(?!/?(?:b|strong|i|em|u|s|a|code|pre|blockquote)[ >])", message)
    checker = _TelegramChecker()
    checker.feed(message)
    checker.close()
    assert checker.errors == [], (checker.errors, message)
    assert checker.stack == [], ("unclosed", checker.stack, message)
    text = "".join(checker.text)
    assert text.strip(), f"empty message {message!r}"
    return text


def check_messages(messages: list[str], limit: int = TELEGRAM_LIMIT) -> list[str]:
    assert isinstance(messages, list)
    return [check_message(message, limit) for message in messages]


# ---------------------------------------------------------------- escaping and links


def test_raw_html_is_escaped_in_every_channel():
    source = '<script>alert("x")</script>\n\nHi <img src=x onerror=alert(1)> & <b>bold</b>'
    page = render_html(source)
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;" in page and "&amp;" in page
    messages = render_telegram(source)
    assert "<script" not in "".join(messages) and "&lt;script&gt;" in messages[0]
    texts = check_messages(messages)
    assert '<script>alert("x")</script>' in texts[0]
    assert "<script>" in render_text(source)  # plain text keeps the characters as written


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_hostile_urls_never_become_link_or_image_targets(url):
    for source in _link_forms(url):
        rendered = render_all(source)
        for channel, markup in [("html", rendered.html), *(("tg", m) for m in rendered.telegram)]:
            for found in _urls_in(markup):
                assert _is_harmless(found), (channel, source, found)
        assert "script:" not in "".join(_urls_in(rendered.html)).lower()
        # plain text writes a link as "label (url)": no hostile URL is written that way
        assert not re.search(r" \((?:java|vbs|data|file)", rendered.text.lower()), rendered.text
        check_messages(list(rendered.telegram))


def test_safe_links_are_kept_and_external_ones_get_rel():
    source = (
        "[site](https://example.org/a?b=1&c=2) [mail](mailto:help@example.org) "
        '[call](tel:+70000000000) [page](/answers/abscess) [q](http://x.org/"onmouseover=1)'
    )
    page = render_html(source)
    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener nofollow">site</a>' in page
    assert '<a href="mailto:help@example.org">mail</a>' in page
    assert '<a href="tel:+70000000000">call</a>' in page
    assert '<a href="/answers/abscess">page</a>' in page
    assert '"onmouseover' not in page
    message = render_telegram(source)[0]
    assert '<a href="https://example.org/a?b=1&amp;c=2">site</a>' in message
    assert '<a href="tel:+70000000000">call</a>' in message
    check_messages([message])
    text = render_text(source)
    assert "site (https://example.org/a?b=1&c=2)" in text
    assert "mail (mailto:help@example.org)" in text


def test_html_output_is_deterministic():
    source = "# T\n\n- a\n- [b](https://b.org)\n\n![i](/i.png)"
    assert render_html(source) == render_html(source)
    assert '<img src="/i.png" alt="i" />' in render_html(source)


# ---------------------------------------------------------------- Telegram structure


def test_telegram_headings_lists_code_and_quotes():
    source = (
        "# Heading *one*\n\nFirst para\nsoft break  \nhard break\n\n"
        "- apple\n- pear\n  - nested **bold**\n    - deeper\n\n"
        "3. third\n4. fourth\n\n"
        "> quoted\n>\n> > inner quote\n\n"
        "```\n<tag> & code\n```\n\n![alt text](https://img.example/p.png)"
    )
    (message,) = render_telegram(source)
    check_messages([message])
    assert message.startswith("<b>Heading <i>one</i></b>\n\nFirst para soft break\nhard break")
    assert "• apple\n• pear\n  • nested <b>bold</b>\n    • deeper" in message
    assert "3. third\n4. fourth" in message
    assert "<blockquote>quoted\n\ninner quote</blockquote>" in message
    assert "<pre>&lt;tag&gt; &amp; code</pre>" in message
    assert '<a href="https://img.example/p.png">alt text</a>' in message
    for forbidden in ("<p>", "<br", "<ul", "<li", "<h1", "<img"):
        assert forbidden not in message


def test_title_is_first_bold_line():
    messages = render_telegram("Body text.", title="When to see a <doctor> & why")
    assert messages == ["<b>When to see a &lt;doctor&gt; &amp; why</b>\n\nBody text."]


def test_empty_input_gives_no_messages():
    assert render_telegram("") == []
    assert render_telegram("   \n\n  ") == []
    assert render_text("") == ""


def test_limit_below_minimum_is_rejected():
    with pytest.raises(ValueError):
        render_telegram("text", limit=5)


def test_blocks_are_packed_whole_when_they_fit():
    paragraphs = [f"Paragraph {n} " + "word " * 10 for n in range(30)]
    messages = render_telegram("\n\n".join(paragraphs), limit=200)
    texts = check_messages(messages, 200)
    assert len(messages) > 1
    for text in texts:  # every paragraph is whole in exactly one message
        for chunk in text.split("\n\n"):
            assert chunk.strip() in [p.strip() for p in paragraphs]


def test_long_paragraph_splits_at_sentence_ends():
    sentences = [f"Sentence number {n} says something useful." for n in range(60)]
    messages = render_telegram(" ".join(sentences), limit=300)
    texts = check_messages(messages, 300)
    assert len(messages) > 3
    assert all(text.endswith(".") for text in texts)
    assert " ".join(texts).split() == " ".join(sentences).split()


def test_formatting_is_closed_and_reopened_across_cuts():
    source = (
        "**"
        + " ".join(f"bold{n}" for n in range(200))
        + "** [link "
        + "x " * 100
        + "](https://e.org)"
    )
    messages = render_telegram(source, limit=120)
    texts = check_messages(messages, 120)
    assert len(messages) > 5
    assert all(m.startswith("<b>") and m.endswith("</b>") for m in messages[:3])
    assert all(m.startswith('<a href="https://e.org">') for m in messages[-2:])
    assert " ".join(texts).split() == render_text(source).split()[:-1]  # minus "(https://e.org)"


def test_long_code_block_splits_at_line_ends_inside_pre():
    lines = [f"line {n}: x = {n} & y < {n}" for n in range(80)]
    messages = render_telegram("```\n" + "\n".join(lines) + "\n```", limit=150)
    texts = check_messages(messages, 150)
    assert len(messages) > 5
    assert all(m.startswith("<pre>") and m.endswith("</pre>") for m in messages)
    assert [line for text in texts for line in text.split("\n")] == lines


def test_link_with_address_longer_than_limit_keeps_its_text():
    source = "[read this " + "word " * 30 + "](https://e.org/" + "a" * 300 + ")"
    messages = render_telegram(source, limit=64)
    texts = check_messages(messages, 64)
    assert " ".join(texts).split() == ["read", "this", *["word"] * 30]


@pytest.mark.parametrize("limit", [50, 51, 64, 77, 100, 129, 200])
def test_emoji_cyrillic_and_entities_at_split_points(limit):
    unbroken = "🙂" * 90 + "Ж" * 90 + "&<>" * 40 + "👩‍⚕️" * 20 + "e\u0301" * 30
    source = f"Привет мир 🙂 & <ok> {unbroken}\n\n**жирный {unbroken}**\n\n> `{unbroken}`"
    messages = render_telegram(source, limit=limit)
    texts = check_messages(messages, limit)
    assert "".join("".join(texts).split()) == "".join(render_text(source).split())


def test_quoted_and_listed_blocks_split_into_valid_messages():
    item = "пункт 🙂 " * 60
    source = f"> {item}\n>\n> second {item}\n\n- {item}\n- {item}\n  - {item}"
    for limit in (64, 90, 150, 500):
        messages = render_telegram(source, limit=limit)
        texts = check_messages(messages, limit)
        assert " ".join(texts).split() == render_text(source).split()


def test_200kb_body_splits_into_valid_messages_keeping_every_word():
    rng = random.Random(7)
    vocabulary = ["доза", "naloxone", "🙂", "a&b", "<x>", "вена", "wound.", "help!", "👩‍⚕️", "ok?"]
    words: list[str] = []
    paragraphs: list[str] = []
    while sum(map(len, paragraphs)) < 170_000:
        chunk = [rng.choice(vocabulary) for _ in range(rng.randint(5, 300))]
        words.extend(chunk)
        if rng.random() < 0.3:
            chunk[0] = f"**{chunk[0]}"
            chunk[-1] = f"{chunk[-1]}**"
        paragraphs.append(" ".join(chunk))
    giant = [rng.choice(vocabulary) for _ in range(8000)]  # one paragraph far over the limit
    words.extend(giant)
    paragraphs.append(" ".join(giant))
    source = "\n\n".join(paragraphs)
    assert len(source.encode()) > 200_000
    messages = render_telegram(source)
    texts = check_messages(messages)
    assert len(messages) > 50
    assert " ".join(texts).split() == words


@pytest.mark.parametrize(
    "source",
    [
        "- " * 10_000 + "deep",
        ">" * 10_000 + " deep",
        "> - " * 5_000 + "deep",
        "".join("  " * n + "- item\n" for n in range(300)),
        "".join(">" * n + " line\n" for n in range(1, 400)),
        "*" * 5_000 + "a" + "*" * 5_000,
        "[" * 50_000 + "x",
        "![" * 5_000 + "x" + "](a)" * 5_000,
        "a\x00b\x00" * 20_000,
        "`a``" * 20_000,
        "1. " * 10_000 + "x",
    ],
    ids=[
        "list",
        "quote",
        "mixed",
        "indented",
        "quote-lines",
        "stars",
        "brackets",
        "images",
        "nul",
        "ticks",
        "ordered",
    ],
)
def test_hostile_nesting_does_not_crash(source):
    rendered = render_all(source)
    assert isinstance(rendered.html, str) and isinstance(rendered.text, str)
    check_messages(list(rendered.telegram))
    check_messages(render_telegram(source, limit=64), 64)


# ---------------------------------------------------------------- plain text


def test_plain_text_has_no_markup():
    source = (
        "# Heading\n\nSome **bold** and `a < b` code.\n\n- one\n- two\n  1. sub\n\n"
        "[NHS](https://www.nhs.uk/) <https://same.example/> <a@b.org>\n\n```\nx = 1\n```"
    )
    text = render_text(source)
    assert text == (
        "Heading\n\nSome bold and a < b code.\n\n• one\n• two\n  1. sub\n\n"
        "NHS (https://www.nhs.uk/) https://same.example/ a@b.org\n\nx = 1"
    )


# ---------------------------------------------------------------- references


def test_find_refs_in_order_and_unique():
    text = (
        "Call {{ref:ambulance-103}} or {{ref:mobile-unit}}, then {{ref:ambulance-103}}. {{ref:Bad}}"
    )
    assert find_refs(text) == ["ambulance-103", "mobile-unit"]
    assert REF_PATTERN.fullmatch("{{ref:a-1}}") and not REF_PATTERN.fullmatch("{{ref:a--1}}")


def test_expand_refs_escapes_markdown_and_keeps_unknown():
    names = {
        "evil": "*Bold* [x](javascript:alert(1)) <b>hi</b> `c` _u_ {{ref:other}}\n\n# H",
        "phone": "Ambulance: 103",
    }
    body = "See {{ref:evil}}. Call {{ref:phone}}. Or {{ref:unknown}}."
    expanded = expand_refs(body, names.get)
    assert "{{ref:unknown}}" in expanded
    assert find_refs(expanded) == ["unknown"]  # inserted text adds no reference
    page = render_html(expanded)
    assert "<em>" not in page and "<strong>" not in page and "<code>" not in page
    assert "<h1>" not in page and "href" not in page and "<b>" not in page
    assert "*Bold* [x](javascript:alert(1)) &lt;b&gt;hi&lt;/b&gt; `c` _u_ {{ref:other}} # H" in page
    assert "Call Ambulance: 103." in render_text(expanded)
    assert expand_refs("no refs here", names.get) == "no refs here"


# ---------------------------------------------------------------- helpers and consistency


def test_utf16_len_and_escape():
    assert utf16_len("abc") == 3
    assert utf16_len("🙂") == 2
    assert utf16_len("Ж👩‍⚕️") == 1 + 2 + 1 + 1 + 1
    assert telegram_escape('a & <b> "q"') == 'a &amp; &lt;b&gt; "q"'


def test_render_all_equals_individual_renderers():
    source = (
        "# T\n\nText with [link](https://e.org) and `code`.\n\n- a\n- b\n\n> q\n\n" + "long " * 2000
    )
    rendered = render_all(source, title="Title")
    assert rendered == Rendered(
        html=render_html(source),
        telegram=tuple(render_telegram(source, title="Title")),
        text=render_text(source),
    )
    assert len(rendered.telegram) > 1


def test_module_does_not_import_qt():
    code = "import sys, authoring_app.release.render; assert not any(m.startswith('PySide6') for m in sys.modules)"
    subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        cwd=Path(__file__).parents[2],
    )


# ---------------------------------------------------------------- property test

FRAGMENTS = [
    "word",
    "слово",
    "🙂",
    "👩‍⚕️",
    " ",
    "  ",
    "\n",
    "\n\n",
    "**",
    "*",
    "_",
    "`",
    "```\n",
    "- ",
    "1. ",
    "> ",
    "# ",
    "## ",
    "[",
    "](",
    ")",
    "](https://e.org/?a=1&b=2)",
    "![",
    "<",
    ">",
    "&",
    "&amp;",
    "&#x09;",
    '"',
    "\\",
    "    ",
    "<b>",
    "javascript:",
    "https://x.y",
    "---\n",
    "e\u0301",
    ". ",
    "! ",
    "\x00",
]
markdownish = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=400
).map("".join)


@pytest.mark.slow
@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    source=markdownish,
    limit=st.integers(min_value=64, max_value=4096),
    title=st.none() | st.text(max_size=30),
)
def test_property_every_message_fits_nests_and_keeps_text(source, limit, title):
    messages = render_telegram(source, title=title, limit=limit)
    texts = check_messages(messages, limit)
    unsplit = render_telegram(source, title=title, limit=10**9)
    assert len(unsplit) <= 1
    whole = check_messages(unsplit, 10**9)
    assert "".join("".join(texts).split()) == "".join("".join(whole).split())
