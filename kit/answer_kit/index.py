"""The answers of one language as the matcher searches them: how much each word counts in
each answer (BM25 over the answer's fields), and which of the answers' words a message's word
stands for (itself, a longer or shorter form of it, or a word one typo away).

An index is built once (`build`). `overlay` weighs one more entry with an index's word
weights, so an author's unsaved text can be matched as if it were in the index without
building the index again.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections import Counter
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
    """The answers of one language. Each term's postings are two arrays, the numbers of the
    answers that have it (ascending) and its weight in each: a 5,000-answer index holds a
    million of them, which as Python tuples would take ten times the memory."""

    keys: list[str] = field(default_factory=list)
    postings: dict[str, tuple[array, array]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    common: frozenset[str] = frozenset()
    prefixes: dict[str, set[str]] = field(default_factory=dict)
    deletions: dict[str, set[str]] = field(default_factory=dict)
    expansions: dict[str, Forms] = field(default_factory=dict)
    average: float = 1.0  # the average answer's weighed length

    @property
    def unknown(self) -> float:
        """The weight of a word none of the answers has: as rare as a word in one answer."""
        return math.log(1 + (len(self.keys) - 0.5) / 1.5)

    def has(self, number: int, term: str) -> bool:
        """Whether answer `number` has `term`."""
        found = self.postings.get(term)
        if found is None:
            return False
        numbers = found[0]
        at = bisect_left(numbers, number)
        return at < len(numbers) and numbers[at] == number


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
    """The index of `entries` (one language's answers). Each answer's weighed terms go
    straight into the postings; the weights follow once every answer is counted."""
    c = config
    index = Index()
    lengths = array("d")
    found: dict[str, tuple[array, array]] = {}
    for number, entry in enumerate(sorted(entries, key=lambda e: e.key)):
        counts = weigh(entry, c)
        index.keys.append(entry.key)
        lengths.append(sum(counts.values()))
        for term, tf in counts.items():
            posting = found.get(term)
            if posting is None:
                posting = found[term] = (array("i"), array("d"))
            posting[0].append(number)
            posting[1].append(tf)
    total = len(index.keys)
    if not total:
        return index
    index.average = sum(lengths) / total or 1.0
    index.idf = {
        t: math.log(1 + (total - len(p[0]) + 0.5) / (len(p[0]) + 0.5)) for t, p in found.items()
    }
    index.common = frozenset(t for t, p in found.items() if len(p[0]) > c.common_share * total)
    norms = [c.k1 * (1 - c.b + c.b * length / index.average) for length in lengths]
    factor = c.k1 + 1
    for term, (numbers, weights) in found.items():
        idf = index.idf[term]
        for at, number in enumerate(numbers):
            tf = weights[at]
            weights[at] = idf * tf * factor / (tf + norms[number])
    index.postings = found
    _add_forms(index, found, c)
    return index


def overlay(index: Index, entry: Entry, config: MatchConfig, *, replacing: bool) -> Index:
    """`entry` alone, weighed as if it were one more answer of `index` (or, `replacing`, one
    of its answers): its words weigh what they weigh in the index, a word the index does not
    have what a word of one answer weighs; the index's common words stay common."""
    c = config
    counts = weigh(entry, c)
    total = len(index.keys) + (0 if replacing else 1)
    new = math.log(1 + (total - 0.5) / 1.5)
    alone = Index(keys=[entry.key], common=index.common)
    alone.average = index.average if index.keys else sum(counts.values()) or 1.0
    alone.idf = {term: index.idf.get(term, new) for term in counts}
    norm = c.k1 * (1 - c.b + c.b * sum(counts.values()) / alone.average)
    alone.postings = {
        term: (array("i", [0]), array("d", [alone.idf[term] * tf * (c.k1 + 1) / (tf + norm)]))
        for term, tf in counts.items()
    }
    _add_forms(alone, counts, c)
    return alone


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
