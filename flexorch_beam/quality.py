"""Quality score (0-100) and grade (A-D) of a completed record, from four components.

- completeness: share of the expected fields of the doc type that were found (a value that
  is not empty). Types with no field list (contract, other, unclassified) expect nothing, so
  they are complete (1.0).
- noise_ratio: share of word tokens that are noise: replacement characters or control
  characters, mojibake (ftfy's badness detector), symbol soup (mostly rare symbols, or
  punctuation that is no typed rule) or broken words (a mostly-letter word with digits or
  stray symbols inside, "Tota1", "inv|oice", or runs of three or more single letters,
  "T o t a l"). PII mask placeholders ("[IBAN]", "<PERSON_1>") are not noise.
- ocr_confidence: the mean OCR word confidence (0-100) when OCR made the text, else None.
- text_sufficiency: words found against what a page of a business document holds
  (``_WORDS_PER_PAGE`` per page, at most ``_PAGES_CAPPED`` pages counted), capped at 1.

Score::

    clean  = max(0, 1 - noise_ratio / NOISE_ZERO)                (NOISE_ZERO = 0.30)
    ocr    = 1 for digital text, else clamp((ocr_confidence - 40) / 50, 0, 1)
    score  = 100 * (0.40*completeness + 0.20*text_sufficiency + 0.40*clean) * ocr

Usable language (``usable_text.py``): ``non_language_ratio`` is the share of the text's
characters that are not language (embedded binary, mojibake, control characters, symbol soup,
letter runs no language writes). A text more than ``usable_text.LIMIT`` (20%) non-language
is not usable as is: its score is capped below B whatever its fields, and a LOW_TEXT_QUALITY
warning names the main reason. The same warning (without the cap) flags a paged document
(two pages or more) that is mostly boilerplate: lines repeated three or more times making up
over half of it (a header and footer printed on every page of a short document, or a
template with no content).

OCR confidence multiplies everything because every other component is measured on text that
may be wrong: a page read at 55% confidence cannot make a good training example however many
fields it seems to have. Grades: A >= 85, B >= 65, C >= 45, D below.
"""
from __future__ import annotations

import re
from typing import Optional, Sequence

from ftfy.badness import is_bad

from flexorch_beam.config import GRADES
from flexorch_beam import codes
from flexorch_beam.record import Record, QualityComponents, RecordWarning, evolve
from flexorch_beam.usable_text import LIMIT, Share, measure
from flexorch_beam.tokens import estimate_tokens

EXPECTED_FIELDS: dict[str, tuple[str, ...]] = {
    "invoice": (
        "invoice_number", "invoice_date", "due_date", "vendor_name", "vendor_tax_id",
        "customer_name", "currency", "subtotal", "tax_amount", "tax_rate", "total_amount", "iban",
    ),
    "payroll_slip": (
        "employee_name", "employee_id", "employer_name", "period", "gross_pay", "deductions",
        "net_pay", "currency",
    ),
    "purchase_order": (
        "po_number", "order_date", "buyer_name", "supplier_name", "delivery_date",
        "total_amount", "currency",
    ),
    "receipt": ("merchant_name", "date", "total_amount", "currency"),
    "bank_statement": ("account_holder", "iban", "period", "opening_balance", "closing_balance"),
}

GRADE_THRESHOLDS: tuple[tuple[str, float], ...] = (("A", 85.0), ("B", 65.0), ("C", 45.0))
NOISE_ZERO = 0.30
OCR_FLOOR = 40.0
OCR_SPAN = 50.0
W_COMPLETENESS, W_SUFFICIENCY, W_CLEAN = 0.40, 0.20, 0.40
_WORDS_PER_PAGE = 30
_PAGES_CAPPED = 10
_MAX_TOKENS_SCANNED = 50_000  # noise is a rate: the first 50k tokens measure it well enough

_PLACEHOLDER = re.compile(r"^[\[<][A-Z][A-Z0-9_]*(?:[_:#-][\w-]*)?[\]>][.,;:)]?$")
_COMMON_PUNCT = frozenset(".,:;!?%()[]'\"-/&*+=€$£₺#@_’“”«»–—")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_INNER_ODD = re.compile(r"[^\W\d_][^\w\s'’.,:;!?()\-/&@%+\"]+[^\W\d_]")
_LETTER_DIGITS_LETTER = re.compile(r"[^\W\d_]\d+[^\W\d_]")
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz") | frozenset(chr(c) for c in range(0xE0, 0x100))
# A token longer than this is no word of any language (base64, hex, a glued run): noise, and
# never handed to a regex, so the checks stay linear in the text (issue 17).
_MAX_WORD_CHARS = 64


def grade_for(score: float) -> str:
    for grade, threshold in GRADE_THRESHOLDS:
        if score >= threshold:
            return grade
    return "D"


def grade_at_least(grade: Optional[str], minimum: Optional[str]) -> bool:
    """True when ``grade`` is ``minimum`` or better (no minimum: always true)."""
    if minimum is None:
        return True
    if grade not in GRADES:
        return False
    return GRADES.index(grade) <= GRADES.index(minimum)


def completeness(doc_type: Optional[str], fields: Sequence) -> float:
    expected = EXPECTED_FIELDS.get(doc_type or "")
    if not expected:
        return 1.0
    found = {f.name for f in fields if f.value not in (None, "")}
    return sum(1 for name in expected if name in found) / len(expected)


def _broken_word(core: str) -> bool:
    """"Tota1", "inv|oice", "ab12cd": letters with digits or odd symbols inside."""
    if _INNER_ODD.search(core) or _LETTER_DIGITS_LETTER.search(core):
        return True
    # a lower-case word with one digit glued to its end ("total1"): checked by hand, the
    # regex form of it backtracks quadratically on long letter runs
    return len(core) >= 3 and core[-1].isdigit() and core[-2] in _LOWER and core[-3] in _LOWER


def _noisy_token(token: str) -> bool:
    if len(token) > _MAX_WORD_CHARS:
        return True
    if _PLACEHOLDER.match(token):
        return False
    if _CONTROL.search(token):
        return True
    if len(token) >= 2 and is_bad(token):
        return True
    if len(token) >= 3 and _symbol_soup(token):
        return True
    letters = sum(ch.isalpha() for ch in token)
    core = token.strip(".,;:!?()\"'’[]{}")
    if len(core) >= 3 and letters / len(token) >= 0.6:
        if _broken_word(core):
            return True
    return False


def _symbol_soup(token: str) -> bool:
    """Mostly rare symbols ("~~%$#", "¦§¤"), or punctuation only that is not a typed rule
    ("---", "...", "****"): ';;:;:;'. Amounts, percentages, abbreviations ("8%:", "A.Ş.")
    and masked numbers ("****7478") are not soup."""
    rare = sum(1 for ch in token if not ch.isalnum() and ch not in _COMMON_PUNCT)
    if rare / len(token) >= 0.4:
        return True
    return not any(ch.isalnum() for ch in token) and len(set(token)) > 1 and token not in (
        "--->", "<---", "...:", "(...)", "(*)", "(!)")


def noise_ratio(text: Optional[str]) -> float:
    tokens = (text or "").split()[:_MAX_TOKENS_SCANNED]
    if not tokens:
        return 0.0
    noisy = [_noisy_token(token) for token in tokens]
    # Letter-spaced words ("T o t a l"): runs of >= 3 single-letter tokens.
    run = 0
    for index, token in enumerate(tokens):
        if len(token) == 1 and token.isalpha():
            run += 1
            if run == 3:  # the run's first two tokens, once; later ones one at a time
                noisy[index - 2] = noisy[index - 1] = True
            if run >= 3:
                noisy[index] = True
        else:
            run = 0
    return sum(noisy) / len(tokens)


def text_sufficiency(text: Optional[str], page_count: Optional[int]) -> float:
    words = sum(1 for token in (text or "").split() if any(ch.isalnum() for ch in token))
    pages = min(max(page_count or 1, 1), _PAGES_CAPPED)
    return min(1.0, words / (_WORDS_PER_PAGE * pages))


def ocr_factor(confidence: Optional[float]) -> float:
    if confidence is None:
        return 1.0
    return min(1.0, max(0.0, (confidence - OCR_FLOOR) / OCR_SPAN))


def score(components: QualityComponents) -> float:
    clean = max(0.0, 1.0 - components.noise_ratio / NOISE_ZERO)
    content = (
        W_COMPLETENESS * components.completeness
        + W_SUFFICIENCY * components.text_sufficiency
        + W_CLEAN * clean
    )
    return round(100.0 * content * ocr_factor(components.ocr_confidence), 2)


def components_of(record: Record, share: Optional[Share] = None) -> QualityComponents:
    share = share if share is not None else measure(record.text)
    return QualityComponents(
        completeness=round(completeness(record.doc_type, record.fields), 4),
        noise_ratio=round(noise_ratio(record.text), 4),
        ocr_confidence=record.ocr_confidence,
        text_sufficiency=round(text_sufficiency(record.text, record.page_count), 4),
        non_language_ratio=round(share.ratio, 4),
    )


# Below B: a text over the non-language limit can be C at best.
_CAP_BELOW_B = dict(GRADE_THRESHOLDS)["B"] - 0.01
_BOILERPLATE_SHARE = 0.5
_BOILERPLATE_REPEATS = 3
_BOILERPLATE_MIN_LINE = 20


def boilerplate_share(text: Optional[str]) -> float:
    """Characters in lines (>= 20 characters) that occur 3+ times, against all line
    characters: one dictionary pass, linear."""
    counts: dict[str, int] = {}
    total = 0
    for line in (text or "").split("\n"):
        line = line.strip()
        total += len(line)
        if len(line) >= _BOILERPLATE_MIN_LINE:
            counts[line] = counts.get(line, 0) + 1
    repeated = sum(len(line) * n for line, n in counts.items() if n >= _BOILERPLATE_REPEATS)
    return repeated / total if total else 0.0


def usability_warning(text: Optional[str], share: Share,
                      page_count: Optional[int] = None) -> Optional[RecordWarning]:
    """LOW_TEXT_QUALITY naming why the text is not usable language, or None. Boilerplate is
    judged on paged documents only (repeated across pages): in XML, JSON or a mail, repeated
    lines are structure (an item's labels) or quoting, not page furniture."""
    if share.ratio > LIMIT:
        return RecordWarning(
            codes.LOW_TEXT_QUALITY,
            "text",
            f"{100 * share.ratio:.0f}% of the text is not language (mostly {share.main_reason()}); "
            f"graded C at best",
        )
    if (page_count or 0) < 2:
        return None
    repeated = boilerplate_share(text)
    if repeated > _BOILERPLATE_SHARE:
        return RecordWarning(
            codes.LOW_TEXT_QUALITY,
            "text",
            f"{100 * repeated:.0f}% of the text is boilerplate (lines repeated 3+ times)",
        )
    return None


def score_record(record: Record, options: object = None) -> Record:
    """The ScoreQuality step: components, score, grade and the token estimate."""
    share = measure(record.text)
    components = components_of(record, share)
    value = score(components)
    warnings = tuple(record.warnings)
    if share.ratio > LIMIT:
        value = min(value, _CAP_BELOW_B)
    warning = usability_warning(record.text, share, record.page_count)
    if warning is not None:
        warnings += (warning,)
    return evolve(
        record,
        quality_components=components,
        quality_score=value,
        quality_grade=grade_for(value),
        token_count=estimate_tokens(record.text),
        warnings=warnings,
    )
