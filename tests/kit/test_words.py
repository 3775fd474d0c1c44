"""How the matcher reads words: the fast tokeniser says exactly what the plain definition
says, for any text a person (or an attacker) can send."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from answer_kit import words

_PLAIN_WORD = re.compile(r"[^\W_]+(?:['’ʼ`][^\W_]+)*")


def plain_words(text: str) -> list[str]:
    """The definition: NFKD, every combining mark but the breve of й dropped, NFC, ё as е;
    a word is letters and digits with apostrophes inside it, and loses its apostrophes (a
    lone ʼ, a letter to Unicode, is no word at all)."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c) or c == "\u0306")
    text = unicodedata.normalize("NFC", text).replace("ё", "е")
    found = (w.translate(str.maketrans("", "", "'’ʼ`")) for w in _PLAIN_WORD.findall(text))
    return [w for w in found if w]


CHAT = st.text(
    alphabet=st.sampled_from(
        list("abcdefghijklmnopqrstuvwxyzABCDEZабвгдеёжзийклмнопрстуфхцчшщъыьэюяЁЙ0123456789")
        + list(" \t\n.,!?-_'’ʼ`\u0301\u0306\u0308éñçø👍🏽́")
    ),
    max_size=80,
)


@settings(max_examples=400, deadline=None)
@given(CHAT)
def test_the_tokeniser_reads_chat_text_as_its_definition_does(text):
    assert words.words(text) == plain_words(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_the_tokeniser_reads_any_unicode_as_its_definition_does(text):
    assert words.words(text) == plain_words(text)


def test_apostrophes_inside_a_word_join_it_and_stray_ones_split_nothing():
    assert words.words("I can't wake him, 'he' won’t OD'ing") == [
        "i",
        "cant",
        "wake",
        "him",
        "he",
        "wont",
        "oding",
    ]
    assert words.words("Ёлка, йод и ПЕРЕДОЗ́") == ["елка", "йод", "и", "передоз"]
