"""One document's lines, found by bisection, and a line's verdict computed once per line.

Why: ``ner.accept_person`` judges the line a candidate name stands on (a table row, or a
long list line without a function word). It is called for every model proposal and rule
candidate - over 160,000 times on the real development documents - and each call found the
line with ``find``/``rfind`` and split and lower-cased all of its words again. On a document
whose text is one long line (a spreadsheet or table export) that is quadratic. A line index
built once per document (newline offsets, bisected) and a memo of each line's verdict keep
the same answers at the cost of one pass. Offsets only; no text is kept beyond the document.
"""
from __future__ import annotations

import bisect
from typing import Callable, Generic, TypeVar

T = TypeVar("T")


def line_bounds(text: str, position: int) -> tuple[int, int]:
    """(start, end) of the line holding ``position``: after the previous newline, up to the
    next one (or the text's end); the newline itself belongs to neither."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, end if end >= 0 else len(text)


class Lines(Generic[T]):
    """The lines of ``text`` and ``verdict(line)`` memoised per line (bounded by the number
    of lines of the document, and dropped with it). ``verdict`` must be a pure function of
    the line's text."""

    __slots__ = ("text", "verdict", "_newlines", "_memo")

    def __init__(self, text: str, verdict: Callable[[str], T]) -> None:
        self.text, self.verdict = text, verdict
        self._newlines: list[int] | None = None
        self._memo: dict[int, T] = {}

    def bounds(self, position: int) -> tuple[int, int]:
        """The same as ``line_bounds(text, position)``, in O(log lines) after one pass."""
        if self._newlines is None:
            self._newlines = _newlines(self.text)
        i = bisect.bisect_left(self._newlines, position)
        start = self._newlines[i - 1] + 1 if i else 0
        end = self._newlines[i] if i < len(self._newlines) else len(self.text)
        return start, end

    def of(self, position: int) -> T:
        """``verdict`` of the line holding ``position``."""
        start, end = self.bounds(position)
        if start not in self._memo:
            self._memo[start] = self.verdict(self.text[start:end])
        return self._memo[start]


def _newlines(text: str) -> list[int]:
    out, i = [], text.find("\n")
    while i >= 0:
        out.append(i)
        i = text.find("\n", i + 1)
    return out
