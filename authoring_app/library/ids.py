"""An answer's id made from its title: Latin letters, digits and hyphens, unique in the library.

People never type an id. The title is written in Latin letters (Russian as in the common
"ya, yu, zh, kh, ts, ch, sh, shch" spelling), everything but letters and digits becomes a
hyphen, and a number is added when the id is taken.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection

from authoring_app.library.answer import ID_PATTERN

MAX_LENGTH = 64
FALLBACK = "answer"

# Russian, Ukrainian and Belarusian letters; ъ and ь are dropped.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
}  # fmt: skip


def latin(text: str) -> str:
    """`text` in small Latin letters and digits; anything else becomes a space."""
    out = []
    for char in text:
        if unicodedata.combining(char):  # an accent typed apart from its letter
            continue
        if char.lower() in _CYRILLIC:
            out.append(_CYRILLIC[char.lower()])
            continue
        # é -> e, ﬁ -> fi, 𝔸 -> a: the Latin letters and digits a character stands for.
        plain = unicodedata.normalize("NFKD", char)
        kept = "".join(c for c in plain if c.isascii() and c.isalnum()).lower()
        out.append(kept or " ")
    return "".join(out)


def id_from_title(title: str, taken: Collection[str] = ()) -> str:
    """An id for an answer called `title` that none of `taken` already is."""
    words = latin(title).split()
    base = ""
    for word in words:
        longer = f"{base}-{word}" if base else word
        if len(longer) > MAX_LENGTH - 4:  # room for "-999"
            break
        base = longer
    if not base and words:
        base = words[0][: MAX_LENGTH - 4]
    if not ID_PATTERN.match(base):  # cannot happen: words are Latin letters and digits
        base = FALLBACK
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
