"""Ids are made from titles: nobody types one, and every one is valid and unique."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from authoring_app.library.answer import ID_PATTERN
from authoring_app.library.ids import MAX_LENGTH, id_from_title


def test_a_russian_question_becomes_a_readable_latin_id():
    assert (
        id_from_title("Что делать, если человек не дышит?") == "chto-delat-esli-chelovek-ne-dyshit"
    )
    assert id_from_title("Где сдать ВИЧ-тест бесплатно") == "gde-sdat-vich-test-besplatno"
    assert id_from_title("Щёлочь, подъезд, юла, яма, хлеб, цех") == (
        "shcheloch-podezd-yula-yama-khleb-tsekh"
    )


def test_an_english_question_keeps_its_words():
    assert id_from_title("How do I look after my veins?") == "how-do-i-look-after-my-veins"


def test_a_taken_id_gets_the_next_free_number():
    taken = {"naloksonvse", "nalokson", "nalokson-2"}
    assert id_from_title("Налоксон", taken) == "nalokson-3"


def test_letters_written_another_way_become_plain_latin():
    assert id_from_title("Café naïve 𝔸𝔹 ﬁle Ｗｉｆｉ") == "cafe-naive-ab-file-wifi"
    assert id_from_title("Cafe\u0301 ЁЛКА") == "cafe-elka"


def test_a_title_of_only_signs_or_emoji_still_gives_an_id():
    assert id_from_title("?!… 💉") == "answer"
    assert id_from_title("", {"answer"}) == "answer-2"


def test_a_long_title_is_cut_between_words():
    made = id_from_title("очень " * 40)
    assert len(made) <= MAX_LENGTH - 4
    assert made.startswith("ochen-ochen") and not made.endswith("-")


@given(st.text(max_size=300), st.sets(st.text(max_size=10), max_size=5))
def test_whatever_the_title_the_id_is_valid_and_free(title, taken):
    made = id_from_title(title, taken)
    assert ID_PATTERN.match(made)
    assert len(made) <= MAX_LENGTH
    assert made not in taken
