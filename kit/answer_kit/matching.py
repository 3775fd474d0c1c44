"""Which answer a chat message asks for: the emergency triggers first, then the best answer,
or none when the matcher is not confident.

An index is built once from entries (`content.Entry`: a verified release's, or a library's
with its drafts). A message is matched in its own language:

1. **Emergency.** Every emergency response's triggers are looked for in the message's word
   stems, in order, allowing one word between and a typo in a long word ("не дышит", "blue
   lips", "od"), in every language: an English "od" in a Russian message still fires.
2. **The best answer.** Answers are ranked by BM25 over their fields (questions weigh most,
   then title and tags, then summary and red flags), with each message word also matching
   longer or shorter forms of it ("передоз" / "передозировка") and, when a word is unknown,
   a word one typo away.
3. **Confidence.** The best answer must cover enough of what the message says (its words
   weighed by how rare they are): "what time does your office open" shares a word or two with
   some answer, but not its meaning, so the matcher declines.

Every limit on untrusted input is a field of `MatchConfig`, applied while reading.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from answer_kit import words as w
from answer_kit.content import ANSWER, EMERGENCY, Entry


@dataclass(frozen=True)
class MatchConfig:
    """How the matcher reads and decides; the defaults are tuned on the evaluation set."""

    max_message_chars: int = 2000  # the rest of a longer message is not read
    max_terms: int = 40  # words of a message scored
    k1: float = 1.2
    b: float = 0.75
    questions_weight: float = 1.0
    title_weight: float = 1.2
    tags_weight: float = 1.0
    summary_weight: float = 0.8
    red_flags_weight: float = 0.4
    body_weight: float = 0.3
    min_coverage: float = 0.27  # share of the message's weight the best answer must cover
    min_score: float = 2.0
    related_factor: float = 0.85  # a longer or shorter form of the word
    typo_factor: float = 0.7  # a word one typo away
    min_prefix: int = 4  # letters a form must share to count as related
    min_typo_length: int = 5  # shorter words are not corrected
    common_share: float = 0.5  # a word in more than this share of answers is not scanned
    shortlist: int = 12
    candidates: int = 3


@dataclass(frozen=True)
class Match:
    """What a message asks for. `answer` is None when the matcher declines."""

    locale: str | None
    emergency: tuple[str, ...] = ()  # keys of the emergency responses that fired
    answer: str | None = None
    candidates: tuple[str, ...] = ()  # the closest answers, best first
    confidence: float = 0.0  # share of the message the best answer covers

    @property
    def declined(self) -> bool:
        return self.answer is None


@dataclass
class _Index:
    """The answers of one language."""

    keys: list[str] = field(default_factory=list)
    postings: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    vocabulary: list[set[str]] = field(default_factory=list)  # each answer's terms
    common: frozenset[str] = frozenset()
    prefixes: dict[str, set[str]] = field(default_factory=dict)
    deletions: dict[str, set[str]] = field(default_factory=dict)
    expansions: dict[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)


class Matcher:
    """An index of entries; `match` a message against it."""

    def __init__(self, entries: Iterable[Entry], config: MatchConfig | None = None):
        self.config = config or MatchConfig()
        self.entries: dict[str, Entry] = {}
        for entry in entries:
            self.entries.setdefault(entry.key, entry)
        self.locales = sorted({e.locale for e in self.entries.values()})
        self._triggers = [
            (entry.key, tuple(w.stems(trigger)))
            for entry in self.entries.values()
            if entry.kind == EMERGENCY
            for trigger in entry.triggers
        ]
        self._triggers = [(key, stems) for key, stems in self._triggers if stems]
        self._indexes = {
            locale: self._build(
                [e for e in self.entries.values() if e.kind == ANSWER and e.locale == locale]
            )
            for locale in self.locales
        }

    # -- building --------------------------------------------------------------------------

    def _build(self, entries: list[Entry]) -> _Index:
        c = self.config
        index = _Index()
        weighted: list[Counter] = []
        for entry in sorted(entries, key=lambda e: e.key):
            counts: Counter = Counter()
            for texts, weight in (
                (entry.questions, c.questions_weight),
                ((entry.title,), c.title_weight),
                (entry.tags, c.tags_weight),
                ((entry.summary,), c.summary_weight),
                (entry.red_flags, c.red_flags_weight),
                ((entry.body,), c.body_weight),
            ):
                for text in texts:
                    for term in w.terms(text):
                        counts[term] += weight
            index.keys.append(entry.key)
            weighted.append(counts)
            index.vocabulary.append(set(counts))
        total = len(weighted)
        if not total:
            return index
        average = sum(sum(counts.values()) for counts in weighted) / total or 1.0
        frequency = Counter(term for terms in index.vocabulary for term in terms)
        index.idf = {t: math.log(1 + (total - n + 0.5) / (n + 0.5)) for t, n in frequency.items()}
        index.common = frozenset(t for t, n in frequency.items() if n > c.common_share * total)
        postings = defaultdict(list)
        for number, counts in enumerate(weighted):
            norm = c.k1 * (1 - c.b + c.b * sum(counts.values()) / average)
            for term, tf in counts.items():
                postings[term].append((number, index.idf[term] * tf * (c.k1 + 1) / (tf + norm)))
        index.postings = dict(postings)
        for term in frequency:
            for size in range(c.min_prefix, len(term)):
                index.prefixes.setdefault(term[:size], set()).add(term)
            if len(term) >= c.min_typo_length - 1:
                for variant in _deletions(term):
                    index.deletions.setdefault(variant, set()).add(term)
        return index

    def _expand(self, index: _Index, term: str) -> tuple[tuple[str, float], ...]:
        """The answers' terms `term` stands for, with how much each counts."""
        found = index.expansions.get(term)
        if found is not None:
            return found
        c = self.config
        forms: dict[str, float] = {}
        if term in index.idf:
            forms[term] = 1.0
        if len(term) >= c.min_prefix:
            for longer in index.prefixes.get(term, ()):
                forms.setdefault(longer, c.related_factor)
            for size in range(c.min_prefix, len(term)):
                if term[:size] in index.idf:
                    forms.setdefault(term[:size], c.related_factor)
        if not forms and len(term) >= c.min_typo_length:
            near = set()
            for variant in (term, *_deletions(term)):
                near |= index.deletions.get(variant, set())
            for other in near:
                if w.edit_distance_at_most_one(term, other):
                    forms[other] = c.typo_factor
        found = tuple(sorted(forms.items(), key=lambda item: -item[1]))
        if len(index.expansions) < 100_000:
            index.expansions[term] = found
        return found

    # -- matching --------------------------------------------------------------------------

    def match(self, message: str, *, locale: str | None = None, group: bool = False) -> Match:
        """What `message` asks for. `locale`: the chat's language, used when the message's
        own script does not tell; `group` is accepted for symmetry with replies (a match
        never depends on it: what is sent in a group is decided when replying)."""
        del group
        c = self.config
        text = message[: c.max_message_chars] if isinstance(message, str) else ""
        language = w.language_of(text, self.locales, chat_locale=locale, default=locale)
        fired = self.emergencies(text)
        index = self._indexes.get(language) if language else None
        if index is None or not index.keys:
            return Match(language, fired)
        asked = list(dict.fromkeys(w.terms(text)))[: c.max_terms]
        ranked, coverage = self._rank(index, asked)
        candidates = tuple(index.keys[number] for number, _score in ranked[: c.candidates])
        if not ranked:
            return Match(language, fired)
        best, score = ranked[0]
        confident = coverage.get(best, 0.0) >= c.min_coverage and score >= c.min_score
        return Match(
            language,
            fired,
            index.keys[best] if confident else None,
            candidates,
            round(coverage.get(best, 0.0), 3),
        )

    def _rank(self, index: _Index, asked: list[str]):
        """Answers by score, best first (the shortlist), and what share of the message each
        of them covers."""
        scores: dict[int, float] = defaultdict(float)
        forms_of, weight_of = [], []
        unknown = math.log(1 + (len(index.keys) - 0.5) / 1.5)  # as rare as a word in one answer
        for term in asked:
            forms = self._expand(index, term)
            forms_of.append(forms)
            weight_of.append(max((index.idf[f] for f, _ in forms), default=unknown))
            best: dict[int, float] = {}
            for form, factor in forms:
                if form in index.common:
                    continue
                for number, weight in index.postings[form]:
                    value = weight * factor
                    if value > best.get(number, 0.0):
                        best[number] = value
            for number, value in best.items():
                scores[number] += value
        ranked = sorted(scores.items(), key=lambda item: (-item[1], index.keys[item[0]]))
        ranked = ranked[: self.config.shortlist]
        total = sum(weight_of) or 1.0
        coverage = {}
        for number, _score in ranked:
            terms = index.vocabulary[number]
            covered = sum(
                weight
                for forms, weight in zip(forms_of, weight_of, strict=True)
                if any(form in terms for form, _ in forms)
            )
            coverage[number] = covered / total
        return ranked, coverage

    def emergencies(self, message: str) -> tuple[str, ...]:
        """Keys of the emergency responses whose triggers `message` holds."""
        said = w.stems(message[: self.config.max_message_chars])
        fired = []
        for key, trigger in self._triggers:
            if key not in fired and _holds(said, trigger, self.config):
                fired.append(key)
        return tuple(fired)


def _deletions(term: str) -> set[str]:
    return {term[:i] + term[i + 1 :] for i in range(len(term))}


def _same_word(said: str, wanted: str, config: MatchConfig) -> bool:
    """Whether a message's word stem `said` is the trigger's `wanted`: the same, a longer form
    of it ("дышет" for "дыш"), a form at most two letters shorter, or one typo away."""
    if said == wanted:
        return True
    if len(wanted) >= 3 and said.startswith(wanted):
        return True
    if len(said) >= config.min_prefix and wanted.startswith(said) and len(wanted) - len(said) <= 2:
        return True
    return min(len(said), len(wanted)) >= config.min_typo_length and w.edit_distance_at_most_one(
        said, wanted
    )


def _holds(said: list[str], trigger: tuple[str, ...], config: MatchConfig) -> bool:
    """Whether the trigger's words appear in `said` in order, at most one word between."""
    for start, word in enumerate(said):
        if not _same_word(word, trigger[0], config):
            continue
        position, ok = start, True
        for wanted in trigger[1:]:
            for step in (1, 2):
                if position + step < len(said) and _same_word(
                    said[position + step], wanted, config
                ):
                    position += step
                    break
            else:
                ok = False
                break
        if ok:
            return True
    return False
