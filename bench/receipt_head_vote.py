"""Experiment (issue 13, SROIE address; measured by bench/ocr_address_bench.py, NOT taken):
a receipt's header block read three times, each line voted character by character.

The shop's name and address sit in the first lines of a till slip, printed once, often
faded or in dot matrix. Tesseract's misreadings there change with the preparation: the same
line read at another scale or with another layout mode trips over different characters.
So the top lines of a receipt-like page (the narrow column read as one block, psm 6) are
read again from a crop of the prepared page, larger (:data:`UPSCALE`) and with tesseract's
column layout (psm 4), and each first-pass line is voted with its two re-readings:

* the *centre* is the first pass (a first try took the reading closest to the others as the
  centre: it dropped digits both re-readings lost, e.g. "UTARA 4" -> "UTARA");
* every other reading is aligned to it; a character, a deletion or an insertion is kept
  when most readings agree (with three, two of three), else the centre's own.

A reading that does not overlap a first-pass line (a line the re-read merged or missed)
has no vote on it; with fewer than three readings of a line it is left as read. Only the
header's words change: the rest of the page and every word box stay as the first pass found
them, and a line whose word count changes gets its words laid out across the line's span
by their lengths.
"""
from __future__ import annotations

from collections import Counter
from typing import Callable, Optional, Sequence

from PIL import Image
from rapidfuzz.distance import Levenshtein

from flexorch_beam.extract.words import Word
from flexorch_beam.extract.head_language import page_lines

HEAD_LINES = 12  # first-pass lines of the header block (name, address, ids, phone)
MAX_HEAD_SHARE = 0.5  # ... never below half the page
UPSCALE = 4 / 3  # the first re-read: the crop 1.33x larger (ink lines ~40 px instead of 30)
_MARGIN = 0.5  # of a line height, around the crop
MIN_OVERLAP = 0.5  # share of the shorter line's height two readings' lines must share

# (image, psm) -> one tesseract reading: [(line words), ...] with boxes in that image
Reader = Callable[[Image.Image, int], Sequence[Sequence[Word]]]


def vote(readings: Sequence[str]) -> str:
    """Character vote of several readings of one line (see module docstring)."""
    if len(readings) < 3:
        return readings[0] if readings else ""
    centre = readings[0]
    majority = len(readings) // 2 + 1
    chars = [Counter() for _ in centre]
    inserts = [Counter() for _ in range(len(centre) + 1)]
    for reading in readings:
        seen = list(centre)
        added = [""] * (len(centre) + 1)
        for op in Levenshtein.editops(centre, reading):
            if op.tag == "replace":
                seen[op.src_pos] = reading[op.dest_pos]
            elif op.tag == "delete":
                seen[op.src_pos] = ""
            else:
                added[op.src_pos] += reading[op.dest_pos]
        for i, ch in enumerate(seen):
            chars[i][ch] += 1
        for i, extra in enumerate(added):
            inserts[i][extra] += 1
    out = []
    for i in range(len(centre) + 1):
        extra, count = inserts[i].most_common(1)[0]
        if extra and count >= majority:
            out.append(extra)
        if i < len(centre):
            ch, count = chars[i].most_common(1)[0]
            out.append(ch if count >= majority else centre[i])
    return " ".join("".join(out).split())


def _span(words: Sequence[Word]) -> tuple[float, float]:
    return min(w.top for w in words), max(w.bottom for w in words)


def _matching(line: Sequence[Word], others: Sequence[Sequence[Word]]) -> Optional[str]:
    top, bottom = _span(line)
    best, best_overlap = None, 0.0
    for other in others:
        o_top, o_bottom = _span(other)
        overlap = min(bottom, o_bottom) - max(top, o_top)
        if overlap > best_overlap and overlap >= MIN_OVERLAP * min(bottom - top, o_bottom - o_top):
            best, best_overlap = other, overlap
    return " ".join(w.text for w in best) if best else None


def _relaid(line: Sequence[Word], text: str) -> list[Word]:
    """The line's words carrying ``text``: the same boxes when the word count is unchanged,
    else the line's span shared out by word length."""
    tokens = text.split()
    if len(tokens) == len(line):
        return [w._replace(text=t) for w, t in zip(line, tokens)]
    left, right = min(w.x0 for w in line), max(w.x1 for w in line)
    top, bottom = _span(line)
    total = sum(len(t) for t in tokens) + len(tokens) - 1
    out, x = [], left
    for token in tokens:
        width = (right - left) * len(token) / max(total, 1)
        out.append(line[0]._replace(x0=x, top=top, x1=x + width, bottom=bottom, text=token))
        x += width + (right - left) / max(total, 1)
    return out


def _scaled(lines: Sequence[Sequence[Word]], factor: float, dy: float = 0.0) -> list[list[Word]]:
    return [[w._replace(x0=w.x0 / factor, top=w.top / factor + dy, x1=w.x1 / factor,
                        bottom=w.bottom / factor + dy) for w in line] for line in lines]


def reread(image: Image.Image, text: str, words: Sequence[Word], read: Reader) -> tuple[str, tuple[Word, ...]]:
    """The page's text and words with its header lines voted (see module docstring).
    ``image`` is the prepared page the first pass read; ``read(crop, psm)`` reads a crop."""
    lines = page_lines(text, words)
    head = []
    for line in lines[:HEAD_LINES]:
        if words[line[0]].top >= MAX_HEAD_SHARE * image.height:
            break
        head.append(line)
    if not head:
        return text, tuple(words)
    line_height = sorted(_span([words[i] for i in line])[1] - _span([words[i] for i in line])[0]
                         for line in head)[len(head) // 2]
    bottom = min(image.height, max(words[i].bottom for line in head for i in line) + _MARGIN * line_height)
    crop = image.crop((0, 0, image.width, round(bottom)))
    larger = crop.resize((round(crop.width * UPSCALE), round(crop.height * UPSCALE)), Image.Resampling.LANCZOS)
    readings = [_scaled(read(larger, 6), UPSCALE), _scaled(read(crop, 4), 1.0)]
    new_words = list(words)
    changed: dict[int, str] = {}
    for n, line in enumerate(head):
        own = [words[i] for i in line]
        candidates = [" ".join(w.text for w in own)]
        candidates += [c for c in (_matching(own, r) for r in readings) if c]
        voted = vote(candidates)
        if voted and voted != candidates[0]:
            changed[n] = voted
    if not changed:
        return text, tuple(words)
    out_words: list[Word] = []
    at = 0
    for n, line in enumerate(lines):
        out_words.extend(words[at:line[0]])
        own = [words[i] for i in line]
        out_words.extend(_relaid(own, changed[n]) if n in changed else own)
        at = line[-1] + 1
    out_words.extend(new_words[at:])
    out_lines, n = [], 0
    for raw in text.split("\n"):
        if raw.split():
            out_lines.append(changed.get(n, raw))
            n += 1
        else:
            out_lines.append(raw)
    return "\n".join(out_lines), tuple(out_words)
