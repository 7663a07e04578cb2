"""LLM fallback for fields the rules left missing or below :data:`ASK_BELOW` confidence.

Only masked text leaves the machine: the PII catalog's placeholder masking
(``flexorch_beam.pii.step.mask_text``: ``[IBAN]``, ``[PERSON]``, ...) and then
:func:`mask_for_llm` as a second net, cut to :data:`MAX_PROMPT_CHARS`.
Fields whose values are identifiers (IBAN, tax id, employee id) are never asked for: they
are masked in what is sent, and the rules validate them with checksums anyway. Answers go
through the same parsers as rule values (an amount must parse as an amount, a date as a
date, ...) and anything that does not is dropped.
"""
from __future__ import annotations

import json
import re
from typing import Optional

from flexorch_beam.fields import dates, parsers
from flexorch_beam.llm import LlmClient

ASK_BELOW = 0.6
LLM_CONFIDENCE = 0.6
MAX_PROMPT_CHARS = 6000
NEVER_ASK = frozenset({"iban", "vendor_tax_id", "employee_id"})

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LONG_DIGITS = re.compile(r"(?<![\w])(?:[A-Z]{2}\d{2})?(?:\d[ \-/.]?){6,}\d(?![\w])")
_PHONE = re.compile(r"\+\d[\d ()\-]{7,}\d")

SYSTEM_PROMPT = (
    "You extract fields from business documents. Answer with one JSON object whose keys are "
    "exactly the requested field names; use null for a field the text does not state. "
    "Dates as YYYY-MM-DD, amounts as plain decimal numbers with '.', currency as ISO 4217 codes, "
    "periods as YYYY-MM or YYYY-MM-DD/YYYY-MM-DD. Placeholders like <MASKED> hide private data: "
    "never guess what they hide."
)


def mask_for_llm(text: str) -> str:
    """Hide e-mail addresses, phone numbers and long digit runs (ids, IBANs, card numbers).

    Amounts and dates survive, so the model can still read totals. The step runs this on top
    of the PII catalog's masking, as a second net for anything the catalog did not claim.
    """
    text = _EMAIL.sub("<MASKED>", text)
    text = _PHONE.sub("<MASKED>", text)
    return _LONG_DIGITS.sub(_mask_digits, text)


_AMOUNT_SHAPE = re.compile(r"\d{1,3}(?:[.,' ]\d{3})+(?:[.,]\d{2})?|\d+[.,]\d{2}")
_DATE_SHAPE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")


def _mask_digits(m: re.Match) -> str:
    value = m.group(0).strip()
    if sum(c.isdigit() for c in value) < 7 or _AMOUNT_SHAPE.fullmatch(value) or _DATE_SHAPE.fullmatch(value):
        return m.group(0)
    return "<MASKED>"


def wanted(kinds: dict[str, str], values: dict[str, tuple[str, float]]) -> list[str]:
    """Field names to ask for: missing or weak, and not identifiers."""
    return [
        name for name in kinds
        if name not in NEVER_ASK and (name not in values or values[name][1] < ASK_BELOW)
    ]


def build_prompt(doc_type: str, names: list[str], masked_text: str) -> str:
    return (
        f"Document type: {doc_type}\nFields: {json.dumps(names)}\n"
        f"Document text:\n<<<\n{masked_text[:MAX_PROMPT_CHARS]}\n>>>"
    )


def validate_answer(
    answer: dict, kinds: dict[str, str], names: list[str], lang: Optional[str], text: str
) -> dict[str, str]:
    """Answers that parse like rule values, normalised; everything else is dropped."""
    order = dates.slash_order(text, lang)
    accepted: dict[str, str] = {}
    for name in names:
        raw = answer.get(name)
        if raw is None or isinstance(raw, (dict, list, bool)):
            continue
        raw = str(raw).strip()
        if not raw or len(raw) > 120:
            continue
        kind = kinds[name]
        if kind == "amount":
            # The model was asked for '.' decimals: read it as English, not per document language.
            value = parsers.amount(raw, "en", order)
        elif kind == "date":
            value = parsers.date(raw, lang, "mdy" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw) else order)
        elif kind == "rate":
            value = parsers.rate(raw if "%" in raw else raw + "%", lang, order)
        else:
            value = getattr(parsers, kind)(raw, lang, order)
        if value is not None:
            accepted[name] = value
    return accepted


def ask(
    client: LlmClient, doc_type: str, kinds: dict[str, str], names: list[str],
    masked_text: str, lang: Optional[str],
) -> dict[str, str]:
    """One chat call for ``names``; returns the validated, normalised answers."""
    answer = client.chat_json(SYSTEM_PROMPT, build_prompt(doc_type, names, masked_text))
    return validate_answer(answer, kinds, names, lang, masked_text)
