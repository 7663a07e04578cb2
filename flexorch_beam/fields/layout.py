"""The page as it looks: words with boxes rendered as fixed-pitch lines.

The record's text is a reading order: a PDF's text layer and tesseract's blocks often put a
label and its value far apart (a two-column header read column by column, a totals block
read after the notes). The word boxes (:mod:`flexorch_beam.extract.words`) know where each
word sits, so the fields step renders them the way ``pdftotext -layout`` does: words that
share a line (their vertical centres within the line's band) on one text line, left to right,
each at the character column its left edge falls on. A wide gap becomes three or more spaces,
which the label rules read as a cell boundary ("Total      15.90"), and a value printed under
its label starts in the label's columns, which the rules read as the value below
(:func:`flexorch_beam.fields.rules.find_hits`).

Used only to find field values; the record's text is unchanged.
"""
from __future__ import annotations

from statistics import median
from typing import Iterable, Sequence

# Columns wider than this are clipped: a line is a page width, not a poster.
MAX_COLUMNS = 400
# A word whose centre is within this share of the line's height from the line's centre
# belongs to that line.
SAME_LINE = 0.5
RECENT_LINES = 3  # how many lines back a word may still join (a tall word's line stays open)
# A gap up to this share of the words' height is a word space, not a column gap.
WORD_SPACE = 0.9


def _char_width(words: Sequence) -> float:
    widths = [(w.x1 - w.x0) / len(w.text) for w in words if len(w.text) >= 2 and w.x1 > w.x0]
    return median(widths) if widths else 1.0


def _lines(words: Sequence) -> list[list]:
    """Words grouped into visual lines, top to bottom, each left to right. A word joins a
    recent line whose centre is within half a line height of its own, unless it overlaps a
    word already there left to right (two words side by side never do: a small line under a
    large heading is a line of its own)."""
    ordered = sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0))
    lines: list[list] = []
    bands: list[list[float]] = []  # per line: running centre, running height
    for word in ordered:
        mid = (word.top + word.bottom) / 2
        size = max(word.bottom - word.top, 1e-6)
        home = None
        for index in range(len(lines) - 1, max(-1, len(lines) - 1 - RECENT_LINES), -1):
            centre, height = bands[index]
            if abs(mid - centre) <= SAME_LINE * max(height, size) and not any(
                    word.x0 < other.x1 and other.x0 < word.x1 for other in lines[index]):
                home = index
                break
        if home is None:
            lines.append([word])
            bands.append([mid, size])
            continue
        lines[home].append(word)
        count = len(lines[home])
        bands[home][0] += (mid - bands[home][0]) / count
        bands[home][1] += (size - bands[home][1]) / count
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def render_page(words: Sequence) -> str:
    """One page's words as fixed-pitch text (see module docstring)."""
    if not words:
        return ""
    width = _char_width(words)
    left = min(w.x0 for w in words)
    out = []
    for line in _lines(words):
        text = ""
        previous = None
        for word in line:
            column = min(int(round((word.x0 - left) / width)), MAX_COLUMNS)
            if previous is not None:
                gap = word.x0 - previous.x1
                height = min(word.bottom - word.top, previous.bottom - previous.top)
                # An ordinary word space (about a third of the type size) is one space, in
                # any font size; anything wider is a cell boundary of at least three.
                column = len(text) + 1 if gap <= WORD_SPACE * height else max(column, len(text) + 3)
            text += " " * (column - len(text)) + word.text
            previous = word
        out.append(text)
    return "\n".join(out)


def render(words: Iterable) -> str:
    """Every page's words as fixed-pitch text, pages separated by a blank line."""
    pages: dict[int, list] = {}
    for word in words:
        pages.setdefault(word.page, []).append(word)
    return "\n\n".join(render_page(pages[number]) for number in sorted(pages))
