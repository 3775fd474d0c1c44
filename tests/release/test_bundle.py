"""Bundles: what each answer carries, refs filled in, canonical bytes, hostile bodies."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from answer_kit import rendered, schema
from authoring_app.library.answer import Answer, AnswerKey
from authoring_app.library.text import utf16_len
from authoring_app.release import bundle as bundles
from authoring_app.release import rendering
from authoring_app.release.bundle import BundleError, canonical_json
from authoring_app.release.render import render_all
from tests.release.helpers import NEXT_REVIEW, fake_entries, trust_of

RELEASE_TIME = dt.datetime(2026, 3, 1, 12, 0, 5, tzinfo=dt.UTC)
TELEGRAM_TAGS = {"b", "strong", "i", "em", "u", "s", "a", "code", "pre", "blockquote"}


def assemble(library, entries=None, **overrides):
    entries = fake_entries(library) if entries is None else entries
    args = dict(
        info=library.info,
        directory=library.directory,
        version="1.0.0",
        previous_version=None,
        release_time=RELEASE_TIME,
        expires=bundles.expiry(RELEASE_TIME, 12, [e.governance.next_review for e in entries]),
        trust=trust_of(library),
    )
    args.update(overrides)
    return rendering.assemble(entries, **args)


def with_body(library, body: str, summary: str | None = None) -> Answer:
    answer = library.answer(AnswerKey("abscess-signs", "en"))
    return answer.edited(body=body, summary=summary or answer.summary)


class TagChecker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs


def test_answer_fields_governance_and_services(library):
    data = assemble(library)
    assert schema.problems(data) == []
    assert data["format"] == bundles.BUNDLE_FORMAT
    assert data["library"] == {
        "name": "Test library",
        "organisation": "Test NGO",
        "locales": ["ru", "en"],
        "default_locale": "ru",
        "sample": False,
    }
    assert [e["id"] for e in data["emergency"]] == ["ambulance-103"]
    assert data["emergency"][0]["name"] == {"ru": "Скорая помощь", "en": "Ambulance"}
    answer = next(a for a in data["answers"] if a["key"] == "abscess-signs.en")
    assert answer["topic"] == {"id": "wound-care", "title": "Wounds"}
    assert answer["translations"] == ["ru"]
    assert answer["services"] == [
        {
            "id": "example-mobile-unit",
            "kind": "outreach",
            "name": "Example mobile unit",
            "contact": "+7 000 000-00-01",
            "example": True,
        }
    ]
    gov = answer["governance"]
    assert gov["signed_off_by"][0]["name"] == "Dr One"
    assert gov["signed_off_by"][0]["time"] == "2026-01-10T09:30:00Z"
    assert gov["last_reviewed"] == "2026-01-10"
    assert gov["next_review"] == NEXT_REVIEW.isoformat()
    assert answer["content_hash"] == library.answer(AnswerKey("abscess-signs", "en")).content_hash()
    assert answer["body"]["telegram"] and answer["body"]["html"].startswith("<p>")
    ru = next(a for a in data["answers"] if a["key"] == "abscess-signs.ru")
    assert (
        ru["topic"]["title"] == "Раны" and ru["services"][0]["name"] == "Пример мобильного пункта"
    )


def test_refs_are_filled_in_everywhere(library):
    answer = with_body(
        library,
        "Call {{ref:ambulance-103}} now.\n",
        summary="If it spreads, call {{ref:ambulance-103}}.",
    ).edited(red_flags=["Fever: call {{ref:ambulance-103}}"])
    entry = fake_entries(library)[0].__class__(answer, fake_entries(library)[0].governance)
    data = assemble(library, [entry])
    out = data["answers"][0]
    assert out["summary"]["text"] == "If it spreads, call 103."
    assert "call 103" in out["summary"]["telegram"]
    assert out["red_flags"] == ["Fever: call 103"]
    assert "Call 103 now." in out["body"]["text"]
    assert "{{ref:" not in json.dumps(data)
    assert [s["id"] for s in out["services"]] == ["example-mobile-unit", "ambulance-103"]


def test_unknown_service_and_long_summary_refuse_naming_the_answer(library):
    template = fake_entries(library)[0]
    unknown = template.__class__(with_body(library, "See {{ref:nowhere}}.\n"), template.governance)
    with pytest.raises(BundleError, match=r"abscess-signs.en: names nowhere"):
        assemble(library, [unknown])
    long = template.__class__(with_body(library, "x\n", summary="word " * 900), template.governance)
    with pytest.raises(BundleError, match=r"abscess-signs.en: the summary does not fit"):
        assemble(library, [long])


def test_a_body_that_renders_as_nothing_is_refused(library):
    template = fake_entries(library)[0]
    deep = template.__class__(with_body(library, "> " * 200 + "lost\n"), template.governance)
    with pytest.raises(BundleError, match=r"abscess-signs.en: the body renders as nothing"):
        assemble(library, [deep])


def test_canonical_json_is_sorted_compact_utf8_with_newline(library):
    data = assemble(library)
    raw = canonical_json(data)
    assert raw.endswith(b"}\n") and raw.count(b"\n") == 1
    assert "Раны".encode() in raw
    assert raw == canonical_json(json.loads(raw))
    assert raw == canonical_json(assemble(library))  # same input, same bytes


def test_expiry_is_capped_by_the_earliest_next_review():
    release = dt.datetime(2026, 1, 31, 10, 0, tzinfo=dt.UTC)
    assert bundles.expiry(release, 1, []) == dt.datetime(2026, 2, 28, 10, 0, tzinfo=dt.UTC)
    assert bundles.expiry(release, 12, [dt.date(2026, 6, 1), dt.date(2026, 9, 1)]) == (
        dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    )
    assert bundles.iso_utc(bundles.expiry(release, 12, [])) == "2027-01-31T10:00:00Z"


HOSTILE = {
    "script": "<script>alert(1)</script>\n\nHello <img src=x onerror=alert(1)>\n",
    "links": "[click](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) "
    "[c](java&#x09;script:alert(1)) ![i](javascript:alert(1))\n\n"
    '<a href="javascript:alert(1)" onclick="x()">raw</a>\n',
    "nested": "".join("  " * i + "- level\n" for i in range(300)),
    "quotes": "> " * 15 + "deep quote\n",
    "big": ("Абзац с кириллицей и эмодзи 🧪👩🏽‍⚕️ & <теги>. " * 60 + "\n\n") * 70,
    "emoji-run": "👩🏽‍⚕️" * 3000 + "\n",
    "cyrillic-run": "щ" * 9000 + "\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_bodies_render_safely(library, name):
    template = fake_entries(library)[0]
    entry = template.__class__(with_body(library, HOSTILE[name]), template.governance)
    data = assemble(library, [entry])
    assert schema.problems(data) == []
    assert rendered.bundle_problem(data) is None  # what a bot's verify checks beyond the schema
    body = data["answers"][0]["body"]
    checker = TagChecker()
    checker.feed(body["html"])
    assert "script" not in checker.tags
    assert not any(attr.startswith("on") for attr, _ in checker.attrs)
    for attr, value in checker.attrs:
        if attr in ("href", "src"):
            assert value.lower().startswith(("http:", "https:", "mailto:", "tel:", "x"))
    assert body["telegram"]
    for message in [*body["telegram"], data["answers"][0]["summary"]["telegram"]]:
        assert 0 < utf16_len(message) <= 4096
        checker = TagChecker()
        checker.feed(message)
        assert set(checker.tags) <= TELEGRAM_TAGS
        for attr, value in checker.attrs:
            assert attr == "href" and value.lower().startswith(("http", "mailto:", "tel:", "x"))
        message.encode("utf-8")  # no split surrogate pairs
    if name == "big":
        assert len(HOSTILE[name].encode()) > 200_000 and len(body["telegram"]) > 20
        joined = "".join(body["telegram"])
        assert "🧪" in joined and "&lt;теги&gt;" in joined
    if name == "emoji-run":
        assert all(m[0] != "\u200d" for m in body["telegram"])


def test_rendering_on_several_cores_gives_the_same_bytes(library, monkeypatch):
    serial = canonical_json(assemble(library, parallel=False))
    monkeypatch.setattr(rendering, "PARALLEL_MIN", 2)
    monkeypatch.setattr(rendering, "_CHUNK", 3)
    monkeypatch.setattr(rendering, "_workers", lambda: 2)
    assert canonical_json(assemble(library)) == serial


LINK_CHARACTERS = "aejlpstv:/?#&%;=.\"'<>\\ \t()[]*_`xX9"


@settings(max_examples=300, deadline=None)
@given(
    url=st.text(alphabet=LINK_CHARACTERS, max_size=24),
    label=st.text(alphabet=LINK_CHARACTERS + "щ🧪", min_size=1, max_size=12),
)
def test_whatever_a_link_holds_the_release_writes_what_a_bot_accepts(url, label):
    """The renderer and the consumer kit agree: nothing published is refused by a bot."""
    rendered_body = render_all(f"[{label}]({url}) ![{label}]({url}) <{url}> {label}\n", title="T")
    patterns = {
        name: re.compile(schema.load("bundle")["$defs"][name]["pattern"])
        for name in ("html", "telegram")
    }
    assert patterns["html"].search(rendered_body.html), rendered_body.html
    assert rendered.html_problem(rendered_body.html) is None, rendered_body.html
    for message in rendered_body.telegram:
        assert patterns["telegram"].search(message), message
        assert rendered.telegram_problem(message) is None, message
