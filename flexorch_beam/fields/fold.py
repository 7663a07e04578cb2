"""Length-preserving text folding for matching labels and keywords in noisy text.

Rules and keyword lists are written in folded form and matched against ``fold(text)``.
Because every character folds to exactly one character, an offset found in the folded text
is the same offset in the original text, so values are always read from the original.

Folding: casefold, Turkish dotted/dotless i (İ, I, ı, i -> i), diacritics stripped
(ş -> s, ğ -> g, ü -> u, ä -> a, é -> e), ß -> s, typographic dashes/quotes to ASCII,
and every kind of space (NBSP, thin space) to a plain space. OCR often drops diacritics
or confuses i/ı; matching on folded text makes "FATURA", "Fatura" and "fatura" one word,
and "İşçi", "Isci", "işçi" another.
"""
from __future__ import annotations

import functools
import unicodedata

_SPECIAL = {
    "ı": "i", "İ": "i", "ß": "s", "ẞ": "s", "ø": "o", "Ø": "o", "æ": "a", "Æ": "a",
    "œ": "o", "Œ": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
    "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-",
    "‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"',
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u200b": " ",
}


@functools.lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """One character in, one character out (so offsets survive folding)."""
    if char in _SPECIAL:
        return _SPECIAL[char]
    if char.isascii():
        return char.lower()
    base = unicodedata.normalize("NFKD", char)
    letters = [c for c in base if not unicodedata.combining(c)]
    if len(letters) == 1:
        lowered = letters[0].lower()
        return lowered if len(lowered) == 1 else letters[0]
    return char.lower() if len(char.lower()) == 1 else char


def fold(text: str) -> str:
    """``len(fold(t)) == len(t)``; see the module docstring."""
    return "".join(map(fold_char, text))
