"""The answers of one language as the matcher searches them: how much each word counts in
each answer (BM25 over the answer's fields), and which of the answers' words a message's word
stands for (itself, a longer or shorter form of it, or a word one typo away).

An index is built once (`build`). `overlay` weighs one more entry with an index's word
weights, so an author's unsaved text can be matched as if it were in the index without
building the index again.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from answer_kit import words as w
from answer_kit.content import Entry

if TYPE_CHECKING:
    from answer_kit.matching import MatchConfig

Forms = tuple[tuple[str, float], ...]  # the answers' words a message word stands for, and how much


@dataclass
class Index:
    """The answers of one language."""

    keys: list[str] = field(default_factory=list)
    postings: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    vocabulary: list[set[str]] = field(default_factory=list)  # each answer's terms
    common: frozenset[str] = frozenset()
    prefixes: dict[str, set[str]] = field(default_factory=dict)
    deletions: dict[str, set[str]] = field(default_factory=dict)
    expansions: dict[str, Forms] = field(default_factory=dict)
    average: float = 1.0  # the average answer's weighed length

    @property
    def unknown(self) -> float:
        """The weight of a word none of the answers has: as rare as a word in one answer."""
        return math.log(1 + (len(self.keys) - 0.5) / 1.5)


def weigh(entry: Entry, config: MatchConfig) -> Counter:
    """How much each term of an answer counts, its fields weighed by the config."""
    c = config
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
    return counts


def build(entries: Iterable[Entry], config: MatchConfig) -> Index:
    """The index of `entries` (one language's answers)."""
    c = config
    index = Index()
    weighted: list[Counter] = []
    for entry in sorted(entries, key=lambda e: e.key):
        counts = weigh(entry, c)
        index.keys.append(entry.key)
        weighted.append(counts)
        index.vocabulary.append(set(counts))
    total = len(weighted)
    if not total:
        return index
    index.average = sum(sum(counts.values()) for counts in weighted) / total or 1.0
    frequency = Counter(term for terms in index.vocabulary for term in terms)
    index.idf = {t: math.log(1 + (total - n + 0.5) / (n + 0.5)) for t, n in frequency.items()}
    index.common = frozenset(t for t, n in frequency.items() if n > c.common_share * total)
    postings = defaultdict(list)
    for number, counts in enumerate(weighted):
        for term, value in _weights(counts, index.idf, index.average, c).items():
            postings[term].append((number, value))
    index.postings = dict(postings)
    _add_forms(index, frequency, c)
    return index


def overlay(index: Index, entry: Entry, config: MatchConfig, *, replacing: bool) -> Index:
    """`entry` alone, weighed as if it were one more answer of `index` (or, `replacing`, one
    of its answers): its words weigh what they weigh in the index, a word the index does not
    have what a word of one answer weighs; the index's common words stay common."""
    counts = weigh(entry, config)
    total = len(index.keys) + (0 if replacing else 1)
    new = math.log(1 + (total - 0.5) / 1.5)
    alone = Index(keys=[entry.key], vocabulary=[set(counts)], common=index.common)
    alone.average = index.average if index.keys else sum(counts.values()) or 1.0
    alone.idf = {term: index.idf.get(term, new) for term in counts}
    weights = _weights(counts, alone.idf, alone.average, config)
    alone.postings = {term: [(0, value)] for term, value in weights.items()}
    _add_forms(alone, counts, config)
    return alone


def _weights(counts: Counter, idf: dict, average: float, c: MatchConfig) -> dict[str, float]:
    norm = c.k1 * (1 - c.b + c.b * sum(counts.values()) / average)
    return {term: idf[term] * tf * (c.k1 + 1) / (tf + norm) for term, tf in counts.items()}


def _add_forms(index: Index, terms: Iterable[str], c: MatchConfig) -> None:
    for term in terms:
        for size in range(c.min_prefix, len(term)):
            index.prefixes.setdefault(term[:size], set()).add(term)
        if len(term) >= c.min_typo_length - 1:
            for variant in deletions(term):
                index.deletions.setdefault(variant, set()).add(term)


def expand(index: Index, term: str, config: MatchConfig) -> Forms:
    """The answers' terms `term` stands for, with how much each counts."""
    found = index.expansions.get(term)
    if found is not None:
        return found
    c = config
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
        for variant in (term, *deletions(term)):
            near |= index.deletions.get(variant, set())
        for other in near:
            if w.edit_distance_at_most_one(term, other):
                forms[other] = c.typo_factor
    found = tuple(sorted(forms.items(), key=lambda item: -item[1]))
    if len(index.expansions) < 100_000:
        index.expansions[term] = found
    return found


def deletions(term: str) -> set[str]:
    return {term[:i] + term[i + 1 :] for i in range(len(term))}
