"""The edges of an address block: the words a found address still leaves at its start or end.

Why: masking an address that loses one word at an edge still names the place ("12" of
"12 34 Oak Street", the "40417" of "…\\nTROMSVIK\\n, ST\\n 40417", the "France" of "…Apt. 8
LYON France"). The street rules (address.py) find the street line and the city lines after
it; these rules take in what addresses print around them:
- a second number right before a number-first street on the same line, after prose or a
  label (a building's or a flat's number: "at 12 34 Oak Street");
- after the block, a region code alone after a comma (", ST", ", 32") then a postcode, maybe
  after a country ("…\\n, ST\\n Norway 40417");
- a country ending the block's last line ("…Apt. 8 Lyon France", "…\\n Netherlands?");
- the rest of a hyphenated place the block stopped inside ("Baden-Württemberg").
Pure functions over offsets; ``address.extend``/``extend_back`` call them. No import of
address.py (it imports this module).
"""
from __future__ import annotations

import re
from typing import Callable

from flexorch_beam.pii.phones import country_names
from flexorch_beam.pii.recognizer import normalize_context

# --- before the block ---------------------------------------------------------------------
# A number right before a number-first street ("12 " of "12 34 Oak Street"), one space apart.
_NUMBER_BEFORE = re.compile(r"(?<![\w.,/:$€£#+-])(\d{1,5})[ \t]$")
_YEAR = re.compile(r"(?:1[5-9]\d\d|20\d\d)$")
# What may stand before that number: the line's start, a label's colon, or a prose word in
# lower case ("at", "is", "to"); not a word that makes the number a count or a reference.
_LEAD_WORD = re.compile(r"(?:^|[\n:]|(?<![\w])([^\W\d_]+)[ \t])[ \t]*$")
_COUNT_WORDS = frozenset("""
no nr num number qty quantity x pcs pieces units items item page pages line lines pos order
invoice ref room table box case lot article art code id of by from until till total sum
""".split())


def leading(text: str, start: int, street_word: Callable[[str], bool] = lambda word: False) -> int:
    """``start`` moved back over a building's or a flat's number right before a number-first
    street ("at 12 34 Oak Street") or a street that opens with its street word in lower case
    ("36 ul. Długa 5", "9 rue Haute 3": ``street_word`` tells; a capital one is
    address.extend_back's); a year, an amount, or a count ("qty 3 12 Oak Street") stays out,
    and so does a number before prose ("for 70 years no …")."""
    if start >= len(text):
        return start
    if not text[start].isdigit():
        first = text[start:start + 20].split(maxsplit=1)
        if not text[start].islower() or not first or not street_word(first[0]):
            return start
    line_start = text.rfind("\n", 0, start) + 1
    number = _NUMBER_BEFORE.search(text, max(line_start, start - 7), start)
    if number is None or _YEAR.match(number.group(1)):
        return start
    lead = _LEAD_WORD.search(text, max(line_start - 1, 0, number.start() - 30), number.start())
    if lead is None:
        return start
    word = lead.group(1)
    if word is not None and (not word.islower() or word in _COUNT_WORDS):
        return start
    return number.start(1)


# --- after the block ----------------------------------------------------------------------
_COUNTRY = r"[^\W\d_][^\W\d_'’-]*(?:[ \t][^\W\d_][^\W\d_'’-]*){0,2}(?:[ \t]\([^\W\d_]+(?:[ \t][^\W\d_]+)?\))?"
# A region code alone after a comma (the block's next line or the same one), then a
# postcode, maybe after a country: ", ST\n 12345", ", 27\n 40417", ", ST 12345",
# ", QX\n Cyprus 4093". A region with no postcode after it is no part of the block, nor
# is a number before another on one line (", 555 40417": a phone number).
_REGION_POSTCODE = re.compile(
    r"(?:[ \t]*\n)?[ \t]*,[ \t]*(?:[^\W\d_]{1,3}[ \t]*(?:\n[ \t]*|[ \t])|\d{1,3}[ \t]*\n)[ \t]*"
    rf"(?:({_COUNTRY})[ \t]+)?\d{{4,6}}(?![\w]|[.,/-]\d)")
# Short words of prose that read like a region code after a comma (", and 40418 Elm Road").
_REGION_WORD = re.compile(r"(?i),[ \t]*(?:and|or|the|but|for|to|in|at|on|by|of|via|und|et|y|e|o|ve|en|og|och)(?![\w])")
# A postcode after a block that already ends in a region code (", ST" then " 12345").
_ENDS_IN_REGION = re.compile(r",[ \t]*(?:[^\W\d_]{1,3}|\d{1,3})$")
_POSTCODE_NEXT = re.compile(r"[ \t]+\d{4,6}(?![\w]|[.,/-]\d)")
# A country ending the block's line: "…Apt. 8 Lyon France", "…Netherlands?" (one or two
# place words may stand before it on the same line).
_PLACE = r"[^\W\d_][^\W\d_'’-]*"
_END = r"(?=[ \t]*(?:\n|$)|[.?!](?:\s|$))"
_LINE_WORDS = re.compile(rf"[ \t]*,?[ \t]+((?:{_PLACE}[ \t]+){{0,4}}{_PLACE}){_END}")
_NEXT_COUNTRY = re.compile(rf"[ \t]*\n[ \t]*({_COUNTRY}){_END}")
# The rest of a hyphenated place the block stopped inside ("Baden|-Württemberg").
_HYPHEN_REST = re.compile(r"-[^\W\d_][^\W\d_]+(?![\w-])")


def _country(value: str | None) -> bool:
    return value is not None and normalize_context(value) in country_names()


def _ends_in_country(words: list[str]) -> bool:
    """The last one to three ``words`` name a country, with at most two capitalised place
    words before ("Lyon France"; not the prose of "in France")."""
    return any(len(words) - size <= 2 and all(w[:1].isupper() for w in words[:-size])
               and _country(" ".join(words[-size:]))
               for size in (1, 2, 3) if size <= len(words))


def trailing(text: str, end: int) -> int:
    """``end`` moved past what the block's last line or the lines after it still hold of the
    address: the rest of a hyphenated place, a region code with its postcode, a country
    ending the line. Anything else (a phone line, the next sentence, a
    table row) stops it."""
    for _ in range(4):
        moved = _step(text, end)
        if moved <= end:
            return end
        end = moved
    return end


def _step(text: str, end: int) -> int:
    if end and text[end - 1].isalpha():
        rest = _HYPHEN_REST.match(text, end)
        if rest is not None and rest.group()[1].isupper():  # not "Street-facing"
            return rest.end()
    region = _REGION_POSTCODE.match(text, end)
    if region is not None and (region.group(1) is None or _country(region.group(1))) \
            and _REGION_WORD.search(region.group(0)) is None:
        return region.end()
    ends = _ENDS_IN_REGION.search(text, max(0, end - 6), end)
    if ends is not None and _REGION_WORD.match(ends.group()) is None:
        postcode = _POSTCODE_NEXT.match(text, end)
        if postcode is not None:
            return postcode.end()
    line = _LINE_WORDS.match(text, end)
    if line is not None and _ends_in_country(line.group(1).split()):
        return line.end()
    following = _NEXT_COUNTRY.match(text, end)
    if following is not None and _country(following.group(1)):
        return following.end()
    return end
