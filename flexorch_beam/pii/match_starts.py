"""A plain pattern's matches in one document, searched in a range by bisection.

Why: ``ner.accept_address`` asks whether the lines around each address the model proposes
hold a date. A document written as one long line (a 378,000-character table export among
the real documents) has hundreds of proposals, and each searched that whole line again:
991 searches over 30 million characters, 1.2 s. :class:`MatchStarts` finds once, per
document, every place a match can start, and answers ``pattern.search(text, a, b)`` from
the first such place at or after ``a``; short ranges are searched directly. Offsets only.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Optional

import re._constants as sre  # noqa: PLC2701 - the parser's opcodes, read only
import re._parser as sre_parse  # noqa: PLC2701 - the public re module's own parser

from flexorch_beam.pii.skipping import Skipping

DIRECT = 2_000  # a range this short is searched directly: cheaper than building the index
_NOT_PLAIN = (sre.ASSERT, sre.ASSERT_NOT, sre.AT, sre.GROUPREF, sre.GROUPREF_EXISTS)


@lru_cache(maxsize=64)  # a handful of module-level patterns; parsing one costs ~50 us
def plain(pattern: re.Pattern[str]) -> bool:
    """No look-around, anchor or back-reference: a match reads only its own characters, so
    it matches the same whatever stands before it or after it (``pos``/``endpos`` aside)."""

    def walk(items) -> bool:  # noqa: ANN001 - the parser's item list
        for op, av in items:
            if op in _NOT_PLAIN:
                return False
            if op is sre.SUBPATTERN and not walk(av[3].data):
                return False
            if op is sre.BRANCH and not all(walk(branch.data) for branch in av[1]):
                return False
            if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and not walk(av[2].data):
                return False
        return True

    return walk(sre_parse.parse(pattern.pattern, pattern.flags).data)


class MatchStarts:
    """``pattern.search(text, a, b)`` for one ``text``: the places a match starts are found
    on the first search of a long range, then each search starts at the first of them at or
    after ``a`` (no match starts before it, so the answer is the same)."""

    __slots__ = ("pattern", "text", "_starts")

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        if not plain(pattern):
            raise ValueError("MatchStarts needs a pattern without look-arounds or anchors")
        self.pattern, self.text = pattern, text
        self._starts: Optional[list[int]] = None

    def search(self, a: int, b: int) -> Optional[re.Match[str]]:
        """The same as ``pattern.search(text, a, b)``."""
        if b - a <= DIRECT:
            return self.pattern.search(self.text, a, b)
        if self._starts is None:
            anywhere = re.compile(f"(?={self.pattern.pattern})", self.pattern.flags)
            self._starts = [m.start() for m in Skipping(anywhere).finditer(self.text)]
        i = bisect.bisect_left(self._starts, a)
        if i == len(self._starts) or self._starts[i] >= b:
            return None  # a match within [a, b) would start at one of them
        return self.pattern.search(self.text, self._starts[i], b)
