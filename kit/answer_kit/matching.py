"""Which answer a chat message asks for: the emergency triggers first, then the best answer,
or none when the matcher is not confident.

An index (`index.py`) is built once from entries (`content.Entry`: a verified release's, or a
library's with its drafts). A message is matched in its own language:

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

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from answer_kit import index as ix
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


class Matcher:
    """An index of entries; `match` a message against it."""

    def __init__(self, entries: Iterable[Entry], config: MatchConfig | None = None):
        self.config = config or MatchConfig()
        self.entries: dict[str, Entry] = {}
        for entry in entries:
            self.entries.setdefault(entry.key, entry)
        self.locales = sorted({e.locale for e in self.entries.values()})
        self._triggers = self._triggers_of(self.entries.values())
        self._indexes = {
            locale: ix.build(
                [e for e in self.entries.values() if e.kind == ANSWER and e.locale == locale],
                self.config,
            )
            for locale in self.locales
        }
        self._numbers = {
            key: number for index in self._indexes.values() for number, key in enumerate(index.keys)
        }
        self._overlaid: tuple[Entry, ix.Index] | None = None
        self._trigger_words = frozenset(stem for _key, stems in self._triggers for stem in stems)
        self._same: dict[str, frozenset[str]] = {}  # a message's stem -> trigger stems it is

    @staticmethod
    def _triggers_of(entries: Iterable[Entry]) -> list[tuple[str, tuple[str, ...]]]:
        found = [
            (entry.key, tuple(w.stems(trigger)))
            for entry in entries
            if entry.kind == EMERGENCY
            for trigger in entry.triggers
        ]
        return [(key, stems) for key, stems in found if stems]

    # -- matching --------------------------------------------------------------------------

    def match(
        self,
        message: str,
        *,
        locale: str | None = None,
        group: bool = False,
        instead: Entry | None = None,
    ) -> Match:
        """What `message` asks for. `locale`: the chat's language, used when the message's
        own script does not tell; `group` is accepted for symmetry with replies (a match
        never depends on it: what is sent in a group is decided when replying).

        `instead`: an entry to match as if it took the place of the one with its key (or
        were one more): an author's unsaved text. Its words weigh what they weigh in the
        index, which is not built again; the rest is matched as ever."""
        del group
        c = self.config
        text = message[: c.max_message_chars] if isinstance(message, str) else ""
        locales = self.locales
        if instead is not None and instead.locale not in locales:
            locales = sorted({*locales, instead.locale})
        language = w.language_of(text, locales, chat_locale=locale, default=locale)
        fired = self.emergencies(text, instead=instead)
        index = self._indexes.get(language) if language else None
        index = index if index is not None else ix.Index()
        extra, replaced = None, None
        if instead is not None and instead.locale == language:
            replaced = self._numbers.get(instead.key)
            if instead.kind == ANSWER:
                extra = self._overlay(index, instead, replacing=replaced is not None)
        if not index.keys and extra is None:
            return Match(language, fired)
        asked = list(dict.fromkeys(w.terms(text)))[: c.max_terms]
        ranked = self._rank(index, asked, extra, replaced)
        if not ranked:
            return Match(language, fired)
        candidates = tuple(key for key, _score, _coverage in ranked[: c.candidates])
        best, score, coverage = ranked[0]
        confident = coverage >= c.min_coverage and score >= c.min_score
        return Match(language, fired, best if confident else None, candidates, round(coverage, 3))

    def _overlay(self, index: ix.Index, entry: Entry, *, replacing: bool) -> ix.Index:
        """`entry` weighed with `index`'s word weights (the last one is kept: an author's
        text is matched against several questions in a row)."""
        kept = self._overlaid
        if kept is not None and kept[0] == entry:
            return kept[1]
        made = ix.overlay(index, entry, self.config, replacing=replacing)
        self._overlaid = (entry, made)
        return made

    def _rank(
        self,
        index: ix.Index,
        asked: list[str],
        extra: ix.Index | None = None,
        replaced: int | None = None,
    ) -> list[tuple[str, float, float]]:
        """The shortlist of answers, best first: key, score, and (for the best) what share of
        the message it covers. `extra`: one more answer, in place of answer number `replaced`."""
        c = self.config
        scores: dict[int, float] = defaultdict(float)
        forms_of, weight_of = [], []
        extra_score = 0.0
        for term in asked:
            forms = ix.expand(index, term, c)
            weights = [index.idf[f] for f, _ in forms]
            if extra is not None:
                own = [(f, x) for f, x in ix.expand(extra, term, c) if f not in index.idf]
                weights += [extra.idf[f] for f, _ in own]
                extra_score += max(
                    (
                        extra.postings[f][1][0] * x
                        for f, x in (*forms, *own)
                        if f in extra.postings and f not in index.common
                    ),
                    default=0.0,
                )
                forms = (*forms, *own)
            forms_of.append(forms)
            weight_of.append(max(weights, default=index.unknown))
            scanned = [
                (f, factor) for f, factor in forms if f in index.postings and f not in index.common
            ]
            if len(scanned) == 1:  # most words: each answer's weight counts once anyway
                form, factor = scanned[0]
                for number, weight in zip(*index.postings[form], strict=True):
                    scores[number] += weight * factor
                continue
            best: dict[int, float] = {}
            for form, factor in scanned:
                for number, weight in zip(*index.postings[form], strict=True):
                    value = weight * factor
                    if value > best.get(number, 0.0):
                        best[number] = value
            for number, value in best.items():
                scores[number] += value
        if replaced is not None:
            scores.pop(replaced, None)
        if extra_score > 0:
            scores[-1] = extra_score

        def key_of(number: int) -> str:
            return extra.keys[0] if number < 0 else index.keys[number]

        # The shortlist: the answers scoring at least the shortlist's lowest score, in order
        # (by key where scores tie), found without ordering every answer that shares a word.
        items = scores.items()
        if len(scores) > c.shortlist:
            lowest = sorted(scores.values(), reverse=True)[c.shortlist - 1]
            items = [item for item in items if item[1] >= lowest]
        ranked = sorted(items, key=lambda item: (-item[1], key_of(item[0])))[: c.shortlist]
        found = [(key_of(number), score, 0.0) for number, score in ranked]
        if found:  # how much of the message the best answer covers: only it is judged
            number = ranked[0][0]
            where, at = (extra, 0) if number < 0 else (index, number)
            covered = sum(
                weight
                for forms, weight in zip(forms_of, weight_of, strict=True)
                if any(where.has(at, form) for form, _ in forms)
            )
            found[0] = (found[0][0], found[0][1], covered / (sum(weight_of) or 1.0))
        return found

    def emergencies(self, message: str, *, instead: Entry | None = None) -> tuple[str, ...]:
        """Keys of the emergency responses whose triggers `message` holds (with `instead` in
        place of the entry with its key: an author's unsaved triggers)."""
        triggers = self._triggers
        if instead is not None:
            triggers = [t for t in triggers if t[0] != instead.key]
            triggers += self._triggers_of([instead])
        said = w.stems(message[: self.config.max_message_chars])
        present = frozenset().union(*map(self._trigger_words_of, said))
        fired = []
        for key, trigger in triggers:
            if key in fired:
                continue
            if all(t in self._trigger_words for t in trigger) and not present.issuperset(trigger):
                continue  # a word of it is nowhere in the message
            if _holds(said, trigger, self._same_word):
                fired.append(key)
        return tuple(fired)

    def _trigger_words_of(self, said: str) -> frozenset[str]:
        """The trigger words a message's stem `said` stands for (kept: messages repeat)."""
        found = self._same.get(said)
        if found is None:
            found = frozenset(t for t in self._trigger_words if same_word(said, t, self.config))
            if len(self._same) < 100_000:
                self._same[said] = found
        return found

    def _same_word(self, said: str, wanted: str) -> bool:
        """`same_word`, looked up for the trigger words the index holds."""
        if wanted not in self._trigger_words:  # an unsaved trigger's
            return same_word(said, wanted, self.config)
        return wanted in self._trigger_words_of(said)


def same_word(said: str, wanted: str, config: MatchConfig) -> bool:
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


def _holds(said: list[str], trigger: tuple[str, ...], same) -> bool:
    """Whether the trigger's words appear in `said` in order, at most one word between
    (`same(said_word, trigger_word)` says whether two words are the same)."""
    for start, word in enumerate(said):
        if not same(word, trigger[0]):
            continue
        position, ok = start, True
        for wanted in trigger[1:]:
            for step in (1, 2):
                if position + step < len(said) and same(said[position + step], wanted):
                    position += step
                    break
            else:
                ok = False
                break
        if ok:
            return True
    return False
