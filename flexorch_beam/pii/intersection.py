"""Street intersections: "the corner of Main Street and 5th Avenue", "at 5th and Main".

Why: people give a place as two crossing streets instead of a house number, and masking
only the first street ("Main Street") leaves the second one naming the place. Both sides
must read as a street (a street-type word or a number; the second may be a named landmark
instead: "… and Rosewood Club"), and no side may hold a prose word ("the corner of the room
and the window" is no address). The street-word test comes from
the caller (address.py), so this module does not import it back.
"""
from __future__ import annotations

import re
from typing import Callable, Iterator

# A word of a street's name: letters or digits, with inner dots, dashes and apostrophes
# ("ul.", "Str.", "39.", "d'Ouchy", "El-Jazzar").
_TOKEN = r"[^\W_][\w'’.-]*"
_CORNER = re.compile(
    rf"(?<![\w])(?i:(?:the[ \t]+)?corner[ \t]+of)[ \t]+"
    rf"((?:{_TOKEN}[ \t]+){{0,5}}?{_TOKEN})[ \t]+(?:and|&)[ \t]+((?:{_TOKEN}[ \t]+){{0,5}}{_TOKEN})")
# Words that make a side prose, not a street's name.
PROSE_WORDS = frozenset("""
a an the my your our his her their its this that these those and or but with without in on at
to from for by of into onto near over under between is was are were be been it he she they we
you i me us them page room table window desk screen box field map picture photo eye mouth
""".split())
# Places a corner is named by as often as by a second street: "the corner of Elm Street 4 and
# Rosewood Club" (a capitalised name, then one of these words).
LANDMARKS = frozenset("""
Club Hotel Church Chapel School College University Station Hospital Clinic Museum Library
Theatre Theater Cinema Stadium Arena Mall Market Bank Bakery Cafe Café Restaurant Pub Bar Inn
Tower Temple Mosque Synagogue Cathedral Gallery Garage Pharmacy Supermarket Office Center Centre
""".split())
# "at 5th and Main", "on 1st & Elm Street": a numbered street crossing a named one.
_ORDINAL = r"\d{1,3}(?:st|nd|rd|th)"
_NUMBERED = re.compile(  # opens on the digit, so the engine skips ahead to digits
    rf"(?<=(?<![\w])(?:at|on|of)[ \t])({_ORDINAL}[ \t]+(?:and|&)[ \t]+(?:[A-Z][a-z]+|{_ORDINAL}))"
    r"(?=[ \t]*(?:[.,;:!?)\n]|$))")
_MONTHS_DAYS = frozenset("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
""".split())


def _side(words: list[str], street_like: Callable[[str], bool]) -> bool:
    """A side of an intersection: no prose word, and a street word or a number in it."""
    return (not any(w.lower().strip(".") in PROSE_WORDS for w in words)
            and any(street_like(w) for w in words))


def _landmark(words: list[str]) -> bool:
    """``words`` are a capitalised name ending in a landmark's word ("Rosewood Club")."""
    return (len(words) >= 2 and words[-1].rstrip(".,;:!?") in LANDMARKS
            and all(w[:1].isupper() for w in words))


def scan_intersections(text: str, street_like: Callable[[str], bool]) -> Iterator[tuple[int, int]]:
    """(start, end) of every intersection in ``text``; ``street_like(word)``: the word is a
    street-type word or holds a house number."""
    corners = "orner" in text or "ORNER" in text  # a cheap test before the pattern
    for match in (_CORNER.finditer(text) if corners else ()):
        first = match.group(1).split()
        second = match.group(2).split()
        keep = 0  # the second side ends at its last street-like word before any prose word
        for i, word in enumerate(second):
            if word.lower().strip(".") in PROSE_WORDS:
                break
            if street_like(word) or _landmark(second[:i + 1]):
                keep = i + 1
        if not keep or not _side(first, street_like):
            continue
        end = match.start(2)
        for word in second[:keep]:
            end = text.index(word, end) + len(word)
        last = second[keep - 1].rstrip(".")
        if text[end - 1] == "." and len(last) > 4 and not last.isdigit():
            end -= 1  # a sentence's full stop, not the dot of "St." or of "39."
        yield match.start(), end
    for match in _NUMBERED.finditer(text):
        if match.group(1).split()[-1].lower() not in _MONTHS_DAYS:
            yield match.start(1), match.end(1)
