"""Currency symbols, words and codes -> ISO 4217.

A document's currency is decided from, in order: an explicit currency label
("Currency: EUR", "Para Birimi", "Währung"), the marks printed next to the total, then the
most frequent mark in the whole text. Symbols that several currencies share ("$", "kr")
map to the most common one for our documents (USD, SEK) unless a code says otherwise.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from flexorch_beam.fields.fold import fold

ISO_CODES = frozenset(
    "AED AUD BGN BRL CAD CHF CNY CZK DKK EUR GBP HKD HUF ILS INR JPY KRW MXN NOK NZD PLN "
    "RON RUB SAR SEK SGD TRY UAH USD ZAR AZN GEL KZT QAR KWD EGP MYR".split()
)

SYMBOLS = {"₺": "TRY", "€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB",
           "zł": "PLN", "Fr.": "CHF", "₴": "UAH"}

# Folded words and abbreviations (matched on word boundaries).
WORDS = {
    "tl": "TRY", "ytl": "TRY", "turk lirasi": "TRY", "turkish lira": "TRY", "turkische lira": "TRY",
    "lira": "TRY", "euro": "EUR", "euros": "EUR", "avro": "EUR", "eur": "EUR",
    "us dollars": "USD", "us dollar": "USD", "us-dollar": "USD", "abd dolari": "USD",
    "dollars": "USD", "dollar": "USD", "dolar": "USD", "usd": "USD",
    "pound sterling": "GBP", "pounds": "GBP", "sterling": "GBP", "swiss francs": "CHF",
    "franken": "CHF", "sfr": "CHF", "zloty": "PLN", "zlotych": "PLN",
    "rs": "INR", "rupees": "INR", "rupee": "INR", "ringgit": "MYR", "rm": "MYR",
}

_WORD_RE = re.compile(
    r"(?<![a-z])(" + "|".join(re.escape(w) for w in sorted(WORDS, key=len, reverse=True)) + r")(?![a-z])"
)
_CODE_RE = re.compile(r"(?<![A-Za-z])([A-Z]{3})(?![A-Za-z])")
_SYMBOL_RE = re.compile("|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True)))


def currencies_in(text: str) -> list[tuple[int, str]]:
    """(offset, ISO code) of every currency mark in ``text``."""
    found: list[tuple[int, str]] = []
    for m in _CODE_RE.finditer(text):
        if m.group(1) in ISO_CODES:
            found.append((m.start(), m.group(1)))
    for m in _SYMBOL_RE.finditer(text):
        found.append((m.start(), SYMBOLS[m.group(0)]))
    folded = fold(text)
    for m in _WORD_RE.finditer(folded):
        word = m.group(1)
        if word in ("eur", "usd"):
            continue  # already counted as codes when upper case; lower case is noise
        if word == "tl" and not _is_tl(text, m.start()):
            continue
        found.append((m.start(), WORDS[word]))
    found.sort()
    return found


def _is_tl(text: str, start: int) -> bool:
    """'TL' is the lira only next to an amount (not 'TL' as an abbreviation elsewhere)."""
    before = text[max(0, start - 3):start]
    after = text[start + 2:start + 5]
    return bool(re.search(r"\d\s?$", before) or re.match(r"\s?\d", after))


def normalise_currency(text: str) -> Optional[str]:
    """The first currency mark in ``text`` as ISO 4217."""
    found = currencies_in(text)
    return found[0][1] if found else None


def dominant_currency(text: str) -> Optional[str]:
    """The most frequent currency in ``text`` (ties: the first seen)."""
    found = currencies_in(text)
    if not found:
        return None
    counts = Counter(code for _, code in found)
    best = max(counts.values())
    for _, code in found:
        if counts[code] == best:
            return code
    return None
