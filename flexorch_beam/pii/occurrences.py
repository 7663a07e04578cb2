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
        body = _SEP.join(
            f"[{re.escape(c.lower())}{re.escape(c.upper())}]" if c.isalpha() else re.escape(c)
            for c in chars)
    else:
        body = r"\s+".join(re.escape(part) for part in value.split())
    return rf"(?<![^\W_]){body}(?![^\W_])"


def every_occurrence(text: str, matches: Sequence[Match]) -> list[Match]:
    """``matches`` plus a finding for every other place a found value occurs, in text order.
    An occurrence that covers findings entirely replaces them (they were parts of it); one
    that crosses a finding's edge is left out."""
    if not matches:
        return list(matches)
    firsts: dict[str, Match] = {}  # pattern -> the finding it came from
    for match in matches:
        pattern = _pattern(match.type, text[match.start : match.end])
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
