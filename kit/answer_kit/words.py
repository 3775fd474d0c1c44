"""Words of a chat message as the matcher compares them: lower case, without accents or
punctuation, each reduced to its stem (Snowball's Russian and English stemmers, chosen by the
word's own script, so a message mixing both works), and the language a message is written in.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import snowballstemmer

# A word: letters and digits, with apostrophes inside ("won't", "od'ing") dropped (ʼ is a
# letter to Unicode, so it is dropped wherever it is).
_WORD = re.compile(r"[^\W_]+")
_INNER_APOSTROPHE = re.compile(r"(?<=[^\W_])['’`](?=[^\W_])")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-z]")
# Combining marks kept: the breve of й (and the diaeresis of ё, which becomes е anyway).
_KEEP_MARKS = {"\u0306"}

# Scripts of the languages a library may have; a locale not listed is written in Latin.
CYRILLIC_LOCALES = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn"})
_STEMMERS = {"ru": "russian", "en": "english"}

# Words that say nothing about what is asked, for scoring (never for emergency triggers,
# where "не дышит" needs its "не").
_RU_STOP = """а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да
        даже для до его ее если есть еще же за здесь и из или им их к как какая какие какой
        когда кто ли либо меня мне мой может можно мы на над надо наш не него нее нет ни них
        но ну о об однако он она они оно от очень по под при про с со так также такой там те
        тем то того тоже той только том ты у уже хотя чего чей чем что чтобы чье эта эти это
        этот я вообще просто вот щас сейчас типа короче блин ваще пожалуйста плиз спасибо
        привет здравствуйте подскажите скажите помогите вопрос делать сделать мой моя мои
        меня мне нам нас себя себе свой своя свои ещё её всё почему зачем после потом теперь
        нельзя постоянно всегда каждый раз уже вдруг это ли чё че чо какой какая какие бывает
        стоит нужно надо можем могу никого ничего никто"""
_EN_STOP = """a about after again all am an and any are as at be been before being both but by can
        could did do does doing don down during each for from further had has have having he
        her here hers him his how i if in into is it its itself just me more most my no nor not
        now of off on once only or other our out over own same she should so some such than
        that the their them then there these they this those through to too under until up
        very was we were what when where which while who whom why will with would you your
        yours im ive id ill dont cant wont isnt its please pls plz hi hello hey thanks thank
        thx ok okay help question tell know get got like really just so anyone someone
        u ur r ya yeah anymore ever lately still always keep need want should time much"""
STOP_WORDS = {"ru": frozenset(_RU_STOP.split()), "en": frozenset(_EN_STOP.split())}


def normalise(text: str) -> str:
    """Lower case, ё as е, accents dropped (й kept)."""
    text = unicodedata.normalize("NFKD", text.casefold())
    # The marks are dropped by a table of the few distinct characters the text holds: a
    # long answer has thousands of letters but rarely a hundred different ones.
    drop = {ord(c): None for c in set(text) if unicodedata.combining(c) and c not in _KEEP_MARKS}
    return unicodedata.normalize("NFC", text.translate(drop) if drop else text).replace("ё", "е")


def words(text: str) -> list[str]:
    """The words of `text`, normalised, in order."""
    return _WORD.findall(_INNER_APOSTROPHE.sub("", normalise(text).replace("ʼ", "")))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A normalised word's stem, by its script's stemmer (other words as they are)."""
    if _CYRILLIC.search(word):
        return _stemmer("ru").stemWord(word)
    if _LATIN.search(word):
        return _stemmer("en").stemWord(word)
    return word


@cache
def _stemmer(locale: str):
    return snowballstemmer.stemmer(_STEMMERS[locale])


def stems(text: str) -> list[str]:
    """Every word's stem, in order (stop words kept)."""
    return [stem(w) for w in words(text)]


@cache
def _stop_stems() -> frozenset[str]:
    return frozenset(stem(w) for words_ in STOP_WORDS.values() for w in words_) | frozenset(
        w for words_ in STOP_WORDS.values() for w in words_
    )


def terms(text: str) -> list[str]:
    """The stems that say what is asked: stop words and single letters left out."""
    return [term for term in map(_term, words(text)) if term is not None]


@lru_cache(maxsize=65536)
def _term(word: str) -> str | None:
    """A word's stem, or None for a single letter or a stop word."""
    stop = _stop_stems()
    if len(word) < 2 or word in stop:
        return None
    stemmed = stem(word)
    return None if stemmed in stop else stemmed


def script_locales(locales) -> dict[str, list[str]]:
    """The given locales by script: {"cyrillic": [...], "latin": [...]}."""
    found: dict[str, list[str]] = {"cyrillic": [], "latin": []}
    for locale in locales:
        found["cyrillic" if locale in CYRILLIC_LOCALES else "latin"].append(locale)
    return found


def language_of(
    text: str, locales, *, chat_locale: str | None = None, default: str | None = None
) -> str | None:
    """The locale (of `locales`) a message is written in: by its letters' script, then by
    the chat's language, then the default; None if `locales` is empty."""
    locales = list(dict.fromkeys(locales))
    if not locales:
        return None
    normal = normalise(text)
    cyrillic, latin = len(_CYRILLIC.findall(normal)), len(_LATIN.findall(normal))
    by_script = script_locales(locales)
    if cyrillic or latin:
        candidates = by_script["cyrillic" if cyrillic >= latin else "latin"] or locales
    else:
        candidates = locales
    for choice in (chat_locale, default):
        if choice in candidates:
            return choice
    if len(candidates) > 1:
        # Several languages share the script: the one whose common words the message uses.
        said = set(words(text))
        return max(candidates, key=lambda loc: len(said & STOP_WORDS.get(loc, frozenset())))
    return candidates[0]


def edit_distance_at_most_one(a: str, b: str) -> bool:
    """Whether one letter added, dropped, changed or two swapped turns `a` into `b`."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    if la > lb:
        a, b = b, a
    return any(a[:i] == b[:i] and a[i:] == b[i + 1 :] for i in range(len(a) + 1))
