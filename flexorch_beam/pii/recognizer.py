"""One recognizer = one PII type: its pattern set, its validator and its context words.

The detector never runs a recognizer's patterns over the whole text. A cheap prefilter
(``scan.py``) cuts the text into short digit-bearing candidates once; each candidate window
is dispatched by its compact length to the few recognizers that accept that length, which
then full-match their patterns on the window and call their validator (python-stdnum,
phonenumbers, ipaddress, ...). Types without digits (email, BIC, person, address, date of
birth) declare a ``scanner`` instead: a function that finds spans in the text itself.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from flexorch_beam.pii.context import ScanContext, normalize_context

# Jurisdictions and the regulation each one speaks for.
TR, EU, US, GLOBAL = "TR", "EU", "US", "GLOBAL"
JURISDICTIONS: tuple[str, ...] = (TR, EU, US, GLOBAL)

KVKK = "KVKK (Law No. 6698)"
GDPR = "GDPR"
UK_GDPR = "UK GDPR"
GENERAL = "general (KVKK, GDPR, US state privacy laws)"

# Score model: a validated match starts at its recognizer's base score; context words near it
# add CONTEXT_BOOST. Findings below MIN_SCORE are dropped; context_required recognizers are
# dropped outright when no context word is near.
CONTEXT_BOOST = 0.25
MIN_SCORE = 0.5

# Characters removed to get a candidate's compact form (and its dispatch length).
SEPARATORS = " -./:()+#"
_COMPACT_TABLE = str.maketrans("", "", SEPARATORS + "\n\r\t")  # a wrapped value is the same value


def compact(value: str) -> str:
    """The value without separators, upper-cased: what validators and masks key on."""
    return value.translate(_COMPACT_TABLE).upper()


# A validator returns True/False, or a float: the base score for this shape of the value
# (below MIN_SCORE means "valid, but only with a context word").
Validator = Callable[[str], "bool | float"]
# A scanner reads the document from its scan context (text, fold, shared per-document results).
Scanner = Callable[[ScanContext], Iterable[tuple[int, int, float]]]


@dataclass(frozen=True)
class Recognizer:
    """A catalog row. ``patterns`` full-match a raw candidate window; ``validator`` gets it raw.

    ``lengths`` are the compact lengths the patterns can produce (the dispatch key).
    ``scanner`` replaces patterns for types found in the text directly (email, BIC, names,
    addresses, dates of birth); it reads a :class:`~flexorch_beam.pii.context.ScanContext`
    and yields ``(start, end, base score)``; ``uses_model``: its scanner reads the
    PERSON/ADDRESS model through the context (the detector loads it only then). For both kinds the
    detector raises the score when one of ``context`` is near, and drops the finding when
    ``context_required`` and none is.
    """

    id: str
    name: str
    jurisdiction: str
    regulation: str
    method: str
    validator_name: str
    patterns: tuple[str, ...] = ()
    lengths: tuple[int, ...] = ()
    validator: Optional[Validator] = None
    context: tuple[str, ...] = ()
    base_score: float = 0.85
    context_required: bool = False
    scanner: Optional[Scanner] = None
    # Shapes that stand alone only with a context word (plain "123456789" for an SSN): the
    # detector checks the context before paying for the validator.
    weak_patterns: tuple[str, ...] = ()
    uses_model: bool = False
    # Test values (examples.py): a valid value as documents print it, and its invalid twin;
    # the labelled set, the sample corpus and the warm-up read these, and a test proves
    # that the detector finds every example and none of the look-alikes.
    example: Optional[Callable[[random.Random], str]] = field(default=None, compare=False, repr=False)
    lookalike: Optional[Callable[[random.Random], str]] = field(default=None, compare=False, repr=False)
    compiled: tuple[re.Pattern[str], ...] = field(default=(), compare=False, repr=False)
    weak: tuple[re.Pattern[str], ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        compiled = tuple(re.compile(p) for p in self.patterns)
        weak = tuple(re.compile(p) for p in self.weak_patterns)
        if any(p.groups for p in compiled + weak):  # combined into one screening regex
            raise ValueError(f"recognizer {self.id}: use (?:...) groups in patterns")
        object.__setattr__(self, "compiled", compiled)
        object.__setattr__(self, "weak", weak)
        object.__setattr__(self, "context", tuple(normalize_context(w) for w in self.context))
        if not self.scanner and not ((self.patterns or self.weak_patterns) and self.lengths):
            raise ValueError(f"recognizer {self.id} needs patterns and lengths, or a scanner")

    def accepts(self, window: str) -> bool:
        """Pattern full-match, then the validator (context aside); for a scanner type, a
        finding over the whole window that stands alone."""
        if self.scanner is not None:
            from flexorch_beam.pii import tagger

            context = ScanContext.of(window, model=tagger.model() if self.uses_model else None)
            return any((start, end) == (0, len(window)) and base >= MIN_SCORE
                       for start, end, base in self.scanner(context))
        for pattern in self.compiled + self.weak:
            if pattern.fullmatch(window):
                return self.validator is None or bool(self.validator(window))
        return False


def safe(check: Callable[[str], bool]) -> Validator:
    """Wrap a library validator so malformed input is a rejection, never an exception."""

    def run(value: str) -> bool | float:
        try:
            verdict = check(value)
        except Exception:  # noqa: BLE001 - library validators raise on odd shapes
            return False
        return verdict if isinstance(verdict, float) else bool(verdict)

    run.__name__ = getattr(check, "__name__", "validator")
    return run


def identifier(id: str, name: str, jurisdiction: str, validator_name: str,  # noqa: A002
               check: Callable[[str], "bool | float"], patterns: tuple[str, ...],
               lengths: tuple[int, ...], context: tuple[str, ...], *, regulation: str,
               method: str = "pattern + checksum", base_score: float = 0.7,
               context_required: bool = True, weak_patterns: tuple[str, ...] = (),
               example: Callable[[random.Random], str],
               lookalike: Optional[Callable[[random.Random], str]] = None) -> Recognizer:
    """A catalog row for a pattern-and-validator identifier, in one call: ``check`` is
    wrapped by :func:`safe`, and the look-alike is, unless declared, an example with its
    check character broken until ``check`` rejects it."""
    from flexorch_beam.pii.examples import broken

    return Recognizer(
        id=id, name=name, jurisdiction=jurisdiction, regulation=regulation, method=method,
        validator_name=validator_name, patterns=patterns, lengths=lengths,
        validator=safe(check), context=context, base_score=base_score,
        context_required=context_required, weak_patterns=weak_patterns,
        example=example, lookalike=lookalike or broken(example, check))


def scanned(id: str, name: str, jurisdiction: str, regulation: str, method: str,  # noqa: A002
            validator_name: str, scanner: Scanner, context: tuple[str, ...] = (), *,
            base_score: float, context_required: bool = False, uses_model: bool = False,
            example: Callable[[random.Random], str],
            lookalike: Callable[[random.Random], str]) -> Recognizer:
    """A catalog row for a type its own scanner finds in the text, in one call."""
    return Recognizer(
        id=id, name=name, jurisdiction=jurisdiction, regulation=regulation, method=method,
        validator_name=validator_name, scanner=scanner, context=context, base_score=base_score,
        context_required=context_required, uses_model=uses_model, example=example,
        lookalike=lookalike)
