"""Run the name/address model only on the windows of a long text where an accepted entity can
be, with the same entities there as a pass over the whole text.

Why: the model's forward pass is the PII step's largest cost on long documents, and most of
its output is thrown away: ``ner.accept_person`` keeps a PERSON only when its value starts
with a capital, ``ner.accept_address`` keeps an ADDRESS only when it holds a capitalised word
or is a house number (digits), possibly with a unit before it ("Flat 3, "); and only spans
inside prose paragraphs count. So the model need not read a stretch of prose with no capital
or digit in it, nor anything outside prose.

Exactness: a token's tag depends on the tokens up to ``receptive`` places either side (depth
x window of the encoder; thinc's padding rows only matter at the text's ends). A window that
reaches ``receptive`` tokens past a region gives the region's tokens the scores the whole
text gives them. The tags are decoded with every token outside the regions certainly O, which
can differ from the whole text's decoding only within two tokens of a region's edge
(``Tagger._repair`` looks one token back); so a region is widened until none of its entities
comes that close to an edge - six tokens for an ADDRESS, whose pieces ``ner._joined`` merges
across a gap of up to four characters. Every entity reported is then one the whole-text pass
reports, and every entity that holds a candidate character is reported. ``tests/pii/test_model_gate.py`` checks
that the detector's findings are the same with and without the gate.
"""
from __future__ import annotations

import bisect
import re
import sys
from functools import lru_cache
from typing import Callable, Sequence

import numpy as np

from flexorch_beam.pii import address

Span = tuple[str, int, int, float]
# Below this length a text is read whole: the gate's own work would cost more than it saves.
MIN_CHARS = 1000
# A region around each candidate token: tokens before and after it (it must lie two tokens
# inside the region for its tag to be decoded as the whole text decodes it).
BEFORE, AFTER = 2, 2
# Entities may come no closer than this to a region edge (ADDRESS: 2 + a 4-character gap).
EDGE = {"PERSON": 2}
EDGE_OTHER = 6
GROW = 8  # tokens a region first widens by when an entity comes too close (then doubling)
MAX_ROUNDS = 8  # then the text is read whole
# When the windows would cover this share of the tokens, the whole text is read at once.
MOST = 0.85
# The end of a unit a street may follow ("Flat 3, ", "Suite B "): extend_back takes the unit
# into the address, whose capital or number may stand only there.
_UNIT_THEN = re.compile(rf"(?<![\w])(?:{address._UNIT})[ \t]*,?[ \t]*")


@lru_cache(maxsize=1)
def _candidate_table() -> np.ndarray:
    """Per code point: upper case or a digit (``str.isupper``/``str.isdigit``, the tests the
    acceptance checks make)."""
    table = np.zeros(sys.maxunicode + 1, dtype=bool)
    table[[i for i in range(sys.maxunicode + 1) if chr(i).isupper() or chr(i).isdigit()]] = True
    return table


def candidate_chars(text: str, start: int, end: int, prose: Sequence[tuple[int, int]]) -> np.ndarray:
    """Per character of ``text[start:end]``: whether an accepted entity may hold or follow it
    - a capital or a digit, or the end of a unit - inside prose."""
    piece = text[start:end]
    codes = np.frombuffer(piece.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    flags = _candidate_table()[codes]
    inside = np.zeros(len(piece) + 1, dtype=np.int64)
    first = bisect.bisect_right(prose, (start, start)) - 1  # sorted, disjoint paragraphs
    for a, b in prose[max(0, first):]:
        if a >= end:
            break
        lo, hi = max(a, start), min(b, end)
        if lo < hi:
            inside[lo - start] += 1
            inside[hi - start] -= 1
            for m in _UNIT_THEN.finditer(text, lo, hi):
                if m.end() < end:
                    flags[m.end() - start] = True
    return flags & (np.cumsum(inside[:-1]) > 0)


def _runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of the runs of True in ``mask``."""
    edges = np.diff(np.concatenate([[0], mask.view(np.int8), [0]]))
    return np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)


def _dilate(mask: np.ndarray, before: int, after: int) -> np.ndarray:
    """``mask`` with each True spread to ``before`` places before it and ``after`` after."""
    n = len(mask)
    count = np.zeros(n + 1, dtype=np.int64)
    at = np.flatnonzero(mask)
    np.add.at(count, np.maximum(at - before, 0), 1)
    np.add.at(count, np.minimum(at + after + 1, n), -1)
    return np.cumsum(count[:-1]) > 0


def _fill_gaps(mask: np.ndarray, gap: int) -> np.ndarray:
    """``mask`` with runs of False no longer than ``gap`` between two runs of True set."""
    starts, ends = _runs(mask)
    out = mask.copy()
    for a, b in zip(ends[:-1].tolist(), starts[1:].tolist()):
        if b - a <= gap:
            out[a:b] = True
    return out


def gated_spans(tokens: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
                candidates: np.ndarray,
                encode: Callable[[np.ndarray], np.ndarray],
                decode: Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray], list[Span]],
                receptive: int) -> list[Span] | None:
    """The entities of the regions around the candidate tokens, from the text's tokens (mixer
    rows, starts, ends, is-space; ``candidates``: per character, see ``candidate_chars``);
    None when the windows would cover most of the text or keep growing (then it is cheaper to
    read it whole)."""
    rows, starts, ends, space = tokens
    n = len(starts)
    if not n:
        return []
    seen = np.concatenate([[0], np.cumsum(candidates)])
    wanted = _fill_gaps(_dilate(seen[ends] > seen[starts], BEFORE, AFTER), 2 * receptive)
    scores = np.zeros((n, encode(rows[:1]).shape[1]), dtype=np.float32)
    scores[:, 1:] = -1e4  # outside the regions: certainly O (label 0), see decode
    done = np.zeros(n, dtype=bool)
    grow = GROW
    for _ in range(MAX_ROUNDS):
        todo = wanted & ~done
        if _dilate(done | todo, receptive, receptive).sum() >= MOST * n:
            return None
        if todo.any():
            _score_runs(rows, todo, receptive, encode, scores)
            done |= todo
        entities = decode(scores, starts, ends, space)
        more = _too_close(entities, done, starts, ends, grow)
        if more is None:
            return entities
        wanted = _fill_gaps(done | more, 2 * receptive)
        grow *= 2
    return None


def _too_close(entities: list[Span], done: np.ndarray, starts: np.ndarray, ends: np.ndarray,
               grow: int) -> np.ndarray | None:
    """Tokens to add where an entity comes too close to the edge of its region (a run of
    ``done``; the text's own ends are true ends), or None when none does."""
    if not entities:
        return None
    n = len(done)
    region_starts, region_ends = _runs(done)
    first = np.searchsorted(starts, [e[1] for e in entities])
    last = np.searchsorted(ends, [e[2] for e in entities]) 
    edge = np.array([EDGE.get(e[0], EDGE_OTHER) for e in entities])
    region = np.searchsorted(region_starts, first, side="right") - 1
    lo, hi = region_starts[region], region_ends[region]
    left = (lo > 0) & (first < lo + edge)
    right = (hi < n) & (last > hi - 1 - edge)
    if not (left.any() or right.any()):
        return None
    more = np.zeros(n, dtype=bool)
    for a in lo[left].tolist():
        more[max(0, a - grow) : a] = True
    for b in hi[right].tolist():
        more[b : b + grow] = True
    return more


def _score_runs(rows: np.ndarray, todo: np.ndarray, receptive: int,
                encode: Callable[[np.ndarray], np.ndarray], scores: np.ndarray) -> None:
    """Scores of the tokens in ``todo`` into ``scores``, in one forward pass: each run of
    them with ``receptive`` tokens of context either side, the runs' windows one after the
    other with ``receptive`` zero rows between them. A zero row is what thinc pads a text
    with, and a token reads layer-0 rows no further than ``receptive`` away, so each run's
    scores are those of the whole text."""
    n = len(todo)
    run_starts, run_ends = _runs(todo)
    index, places = [], []
    at = 0
    for a, b in zip(run_starts.tolist(), run_ends.tolist()):
        lo, hi = max(0, a - receptive), min(n, b + receptive)
        if index:
            index.append(np.full(receptive, -1, dtype=np.int64))
            at += receptive
        index.append(np.arange(lo, hi, dtype=np.int64))
        places.append((a, b, at + a - lo))
        at += hi - lo
    padded = np.concatenate([rows, np.zeros((1, rows.shape[1]), dtype=rows.dtype)])
    out = encode(padded[np.concatenate(index)])
    for a, b, k in places:
        scores[a:b] = out[k : k + b - a]
