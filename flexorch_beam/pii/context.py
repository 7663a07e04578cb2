"""The scan context: what one document's scan hands to every recognizer's scanner.

Why: the scanners used to read state the detector left in their modules (the folded
document, the phone scan's context check and results, the model's last spans) and the
detector had to empty those slots after each document. An explicit object passed through
``Detector.detect`` makes a scan a function of its arguments: nothing of a document outlives
its context, two threads never share a slot, and a scanner can be called on its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Optional, TypeVar

T = TypeVar("T")
# 1: a phone word is near the span; -1: the span is labelled as another kind of number; 0: neither.
PhoneContext = Callable[[int, int], int]


def normalize_context(text: str) -> str:
    """Case-fold for context matching, with Turkish dotted/dotless i folded to plain i.
    Keeps the length (``"İ".lower()`` alone would add a combining dot). An ASCII text (a
    flag ``str`` keeps, O(1)) holds neither Turkish i and lower-cases to the same length, so
    it takes ``lower()`` alone: the call runs ~320,000 times over the real documents (most on
    single words) and the three replaces cost more than the folding."""
    if text.isascii():
        return text.lower()
    folded = text.replace("İ", "i").replace("I", "i").replace("ı", "i").lower()
    if len(folded) != len(text):  # another character with a longer lower case: keep offsets
        folded = "".join(c.lower()[:1] for c in text.replace("İ", "i").replace("I", "i").replace("ı", "i"))
    return folded


@dataclass(frozen=True)
class ScanContext:
    """One document's scan. ``folded`` is ``normalize_context(text)`` (same offsets);
    ``phone_context`` judges a phone-shaped span's label (None: never a phone word);
    ``model`` is the PERSON/ADDRESS tagger handle (None: the rules work alone). The only
    mutable part is ``memo``: results the scanners of several recognizers share within this
    document (one phone scan for four phone types, one model run for PERSON and ADDRESS)."""

    text: str
    folded: str
    phone_context: Optional[PhoneContext] = None
    model: Any = None
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, text: str, phone_context: Optional[PhoneContext] = None,
           model: Any = None) -> "ScanContext":
        return cls(text, normalize_context(text), phone_context, model)

    def shared(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()`` once per document for ``key``; later calls get the same value."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]
