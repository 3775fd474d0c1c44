"""The bundle's schema is as strict as docs/bundle-format.md: both it and the checks it
cannot express (answer_kit/rendered.py) refuse forbidden content, even when signed."""

from __future__ import annotations

import pytest

import answer_kit
from answer_kit import rendered, schema
from tests.kit.helpers import NOW, Signer, answer, bundle, bundle_comment, canonical

SCRIPT_CAPABLE_HTML = [
    "<p>hi</p><script>alert(1)</script>",
    '<p><img src="x" onerror="alert(1)" /></p>',
    '<p><a href="javascript:alert(1)">x</a></p>',
    '<p><a href="JaVaScRiPt:alert(1)">x</a></p>',
    '<p><a href="java&#x09;script:alert(1)">x</a></p>',
    '<p><a href="data:text/html,&lt;script&gt;">x</a></p>',
    '<iframe src="https://evil.example/"></iframe>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<svg><script>alert(1)</script></svg>",
    '<a href="https://ok.example/" onclick="alert(1)">x</a>',
    "<p>unclosed <b",
]
NOT_TELEGRAM = [
    "<p>paragraph</p>",
    "line<br>break",
    "<script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>',
    '<b onclick="x()">bold</b>',
    "<h1>Heading</h1>",
    "AT&T without an entity",
    "<b>never closed",
    "<blockquote>a <blockquote>quote in a quote</blockquote></blockquote>",
]
TELEGRAM_OK = [
    "<b>bold</b> <i>i</i> <u>u</u> <s>s</s> <code>x</code> <pre>y</pre>",
    '<a href="https://www.who.int/">WHO</a> &lt;tag&gt; &amp; &#128512;',
    '<span class="tg-spoiler">hidden</span> <blockquote expandable>quote</blockquote>',
    '<pre><code class="language-python">print(1)</code></pre>',
    "Call 112 — 👩🏽‍⚕️",
]


def with_body(html: str | None = None, telegram: str | None = None) -> dict:
    data = bundle("1.0.0")
    body = data["answers"][0]["body"]
    if html is not None:
        body["html"] = html
    if telegram is not None:
        body["telegram"] = [telegram]
    return data


@pytest.mark.parametrize("html", SCRIPT_CAPABLE_HTML)
def test_script_capable_html_is_refused_by_the_schema_and_by_verify(html):
    assert schema.problems(with_body(html=html)), html
    assert rendered.html_problem(html), html


@pytest.mark.parametrize("message", NOT_TELEGRAM)
def test_what_telegram_does_not_take_is_refused(message):
    assert rendered.telegram_problem(message), message
    if "&" not in message and "never closed" not in message and "quote in" not in message:
        assert schema.problems(with_body(telegram=message)), message  # tags JSON Schema sees


@pytest.mark.parametrize("message", TELEGRAM_OK)
def test_telegrams_own_tags_are_accepted(message):
    assert rendered.telegram_problem(message) is None
    assert schema.problems(with_body(telegram=message)) == []


def test_a_5000_character_message_is_refused_by_the_schema_and_by_verify():
    message = "a" * 5000
    assert schema.problems(with_body(telegram=message)) == [
        "data.answers[0].body.telegram[0]: must be shorter than or equal to 4096 characters"
    ]
    assert "5000 UTF-16 units" in rendered.telegram_problem(message)


def test_a_message_of_4096_characters_but_more_utf16_units_is_refused_by_verify():
    message = "🧪" * 2100  # 2,100 characters, 4,200 UTF-16 units: the schema cannot count them
    assert schema.problems(with_body(telegram=message)) == []
    assert "4200 UTF-16 units" in rendered.telegram_problem(message)
    signer = Signer()
    data = with_body(telegram=message)
    raw = canonical(data)
    signature = signer.sign(raw, bundle_comment(data, raw))
    with pytest.raises(answer_kit.Refused, match="body.telegram message 1 is 4200 UTF-16 units"):
        answer_kit.verify_bundle(raw, signature, signer.public, now=NOW)


@pytest.mark.parametrize(
    "change",
    [
        {"key": "../../etc/passwd.en"},
        {"id": "Overdose Signs"},
        {"title": "x" * 201},
        {"questions": []},
        {"sources": [{"title": "x", "url": "javascript:alert(1)"}]},
        {"content_hash": "md5:0"},
    ],
)
def test_ids_lengths_and_addresses_are_checked(change):
    assert schema.problems(bundle("1.0.0", answers=[answer(**change)]))


@pytest.mark.parametrize("field", ["release_time", "expires"])
def test_times_must_be_real_utc_times(field):
    data = bundle("1.0.0")
    data[field] = "2026-13-45T25:61:00Z"
    assert schema.problems(data)


def test_a_signed_bundle_with_forbidden_content_is_still_refused():
    signer = Signer()
    data = with_body(html="<p>x</p><script>alert(1)</script>")
    raw = canonical(data)
    signature = signer.sign(raw, bundle_comment(data, raw))
    with pytest.raises(answer_kit.Refused, match="does not match its schema: .*body.html"):
        answer_kit.verify_bundle(raw, signature, signer.public, now=NOW)
