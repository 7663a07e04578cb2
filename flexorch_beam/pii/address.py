"""Postal addresses, offline: street-type words (TR/DE/EN), house numbers, postcodes, cities.

Two shapes cover business documents: an address line ending in "postcode City" (or the US
"City, ST 12345"), as letterheads and party blocks print them in every EU country, and an
inline street phrase ("Bağdat Cad. No: 12", "Hauptstraße 5", "221 Baker Street"). The line
pattern is found from its comma; the inline one only runs on lines holding a street word.
"""
from __future__ import annotations

import re
from typing import Iterator

from flexorch_beam.pii.recognizer import fold_document
from flexorch_beam.pii.trie import trie_pattern

ADDRESS_CONTEXT = ("address", "adres", "adresse", "anschrift", "ikamet", "wohnort",
                   "billing", "shipping", "teslimat", "lieferadresse", "merkez", "sitz")

_U = "A-ZÇĞİÖŞÜÄÉÈÁÀÍÓÚÑŁŚŻŹĆĄĘŃ"
_L = "a-zçğıöşüäßéèêáàíóúñłśżźćëïôąęń"
_NAME = rf"[{_U}][{_L}]+"

# Street-type words of the TR/DE/EN gazetteer (plus the common EU ones for address lines).
TR_STREET = r"Sokak|Sokağı|Sok\.|Sk\.|Caddesi|Cadde|Cad\.|Cd\.|Bulvarı|Blv\.|Mahallesi|Mah\.|Mh\."
DE_STREET = r"straße|strasse|str\.|weg|platz|allee|gasse|damm|ring|ufer"
EN_STREET = (r"Street|St\.|Avenue|Ave\.?|Road|Rd\.|Boulevard|Blvd\.?|Lane|Ln\.|Drive|Dr\.|"
             r"Court|Ct\.|Place|Pl\.|Way|Terrace|Close|Square")
_EU_STREET = (r"rue|boulevard|avenue|allée|chemin|impasse|quai|calle|avenida|plaza|paseo|"
              r"camino|rambla|via|viale|piazza|corso|strada|contrada|rotonda|ul\.|ulica|al\.|"
              r"straat|laan|singel|dreef|steeg|plein|gracht|kade")
_STREET_WORD = re.compile(
    rf"(?i:{_EU_STREET})\b|{TR_STREET}|(?i:{DE_STREET})\b|{EN_STREET}"
)

_POSTCODE = (r"\d{5}|\d{4}\s?[A-Z]{2}(?![a-z])|\d{4}|\d{2}-\d{3}"
             r"|[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}")
_CITY = rf"[{_U}{_L}][^\n,;:|]{{0,38}}[^\s,;:|]"
# The end of an address line: ", postcode City" or the US ", City, ST 12345". It starts with
# a literal comma, which the regex engine can skip to; the street part is the line before it.
_TAIL = re.compile(
    rf",[ \t]*(?:(?:{_POSTCODE})[ \t]+{_CITY}|{_NAME}(?:[ \t]{_NAME})*,[ \t]*[A-Z]{{2}}[ \t]+\d{{5}}(?:-\d{{4}})?)"
    r"[ \t]*$",
    re.MULTILINE,
)
_LABEL = re.compile(r"[ \t]*(?:(?i:adres|address|adresse|anschrift)\s*:\s*)?")
_HAS_NUMBER = re.compile(r"\d")
# Street parts that are prose, dates or amounts rather than a street and house number.
_NOT_STREET = re.compile(r"\d{1,4}[./]\d{1,2}[./]\d{2,4}|\d[.,]\d{2}\b|[a-z]{3,}[.!?] [A-Z]|\S+(?: \S+){7}")

_WORD = rf"[{_U}0-9][{_L}0-9]*\.?"
_TR_TAIL = (r"(?:\s*,?\s*No\s*[:.]?\s*\d{1,4}[A-Z]?(?:\s*/\s*\d{1,4})?)?"
            r"(?:\s*,?\s*(?:Daire|D\.|D:|Kat|K\.|K:)\s*:?\s*\d{1,3})*"
            rf"(?:\s*,?\s*\d{{5}}\s+{_NAME}(?:\s*/\s*{_NAME})?)?")
_TR_PART = rf"(?:{_WORD}\s){{1,3}}(?:{TR_STREET})"
_DE_NAME = (rf"{_NAME}(?:-{_NAME})*(?:{DE_STREET})"
            rf"|(?:{_NAME}[ -]){{1,3}}(?:Straße|Strasse|Str\.|Weg|Platz|Allee|Gasse|Ring|Damm)")
_DE = (rf"(?:{_DE_NAME})\s+\d{{1,4}}\s?[a-z]?"
       rf"(?:\s*,?\s+\d{{4,5}}\s+{_NAME}(?:[ -](?:am|an der|im|ob|bei)?[ -]?{_NAME})?)?")
_EN = (rf"(?<!/)\d{{1,5}}[A-Z]?\s+(?:[A-Z][a-z]+\s){{1,3}}(?:{EN_STREET})"
       r"(?:,?\s+(?:Apt|Suite|Ste|Unit|Flat)\.?\s*#?\w{1,5})?"
       r"(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?"
       r"(?:,?\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?|,?\s*[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})?)?")
_INLINE = re.compile(rf"(?<![\w])(?:{_EN}|{_DE}|(?:{_TR_PART}\s*,?\s*)+{_TR_TAIL})")


# Anchors for the inline patterns: one prefix-tree regex over the case-folded text, then a
# test per kind of word, so English prose ("during", "on the road") does not send every line
# to the inline patterns.
_TR_WORDS = ("sokak", "sokağı", "cadde", "bulvar", "mahalle", "sok.", "sk.", "cad.", "cd.",
             "blv.", "mah.", "mh.")
_DE_SUFFIXES = ("straße", "strasse", "str.", "weg", "platz", "allee", "gasse", "damm", "ring")
_EN_WORDS = ("street", "st.", "avenue", "ave", "road", "rd.", "boulevard", "blvd", "lane",
             "ln.", "drive", "dr.", "court", "ct.", "place", "pl.", "way")
_KIND = {**{w: "en" for w in _EN_WORDS}, **{w: "de" for w in _DE_SUFFIXES},
         **{w: "tr" for w in _TR_WORDS}}
_ANCHOR = re.compile(trie_pattern(sorted(_KIND)))
_HOUSE_NUMBER_NEXT = re.compile(r"\.?[ \t]+\d")


def _anchored(text: str, folded: str, word: str, position: int) -> bool:
    kind = _KIND[word]
    before = folded[position - 1] if position else " "
    if kind == "tr":
        return not (word.endswith(".") and before.isalpha())
    if kind == "de":  # a compound or separate street word, then a house number
        return _HOUSE_NUMBER_NEXT.match(folded, position + len(word)) is not None
    return not before.isalpha() and text[position].isupper()  # "Baker Street", "St."


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line holding a street-type word, in text order."""
    folded = fold_document(text)
    found: list[tuple[int, int]] = []
    seen = -1
    for anchor in _ANCHOR.finditer(folded):
        position = anchor.start()
        if position < seen or not _anchored(text, folded, anchor.group(), position):
            continue
        start = folded.rfind("\n", 0, position) + 1
        end = folded.find("\n", position)
        seen = len(folded) if end < 0 else end
        found.append((start, seen))
    return found


def scan_address(text: str) -> Iterator[tuple[int, int, float]]:
    covered = set()  # lines already taken whole by an address-line match
    for tail in _TAIL.finditer(text):
        line = text.rfind("\n", 0, tail.start()) + 1
        start = _LABEL.match(text, line, tail.start()).end()
        street = text[start : tail.start()]
        if not 3 <= len(street) <= 70 or street[:1].isspace() or _NOT_STREET.search(street):
            continue
        if _HAS_NUMBER.search(street) or _STREET_WORD.search(street):
            end = tail.end()
            while text[end - 1] in " \t":
                end -= 1
            covered.add(line)
            yield start, end, 0.85
    for line_start, line_end in _lines(text):
        if line_start in covered:
            continue
        for match in _INLINE.finditer(text, line_start, line_end):
            end = match.end()
            while end > match.start() and text[end - 1] in " ,":
                end -= 1
            yield match.start(), end, 0.7
