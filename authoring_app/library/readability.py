"""How hard a text is to read, by the published formulas, in the text's own language.

English: the SMOG grade (McLaughlin 1969, the score the NHS uses: 7 to 9 is readable by most
adults, above 14 is hard) and the Flesch–Kincaid grade (Kincaid et al. 1975). Russian: the
Flesch reading ease with Oborneva's coefficients for Russian (Оборнева 2006):
206.835 − 1.3·ASL − 60.1·ASW, 0 to 100, higher is easier.

The text is read as a person reads it: Markdown's marks, code and `{{ref:ID}}` (a service's
name and number, filled in later) are taken out first; a heading or a list item is a sentence
of its own. Syllables: a Russian syllable is a vowel, exactly; an English one (and a Latin
word in Russian text) is estimated from groups of vowels, the usual rule of readability tools
without a pronouncing dictionary.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from authoring_app.library.text import REF_PATTERN

SMOG = "smog"  # a school grade: lower is easier
READING_EASE = "reading-ease"  # 0 to 100: higher is easier

CODE_SPAN = re.compile(r"`[^`\n]*`")
# Bounded, so that a line of a thousand "[" costs no more than a line of words.
IMAGE_OR_LINK = re.compile(r"!?\[([^\]\n]{0,300})\]\([^)\s]{0,2000}\)")
AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\s]*>|\bhttps?://\S+")
HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
LINE_MARK = re.compile(r"^\s*(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,9}[.)]\s+)+")
EMPHASIS = re.compile(r"[*_~]+")
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»”)]*\s+")
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
RU_VOWELS = frozenset("аеёиоуыэюя")
EN_VOWEL_GROUP = re.compile(r"[aeiouy]+")
EN_SILENT_END = re.compile(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$")


@dataclass(frozen=True)
class Counts:
    sentences: int
    words: int
    syllables: int
    polysyllables: int  # words of three syllables or more (SMOG)


@dataclass(frozen=True)
class Figure:
    """One text's readability in its language: `measure` is SMOG or READING_EASE; `grade`
    is the Flesch–Kincaid grade where the language has it."""

    locale: str
    measure: str
    value: float
    counts: Counts
    grade: float | None = None


@dataclass(frozen=True)
class Limit:
    """Where a text becomes hard to read: above `max_grade` (a grade measure) or below
    `min_ease` (a reading-ease measure)."""

    max_grade: float | None = None
    min_ease: float | None = None


# English: the NHS reads a SMOG grade of 7 to 9 as readable by most adults. Russian: on
# Oborneva's scale a primer's "Мама мыла раму. Папа читал газету." scores 73, sentences of
# eight words averaging 2.5 syllables score 46 and sentences of twelve words averaging 2.8
# score 23: Russian words are longer than English ones, so the line sits lower than Flesch's
# 50 for English. A library sets its own limits in library.yaml (checks.readability).
DEFAULT_LIMITS = {"en": Limit(max_grade=9.0), "ru": Limit(min_ease=40.0)}
LOCALES = tuple(DEFAULT_LIMITS)
MIN_WORDS = 10  # below this, one long word swings the figure from easy to hard


def plain_text(markdown: str) -> str:
    """What a person reads of `markdown`, one block per line."""
    text = REF_PATTERN.sub(" ", _without_code_blocks(markdown))
    text = CODE_SPAN.sub(" ", text)
    text = IMAGE_OR_LINK.sub(r"\1", text)
    text = AUTOLINK.sub(" ", text)
    text = HTML_TAG.sub(" ", text)
    lines = (
        " ".join(EMPHASIS.sub("", LINE_MARK.sub("", line)).split()) for line in text.split("\n")
    )
    return "\n".join(line for line in lines if line)


def _without_code_blocks(markdown: str) -> str:
    """Drop fenced code blocks (``` or ~~~), which no one reads as prose."""
    kept, fence = [], ""
    for line in markdown.split("\n"):
        mark = line.lstrip()[:3]
        if fence:
            fence = "" if mark == fence else fence
        elif mark in ("```", "~~~"):
            fence = mark
        else:
            kept.append(line)
    return "\n".join(kept)


def sentences_of(text: str) -> list[str]:
    """The sentences of plain text: ended by . ! ? … or by the end of a line (a heading or a
    list item is read as a sentence); a piece with no word is none."""
    found = []
    for line in text.split("\n"):
        found += [s for s in SENTENCE_END.split(line) if WORD.search(s)]
    return found


def syllables(word: str, locale: str) -> int:
    word = word.lower()
    if locale == "ru" and not word.isascii():  # a Latin word in Russian text ("Telegram")
        return sum(letter in RU_VOWELS for letter in word)
    count = 0
    for part in re.split(r"[-'’]", word):
        if not part:
            continue
        if len(part) <= 3:
            count += 1
            continue
        trimmed = EN_SILENT_END.sub(lambda m: m.group(0)[0], part)
        trimmed = trimmed[1:] if trimmed.startswith("y") else trimmed
        count += max(1, len(EN_VOWEL_GROUP.findall(trimmed)))
    return count


def count(text: str, locale: str) -> Counts:
    """Sentences, words and syllables of plain `text`."""
    sentences = sentences_of(text)
    words = [w for s in sentences for w in WORD.findall(s)]
    per_word = [syllables(w, locale) for w in words]
    return Counts(len(sentences), len(words), sum(per_word), sum(n >= 3 for n in per_word))


def smog_grade(counts: Counts) -> float:
    """McLaughlin's SMOG grade, scaled to 30 sentences."""
    return 1.0430 * math.sqrt(counts.polysyllables * 30 / counts.sentences) + 3.1291


def flesch_kincaid_grade(counts: Counts) -> float:
    return 0.39 * counts.words / counts.sentences + 11.8 * counts.syllables / counts.words - 15.59


def oborneva_reading_ease(counts: Counts) -> float:
    """Flesch's reading ease with Oborneva's coefficients for Russian."""
    return 206.835 - 1.3 * counts.words / counts.sentences - 60.1 * counts.syllables / counts.words


def figure(markdown: str, locale: str) -> Figure | None:
    """How hard `markdown` is to read in `locale`; None for a language without a formula here,
    or a text too short for one to say anything."""
    if locale not in LOCALES:
        return None
    counts = count(plain_text(markdown), locale)
    if counts.words < MIN_WORDS or not counts.sentences:
        return None
    if locale == "ru":
        return Figure(locale, READING_EASE, oborneva_reading_ease(counts), counts)
    return Figure(locale, SMOG, smog_grade(counts), counts, flesch_kincaid_grade(counts))


def too_hard(found: Figure, limit: Limit) -> bool:
    if found.measure == SMOG:
        return limit.max_grade is not None and round(found.value, 1) > limit.max_grade
    return limit.min_ease is not None and round(found.value) < limit.min_ease


def limit_text(found: Figure, limit: Limit) -> str:
    """The limit, as a number written the way the figure is shown."""
    value = limit.max_grade if found.measure == SMOG else limit.min_ease
    return "" if value is None else f"{value:g}"


def limits_from(data: object) -> dict[str, Limit]:
    """`checks.readability` of library.yaml ({ru: {min_ease: 50}, en: {max_grade: 9}}) over
    the defaults; a value of the wrong kind keeps the default (the schema check reports it)."""
    limits = dict(DEFAULT_LIMITS)
    if not isinstance(data, dict):
        return limits
    for locale, entry in data.items():
        if not isinstance(entry, dict):
            continue
        base = limits.get(locale, Limit())
        values = {}
        for key in ("max_grade", "min_ease"):
            value = entry.get(key, getattr(base, key))
            ok = isinstance(value, int | float) and not isinstance(value, bool) and value >= 0
            values[key] = float(value) if ok else getattr(base, key)
        limits[str(locale)] = Limit(**values)
    return limits


@dataclass(frozen=True)
class Reading:
    """How hard one field of an answer ("summary" or "body") is to read, against the limit."""

    field: str
    figure: Figure
    limit: Limit

    @property
    def too_hard(self) -> bool:
        return too_hard(self.figure, self.limit)

    @property
    def value_text(self) -> str:
        """The figure as it is shown: a grade to one decimal, a reading ease in whole points."""
        value = self.figure.value
        return f"{value:.1f}" if self.figure.measure == SMOG else f"{value:.0f}"

    @property
    def limit_text(self) -> str:
        return limit_text(self.figure, self.limit)


def readings(summary: str, body: str, locale: str, limit: Limit) -> list[Reading]:
    """The summary's and the full answer's readability (a field without words has none)."""
    found = []
    for field, text in (("summary", summary), ("body", body)):
        measured = figure(text, locale)
        if measured is not None:
            found.append(Reading(field, measured, limit))
    return found
