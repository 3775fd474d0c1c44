"""The answer file format: what is written reads back as the same answer, with the same hash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from authoring_app.library.answer import Answer, Source, normalise_body, parse_answer

text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=300,
)


def make(**changes) -> Answer:
    base = Answer(
        id="abscess-signs",
        locale="ru",
        topic="wound-care",
        title="Когда нужен врач?",
        questions=("у меня шишка, что делать?",),
        summary="Покажитесь врачу.",
        body="Текст.\n",
        red_flags=("Красные полосы от раны",),
        refer_to=("ambulance-103",),
        sources=(Source("NHS: Skin abscess", "https://www.nhs.uk/conditions/skin-abscess/"),),
    )
    return base.edited(**changes)


@settings(max_examples=150, deadline=None)
@given(
    title=text.filter(lambda t: len(t) <= 200),
    summary=text,
    question=text,
    flag=text,
    body=st.text(max_size=500),
)
def test_any_text_survives_a_write_and_read_unchanged(title, summary, question, flag, body):
    answer = make(
        title=title, summary=summary, questions=[question, "second?"], red_flags=[flag], body=body
    )
    again, problems = parse_answer(answer.to_text(), answer.path)
    assert again is not None, problems
    assert again.fields() == answer.fields()
    assert again.content_hash() == answer.content_hash()


def _normalised_the_long_way(body: str) -> str:
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    body = "\n".join(line.rstrip() for line in body.split("\n")).strip("\n")
    return body + "\n" if body else ""


# Every character str.rstrip strips, and the line breaks around them.
_spacey = st.text(
    st.sampled_from(
        [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\xa0", "\u2028"]
        + ["\u2029", "\u3000", "\u200a", "\u202f", "a", "я", "\u200b", "\ufeff"]
    ),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(body=st.one_of(_spacey, st.text(max_size=200)))
def test_a_body_is_normalised_exactly_as_saved_bodies_always_were(body):
    """Sign-offs are bound to the hash of the normalised body: the quick path for bodies that
    are already normal must never change which text that is."""
    expected = _normalised_the_long_way(body)
    assert normalise_body(body) == expected
    assert normalise_body(expected) == expected


def test_the_hash_ignores_layout_but_not_words():
    answer = make()
    import yaml

    flow = yaml.safe_dump(answer.fields(), allow_unicode=True, default_flow_style=True, width=40)
    same, _ = parse_answer(f"---\n{flow}---\n\n{answer.body}\n\n", answer.path)
    assert same.content_hash() == answer.content_hash()
    assert make(summary="Покажитесь врачу!").content_hash() != answer.content_hash()
    assert make(body="Текст.\n\nЕщё.\n").content_hash() != answer.content_hash()


def test_long_text_is_written_as_a_readable_block():
    summary = (
        "Signs of an opioid overdose: pinpoint pupils, can't be woken, slow or no breathing. " * 3
    )
    written = make(summary=summary.strip()).to_text()
    assert "summary: >-\n  Signs of an opioid overdose" in written
    assert "can't" in written  # no doubled quotes
    assert "questions:\n  - " in written
