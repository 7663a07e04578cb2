"""Amounts as printed -> plain decimal strings ("1.234,56 TL" -> "1234.56").

Handles the three grouping conventions accounting documents use (``1.234,56`` in TR/DE,
``1,234.56`` in EN, ``1 234,56`` / ``1'234.56`` with space or apostrophe groups), signs
(leading or trailing minus, parentheses), and light OCR noise (``O``/``o`` read for 0,
``l``/``I`` for 1 between digits, a stray space after the decimal separator).

A single separator followed by exactly three digits is ambiguous ("1.234"): it is read as a
thousands separator unless the language hint says that symbol is the decimal mark there
(``.`` in English, ``,`` in Turkish/German).
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Optional

_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "S": "5"})
_FIX_OCR = re.compile(r"(?<=\d)[OolIS](?=[\dOolIS.,])|(?<=[\d.,])[OolIS](?=\d)")
_SPACES = re.compile(r"[\s\u00a0\u2009\u202f]")


def _fix_ocr(token: str) -> str:
    for _ in range(3):  # "4.5OO,00": each pass fixes letters next to a digit
        fixed = _FIX_OCR.sub(lambda m: m.group(0).translate(_OCR_DIGITS), token)
        if fixed == token:
            break
        token = fixed
    return token


def parse_amount(text: str, lang: Optional[str] = None) -> Optional[Decimal]:
    """The first amount in ``text`` as a Decimal, or None when there is no number."""
    if text is None:
        return None
    candidate = _fix_ocr(text)
    match = _AMOUNT_TOKEN.search(candidate)
    if not match:
        return None
    token = match.group("num")
    negative = bool(match.group("neg")) or bool(match.group("trail"))
    value = _to_decimal(token, lang)
    if value is None:
        return None
    return -value if negative else value


_AMOUNT_TOKEN = re.compile(
    r"(?P<neg>[-−(]\s?)?(?:[A-Za-z€$£₺¥₹]{1,4}\.?\s?)?"
    r"(?P<num>\d[\d.,'’ \u00a0\u2009\u202f]*\d|\d)"
    r"(?P<trail>-(?!\d)|\))?"
)


def _to_decimal(token: str, lang: Optional[str]) -> Optional[Decimal]:
    token = token.strip()
    # "1.234, 56" -> OCR inserted a space after the decimal mark.
    token = re.sub(r"([.,])\s+(\d{1,2})$", r"\1\2", token)
    # Space or apostrophe thousands groups.
    if re.fullmatch(r"\d{1,3}(?:[\s'’\u00a0\u2009\u202f]\d{3})+(?:[.,]\d+)?", token):
        token = _SPACES.sub("", token).replace("'", "").replace("’", "")
    token = _SPACES.sub("", token)
    if not re.fullmatch(r"[\d.,'’]+", token):
        return None
    token = token.replace("'", "").replace("’", "")
    dots, commas = token.count("."), token.count(",")
    if dots and commas:
        decimal_mark = "." if token.rfind(".") > token.rfind(",") else ","
    elif dots + commas == 0:
        decimal_mark = None
    else:
        mark = "." if dots else ","
        if dots + commas > 1:
            decimal_mark = None  # "1.234.567": groups only
        else:
            after = len(token) - token.rfind(mark) - 1
            if after != 3:
                decimal_mark = mark
            elif (lang == "en" and mark == ".") or (lang in ("tr", "de") and mark == ","):
                decimal_mark = mark
            else:
                decimal_mark = None
    if decimal_mark is None:
        digits = token.replace(".", "").replace(",", "")
    else:
        group = "," if decimal_mark == "." else "."
        head, _, tail = token.rpartition(decimal_mark)
        if decimal_mark in head:
            return None
        digits = head.replace(group, "") + "." + tail
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def format_amount(value: Decimal) -> str:
    """Canonical string: '.' decimal mark, no grouping, at least two decimals."""
    if value == value.to_integral_value() or -value.as_tuple().exponent <= 2:
        return f"{value.quantize(Decimal('0.01')):f}"
    return f"{value.normalize():f}"


def normalise_amount(text: str, lang: Optional[str] = None) -> Optional[str]:
    value = parse_amount(text, lang)
    return None if value is None else format_amount(value)


def parse_rate(text: str, lang: Optional[str] = None) -> Optional[Decimal]:
    """A percentage ("%20", "19 %", "8,875%") as a Decimal in percent, 0 < r <= 100."""
    match = re.search(r"%\s?(\d{1,2}(?:[.,]\d{1,3})?)|(\d{1,3}(?:[.,]\d{1,3})?)\s?%", text)
    if not match:
        return None
    raw = (match.group(1) or match.group(2)).replace(",", ".")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return None
    return value if 0 <= value <= 100 else None


def format_rate(value: Decimal) -> str:
    """'20', '8.875', '7': percent without trailing zeros."""
    text = f"{value.normalize():f}"
    return text
