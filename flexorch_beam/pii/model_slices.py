"""The parts of a document the NER model runs on: only where its proposals can be kept.

Why: ``ner._entities`` keeps the model's proposals only inside prose paragraphs, so tagging
a form's or a table's tokens is work thrown away. But a token's scores depend on its
neighbours (the tagger's receptive field: ``reach`` tokens either side), and the IOB repair
and the decoding read the tags of the token just before and just after a paragraph. So each
paragraph is widened by ``reach + 1`` whitespace-separated chunks either side (each chunk is
at least one token), and never past the edges of its model piece (a token's context ends at
its piece's edge today; a slice that reaches that edge sees the same padding). Cut at chunk
edges, a slice is tokenized exactly as the same characters were inside the whole piece
(spaCy tokenizes each whitespace-separated chunk on its own), so every token whose
proposals can be kept gets the same scores and tags as when the whole piece ran.
"""
from __future__ import annotations

import re

_CHUNK = re.compile(r"\S+")
_LOOK = 256  # characters searched for the margin's chunks at first (doubled until enough)


def model_slices(text: str, pieces: list[tuple[int, int]], needed: list[tuple[int, int]],
                 reach: int) -> list[tuple[int, int]]:
    """(start, end) of the text to run the model on, sorted and disjoint: each piece's part of
    every ``needed`` span (sorted, disjoint), widened by ``reach + 1`` chunks either side
    within the piece; overlapping widenings merge. A piece no needed span touches is skipped."""
    out: list[tuple[int, int]] = []
    k = reach + 1
    at = 0
    for a, b in pieces:
        while at < len(needed) and needed[at][1] <= a:
            at += 1
        i = at
        current: tuple[int, int] | None = None
        while i < len(needed) and needed[i][0] < b:
            s, e = max(needed[i][0], a), min(needed[i][1], b)
            i += 1
            if s >= e:
                continue
            start = s if current is not None and s <= current[1] else _before(text, a, s, k)
            if current is not None and start <= current[1]:  # overlapping widenings: one slice
                current = (current[0], max(current[1], _after(text, e, b, k)))
                continue
            if current is not None:
                out.append(current)
            current = (start, _after(text, e, b, k))
        if current is not None:
            out.append(current)
    return out


def _before(text: str, a: int, s: int, k: int) -> int:
    """Start of the k-th whole chunk before ``s`` (``s`` at a chunk edge or inside one), or
    ``a`` when fewer lie between ``a`` and ``s``."""
    if s > a and not text[s - 1].isspace():  # s inside a chunk: start from that chunk's start
        s = _chunk_start(text, a, s)
    look = _LOOK
    while True:
        lo = max(a, s - look)
        starts = [m.start() for m in _CHUNK.finditer(text, lo, s)]
        if starts and lo > a and starts[0] == lo and not text[lo - 1].isspace():
            starts = starts[1:]  # the window cut a chunk: its start lies further back
        if len(starts) >= k:
            return starts[-k]
        if lo == a:
            return a
        look *= 2


def _after(text: str, e: int, b: int, k: int) -> int:
    """End of the k-th whole chunk after ``e`` (``e`` at a chunk edge or inside one), or ``b``
    when fewer lie between ``e`` and ``b``."""
    if e < b and not text[e].isspace():  # e inside a chunk: start from that chunk's end
        m = _CHUNK.match(text, e, b)
        e = m.end() if m else e
    look = _LOOK
    while True:
        hi = min(b, e + look)
        ends = [m.end() for m in _CHUNK.finditer(text, e, hi)]
        if ends and hi < b and ends[-1] == hi and not text[hi].isspace():
            ends = ends[:-1]  # the window cut a chunk: its end lies further on
        if len(ends) >= k:
            return ends[k - 1]
        if hi == b:
            return b
        look *= 2


def _chunk_start(text: str, a: int, s: int) -> int:
    """Start of the chunk that holds the character before ``s`` (not before ``a``)."""
    while s > a and not text[s - 1].isspace():
        s -= 1
    return s
