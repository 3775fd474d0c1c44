"""How the answer list's search reads a query and the answers: as bots read messages, so
that any form of a word finds the others."""

from __future__ import annotations


def searchable(text: str) -> str:
    """Text as a search looks into it: lower case, ё as е, accents dropped (as bots read)."""
    from answer_kit.words import normalise

    return normalise(text)


def search_words(query: str) -> list[str]:
    """What each word of a search must find: its stem, by the stemmer bots use, so that any
    form of a word finds the others ("абсцессы" finds "абсцесса", "veins" finds "vein")."""
    from answer_kit.words import stem, words

    found = []
    for token in query.split():
        parts = words(token)
        found += [stem(part) for part in parts] if parts else [token.casefold()]
    return found
