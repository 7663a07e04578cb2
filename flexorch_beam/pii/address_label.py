"""The line after an "Address:" label is an address, whatever its street looks like.

Why: the street rules (address.py) need a street word they know, capitals, or a known
shape; a labelled address written in lower case ("address:\\n12 trg slobode 4 apt. 5 zagreb
croatia") or with a street word of another language ("Rúa do Mar 12", "Trg slobode 4")
is still an address because the label says so. The label vouches for its own line (or the
next one, maybe after a blank line, when the label ends its line) up to a column break,
another label, or the line's end; the value must hold a number and a word, be no e-mail, web
or IP address, and no sentence ("address: I moved to 12 Oak St last year" is prose that the
street rules read).
"""
from __future__ import annotations

import re
from typing import Iterator

from flexorch_beam.pii.intersection import PROSE_WORDS
from flexorch_beam.pii.skipping import Skipping

_LABEL = re.compile(
    r"(?<![\w-])(?i:address|adresse|adres|anschrift|dirección|direccion|indirizzo|endereço|adresa|"
    r"osoite|adressi|adresas|aadress|cím)[ \t]*:[ \t]*(?:\n[ \t]*){0,2}")
_LABEL_SCAN = Skipping(_LABEL)  # same matches, skipping to a label's first letters
_WORD_BEFORE = re.compile(r"([^\W\d_][\w-]*)[ \t]+$")
# Words before "address" that make it no postal one.
_NOT_POSTAL = frozenset("""
email e-mail mail ip web website internet mac wallet bitcoin btc eth ethereum crypto server host
url ipv4 ipv6 mailing-list hardware network memory return-path reply-to sender
""".split())
# The value ends at a tab or a wide gap (a table's next column), a "|" cell wall, another
# label on the same line ("… Phone: …"), or a sentence's end ("…Portugal. Thank you").
_VALUE = re.compile(r"[^\n\t|]*?(?=[ \t]*(?:\n|$|\t|[ ]{3,}|\||[ \t][A-Z][\w-]*(?:[ \t][\w-]+)?[ \t]*:"
                    r"|(?<=[a-zà-ÿ]{3})[.!?][ \t]+[A-ZÀ-Þ]))")
_WORD = re.compile(r"[^\W\d_]{3,}")
_ANY_WORD = re.compile(r"[^\W\d_]+")
_OPENS_WITH_LABEL = re.compile(r"[^\W\d_][\w-]*(?:[ \t][\w-]+)?[ \t]*:")
_NOT_PLACE = re.compile(r"@|://|www\.|\d{1,3}(?:\.\d{1,3}){3}|(?:[0-9a-fA-F]{2}[:-]){5}")
MAX_VALUE = 100


def scan_labelled(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each value after a postal-address label that holds a number and a
    word: the label's own line, or the next one when the label ends its line."""
    if ":" not in text:
        return  # every label ends with a colon: one C-level test instead of the scan
    for label in _LABEL_SCAN.finditer(text):
        before = _WORD_BEFORE.search(text, max(0, label.start() - 30), label.start())
        if before is not None and before.group(1).lower() in _NOT_POSTAL:
            continue
        value = _VALUE.match(text, label.end())
        if value is None:
            continue
        start, end = value.span()
        while end > start and text[end - 1] in " \t.,;":
            end -= 1
        found = text[start:end]
        if _OPENS_WITH_LABEL.match(found) is not None:
            continue  # the label is empty: the next line is another field ("Phone: …")
        if sum(w.lower() in PROSE_WORDS for w in _ANY_WORD.findall(found)) >= 2:
            continue  # a sentence, not an address line
        if not found or len(found) > MAX_VALUE or not any(c.isdigit() for c in found) \
                or _WORD.search(found) is None or _NOT_PLACE.search(found) is not None:
            continue
        yield start, end
