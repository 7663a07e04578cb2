"""How one document writes numbers and dates, decided once from all of its evidence.

``1.234`` is a thousand in Germany and one point two in England; ``05/03/2024`` is May in
the US and March almost everywhere else. A single value cannot say which, but a document
always has more than one: every amount with cents shows its decimal mark (``1.234,56``,
``12,50`` / ``1,234.56``, ``12.50``), and every numeric date whose first or second number
is above 12 shows its order. Evidence is counted over the whole text and the majority wins;
only where a document has none does the language decide (an English text with US dollar
marks and no other currency, or with a US "Month D, YYYY" date: month first; otherwise day
first, the order most of the world prints).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional


def _amounts_marked(group: str, mark: str) -> re.Pattern:
    """Amounts with two decimals after ``mark``, their thousands grouped by ``group`` or not."""
    group, mark = re.escape(group), re.escape(mark)
    return re.compile(rf"(?<![\d.,])\d{{1,3}}(?:{group}\d{{3}})+{mark}\d{{2}}(?![\d.,]?\d)"
                      rf"|(?<![\d.,])\d+{mark}\d{{2}}(?![\d.,]?\d)")


_COMMA_DECIMAL = _amounts_marked(".", ",")  # "1.234,56", "12,50"
_DOT_DECIMAL = _amounts_marked(",", ".")  # "1,234.56", "12.50"
_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})([./-])(\d{1,2})\2(\d{2}|\d{4})(?![\d])")
_US_MARKS = re.compile(r"\bUSD\b|\bUS\$|\$\s?\d")
# Other money on the page: "$" is then another dollar (or OCR noise on a ringgit slip).
_OTHER_MARKS = re.compile(
    r"\b(?:RM|MYR|EUR|GBP|INR|Rs|SGD|AUD|CAD|NZD|HKD|TRY|TL|CHF|PLN|zł|kr|R\$)(?![A-Za-z])|[€£₹₺]"
)
_US_LONG_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\s*,\s*\d{4}",
    re.IGNORECASE,
)
# The language's decimal mark when the text shows none (these write "12,50").
COMMA_LANGS = frozenset("tr de fr nl es it pl pt da sv no fi cs sk hu ro id".split())


@dataclass(frozen=True)
class Locale:
    decimal: Optional[str]  # "." or ",", None when the text shows no amount with cents
    order: str  # "dmy" or "mdy": how a numeric slash date is read

    @property
    def amount_lang(self) -> Optional[str]:
        """The language hint :func:`flexorch_beam.fields.amounts.parse_amount` reads the
        ambiguous ``1.234`` / ``1,234`` with."""
        return {".": "en", ",": "de"}.get(self.decimal or "")


def decimal_mark(text: str, lang: Optional[str]) -> Optional[str]:
    """The decimal mark most amounts with cents use; ties and no evidence: the language's."""
    commas = len(_COMMA_DECIMAL.findall(text))
    dots = len(_DOT_DECIMAL.findall(text))
    if commas > dots:
        return ","
    if dots > commas:
        return "."
    if lang:
        return "," if lang in COMMA_LANGS else "."
    return None


def date_order(text: str, lang: Optional[str]) -> str:
    """'dmy' or 'mdy' for the document's numeric dates (see module docstring)."""
    day_first = month_first = 0
    for match in _NUMERIC_DATE.finditer(text):
        first, second = int(match.group(1)), int(match.group(3))
        if first > 12 >= second >= 1:
            day_first += 1
        elif second > 12 >= first >= 1 and second <= 31:
            month_first += 1
    if day_first != month_first:
        return "dmy" if day_first > month_first else "mdy"
    us_marks = _US_MARKS.search(text) and not _OTHER_MARKS.search(text)
    if lang in (None, "en") and (us_marks or _US_LONG_DATE.search(text)):
        return "mdy"
    return "dmy"


def decide(text: str, lang: Optional[str]) -> Locale:
    return Locale(decimal_mark(text, lang), date_order(text, lang))
