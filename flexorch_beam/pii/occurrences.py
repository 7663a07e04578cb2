"""A value found once is masked at every occurrence in the document.

The detector needs context for some values (a name after "Dear", a national phone number
after "Tel"); the same value elsewhere in the document, without its cue, or wrapped onto the
next line ("TR33 0006 1005\\n1978 6457 8413 26"), is the same personal value and must not
survive masking. :func:`every_occurrence` adds those places as findings of the same type.

How a value is looked for again:
- names and addresses: the same words in any case, whatever whitespace (newlines too) is
  between them;
- identifiers with at least ``MIN_FLEXIBLE`` letters/digits: the same characters in order,
  with any separators (space, newline, ``-./()``) between them and in any case, so a
  reformatted or wrapped copy is found;
- anything shorter: the same text, with any whitespace where it has spaces.
Each is bounded by non-alphanumerics, so "12345678" is not found inside "9123456789".
Parts count too, written with their capital: a two-word name's surname or given name alone,
and an address's street line, street name or lettered postcode alone (``address_parts``).
"""
from __future__ import annotations

import bisect
import re
from typing import Sequence

from flexorch_beam.pii.address import address_parts
from flexorch_beam.pii.names import BUSINESS_WORDS, HONORIFICS, TITLES, first_names
from flexorch_beam.pii.ner import ROLES
from flexorch_beam.pii.recognizer import normalize_context
from flexorch_beam.pii.scan import Match
from flexorch_beam.pii import trie

WORD_TYPES = frozenset({"PERSON", "ADDRESS", "STREET_ADDRESS"})
ADDRESS_TYPES = frozenset({"ADDRESS", "STREET_ADDRESS"})
MIN_FLEXIBLE = 8  # letters/digits: shorter values are looked for as written only
MIN_VERBATIM = 4  # shorter values are not looked for again at all
_ALNUM = re.compile(r"[^\W_]")


_FLEXIBLE_GAP = frozenset(" \t\n\r\f\v-./()")
_WORD_GAP = frozenset(" \t\n\r\f\v")


class _Value:
    """How one found value is looked for again (case-folded, same length as the text)."""

    __slots__ = ("units", "gap", "needs_gap", "head", "glued", "capital")

    def __init__(self, type_: str, value: str, capital: bool = False) -> None:
        # ``capital``: found only where the text writes it with a capital (a surname or a
        # given name alone: "Smith", not the colour "smith"... or "brown")
        self.capital = capital
        folded = normalize_context(value)
        chars = _ALNUM.findall(folded)
        if type_ not in WORD_TYPES and len(chars) >= MIN_FLEXIBLE and sum(
                c.isdigit() for c in chars) >= 4:
            # the same characters in order, any separators between them (the first two
            # together: the head the search starts from)
            self.units = [chars[0] + chars[1], *chars[2:]]
            self.gap, self.needs_gap = _FLEXIBLE_GAP, False
        else:  # the same words, any whitespace between them
            self.units = folded.split()
            self.gap, self.needs_gap = _WORD_GAP, True
        self.head = self.units[0][:2] if self.units else ""
        # A name or address of two or more words is also found glued to a label by a case
        # change ("KontoinhaberHiltrud Dobes": table cells joined without a space).
        self.glued = type_ in WORD_TYPES and len(self.units) >= 2

    def match_at(self, folded: str, at: int, text: str = "") -> int:
        """End of an occurrence starting at ``at``, or -1 (``text``: the unfolded text, for
        the case change that marks a glued word boundary)."""
        if at > 0 and _is_alnum(folded[at - 1]) and not self._case_break(text, at):
            return -1
        if self.capital and not (text and (text[at].isupper() or text[at].isdigit())):
            return -1
        i, n = at, len(folded)
        for k, unit in enumerate(self.units):
            if k:
                j = i
                while j < n and folded[j] in self.gap:
                    j += 1
                if self.needs_gap and j == i:
                    return -1
                i = j
            if not folded.startswith(unit, i):
                return -1
            i += len(unit)
        if i < n and _is_alnum(folded[i]) and not self._case_break(text, i):
            return -1
        if self.capital and _business_after(folded, i):
            return -1  # "Mustermann Logistik GmbH": a company named after the person, not them
        return i

    def _case_break(self, text: str, at: int) -> bool:
        """A lower-case letter then an upper-case one at ``at``: two words glued together."""
        return self.glued and 0 < at < len(text) and text[at - 1].islower() and text[at].isupper()


_NEXT_WORDS = re.compile(r"(?:[ \t]+[\w.&-]+){1,3}")


def _business_after(folded: str, at: int) -> bool:
    """One of the three words after ``at`` is a company word ("Trading GmbH", "& Co KG")."""
    following = _NEXT_WORDS.match(folded, at)
    return following is not None and not BUSINESS_WORDS.isdisjoint(
        w.strip(".") for w in following.group(0).split())


def _is_alnum(char: str) -> bool:
    return char.isalnum() and char != "_"


def _looked_for(type_: str, value: str, capital: bool = False) -> "_Value | None":
    if len(_ALNUM.findall(value)) < (MIN_PART if capital and type_ == "PERSON" else MIN_VERBATIM):
        return None
    target = _Value(type_, value, capital)
    return target if len(target.head) == 2 else None


# Words of a name that are no name on their own: particles, titles and suffixes a span may
# carry ("Miss Sonya": "Miss" alone is how a maid addresses anyone).
_NOT_ALONE = frozenset("van von der den de del della di da du dos la le ten ter zu bin al el "
                       "mx sayın bey hanım jr sr ii iii iv "
                       "esq phd dds".split()) | TITLES
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def name_parts(value: str, text: str = "") -> list[str]:
    """The words of a PERSON value of two or more words that name the person alone later in
    a text ("Katarzyna Wójcik" ... "Wójcik said"; "Dear Ayşe"): capitalised, four letters or
    more, not a particle, title or initial; a three-letter word only when it is a known given
    name that ``text`` never writes in lower case ("Ann", "Eli"; not "Eve" beside "eve")."""
    words = _NAME_WORD.findall(value)
    if len(words) < 2:
        return []
    return [w for w in words if w[:1].isupper() and not w.isupper()
            and normalize_context(w) not in _NOT_ALONE and normalize_context(w) not in HONORIFICS
            and not _role(normalize_context(w))
            and (len(w) >= MIN_VERBATIM or len(w) == MIN_PART and _short_given(w, text))]


MIN_PART = 3  # letters of a given name looked for alone (see name_parts)


def _role(folded: str) -> bool:
    """A role or rank ("Officer", "Captain") that no list knows as a given name: alone, it
    is no name ("Dean" and "Justice" are given names too, and stay)."""
    return folded in ROLES and folded not in first_names()


def _short_given(word: str, text: str) -> bool:
    """A known given name of three letters that ``text`` never writes in lower case."""
    if normalize_context(word) not in first_names():
        return False
    return re.search(lower_word_pattern(word), text) is None


def lower_word_pattern(word: str) -> str:
    """``word`` in lower case as a word of its own (no letter, digit, apostrophe or hyphen
    on either side). The literal opens the pattern and the check of the character before it
    comes after it, as a look-behind over the word: the engine skips to the word's first
    letter instead of trying the look-behind at every position (ten such names searched in
    every real document, 2 MB texts among them: 1.19 s -> 0.06 s CPU)."""
    lowered = re.escape(word.lower())
    return rf"{lowered}(?<![\w'’-]{lowered})(?![\w'’-])"


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
    # (position, order, value, source finding): where each value's head occurs; only there
    # is it tried, so the cost follows the heads, not the text's length times the values
    tries: list[tuple[int, int, _Value, Match]] = []
    # a person's surname or given name alone is the same person, and an address's street
    # line, street name or postcode alone the same address (written with a capital)
    parts: dict[str, list[Match]] = {}
    for value, found in same.items():
        if found[0].type == "PERSON":
            for word in name_parts(value, text):
                if word not in same:
                    parts.setdefault(word, found)
        elif found[0].type in ADDRESS_TYPES:
            for part in address_parts(value):
                if part not in same:
                    parts.setdefault(part, found)
    looked = [(value, found, False) for value, found in same.items()] + \
        [(value, found, True) for value, found in parts.items()]
    targets = [(order, found, _looked_for(found[0].type, value, capital))
               for order, (value, found, capital) in enumerate(looked)]
    targets = [(order, found, target) for order, found, target in targets if target is not None]
    places = _first_unit_places(folded, [target for _, _, target in targets])
    for order, found, target in targets:
        match = found[0]
        # an occurrence starts with the value's first unit (its first word, or its first two
        # letters/digits): look for that, not for the two-character head, which a long text
        # holds tens of thousands of times ("an", "12")
        positions = _starts(folded, target, places)
        inside = count_inside(positions, [(m.start, m.end) for m in found])
        if len(positions) > inside:  # else its head occurs only inside its own findings
            tries.extend((at, order, target, match) for at in positions)
    if not tries:
        return list(matches)
    tries.sort(key=lambda t: (t[0], t[1]))
    kept: dict[tuple[int, int], Match] = {(m.start, m.end): m for m in matches}
    spans = sorted(kept)
    done = 0  # occurrences do not overlap one another (as finditer's would not)
    for at, _, target, source in tries:
        if at < done:
            continue
        end = target.match_at(folded, at, text)
        start = at
        if end <= start or (start, end) in kept:
            continue
        inside = _overlapping(spans, start, end)
        if any(s < start or e > end for s, e in inside):
            continue  # crosses another finding: leave both as they are
        for span in inside:  # a part of the value found alone ("0532 123" of a wrapped
            del kept[span]  # "0532 123\n45 67"): the whole value replaces it
            spans.remove(span)
        kept[(start, end)] = source._replace(start=start, end=end)
        bisect.insort(spans, (start, end))
        done = end
    return sorted(kept.values(), key=lambda m: (m.start, m.end))


# A first unit more frequent than this is filtered by the whole value's shape first.
FREQUENT = 64
# With this many distinct first units in a text of BATCH_CHARS or more, one prefix-tree pass
# over the text finds them all (trie.places) instead of a find loop per unit over the whole
# text: on the real documents' longest texts (2 MB, 400-900 found values) 2.5-4x cheaper;
# below either bound the regex's compile and per-character cost is more than it saves.
BATCH_UNITS = 256
BATCH_CHARS = 200_000


def _first_unit_places(folded: str, targets: Sequence[_Value]) -> dict[str, list[int]] | None:
    """Every place of each target's first unit, in one pass, where that is the cheaper
    way (see BATCH_UNITS); None: look for each unit on its own."""
    units = {target.units[0] for target in targets}
    if len(units) < BATCH_UNITS or len(folded) < BATCH_CHARS:
        return None
    return trie.places(folded, units)


def _starts(folded: str, target: _Value, places: dict[str, list[int]] | None = None) -> list[int]:
    """Where an occurrence of ``target`` may start: every place of its first unit; for a
    frequent first unit ("12" of an identifier, a common first word), only those followed
    by the rest of the value (one regex over the text instead of a Python try at each place;
    :meth:`_Value.match_at` still decides). ``places``: every place of each first unit,
    when ``_first_unit_places`` found them already."""
    first = target.units[0]
    # past FREQUENT places (a unit that cannot overlap itself, so counted as str.count
    # would) the regex takes over; one scan of the text either way
    shortcut = len(target.units) > 1 and not _overlaps_itself(first)
    if places is not None:
        if not (shortcut and len(places[first]) > FREQUENT):
            return list(places[first])
        return _followed(folded, target)
    positions = []
    at = folded.find(first)
    while at >= 0:
        positions.append(at)
        if shortcut and len(positions) > FREQUENT:
            return _followed(folded, target)
        at = folded.find(first, at + 1)
    return positions


def _followed(folded: str, target: _Value) -> list[int]:
    """The places of ``target``'s first unit that the rest of its units follow."""
    gap = "[" + re.escape("".join(sorted(target.gap))) + ("]+" if target.needs_gap else "]*")
    rest = "".join(gap + re.escape(unit) for unit in target.units[1:])
    return [m.start() for m in re.finditer(re.escape(target.units[0]) + "(?=" + rest + ")", folded)]


def count_inside(positions: Sequence[int], spans: Sequence[tuple[int, int]]) -> int:
    """How many of ``positions`` (ascending) fall in one of ``spans`` ([start, end), may
    overlap): by bisection over the spans' union, not a test of every position against
    every span (a frequent unit has thousands of places)."""
    union: list[list[int]] = []
    for start, end in sorted(spans):
        if start >= end:
            continue
        if union and start <= union[-1][1]:
            union[-1][1] = max(union[-1][1], end)
        else:
            union.append([start, end])
    return sum(bisect.bisect_left(positions, end) - bisect.bisect_left(positions, start)
               for start, end in union)


def _overlaps_itself(unit: str) -> bool:
    """Two occurrences of ``unit`` can overlap ("aa" in "aaa"): a regex would skip one."""
    return any(unit[:k] == unit[-k:] for k in range(1, len(unit)))


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
    folded = normalize_context(other)
    out: list[Match] = []
    seen: set[str] = set()
    for match in matches:
        value = text[match.start : match.end]
        target = None if value in seen else _looked_for(match.type, value)
        seen.add(value)
        if target is None:
            continue
        at = folded.find(target.head)
        while at >= 0:
            end = target.match_at(folded, at, text)
            if end > at and not any(m.start < end and at < m.end for m in out):
                out.append(match._replace(start=at, end=end))
            at = folded.find(target.head, at + 1)
    return sorted(out, key=lambda m: (m.start, m.end))
