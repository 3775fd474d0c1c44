"""Matching an author's unsaved text (`instead=`) without building the index again: it must
say what a matcher built with that text would say."""

from __future__ import annotations

import dataclasses

import pytest

import answer_kit
from answer_kit.content import ANSWER, EMERGENCY
from tests.kit.test_evaluation import load_messages


@pytest.fixture(scope="module")
def entries(sample_release):
    return answer_kit.entries_from_bundle(sample_release.data)


@pytest.fixture(scope="module")
def matcher(entries):
    return answer_kit.Matcher(entries)


def messages_and_questions(entries) -> list[tuple[str, str | None]]:
    found = [(m["text"], m.get("locale")) for m in load_messages()]
    found += [(q, e.locale) for e in entries for q in e.questions]
    return found


def test_an_unchanged_entry_instead_of_itself_changes_nothing(entries, matcher):
    answers = [e for e in entries if e.kind == ANSWER]
    for text, locale in messages_and_questions(entries):
        plain = matcher.match(text, locale=locale)
        for entry in answers[:: max(1, len(answers) // 6)]:
            assert matcher.match(text, locale=locale, instead=entry) == plain, (text, entry.key)


def test_a_new_answer_finds_its_own_questions_as_if_the_index_held_it(entries):
    """Each answer left out of the index and given as `instead`: each of its questions finds
    what a matcher built with it finds (what the checks of an unsaved answer rely on)."""
    full = answer_kit.Matcher(entries)
    differ = []
    for answer in (e for e in entries if e.kind == ANSWER):
        without = answer_kit.Matcher(e for e in entries if e.key != answer.key)
        for question in answer.questions:
            wanted = full.match(question, locale=answer.locale).answer
            if without.match(question, locale=answer.locale, instead=answer).answer != wanted:
                differ.append((answer.key, question))
    assert differ == []


def test_a_changed_answer_is_matched_almost_always_as_a_rebuilt_index_would(entries, matcher):
    """Every other answer given two more ways people ask it (and one less): every evaluation
    message and question against the old index with `instead`, and against an index built
    again. Only the changed answer's words weigh what they weighed before, so at most one
    message in a thousand, near a tie or the confidence line, may come out otherwise."""
    messages = load_messages()
    texts = messages_and_questions(entries)
    compared, differ = 0, []
    for answer in [e for e in entries if e.kind == ANSWER][::2]:
        more = [m["text"] for m in messages if m.get("answer") == answer.id][:2]
        changed = dataclasses.replace(answer, questions=(*answer.questions[1:], *more))
        rebuilt = answer_kit.Matcher([changed if e.key == answer.key else e for e in entries])
        for text, locale in texts:
            wanted = rebuilt.match(text, locale=locale)
            got = matcher.match(text, locale=locale, instead=changed)
            compared += 1
            if (got.answer, got.candidates[:1]) != (wanted.answer, wanted.candidates[:1]):
                differ.append((answer.key, text))
        for question in changed.questions:
            assert (
                matcher.match(question, locale=answer.locale, instead=changed).answer
                == rebuilt.match(question, locale=answer.locale).answer
            ), (answer.key, question)
    assert compared > 4000
    assert len(differ) <= compared / 1000, differ


def test_an_edited_answer_wins_a_question_it_adds_and_loses_one_it_drops(entries, matcher):
    signs = next(e for e in entries if e.key == "opioid-overdose-signs.en")
    asked = "my buddy keeps nodding off and his pupils are tiny like pins"
    before = matcher.match(asked, locale="en")
    assert before.answer != signs.key or signs.key in before.candidates
    added = dataclasses.replace(signs, questions=(*signs.questions, asked))
    assert matcher.match(asked, locale="en", instead=added).answer == signs.key
    own = signs.questions[0]
    assert matcher.match(own, locale="en").answer == signs.key
    bare = dataclasses.replace(signs, questions=(), title="Notes", summary="", body="", tags=())
    assert matcher.match(own, locale="en", instead=bare).answer != signs.key


def test_unsaved_triggers_of_the_emergency_response_fire_and_removed_ones_do_not(entries, matcher):
    emergency = next(e for e in entries if e.kind == EMERGENCY and e.locale == "en")
    message = "my friend went grey and floppy"
    assert matcher.match(message, locale="en").emergency == ()
    more = dataclasses.replace(emergency, triggers=(*emergency.triggers, "grey and floppy"))
    assert matcher.match(message, locale="en", instead=more).emergency == (emergency.key,)
    assert matcher.match("he is not breathing", locale="en").emergency == (emergency.key,)
    fewer = dataclasses.replace(emergency, triggers=("grey and floppy",))
    assert matcher.match("he is not breathing", locale="en", instead=fewer).emergency == ()


def test_an_unsaved_answer_in_a_language_the_index_lacks_is_still_matched(entries):
    english = [e for e in entries if e.locale == "en"]
    matcher = answer_kit.Matcher(english)
    answer = next(e for e in entries if e.key == "hitting-an-artery.ru")
    found = matcher.match(answer.questions[0], locale="ru", instead=answer)
    assert found.locale == "ru"
    assert found.answer == answer.key
