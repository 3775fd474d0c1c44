"""The sample library's text keeps the rules of its facts file: the same first aid wherever an
answer gives it, and Russian that reads as Russian once the directory's names are filled in."""

from __future__ import annotations

import re

import pytest

from authoring_app.library import paths
from authoring_app.library.library import Library
from authoring_app.library.text import REF_PATTERN


@pytest.fixture(scope="module")
def answers():
    with Library.open(paths.sample_library_dir(), files_only=True) as library:
        return {str(answer.key): answer for answer in library.answers()}, library.directory


def _texts(answer) -> list[str]:
    return [answer.title, answer.summary, answer.body, *answer.red_flags]


def test_a_service_name_stands_where_the_nominative_fits_in_russian(answers):
    """ "подскажут в Пример мобильного пункта" is no Russian: a name follows a colon, a dash or
    a bracket, or starts a list item; an emergency number ("звоните 103") fits anywhere."""
    by_key, directory = answers
    misplaced = []
    for key, answer in by_key.items():
        if answer.locale != "ru":
            continue
        for text in _texts(answer):
            for match in REF_PATTERN.finditer(text):
                service = directory.get(match.group(1))
                if service is None or service.kind == "emergency":
                    continue
                before = text[: match.start()].rstrip(" ")
                if not before or before.endswith((":", "(", "—", "\n", "\n-", "\n*", "или")):
                    continue
                misplaced.append(f"{key}: …{before[-30:]} {match.group(0)}")
    assert misplaced == []


def test_russian_titles_do_not_assume_the_readers_gender(answers):
    by_key, _ = answers
    # "если укол попал в артерию" is neutral; "если попал" makes the reader a man.
    gendered = re.compile(r"(?<!укол )\bпопал\b|\b(укололся|самому|сам|сорвался)\b", re.I)
    assert [k for k, a in by_key.items() if a.locale == "ru" and gendered.search(a.title)] == []


def test_russian_answers_address_the_reader_one_way(answers):
    """Every answer says "вы"; none slips into "ты" (колешь, можешь, твой...)."""
    by_key, _ = answers
    informal = re.compile(r"\b(ты|тебе|тебя|твой|твоя|твои|колешь|можешь|знаешь|хочешь)\b", re.I)
    mixed = [
        key
        for key, answer in by_key.items()
        if answer.locale == "ru" and any(informal.search(t) for t in _texts(answer))
    ]
    assert mixed == []


def test_every_answer_that_gives_artery_first_aid_gives_the_same_times(answers):
    """Press for 15 to 30 minutes, at least 30 for the groin: an answer that says less would
    have a person let go too soon."""
    by_key, _ = answers
    artery = {"ru": "артери", "en": "artery"}
    times = {"ru": ("15–30 минут", "не меньше 30"), "en": ("15 to 30 minutes", "at least 30")}
    press = {"ru": "прижмите", "en": "press hard"}
    short = [
        key
        for key, answer in by_key.items()
        if artery[answer.locale] in answer.body
        and press[answer.locale] in answer.body.lower()
        and not all(t in answer.body for t in times[answer.locale])
    ]
    givers = [k for k, a in by_key.items() if press[a.locale] in a.body.lower()]
    assert len(givers) >= 6  # the artery answer, vein care and the emergency response
    assert short == []


@pytest.mark.parametrize("locale", ["ru", "en"])
def test_the_overdose_answer_says_breathing_naloxone_routes_and_the_break(answers, locale):
    by_key, _ = answers
    body = by_key[f"opioid-overdose-signs.{locale}"].body
    words = {
        "ru": ["запрокиньте", "искусственное дыхание", "укол в мышцу", "спрей в нос", "перерыв"],
        "en": ["tilt", "rescue breaths", "injection into a muscle", "nasal spray", "a break"],
    }[locale]
    assert [w for w in words if w not in body] == []
    detox = by_key[f"alcohol-benzo-detox-risks.{locale}"].body
    relapse = {"ru": ["намного меньше", "в одиночку", "налоксон"], "en": ["much less", "alone"]}
    assert [w for w in relapse[locale] if w not in detox] == []
