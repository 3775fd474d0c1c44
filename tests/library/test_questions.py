"""Whether each answer's own questions find it, as a bot would match them: the warnings of
`authoring-app validate` and of each answer's checks, on the sample library."""

from __future__ import annotations

import json

from authoring_app.cli import main
from authoring_app.library import parallel, questions
from authoring_app.library.answer import AnswerKey
from authoring_app.library.checks import lint_answer
from authoring_app.sync.opening import validate

SIGNS = AnswerKey("opioid-overdose-signs", "en")
ARTERY = AnswerKey("hitting-an-artery", "en")
EMERGENCY = AnswerKey("emergency-response", "en")


def lost_of(problems) -> set[tuple[str, str, str]]:
    return {(p.path, p.field, p.code) for p in problems if p.code in questions.CODES}


def save(library, answer) -> None:
    library.save_answer(answer, library.roster.get("demo-author"))


def test_a_question_another_answer_wins_is_a_warning_naming_that_answer(sample_library):
    before = lost_of(validate(sample_library))
    artery = sample_library.answer(ARTERY)
    signs = sample_library.answer(SIGNS)
    claimed = artery.questions[0]  # the artery answer's own way of asking, claimed by another
    save(sample_library, signs.edited(questions=(*signs.questions, claimed)))
    problems = validate(sample_library)
    new = next(p for p in problems if p.param("question") == claimed and p.path == signs.path)
    assert new.code == "question-won-elsewhere" and new.severity == "warning"
    assert new.field == f"questions[{len(signs.questions)}]"
    assert new.param("title") == artery.title and new.param("answer") == str(ARTERY)
    assert f"“{artery.title}”" in new.message
    lines = (sample_library.path / signs.path).read_text("utf-8").splitlines()
    assert claimed in lines[new.line - 1]  # the line of that very question
    assert lost_of(problems) - before == {(signs.path, new.field, new.code)}


def test_validate_prints_the_warning_and_still_succeeds(sample_library, capsys):
    signs = sample_library.answer(SIGNS)
    claimed = sample_library.answer(ARTERY).questions[0]
    cited = tuple(s for s in signs.sources if s.address)  # (no must-fix check stands)
    save(sample_library, signs.edited(questions=(*signs.questions, claimed), sources=cited))
    assert main(["validate", str(sample_library.path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    [found] = [p for p in data["problems"] if p.get("params", {}).get("question") == claimed]
    assert found["code"] == "question-won-elsewhere"
    assert found["params"]["answer"] == str(ARTERY)


def test_a_question_of_nothing_but_common_words_says_a_bot_would_not_know(sample_library):
    signs = sample_library.answer(SIGNS)
    odd = "what should I do now?"  # every word too common to tell answers apart
    edited = signs.edited(questions=(*signs.questions, odd))
    matcher = questions.matcher_of(sample_library.answers(), sample_library.directory)
    lost = questions.lost_questions(edited, matcher, sample_library.directory)
    [mine] = [item for item in lost if item.question == odd]
    assert mine.found is None and mine.index == len(signs.questions)
    [problem] = [
        p
        for p in questions.question_problems(edited, matcher, sample_library.directory, str)
        if p.param("question") == odd
    ]
    assert problem.code == "question-not-found" and problem.severity == "warning"


def test_unsaved_questions_are_checked_against_the_saved_library(sample_library):
    """The editor checks text not saved yet against the library's index as it is."""
    matcher = questions.matcher_of(sample_library.answers(), sample_library.directory)
    artery = sample_library.answer(ARTERY)
    assert questions.lost_questions(artery, matcher, sample_library.directory) == []
    signs = sample_library.answer(SIGNS)
    # A way of asking that only the overdose answer's words answer (the signs themselves).
    [pupils] = [q for q in signs.questions if "pupils" in q]
    edited = artery.edited(questions=(*artery.questions, pupils))
    [lost] = questions.lost_questions(edited, matcher, sample_library.directory)
    assert (lost.question, lost.found) == (pupils, SIGNS)


def test_an_example_the_emergency_triggers_miss_is_a_warning_until_a_trigger_covers_it(
    sample_library,
):
    emergency = sample_library.answer(EMERGENCY)
    info, directory = sample_library.info, sample_library.directory
    assert [p for p in lint_answer(emergency, info, directory) if p.code in questions.CODES] == []
    example = "my friend went grey and floppy"
    edited = emergency.edited(questions=(*emergency.questions, example))
    [problem] = [p for p in lint_answer(edited, info, directory) if p.code in questions.CODES]
    assert problem.code == "example-does-not-fire" and problem.severity == "warning"
    assert problem.field == f"questions[{len(emergency.questions)}]"
    assert problem.param("question") == example
    fixed = edited.edited(triggers=(*edited.triggers, "grey and floppy"))
    assert [p for p in lint_answer(fixed, info, directory) if p.code in questions.CODES] == []
    # The emergency response's examples are never taken for ways to ask an answer.
    matcher = questions.matcher_of(sample_library.answers(), directory)
    assert questions.lost_questions(edited, matcher, directory) == []


def test_the_report_counts_what_it_tried_and_is_the_same_on_one_core_or_two(
    sample_library, monkeypatch
):
    answers, directory = sample_library.answers(), sample_library.directory
    tried = [a for a in answers if a.kind == "answer" and a.questions]
    forked = questions.report(answers, directory)
    assert forked.answers == len(tried)
    assert forked.questions == sum(len(a.questions) for a in tried)
    monkeypatch.setattr(parallel, "fork_is_safe", lambda: False)
    seen = []
    alone = questions.report(answers, directory, progress=lambda done, total: seen.append(done))
    assert alone == forked
    assert seen[-1] == len(tried)
    assert set(alone.lost_answers) == {lost.key for lost in alone.lost}


def test_questions_a_hostile_file_may_hold_never_break_the_check(sample_library):
    signs = sample_library.answer(SIGNS)
    strange = ("", " ", "🙂" * 3000, "od " * 2000, "\u0301\u0306", "передоз" * 500, "x" * 50_000)
    edited = signs.edited(questions=strange)
    matcher = questions.matcher_of(sample_library.answers(), sample_library.directory)
    lost = questions.lost_questions(edited, matcher, sample_library.directory)
    assert {item.index for item in lost} <= set(range(len(strange)))
    emergency = sample_library.answer(EMERGENCY).edited(questions=strange, triggers=strange)
    assert len(questions.silent_examples(emergency)) <= len(strange)
