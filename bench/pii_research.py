"""flexorch_beam against Presidio on presidio-research's 1,500 labelled English sentences.

Measure only: never tune the detector on these sentences (bench/RESULTS.md says why). Run as
    .venv/bin/python bench/pii_bench.py --research ../shared/corpus/real/truth/pii/presidio_research_synth_dataset_v2.json
(``pii_bench.py`` owns the Presidio set-up; this module scores.)

Scoring, per gold type (``ROWS``: one line per type, so another detector's rows are one
line each):
- recall: a gold value counts as found when findings of the row's types cover every letter
  and digit of it (half a phone number is a miss);
- precision: a finding of the row's types counts as right when it overlaps a gold value of
  the row; otherwise it is a false positive (also when it overlaps a gold value of another
  type: a phone finding inside an address is wrong for PHONE);
- "masked, no word left": every word (2+ letters/digits) of a personal gold value lies under
  some finding of any type, the test a reader of the masked text would apply;
- the six pattern types' micro F1 sums their rows' counts.
"""
from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

Finding = tuple[str, int, int]  # (type, start, end)
Finder = Callable[[str], Iterable[Finding]]


@dataclass(frozen=True)
class Row:
    gold: str  # presidio-research entity_type
    ours: tuple[str, ...]  # flexorch_beam catalog ids that count for it
    presidio: tuple[str, ...]  # Presidio entity names that count for it
    pattern: bool  # one of the six pattern types (micro F1)


ROWS: tuple[Row, ...] = (
    Row("CREDIT_CARD", ("CREDIT_CARD",), ("CREDIT_CARD",), True),
    Row("EMAIL_ADDRESS", ("EMAIL",), ("EMAIL_ADDRESS",), True),
    Row("PHONE_NUMBER", ("TR_PHONE", "EU_PHONE", "US_PHONE", "PHONE"), ("PHONE_NUMBER",), True),
    Row("IBAN_CODE", ("IBAN", "TR_IBAN"), ("IBAN_CODE",), True),
    Row("US_SSN", ("US_SSN",), ("US_SSN",), True),
    Row("IP_ADDRESS", ("IP_ADDRESS",), ("IP_ADDRESS",), True),
    # Names and addresses: whatever the detector finds (NER rows may add types here).
    Row("PERSON", ("PERSON",), ("PERSON",), False),
    Row("STREET_ADDRESS", ("ADDRESS", "STREET_ADDRESS"), ("LOCATION", "ADDRESS"), False),
)
PERSONAL = frozenset(r.gold for r in ROWS)  # the values "masked, no word left" looks at
_WORD = re.compile(r"[^\W_]{2,}")


@dataclass
class Counts:
    tp: int = 0  # findings that are right
    fp: int = 0
    found: int = 0  # gold values fully covered
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Counts") -> None:
        self.tp, self.fp = self.tp + other.tp, self.fp + other.fp
        self.found, self.gold = self.found + other.found, self.gold + other.gold


@dataclass
class Score:
    rows: dict[str, Counts] = field(default_factory=dict)
    masked: dict[str, list[int]] = field(default_factory=dict)  # gold type -> [clean, total]
    misses: dict[str, list[str]] = field(default_factory=dict)  # for eyeballing, never saved

    def micro(self) -> Counts:
        total = Counts()
        for row in ROWS:
            if row.pattern:
                total.add(self.rows[row.gold])
        return total

    def masked_share(self) -> float:
        clean = sum(c for c, _ in self.masked.values())
        total = sum(t for _, t in self.masked.values())
        return clean / total if total else 1.0


@dataclass(frozen=True)
class Sentence:
    text: str
    gold: tuple[Finding, ...]


def load(path: str) -> list[Sentence]:
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    return [
        Sentence(item["full_text"], tuple((s["entity_type"], s["start_position"], s["end_position"])
                                          for s in item["spans"]))
        for item in data
    ]


def _covered(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Every letter and digit of text[start:end] lies in one of ``spans``."""
    for i in range(start, end):
        if text[i].isalnum() and not any(s <= i < e for s, e in spans):
            return False
    return True


def score(sentences: Sequence[Sentence], finder: Finder, tool: str) -> Score:
    """``tool`` is "ours" or "presidio": which column of ``ROWS`` names the finding types."""
    result = Score(rows={r.gold: Counts() for r in ROWS})
    for sentence in sentences:
        text = sentence.text
        found = list(finder(text))
        everything = [(s, e) for _, s, e in found]
        for row in ROWS:
            types = row.ours if tool == "ours" else row.presidio
            mine = [(s, e) for t, s, e in found if t in types]
            gold = [(s, e) for t, s, e in sentence.gold if t == row.gold]
            counts = result.rows[row.gold]
            for s, e in mine:
                if any(s < ge and e > gs for gs, ge in gold):
                    counts.tp += 1
                else:
                    counts.fp += 1
            for gs, ge in gold:
                counts.gold += 1
                if _covered(text, gs, ge, mine):
                    counts.found += 1
                else:
                    result.misses.setdefault(row.gold, []).append(text[gs:ge])
        for type_, gs, ge in sentence.gold:
            if type_ not in PERSONAL:
                continue
            tally = result.masked.setdefault(type_, [0, 0])
            tally[1] += 1
            words = [(m.start() + gs, m.end() + gs) for m in _WORD.finditer(text[gs:ge])]
            if all(_covered(text, ws, we, everything) for ws, we in words):
                tally[0] += 1
    return result


def best_time(function: Callable[[str], object], texts: Sequence[str], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for text in texts:
            function(text)
        best = min(best, time.perf_counter() - started)
    return best


def report(ours: Score, theirs: Score, threshold: float) -> str:
    """The markdown tables bench/RESULTS.md carries."""
    o, t = ours.micro(), theirs.micro()
    lines = [
        f"micro F1, six pattern types: flexorch_beam {o.f1:.3f} (P {o.precision:.3f}, "
        f"R {o.recall:.3f}) | Presidio {t.f1:.3f} (P {t.precision:.3f}, R {t.recall:.3f}; "
        f"threshold {threshold})",
        f"gold values masked with no word left (types {', '.join(sorted(ours.masked))}): "
        f"flexorch_beam {ours.masked_share():.3f} | Presidio {theirs.masked_share():.3f}",
        "",
        "| gold type | values | flexorch P / R / F1 | presidio P / R / F1 | masked, no word left: ours / presidio |",
        "|---|---|---|---|---|",
    ]
    for row in ROWS:
        a, b = ours.rows[row.gold], theirs.rows[row.gold]
        ma, mb = ours.masked.get(row.gold, [0, 0]), theirs.masked.get(row.gold, [0, 0])
        lines.append(
            f"| {row.gold} | {a.gold} | {a.precision:.3f} / {a.recall:.3f} / {a.f1:.3f} | "
            f"{b.precision:.3f} / {b.recall:.3f} / {b.f1:.3f} | "
            f"{ma[0]}/{ma[1]} / {mb[0]}/{mb[1]} |"
        )
    return "\n".join(lines)
