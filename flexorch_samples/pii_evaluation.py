"""Per-type precision/recall of a detector on labelled documents.

A finding counts when its type and span equal a label's (for names, addresses and dates of
birth: when it overlaps a label of its type); a label counts as found the same way.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from flexorch_beam.pii.labelled import LabelledDoc, Span

Finder = Callable[[str], Iterable[tuple[str, int, int]]]


@dataclass
class TypeScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    types: dict[str, TypeScore] = field(default_factory=lambda: defaultdict(TypeScore))
    lookalike_hits: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    lookalikes: int = 0

    def total(self, types: Iterable[str] | None = None) -> TypeScore:
        chosen = set(types) if types is not None else set(self.types)
        out = TypeScore()
        for name, score in self.types.items():
            if name in chosen:
                out.tp, out.fp, out.fn = out.tp + score.tp, out.fp + score.fp, out.fn + score.fn
        return out


# Where a name or address is one span for the detector and two for the labels ("Tracy
# Daugherty" vs "Daugherty"), overlap is the fair test; identifiers must match exactly.
FUZZY_TYPES = frozenset({"PERSON", "ADDRESS", "DATE_OF_BIRTH"})


def _covered(type_: str, start: int, end: int, spans: set[tuple[str, int, int]]) -> bool:
    if (type_, start, end) in spans:
        return True
    if type_ not in FUZZY_TYPES:
        return False
    return any(t == type_ and s < end and e > start for t, s, e in spans)


def evaluate(docs: Sequence[LabelledDoc], finder: Finder, mapping: dict[str, str] | None = None) -> Report:
    """Score ``finder``'s (type, start, end) against the labels; ``mapping`` renames labels
    (e.g. to compare on another tool's entity names) and drops labels it does not name."""
    report = Report()
    for doc in docs:
        labels = {(mapping.get(s.type) if mapping else s.type, s.start, s.end) for s in doc.pii}
        labels = {lab for lab in labels if lab[0] is not None}
        found = set(finder(doc.text))
        for type_, start, end in found:
            if _covered(type_, start, end, labels):
                report.types[type_].tp += 1
            else:
                report.types[type_].fp += 1
        for type_, start, end in labels:
            if not _covered(type_, start, end, found):
                report.types[type_].fn += 1
        report.lookalikes += len(doc.lookalikes)
        for span in doc.lookalikes:
            if any(s < span.end and e > span.start for _, s, e in found):
                report.lookalike_hits[span.type] += 1
    return report


def spans_of(text: str, value: str) -> list[tuple[int, int]]:
    """Every place ``value`` occurs in ``text``, whatever whitespace a writer put between words."""
    pattern = r"\s+".join(re.escape(part) for part in value.split())
    return [(m.start(), m.end()) for m in re.finditer(rf"(?<![\w]){pattern}(?![\w])", text)] if pattern else []


def from_truth(text: str, pii: Sequence[dict], lookalikes: Sequence[dict]) -> LabelledDoc:
    """A LabelledDoc from the sample corpus truth (values, not spans)."""
    spans = tuple(Span(p["type"], s, e) for p in pii for s, e in spans_of(text, p["value"]))
    looks = tuple(Span(p["type"], s, e) for p in lookalikes for s, e in spans_of(text, p["value"]))
    return LabelledDoc(text, spans, looks)
