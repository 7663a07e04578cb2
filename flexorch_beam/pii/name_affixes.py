"""An English title before a found name and a post-nominal after it belong to its span.

Why: the rules find the name and leave "Dr." or ", Jr." outside it ("Dr. Ona Keller",
"Tobias Renner III", "Mara Quist, PhD"), so the masked text kept them beside the mask, and a
labelled name that includes its title or suffix was not covered whole. A title is taken in
only when it touches the name on the same line; "Dr" after a house number and a street name
is the street's "Drive" ("12 Oak Dr. …"); "MD" before a number is Maryland ("…, MD 20814").
The German and Turkish forms of address ("Herr", "Sayın") stay cues outside the name, as
their documents' fields expect.
"""
from __future__ import annotations

import re

_TITLE_BEFORE = re.compile(r"(?<![\w.'’-])(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|MR|MRS|MS|MISS|DR|PROF)\.?[ \t]+\Z")
_LOWER_TITLE_BEFORE = re.compile(r"(?<![\w.'’-])(?:mr|mrs|ms|miss|dr|prof)\.?[ \t]+\Z")
# A house number and a street's name before "Dr": the street's abbreviation, no title.
_STREET_BEFORE = re.compile(r"\d+[A-Za-z]?(?:[ \t]+[A-Z][\w'’-]*)+[ \t]+\Z")
_SUFFIX_AFTER = re.compile(
    r"(?:,[ \t]*|[ \t]+)(?:Jr|Sr|JR|SR|II|III|IV|PhD|Ph\.D|MD|M\.D|DDS|D\.D\.S|Esq|CPA|MBA)"
    r"(?:\.(?=\W|$)|(?![\w.'’-]))(?![ \t]*,?[ \t]*\d)")
LOOK_BACK = 12  # characters before a name a title may take


_SUFFIX_AT_END = re.compile(_SUFFIX_AFTER.pattern + r"[ \t]*\Z")


def without_suffix(text: str, start: int, end: int) -> int:
    """The end of a name once a post-nominal closing it is cut off, so the name's own words
    are checked ("Lena Vogt DDS" is no heading ending in a tag); ``widened`` adds it back."""
    suffix = _SUFFIX_AT_END.search(text, start, end)
    return suffix.start() if suffix is not None and suffix.start() > start else end


def widened(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` of a found name, with a title touching it before and up to two
    post-nominals after it taken in."""
    before = _TITLE_BEFORE if text[start:start + 1].isupper() else _LOWER_TITLE_BEFORE
    title = before.search(text, max(0, start - LOOK_BACK), start)
    if title is not None and not (title.group().lower().startswith("dr")
                                  and _STREET_BEFORE.search(text, max(0, title.start() - 60), title.start())):
        start = title.start()
    for _ in range(2):
        suffix = _SUFFIX_AFTER.match(text, end)
        if suffix is None:
            break
        end = suffix.end()
    return start, end
