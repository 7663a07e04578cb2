"""Finding a labelled value in extracted text: same line, table column, or next line.

Extracted text comes in three shapes and a label's value is looked for in each:

* ``Label: value`` / ``Label    value`` on one line (PDF text, TXT, e-mail bodies, OCR);
* table rows, cells separated by tabs or `` | `` (XLSX, HTML, DOCX tables): the value is in
  the next cell, or in the same column of the next row when the row is a header row;
* a caption line followed by the value on the next line ("Bill To" / "Acme GmbH");
* a block of ``Label:`` lines followed by a block of values (a two-column layout after OCR).

Labels are matched on folded text (:mod:`.fold`), values read from the original.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator, Optional

from flexorch_beam.fields.fold import fold

# Bounds that keep a label search linear in the text (issue 17: one document must never hang
# the job): a value sits within a few hundred characters of its label, so a line longer than
# _LINE_WINDOW (minified HTML, a one-line export) is read as a window around the label; a label
# repeated thousands of times is looked at only _MAX_LABEL_HITS times; a block of "Label:" lines
# is walked at most _MAX_BLOCK_LINES lines each way.
_LINE_WINDOW = 240
_MAX_LABEL_HITS = 200
_MAX_BLOCK_LINES = 40

CELL_SPLIT = re.compile(r"\t+|\s+\|\s*|\s*\|\s+|\s{3,}")
_LEAD = re.compile(
    r"^(?:[\s:#.|=*°º]|[-–](?!\s?\d))*(?:(?:no|nr|number|numarasi|num|numero|nummer)\b[\s.:#°º]*)?"
    r"(?:[\s:#|=*°º]|[-–](?!\s?\d))*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Hit:
    """A value candidate: the raw text and how it was found (drives confidence)."""

    raw: str
    where: str  # "inline" | "cell" | "column" | "below" | "block"
    offset: int  # where the label was found (for pick="last")


def label_pattern(phrases: tuple[str, ...]) -> re.Pattern:
    """Folded phrases -> one regex with word boundaries; spaces match any spacing/dashes."""
    alts = []
    for phrase in phrases:
        body = re.escape(phrase).replace(r"\ ", r"[\s\-_.]*")
        alts.append(body)
    return re.compile(r"(?<![a-z0-9@_])(?:" + "|".join(alts) + r")(?![0-9@_])")


def _label_ends(text: str, end: int) -> bool:
    """A label ends at a word boundary, or where a caption is glued to a capitalised value
    ("BuyerGraham Manufacturing": an HTML <strong>Buyer</strong>Graham rendered flat)."""
    if end >= len(text) or not text[end].isalpha():
        return True
    return text[end].isupper() and text[end - 1].islower()


@dataclass
class Lines:
    """The text split into lines with their offsets; built once per document."""

    text: str
    folded: str
    starts: list[int]

    @classmethod
    def of(cls, text: str) -> "Lines":
        starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        return cls(text, fold(text), starts)

    def line_at(self, offset: int) -> int:
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def span(self, index: int) -> tuple[int, int]:
        start = self.starts[index]
        end = self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.text)
        return start, end

    def line(self, index: int) -> str:
        start, end = self.span(index)
        return self.text[start:end]

    def next_nonempty(self, index: int, limit: int = 3) -> Optional[int]:
        for j in range(index + 1, min(len(self.starts), index + 1 + limit)):
            if self.line(j).strip():
                return j
        return None


def cells(line: str) -> list[tuple[int, int]]:
    """(start, end) of each cell in a line split on tabs, pipes or wide gaps."""
    spans = []
    pos = 0
    for m in CELL_SPLIT.finditer(line):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(line):
        spans.append((pos, len(line)))
    return [(a, b) for a, b in spans if line[a:b].strip()]


def find_hits(
    lines: Lines,
    pattern: re.Pattern,
    reject: Optional[re.Pattern] = None,
    below: bool = True,
    wrap: bool = False,
    last_cell: bool = False,
) -> Iterator[Hit]:
    """Value candidates for every match of ``pattern``, in text order.

    ``last_cell`` (amounts): on a row whose last cell is a bare number, that cell comes first
    ("Tax 15% on $ 112.90      $ 16.94", "Total   1   278.61   40.39   319.00"): a totals
    block and a table's total row print the value at the right edge.

    ``reject`` is tested on ``<12 chars before the label>\x00<rest of the line>`` (folded), so
    "Total" can refuse "Subtotal", "Total tax" or "Net total"; when the label starts its line,
    the end of the line above comes first, separated by ``\x01``.
    """
    for hit_count, m in enumerate(pattern.finditer(lines.folded)):
        if hit_count >= _MAX_LABEL_HITS:
            return
        if not _label_ends(lines.text, m.end()):
            continue
        index = lines.line_at(m.start())
        line_start, line_end = lines.span(index)
        line_start = max(line_start, m.start() - _LINE_WINDOW)
        line_end = min(line_end, m.end() + _LINE_WINDOW)
        folded_line = lines.folded[line_start:line_end]
        rel_start, rel_end = m.start() - line_start, m.end() - line_start
        if reject is not None:
            previous = lines.folded[lines.span(index - 1)[0]:lines.span(index - 1)[1]][-30:] if index else ""
            before = folded_line[max(0, rel_start - 12):rel_start]
            if not folded_line[:rel_start].strip():
                before = previous + "\x01" + before  # the label starts its line: the line above counts
            context = before + "\x00" + folded_line[rel_end:]
            if reject.search(context):
                continue
        line = lines.text[line_start:line_end]
        spans = cells(line)
        cell_index = next((i for i, (a, b) in enumerate(spans) if a <= rel_start < b), None)
        rest_in_cell = ""
        if cell_index is not None:
            rest_in_cell = line[rel_end:spans[cell_index][1]]
        rest_in_cell = _LEAD.sub("", rest_in_cell).strip()
        if last_cell and cell_index is not None and cell_index + 1 < len(spans):
            edge = line[spans[-1][0]:spans[-1][1]]
            between = line[spans[cell_index][1]:spans[-1][0]]
            # ... unless another caption stands between ("Excl. VAT  € 593,36   Subtotal  € 717,97")
            if any(c.isdigit() for c in edge) and not _WORD.search(edge) and not _WORD.search(between):
                yield Hit(edge.strip(), "cell", m.start())
        if rest_in_cell:
            yield Hit(rest_in_cell, "inline", m.start())
            following = lines.next_nonempty(index, 2) if wrap else None
            if following is not None:  # a long value wrapped onto the next line
                yield Hit(rest_in_cell + " " + lines.line(following).strip(), "inline", m.start())
        if cell_index is not None and cell_index + 1 < len(spans):
            # The next cells on the same row ("Total | | 1.234,56" or "Label\tValue").
            after = line[spans[cell_index + 1][0]:]
            yield Hit(_LEAD.sub("", after).strip(), "cell", m.start())
        block = _label_block_values(lines, index) if below and not rest_in_cell and len(spans) <= 1 else []
        if block:
            for value in block:
                yield Hit(value, "block", m.start())
            continue
        nxt = lines.next_nonempty(index) if below else None
        if nxt is not None:
            next_line = lines.line(nxt)[: 4 * _LINE_WINDOW]
            next_spans = cells(next_line)
            if cell_index is not None and len(spans) >= 2 and len(next_spans) == len(spans):
                a, b = next_spans[cell_index]
                yield Hit(next_line[a:b].strip(), "column", m.start())
            elif cell_index is not None and len(spans) >= 2 and not any(c.isdigit() for c in line):
                # A header row (captions only, no values) over a row that splits differently
                # (fixed-pitch layout text, :mod:`.layout`): the cell below that overlaps the
                # label's own columns.
                under = _overlapping(next_spans, line_start - lines.span(index)[0] + rel_start,
                                     line_start - lines.span(index)[0] + rel_end)
                if under is not None:
                    yield Hit(next_line[under[0]:under[1]].strip(), "column", m.start())
            elif not rest_in_cell and len(spans) <= 1:
                yield Hit(next_line.strip(), "below", m.start())


def _overlapping(spans: list[tuple[int, int]], start: int, end: int) -> Optional[tuple[int, int]]:
    """The span sharing the most columns with ``start``..``end``, if any does."""
    best, best_overlap = None, 0
    for a, b in spans:
        overlap = min(b, end) - max(a, start)
        if overlap > best_overlap:
            best, best_overlap = (a, b), overlap
    return best


_WORD = re.compile(r"[^\W\d_]{3,}")
_LABEL_ONLY = re.compile(r"^\s*[^\W\d][^:]{0,40}:\s*$")


def _label_block_values(lines: Lines, index: int) -> list[str]:
    """Two-column layouts flattened by OCR or PDF text: a block of ``Label:`` lines (blank
    lines allowed), then the values in the same order. Returns the candidates for this
    label (its position first, then the neighbours, since a stray line can shift the
    column by one), or [] when the text does not have that shape."""
    if not _LABEL_ONLY.match(lines.line(index)):
        return []
    count = len(lines.starts)

    def walk(start: int, step: int) -> tuple[int, int]:
        edge, labels, j = start, 0, start + step
        while 0 <= j < count and abs(j - start) <= _MAX_BLOCK_LINES:
            text = lines.line(j)
            if _LABEL_ONLY.match(text):
                edge, labels = j, labels + 1
            elif text.strip():
                break
            j += step
        return edge, labels

    first, above = walk(index, -1)
    last, below_count = walk(index, +1)
    if above + below_count == 0:
        return []
    position = above
    values: list[str] = []
    j = last + 1
    while j < count and len(values) <= position + 1 and j - last <= 2 * _MAX_BLOCK_LINES:
        text = lines.line(j)[: 4 * _LINE_WINDOW].strip()
        if text:
            values.append(text)
        j += 1
    order = [position, position + 1, position - 1]
    return [values[k] for k in order if 0 <= k < len(values)]


Parser = Callable[[str], Optional[str]]

WHERE_CONFIDENCE = {"inline": 0.9, "cell": 0.88, "column": 0.85, "below": 0.8, "block": 0.75}


def first_value(
    lines: Lines,
    pattern: re.Pattern,
    parse: Parser,
    reject: Optional[re.Pattern] = None,
    pick: str = "first",
    below: bool = True,
    wrap: bool = False,
    last_cell: bool = False,
) -> Optional[tuple[str, float]]:
    """The first (or last) label match whose candidate parses: (value, confidence)."""
    found: list[tuple[str, float]] = []
    seen_offsets: set[int] = set()
    for hit in find_hits(lines, pattern, reject, below, wrap, last_cell):
        if hit.offset in seen_offsets:
            continue
        value = parse(hit.raw)
        if value is None:
            continue
        seen_offsets.add(hit.offset)
        found.append((value, WHERE_CONFIDENCE[hit.where]))
        if pick == "first":
            break
    if not found:
        return None
    return found[0] if pick == "first" else found[-1]
