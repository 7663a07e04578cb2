"""A value found once is masked at every occurrence in the document.

The detector needs context for some values (a name after "Dear", a national phone number
after "Tel"); the same value elsewhere in the document, without its cue, or wrapped onto the
next line ("TR33 0006 1005\\n1978 6457 8413 26"), is the same personal value and must not
survive masking. :func:`every_occurrence` adds those places as findings of the same type.

How a value is looked for again:
- names and addresses: the same words, whatever whitespace (newlines too) is between them;
- identifiers with at least ``MIN_FLEXIBLE`` letters/digits: the same characters in order,
  with any separators (space, newline, ``-./()``) between them and in any case, so a
  reformatted or wrapped copy is found;
- anything shorter: the same text, with any whitespace where it has spaces.
Each is bounded by non-alphanumerics, so "12345678" is not found inside "9123456789".
"""
from __future__ import annotations

import bisect
import re
from typing import Sequence

from flexorch_beam.pii.recognizer import normalize_context
from flexorch_beam.pii.scan import Match

WORD_TYPES = frozenset({"PERSON", "ADDRESS", "STREET_ADDRESS"})
MIN_FLEXIBLE = 8  # letters/digits: shorter values are looked for as written only
MIN_VERBATIM = 4  # shorter values are not looked for again at all
MAX_VALUES = 400  # values per combined pattern
_SEP = r"[\s\-./()]*"
_ALNUM = re.compile(r"[^\W_]")


def _pattern(type_: str, value: str) -> str | None:
    chars = _ALNUM.findall(value)
    if len(chars) < MIN_VERBATIM:
        return None
    if type_ in WORD_TYPES:
        body = r"\s+".join(re.escape(word) for word in value.split())
    elif len(chars) >= MIN_FLEXIBLE and sum(c.isdigit() for c in chars) >= 4:
        # the first two characters together (the prefilter in every_occurrence counts them)
        body = _case(chars[0]) + _case(chars[1]) + _SEP + _SEP.join(_case(c) for c in chars[2:])
    else:
        body = r"\s+".join(re.escape(part) for part in value.split())
    return rf"(?<![^\W_]){body}(?![^\W_])"


def _case(char: str) -> str:
    return f"[{re.escape(char.lower())}{re.escape(char.upper())}]" if char.isalpha() else re.escape(char)


def _head(type_: str, value: str) -> str:
    """Two characters every occurrence of ``value`` starts with (case-folded): a value whose
    head occurs nowhere but in the findings themselves has no other occurrence to look for
    (most documents), and no pattern is compiled for it."""
    if type_ in WORD_TYPES:
        return value.strip()[:2].lower()
    return "".join(_ALNUM.findall(value)[:2]).lower()


def every_occurrence(text: str, matches: Sequence[Match]) -> list[Match]:
    """``matches`` plus a finding for every other place a found value occurs, in text order.
    An occurrence that covers findings entirely replaces them (they were parts of it); one
    that crosses a finding's edge is left out."""
    if not matches:
        return list(matches)
    folded = normalize_context(text)  # lower case, same length
    same: dict[str, list[Match]] = {}  # value -> its findings
    for match in matches:
        same.setdefault(text[match.start : match.end], []).append(match)
    firsts: dict[str, Match] = {}  # pattern -> the finding it came from
    for value, found in same.items():
        match = found[0]
        head = _head(match.type, value)
        if len(head) < 2 or folded.count(head) <= sum(
                folded.count(head, m.start, m.end) for m in found):
            continue  # its first two characters occur only inside its own findings
        pattern = _pattern(match.type, value)
        if pattern is not None and pattern not in firsts:
            firsts[pattern] = match
    if not firsts:
        return list(matches)
    kept: dict[tuple[int, int], Match] = {(m.start, m.end): m for m in matches}
    spans = sorted(kept)
    items = list(firsts.items())
    for chunk in range(0, len(items), MAX_VALUES):
        part = items[chunk : chunk + MAX_VALUES]
        combined = re.compile("|".join(f"({p})" for p, _ in part))
        for found in combined.finditer(text):
            start, end = found.span()
            if start == end or (start, end) in kept:
                continue
            inside = _overlapping(spans, start, end)
            if any(s < start or e > end for s, e in inside):
                continue  # crosses another finding: leave both as they are
            for span in inside:  # a part of the value found alone ("0532 123" of a wrapped
                del kept[span]  # "0532 123\n45 67"): the whole value replaces it
                spans.remove(span)
            kept[(start, end)] = part[found.lastindex - 1][1]._replace(start=start, end=end)
            bisect.insort(spans, (start, end))
    return sorted(kept.values(), key=lambda m: (m.start, m.end))


def _overlapping(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The (disjoint, sorted) spans that overlap [start, end)."""
    i = bisect.bisect_left(spans, (start, start))
    if i and spans[i - 1][1] > start:
        i -= 1
    out = []
    while i < len(spans) and spans[i][0] < end:
        if spans[i][1] > start:
            out.append(spans[i])
        i += 1
    return out


def occurrences_in(other: str, text: str, matches: Sequence[Match]) -> list[Match]:
    """Where values found in ``text`` occur in ``other`` (a file name, a path): findings on
    ``other``, of the types they had in ``text``, in text order and disjoint."""
    patterns: dict[str, Match] = {}
    for match in matches:
        pattern = _pattern(match.type, text[match.start : match.end])
        if pattern is not None and pattern not in patterns:
            patterns[pattern] = match
    out: list[Match] = []
    items = list(patterns.items())
    for chunk in range(0, len(items), MAX_VALUES):
        part = items[chunk : chunk + MAX_VALUES]
        for found in re.finditer("|".join(f"({p})" for p, _ in part), other):
            start, end = found.span()
            if start < end and not any(m.start < end and start < m.end for m in out):
                out.append(part[found.lastindex - 1][1]._replace(start=start, end=end))
    return sorted(out, key=lambda m: (m.start, m.end))
