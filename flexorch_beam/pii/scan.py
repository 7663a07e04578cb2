"""The detector: one prefilter pass, length dispatch, validators, context, overlap resolution.

Speed comes from never running a recognizer over the whole text. ``_CANDIDATE`` finds the
short digit-bearing runs once ("TR33 0006 1005 ...", "+90 532 123 45 67", "123-45-6789");
each run is cut into space-separated pieces, and windows of consecutive pieces are tried
longest first. A window's compact length picks the few recognizers that can produce it;
one screening regex per length rejects most windows in a single call, one dispatch regex
tells which of those recognizers' patterns a window matches, and only those call their
validators. Letter-only types (email,
BIC, names, addresses, dates of birth) have scanners with cheap anchors of their own; they
read the document through one :class:`~flexorch_beam.pii.context.ScanContext` per ``detect``
call (text, fold, phone-word check, model handle), never through module state.
"""
from __future__ import annotations

import bisect
import re
from typing import NamedTuple, Sequence

from flexorch_beam.pii import ner, phones
from flexorch_beam.pii.context import ScanContext
from flexorch_beam.pii.eu import UPPER_PREFIXES
from flexorch_beam.pii.recognizer import (
    CONTEXT_BOOST,
    MIN_SCORE,
    SEPARATORS,
    Recognizer,
    normalize_context,
)
from flexorch_beam.pii.trie import trie_pattern
from flexorch_beam.pii.union import union_words

_UNIT = r"[A-Za-z0-9]+(?:(?:[\-./:]|::)[A-Za-z0-9]+)*"
# A unit holds a digit within its first 40 characters: the bound keeps the look-ahead from
# rescanning a long digitless run ("Total:Total:…") at every capital letter, which was
# quadratic (issue 17); no recognized value puts 40 letters before its first digit.
_DIGIT_UNIT = r"(?=[A-Za-z\-./:]{0,40}\d)" + _UNIT
_SHORT_CAPS = r"[A-Z]{1,4}(?![A-Za-z0-9])"
_PIECE_RE = rf"\(?(?:{_DIGIT_UNIT}|{_SHORT_CAPS})\)?"
# The leading lookahead is a character set the regex engine can skip to; lowercase starts
# are only tried for b (bech32 "bc1…") and f (IPv6 "fe80::…", "fd00::…").
_CANDIDATE = re.compile(
    rf"(?=[+(0-9A-Zbf])(?<![A-Za-z0-9@%_])(?<!\d[,.])\+?\(?(?:{_DIGIT_UNIT}|{_SHORT_CAPS}(?=[ ]\(?[A-Za-z]*\d))\)?"
    rf"(?:[ ]{_PIECE_RE}|[ ]?\n\(?{_DIGIT_UNIT}\)?)*"  # a wrapped value goes on with digits
)
# Pieces: space-separated, and a label glued to a number ("TCKN:123…", "ID-123…") split off.
_PIECE = re.compile(r"[A-Za-z]+[:#\-.](?=\d)|[^ \n]+")
_LABEL_PREFIX = re.compile(r"[A-Za-z]+[:#\-.](?=\d)")
# Pieces no multi-piece value contains: amounts ("1.234,56", "598.35") and dates. A window
# never runs through them, which keeps number tables cheap.
_LONE_PIECE = re.compile(r"\d{1,3}(?:[.,]\d{3})*[.,]\d{2}|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
# Both in one pass: group 1 is set for a lone piece (the whole piece, up to a separator).
_PIECE_KIND = re.compile(rf"({_LONE_PIECE.pattern})(?![^ \n])|{_PIECE.pattern}")
_STRIP = str.maketrans("", "", SEPARATORS)
_ANY_DIGIT = re.compile(r"\d")  # the candidate pass's gate: one C-level skip to a digit

# Shapes that claim their span even when invalid: a broken IBAN or card must not be mined
# for shorter look-alikes inside it.
_CLAIMS = re.compile(
    r"[A-Z]{2}\d{2}(?: ?[0-9A-Z]{4}){3,8}(?: ?[0-9A-Z]{1,3})?"
    r"|\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?|3[47]\d{2}[ -]\d{6}[ -]\d{5}"
)
CLAIM_LENGTH = 14  # the shortest claimed shape (Amex with a missing digit)
MAX_PIECES = 10  # an IBAN in groups of four has up to nine
TAKEN, CLAIMED = 1, 2
MANY_WINDOWS = 6  # from this many windows on, one any-shape check first is the cheaper way
CONTEXT_BEFORE = 48  # characters of the value's line searched for a label
CONTEXT_AFTER = 16
SHORT_LABEL = 6  # "ID:", "No:", "Field:": too short to be the label, look one line up


_CLAIMED_SPANS = ("", "claimed spans")  # verdicts key: where invalid IBAN/card shapes sit
PHONE_TYPES = frozenset({"TR_PHONE", "EU_PHONE", "US_PHONE", "PHONE"})


class Match(NamedTuple):
    type: str
    jurisdiction: str
    start: int
    end: int
    score: float
    priority: int


def _context_regex(words: Sequence[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z0-9çğıöşüäß])(?:{trie_pattern(words)})")


class Detector:
    """Compiled once per catalog selection; ``detect`` is pure and thread-safe."""

    def __init__(self, recognizers: Sequence[Recognizer]) -> None:
        self.recognizers = tuple(recognizers)
        self._priority = {r.id: i for i, r in enumerate(self.recognizers)}
        # One regex finds every context word near a value; a found word also stands for the
        # shorter words it starts with ("account holder" is an "account" cue too).
        words = sorted({fold_context(w) for r in self.recognizers for w in r.context})
        self._context_words = _context_regex(words)
        self._implied = {w: frozenset(v for v in words if w.startswith(v)) for w in words}
        self._words = {r.id: frozenset(fold_context(w) for w in r.context) for r in self.recognizers}
        by_length: dict[int, list[Recognizer]] = {}
        for r in self.recognizers:
            for n in r.lengths if not r.scanner else ():
                by_length.setdefault(n, []).append(r)
        self._by_length = {n: tuple(rs) for n, rs in by_length.items()}
        # Per length, one regex that any shape _try_window acts on would match (a recognizer
        # pattern, a claimed shape from CLAIM_LENGTH on, with the parentheses it strips):
        # most windows (dates, amounts, table rows) fail it with one call on the text, with
        # no slice and no _try_window call (which would return 0 for them).
        self._screen = {n: _screen_regex(rs, claims=n >= CLAIM_LENGTH)
                        for n, rs in self._by_length.items()}
        # Then which recognizers' shapes a window has, in one call (see _dispatch_regex).
        self._dispatch = {n: _dispatch_regex(rs) for n, rs in self._by_length.items()}
        # Any shape at all, each pattern once: when none matches at piece i (with any end
        # inside the run), no window from piece i can pass its length's screen, so one call
        # settles what would be one call per window.
        shapes = dict.fromkeys(p for rs in self._by_length.values() for r in rs
                               for p in r.patterns + r.weak_patterns)
        self._any_shape = re.compile(
            r"\(?(?:" + "|".join(f"(?:{p})" for p in [*shapes, _CLAIMS.pattern]) + ")")
        self._min_length = min(self._by_length, default=0)
        self._max_length = max(self._by_length, default=0)
        self._scanners = tuple(r for r in self.recognizers if r.scanner)
        # The phone scan judges national numbers by whether a phone word is near them.
        self._phone_words = next((self._words[r.id] for r in self.recognizers
                                  if r.id in PHONE_TYPES), None)
        # The PERSON/ADDRESS model, loaded only when a selected scanner reads it.
        self._model = ner.model() if any(r.uses_model for r in self._scanners) else None

    # -- context and scoring ---------------------------------------------------------------
    def _hits(self, folded: str, start: int, end: int) -> frozenset[str]:
        """The context words around a span: on its own line, and on the line above when the
        value stands alone or after a bare "ID:" that is not itself a context word."""
        found: set[str] = set()
        for match in self._context_words.finditer(_window(folded, start, end)):
            found |= self._implied[match.group()]
        label = _bare_label(folded, start)
        if label is not None and self._context_words.search(label) is None:
            for match in self._context_words.finditer(_window(folded, start, end, above=True)):
                found |= self._implied[match.group()]
        return frozenset(found)

    def _phone_hits(self, folded: str, start: int, end: int) -> frozenset[str]:
        """Context words for a phone number: its own line, and the line above only when
        nothing precedes the number on its line ("Phone:" over it). A phone word may pass
        for a national number that is only of possible length, so a short label such as
        "Order" does not send the search to the line above, as it does for identifiers."""
        line_start = _line_start(folded, start)
        above = not folded[line_start:start].strip(" \t:|-*#.")
        found: set[str] = set()
        for match in self._context_words.finditer(_window(folded, start, end, above=above)):
            found |= self._implied[match.group()]
        return frozenset(found)

    def _phone_context(self, folded: str, words: frozenset[str], start: int, end: int) -> int:
        """1: a phone word is near; -1: none, and the label just before the number names
        another kind of number; 0: neither (see phones.judge)."""
        if not words.isdisjoint(self._phone_hits(folded, start, end)):
            return 1
        line_start = _line_start(folded, start)
        label = folded[max(line_start, start - phones.LABEL_CHARS) : start]
        return -1 if phones.labelled_as_other(label) else 0

    def _emit(self, out: list[Match], recognizer: Recognizer, start: int, end: int,
              base: float, hits: frozenset[str]) -> None:
        context = bool(hits) and not self._words[recognizer.id].isdisjoint(hits)
        if recognizer.context_required and not context:
            return
        score = min(1.0, base + (CONTEXT_BOOST if context else 0.0))
        if score >= MIN_SCORE:
            out.append(Match(recognizer.id, recognizer.jurisdiction, start, end, round(score, 2),
                             self._priority[recognizer.id]))

    # -- the candidate pass ----------------------------------------------------------------
    def _try_window(self, spaced: str, folded: str, start: int, end: int, length: int,
                    out: list[Match], verdicts: dict) -> int:
        """Run the recognizers for this compact length: TAKEN, CLAIMED (an invalid IBAN or
        card shape, not to be mined for shorter values) or 0. ``spaced`` is the text with
        newlines as spaces: a value wrapped onto the next line reads as one."""
        window = spaced[start:end]
        if window[0] == "(" and ")" not in window:
            start, window = start + 1, window[1:]
        if window and window[-1] == ")" and "(" not in window:
            end, window = end - 1, window[:-1]
        matched = self._dispatch[length].match(window).groups()
        if matched.count(None) == len(matched):  # no recognizer's shape
            if length >= CLAIM_LENGTH and _CLAIMS.fullmatch(window) is not None:
                verdicts.setdefault(_CLAIMED_SPANS, []).append((start, end))
                return CLAIMED
            return 0
        hits: frozenset[str] | None = None
        taken = False
        for recognizer, strong, weak_shape in zip(self._by_length[length], matched[0::2],
                                                  matched[1::2]):
            if strong is None and weak_shape is None:
                continue
            weak = strong is None
            if weak or recognizer.context_required:
                # No own context word: no need to run the validator.
                if hits is None:
                    hits = self._hits(folded, start, end)
                if self._words[recognizer.id].isdisjoint(hits):
                    continue
            key = (recognizer.id, window)
            verdict = verdicts.get(key)
            if verdict is None:  # a value repeated in the document is validated once
                verdict = verdicts[key] = recognizer.validator(window) if recognizer.validator else True
            if not verdict:
                continue
            if hits is None:
                hits = self._hits(folded, start, end)
            base = recognizer.base_score if verdict is True else float(verdict)
            before = len(out)
            self._emit(out, recognizer, start, end, base, hits)
            taken = taken or len(out) > before
        if taken:
            return TAKEN
        if length >= CLAIM_LENGTH and _CLAIMS.fullmatch(window) is not None:
            verdicts.setdefault(_CLAIMED_SPANS, []).append((start, end))
            return CLAIMED
        return 0

    def _scan_candidates(self, text: str, folded: str, out: list[Match]) -> list[tuple[int, int]]:
        """Findings into ``out``; returns the spans of invalid IBAN/card shapes (claimed)."""
        by_length, max_length, min_length = self._by_length, self._max_length, self._min_length
        verdicts: dict = {}  # (recognizer, window) -> verdict, this document's only
        screen = self._screen
        spaced = text.replace("\n", " ")  # same offsets; see _try_window
        for candidate in _CANDIDATE.finditer(text):
            value = candidate.group()
            if len(value) < min_length:
                continue
            if " " not in value and "\n" not in value and not _LABEL_PREFIX.match(value):
                length = len(value.translate(_STRIP))
                start, end = candidate.span()
                if length in by_length and screen[length].fullmatch(spaced, start, end):
                    self._try_window(spaced, folded, start, end, length, out, verdicts)
                continue
            self._scan_run(spaced, folded, value, candidate.start(), out, verdicts)
        return verdicts.get(_CLAIMED_SPANS, [])

    def _scan_run(self, spaced: str, folded: str, value: str, offset: int,
                  out: list[Match], verdicts: dict) -> None:
        """Windows of consecutive pieces of a multi-piece candidate, longest first from each
        piece; a taken value moves on past its last piece."""
        # (start, end, compact length, may sit inside a longer value) per piece
        pieces = [(p.start(), p.end(), len(p.group().translate(_STRIP)), p.lastindex is None)
                  for p in _PIECE_KIND.finditer(spaced, offset, offset + len(value))]
        starts, ends, lengths, inner = zip(*pieces)
        screens, max_length, any_shape = self._screen, self._max_length, self._any_shape.match
        i, count = 0, len(starts)
        while i < count:
            # The compact lengths of the windows from piece i; an amount or a date ends the
            # run (no value spans it), and so does the longest recognizer length.
            totals = [lengths[i]]
            if inner[i]:
                total = lengths[i]
                for j in range(i + 1, min(count, i + MAX_PIECES)):
                    total += lengths[j]
                    if not inner[j] or total > max_length:
                        break
                    totals.append(total)
            first, claimed = starts[i], -1
            last = i + len(totals) - 1
            if last - i + 1 >= MANY_WINDOWS and any_shape(spaced, first, ends[last]) is None:
                i += 1  # no shape begins here: a table row of small numbers, typically
                continue
            for j in range(last, i - 1, -1):
                length = totals[j - i]
                screen = screens.get(length)
                if screen is None or screen.fullmatch(spaced, first, ends[j]) is None:
                    continue
                verdict = self._try_window(spaced, folded, first, ends[j], length, out, verdicts)
                if verdict == TAKEN:
                    i = j
                    break
                if verdict == CLAIMED and claimed < 0:
                    claimed = j  # shorter windows may still hold the value ("IBAN BIC")
            else:
                if claimed >= 0:
                    i = claimed
            i += 1

    # -- public --------------------------------------------------------------------------
    def detect(self, text: str) -> list[Match]:
        """Best non-overlapping findings, in text order. Spans refer to ``text``."""
        if not text:
            return []
        # Same offsets as text; context windows slice it. The scanners reuse the fold.
        document = normalize_context(text)
        folded = _label_spaces(document)
        # Every candidate and every lower-case IBAN/VAT value holds a \d (tested on the
        # patterns' parse): a text without one (45% of the research sentences) skips both.
        digits = _ANY_DIGIT.search(text) is not None
        scanned = upper_prefixes(text) if digits else text  # "gb42nawi…": same offsets
        words = self._phone_words
        context = ScanContext(text, document, None if words is None else (
            lambda s, e: self._phone_context(folded, words, s, e)), self._model)
        found: list[Match] = []
        claims = self._scan_candidates(scanned, folded, found) if self._by_length and digits else []
        for recognizer in self._scanners:
            for start, end, base in recognizer.scanner(context):
                if claims and recognizer.id in PHONE_TYPES and any(
                        s < end and start < e for s, e in claims):
                    continue  # digits of a broken IBAN or card are no phone number
                hits = self._hits(folded, start, end) if recognizer.context else frozenset()
                self._emit(found, recognizer, start, end, base, hits)
        return resolve_overlaps(union_words(text, found))


_LOWER_VALUE = re.compile(
    r"(?<![A-Za-z0-9])([a-z]{2})(?=[ .\-]?[a-z]?\d)[ .\-]?[a-z]?\d[0-9a-z.\-]{0,40}"
    r"(?: [0-9a-z.\-]{0,12}\d[0-9a-z.\-]{0,12}){0,10}")  # bounded: linear on any text


def upper_prefixes(text: str) -> str:
    """``text`` with lower-case IBANs and VAT ids upper-cased ("gb42nawi…", "de 136695976"),
    same length and offsets: the candidate pass and the validators see them as written in
    capitals. Only values whose two letters are an IBAN/VAT country prefix change."""
    if not _LOWER_VALUE.search(text):
        return text
    return _LOWER_VALUE.sub(
        lambda m: m.group().upper() if m.group(1).upper() in UPPER_PREFIXES else m.group(), text)


def _screen_regex(recognizers: Sequence[Recognizer], claims: bool) -> re.Pattern[str]:
    shapes = [p for r in recognizers for p in r.patterns + r.weak_patterns]
    if claims:
        shapes.append(_CLAIMS.pattern)
    return re.compile(r"\(?(?:" + "|".join(f"(?:{p})" for p in shapes) + r")\)?")


def _dispatch_regex(recognizers: Sequence[Recognizer]) -> re.Pattern[str]:
    """One regex telling which of ``recognizers`` full-match a window, in one call instead
    of one per pattern (length 9 alone has 42): per recognizer, an optional lookahead for
    its patterns and one for its weak patterns, each capturing when it matches to the end.
    ``match(window).groups()`` holds (strong, weak) per recognizer, None where no match."""
    parts = []
    for recognizer in recognizers:
        for patterns in (recognizer.patterns, recognizer.weak_patterns):
            body = "|".join(f"(?:{p})" for p in patterns) or "(?!)"
            parts.append(rf"(?:(?=((?:{body})\Z))|)")
    return re.compile("".join(parts))


def context_window(text: str, start: int, end: int, above: bool = False) -> str:
    """The words a label would be in: the value's line before it and a little after it,
    case-folded; with ``above``, the line above too (see :meth:`Detector._hits`).
    Never other lines' labels otherwise: "SSN: …" must not vouch for the next line's number."""
    return _window(fold_context(text), start, end, above)


def _line_start(text: str, start: int, reach: int = CONTEXT_BEFORE + 1) -> int:
    """Where the line holding ``start`` begins, looking back at most ``reach`` characters
    (further back only the reach matters to a caller): bounded, so a text of one long line
    costs no more per value than a text of short ones."""
    low = max(0, start - reach)
    found = text.rfind("\n", low, start)
    return found + 1 if found >= 0 else low


def _window(folded: str, start: int, end: int, above: bool = False) -> str:
    """:func:`context_window` on text folded once per document (folding keeps offsets)."""
    line_start = _line_start(folded, start)
    before = folded[max(line_start, start - CONTEXT_BEFORE) : start]
    if above and line_start > 0 and folded[line_start - 1] == "\n":
        top = _line_start(folded, line_start - 1)
        before = folded[max(top, start - CONTEXT_BEFORE) : line_start] + before
    line_end = folded.find("\n", end, end + CONTEXT_AFTER)
    after = folded[end : min(end + CONTEXT_AFTER, len(folded) if line_end < 0 else line_end)]
    return before + " " + after


def _bare_label(text: str, start: int) -> str | None:
    """The short word ("ID", "No", "Field", or nothing) that alone precedes the value on its
    line, else None. After one, the real label may be on the line above, as under a table
    header or an XML parent element."""
    line_start = _line_start(text, start)
    label = text[max(line_start, start - CONTEXT_BEFORE) : start].strip(" \t:|-*#.")
    return label if not label or (len(label) <= SHORT_LABEL and label.isalpha()) else None


def fold_context(text: str) -> str:
    """Case-folded, with '-' and '_' as spaces: "TC-Kimlik-Nr." reads as "tc kimlik nr."."""
    return _label_spaces(normalize_context(text))


def _label_spaces(folded: str) -> str:
    return folded.replace("-", " ").replace("_", " ")


def resolve_overlaps(matches: Sequence[Match]) -> list[Match]:
    """Keep the best span where findings overlap: higher score, then longer, then catalog order."""
    ranked = sorted(matches, key=lambda m: (-m.score, -(m.end - m.start), m.priority, m.start))
    starts: list[int] = []  # kept spans, sorted and disjoint
    ends: list[int] = []
    kept: list[Match] = []
    for match in ranked:
        i = bisect.bisect_right(starts, match.start)
        if i and ends[i - 1] > match.start:  # the kept span before it reaches into it
            continue
        if i < len(starts) and starts[i] < match.end:  # the kept span after it starts inside
            continue
        starts.insert(i, match.start)
        ends.insert(i, match.end)
        kept.append(match)
    kept.sort(key=lambda m: (m.start, m.end))
    return kept
