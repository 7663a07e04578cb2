"""Spans of identifier tokens (IBANs, phone numbers, card/account numbers, alphanumeric ids)
that an amount must never be read from.

A total label inside a sentence ("Der Rechnungsbetrag wird ... von Ihrem Konto IBAN DE76 5001
0517 ... eingezogen") leaves only identifier fragments next to it: "5001" is a digit group of
an IBAN, not an amount. Blanking these spans (same length, so offsets hold) before the amount
tokenizer runs lets the rule engine move on to a real amount instead.
"""
from __future__ import annotations

import re

from flexorch_beam.fields import currency

# Tokens that are identifiers whatever their context: every match is masked whole.
_IDENTIFIERS = (
    # IBAN: country + two check digits, then groups of four (spaced or not); a wrapped line can
    # cut it after any group, so one group is enough. "TL12,50" does not qualify (no group of four).
    re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]{4})+(?:[ \u00a0]?[A-Z0-9]{1,3})?"
               r"(?![A-Za-z0-9])"),
    # International phone numbers: "+49 176 54494880", "+90 (212) 555 12 34".
    re.compile(r"\+\d{1,3}(?:[ \u00a0./()\-]*\d){6,}"),
    # A phone/fax/account/card label followed by its number.
    re.compile(r"(?i)(?<![^\W\d_])(?:tel|telefon|phone|fax|gsm|mobil|mobile|cep|konto(?:nr|nummer)?|"
               r"account(?:\s+no)?|hesap\s+no|karte|card|kart|blz|mandatsreferenz|referenz|reference)"
               r"[.:#]?\s*(?:no\.?|nr\.?)?[.:#]?\s*(?:[\d*][ \u00a0/()\-]*){5,}[\d*]"),
    # One long run of digits: no amount on a business document is printed as ten ungrouped digits.
    re.compile(r"(?<![\d.,])\d{10,}(?![\d]|[.,]\d)"),
)
# Space-separated digit groups that are not thousands grouping: "4329 1616 2710 7068",
# "0517 3723 3362 61". (Thousands groups are 1-3 digits, then groups of exactly three.)
_DIGIT_GROUPS = re.compile(r"(?<![\d.,])\d+(?:[ \u00a0]\d+){2,}(?![\d]|[.,]\d)")
_THOUSANDS = re.compile(r"\d{1,3}(?:[ \u00a0]\d{3})+")
# Letters and digits joined, with or without dashes/slashes: "M58953494", "RE-2023-10424",
# "DE98ZZZ08767911557", "HRB-54599". A currency code or sign glued to a number ("EUR1500",
# "TL1.234,56") is an amount, not an id, and is left alone.
_ALNUM_ID = re.compile(r"(?<![\w.,])([A-Za-z]+)([\w\-/]*+)")


def _is_currency(prefix: str) -> bool:
    return prefix.upper() in currency.ISO_CODES or prefix.upper() in ("TL", "YTL")


def identifier_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every identifier-shaped token in ``text``, in text order."""
    spans: list[tuple[int, int]] = []
    for pattern in _IDENTIFIERS:
        spans.extend(m.span() for m in pattern.finditer(text))
    for m in _DIGIT_GROUPS.finditer(text):
        if not _THOUSANDS.fullmatch(m.group(0)):
            spans.append(m.span())
    for m in _ALNUM_ID.finditer(text):
        letters, rest = m.group(1), m.group(2)
        if not any(c.isdigit() for c in rest) or _is_currency(letters):
            continue
        if re.match(r"[.,]\d", text[m.end():m.end() + 2]):
            continue  # "TOPLAM1.234,56": OCR glued the label to an amount
        spans.append(m.span())
    return sorted(spans)


def mask_identifiers(text: str) -> str:
    """``text`` with identifier tokens replaced by spaces (same length)."""
    chars = list(text)
    for start, end in identifier_spans(text):
        chars[start:end] = " " * (end - start)
    return "".join(chars)
