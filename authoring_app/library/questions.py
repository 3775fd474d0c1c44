"""Whether people's questions find their answers, as a bot's matcher would find them.

A bot matches chat messages with the consumer kit's `Matcher` over a release. Here the same
matcher reads a library as it is now, drafts included (`matcher_of`): each answer's words as
its release will read them, with the directory's names filled in for `{{ref:ID}}` (Markdown's
marks are no words to the matcher, so the text needs no rendering). From it follow:

- **lost questions**: a way people ask an answer (a line of its `questions`) for which a bot
  would send another answer, or say it does not know (`lost_questions`, one answer, with the
  author's unsaved text; `library_problems`, every answer; `report`, for publishing);
- **silent examples**: an example message of the emergency response (its `questions`) that
  its own triggers do not fire (`silent_examples`).

All of them are warnings: the text is not wrong, but a bot would not answer as its author
expects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from answer_kit.content import ANSWER, EMERGENCY, Entry
from answer_kit.matching import Matcher
from authoring_app.library.answer import Answer, AnswerKey
from authoring_app.library.directory import Directory
from authoring_app.library.parallel import forked_map
from authoring_app.library.problems import Problem
from authoring_app.library.text import REF_PATTERN

CODES = {
    "question-won-elsewhere": "a bot would send another answer for one of this answer's questions",
    "question-not-found": "a bot would find no answer for one of this answer's questions",
    "example-does-not-fire": "an example message of the emergency response does not fire it",
}

Progress = Callable[[int, int], None]  # done, total


def entry_of(answer: Answer, directory: Directory) -> Entry:
    """`answer` as the matcher reads it."""

    def filled(text: str) -> str:
        def name(match) -> str:
            service = directory.get(match.group(1))
            return service.label(answer.locale) if service else match.group(0)

        return REF_PATTERN.sub(name, text)

    return Entry(
        id=answer.id,
        locale=answer.locale,
        kind=answer.kind,
        title=answer.title,
        questions=answer.questions,
        summary=filled(answer.summary),
        triggers=answer.triggers,
        visibility=answer.visibility,
        tags=answer.tags,
        red_flags=tuple(filled(text) for text in answer.red_flags),
        body=filled(answer.body),
    )


def matcher_of(answers: Iterable[Answer], directory: Directory) -> Matcher:
    """The matcher a bot would have if `answers` were its release."""
    return Matcher(entry_of(answer, directory) for answer in answers)


@dataclass(frozen=True)
class LostQuestion:
    """A way people ask `key` (its question number `index`) that does not find it: a bot
    would send `found` instead, or (None) say it does not know."""

    key: AnswerKey
    index: int
    question: str
    found: AnswerKey | None
    unsure: bool = False  # not found, though this answer came closest


def lost_questions(
    answer: Answer, matcher: Matcher, directory: Directory, *, indexed: bool = False
) -> list[LostQuestion]:
    """The questions of `answer` that do not find it: as it stands, saved or not, or (with
    `indexed`) as `matcher` already holds it."""
    if answer.kind != ANSWER:
        return []
    entry = entry_of(answer, directory)
    instead = None if indexed else entry
    lost = []
    for number, question in enumerate(answer.questions):
        match = matcher.match(question, locale=answer.locale, instead=instead)
        if match.answer != entry.key:
            found = AnswerKey.parse(match.answer) if match.answer else None
            unsure = found is None and match.candidates[:1] == (entry.key,)
            lost.append(LostQuestion(answer.key, number, question, found, unsure))
    return lost


def silent_examples(answer: Answer) -> list[tuple[int, str]]:
    """The example messages (number, text) of an emergency response its triggers miss."""
    if answer.kind != EMERGENCY or not answer.triggers:
        return []
    own = Matcher([Entry(answer.id, answer.locale, EMERGENCY, triggers=answer.triggers)])
    key = str(answer.key)
    return [
        (number, text)
        for number, text in enumerate(answer.questions)
        if key not in own.emergencies(text)
    ]


def question_problems(
    answer: Answer,
    matcher: Matcher,
    directory: Directory,
    title_of: Callable[[AnswerKey], str | None],
) -> list[Problem]:
    """`lost_questions` of one answer as warnings, naming the answer a bot would send by
    its title (`title_of`; its key where it has none)."""
    return [_problem(answer, lost, title_of) for lost in lost_questions(answer, matcher, directory)]


def _problem(answer: Answer, lost: LostQuestion, title_of) -> Problem:
    field = f"questions[{lost.index}]"
    if lost.found is None:
        why = (
            "would think of this answer first, but not be sure enough to send it"
            if lost.unsure
            else "would find no answer"
        )
        return Problem(
            answer.path,
            None,
            field,
            "question-not-found",
            f"for {lost.question!r} a bot {why}, and say it does not know; use the words "
            "people use in the answer",
            "warning",
            (("question", lost.question), *((("unsure", "yes"),) if lost.unsure else ())),
        )
    title = title_of(lost.found) or str(lost.found)
    return Problem(
        answer.path,
        None,
        field,
        "question-won-elsewhere",
        f"for {lost.question!r} a bot would send “{title}” ({lost.found}) instead of this "
        "answer; say it as only this answer would, or remove it",
        "warning",
        (("question", lost.question), ("answer", str(lost.found)), ("title", title)),
    )


def example_problems(answer: Answer) -> list[Problem]:
    """`silent_examples` as warnings."""
    return [
        Problem(
            answer.path,
            None,
            f"questions[{number}]",
            "example-does-not-fire",
            f"the example message {text!r} does not fire the emergency response: add the "
            "words people write in it to the triggers",
            "warning",
            (("question", text),),
        )
        for number, text in silent_examples(answer)
    ]


@dataclass(frozen=True)
class QuestionReport:
    """How many answers and questions were tried, and the questions that found another
    answer or none."""

    answers: int
    questions: int
    lost: tuple[LostQuestion, ...] = ()

    @property
    def lost_answers(self) -> dict[AnswerKey, list[LostQuestion]]:
        """Answers with lost questions, each with its lost questions."""
        found: dict[AnswerKey, list[LostQuestion]] = {}
        for lost in self.lost:
            found.setdefault(lost.key, []).append(lost)
        return found


def report(
    answers: Iterable[Answer], directory: Directory, progress: Progress | None = None
) -> QuestionReport:
    """Every question of every answer in `answers`, matched against `answers` alone (a
    release, or a whole library): the questions that do not find their own answer. On the
    command line the second half is tried in a forked copy (library/parallel.py)."""
    answers = list(answers)
    matcher = matcher_of(answers, directory)
    tried = [a for a in answers if a.kind == ANSWER and a.questions]
    chunks = [tried[start : start + 50] for start in range(0, len(tried), 50)]
    done = 0

    def check(chunk: list[Answer]) -> list[LostQuestion]:
        nonlocal done
        found = [
            lost
            for answer in chunk
            for lost in lost_questions(answer, matcher, directory, indexed=True)
        ]
        done += len(chunk)
        if progress is not None:
            progress(min(done, len(tried)), len(tried))
        return found

    lost = [item for found in forked_map(check, chunks, min_items=8) for item in found]
    return QuestionReport(len(tried), sum(len(a.questions) for a in tried), tuple(lost))


def library_problems(answers: Iterable[Answer], directory: Directory) -> list[Problem]:
    """Every answer's lost questions, as warnings (the emergency response's silent
    examples are among each answer's own checks: checks.py)."""
    answers = list(answers)
    by_key = {answer.key: answer for answer in answers}
    problems = []
    for lost in report(answers, directory).lost:
        answer = by_key[lost.key]
        problems.append(_problem(answer, lost, lambda key: _title(by_key, key)))
    return problems


def _title(by_key: dict[AnswerKey, Answer], key: AnswerKey) -> str | None:
    found = by_key.get(key)
    return found.title if found else None
