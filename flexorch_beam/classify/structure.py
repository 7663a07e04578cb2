"""Structure before words: what a document's form says about its type.

* an e-document read as data (:mod:`flexorch_beam.edoc`): root element and type code decide;
* the same roots seen in text (an XML shown as text, an EDIFACT message in a .txt);
* e-mail: the subject is the title, attachment names are titles too ("Rechnung_0815.pdf");
* spreadsheets: the header row of a table holds the labels;
* retail receipts: short, item lines with amounts, and the till's vocabulary (cash, change,
  rounding, "thank you"), whatever title they print ("TAX INVOICE" on Malaysian and
  Australian till slips, "Fatura" on Turkish ones).
"""
from __future__ import annotations

import re
from typing import Optional

# Roots and message types visible in (folded) text.
TEXT_ROOTS: list[tuple[str, re.Pattern, float]] = [
    ("invoice", re.compile(r"<(?:\w+:)?(?:invoice|creditnote|debitnote)\b[^>]*ubl:schema:xsd:(?:invoice|creditnote|debitnote)-2", re.S), 12.0),
    ("purchase_order", re.compile(r"<(?:\w+:)?order(?:change|response|responsesimple)?\b[^>]*ubl:schema:xsd:order\w*-2", re.S), 12.0),
    ("invoice", re.compile(r"<(?:\w+:)?crossindustry(?:invoice|document)\b"), 12.0),
    ("invoice", re.compile(r"(?m)^\s*ubl (?:invoice|creditnote|debitnote)\b"), 12.0),
    ("purchase_order", re.compile(r"(?m)^\s*ubl order"), 12.0),
    ("invoice", re.compile(r"\bunh\+[^+']*\+invoic:"), 12.0),
    ("purchase_order", re.compile(r"\bunh\+[^+']*\+(?:orders|ordchg|ordrsp):"), 12.0),
]

_MAIL_HEADER = re.compile(r"(?m)^(from|to|cc|date|subject): ")
_SUBJECT = re.compile(r"(?m)^subject: (.*)$")
_ATTACHMENTS = re.compile(r"(?m)^attachments: (.*)$")
_TABLE_ROW = re.compile(r"(?m)^[^\n]*\S \| \S[^\n]*$")
# A line that ends in an amount, allowing a currency or tax-code suffix ("RM24.00 A", "5.00 RH").
_AMOUNT_LINE = re.compile(r"(?m)^.{0,60}?\d[.,]\s?\d{2}(?!\d)[^\d\n]{0,6}$")
# The till's own words: payment at the counter, not terms of payment.
_RECEIPT_WORDS = re.compile(
    r"\b(?:cash|change|tendered|rounding|round(?:ing)? adj|thank you|come again|served by|cashier|"
    r"customer'?s copy|table|pax|member|"
    r"nakit|para ustu|kasiyer|ruckgeld|gegeben|bar|especes|rendu|contant|wisselgeld|efectivo|"
    r"cambio|contanti|resto|gotowka|reszta)\b"
)
_TILL_CLOSE = re.compile(r"thank you|come again|not returnable|tesekkur|vielen dank|merci|bedankt|gracias|grazie|dziekujemy")

RECEIPT_MAX_CHARS = 4000


def mail_parts(folded: str) -> Optional[tuple[str, str]]:
    """(subject, attachment names) of an e-mail rendering, or None when it is not one."""
    head = folded[:1500]
    if len(_MAIL_HEADER.findall(head)) < 2:
        return None
    subject = _SUBJECT.search(head)
    attachments = _ATTACHMENTS.search(folded)
    return (subject.group(1) if subject else "", attachments.group(1) if attachments else "")


def header_rows(folded: str) -> str:
    """The first row of each table (``a | b | c`` lines) of a spreadsheet rendering."""
    rows = []
    previous_is_row = False
    for line in folded.splitlines():
        is_row = bool(_TABLE_ROW.match(line))
        if is_row and not previous_is_row:
            rows.append(line)
        previous_is_row = is_row
    return "\n".join(rows[:20])


def receipt_shape(folded: str) -> float:
    """0..1: how much ``folded`` looks like a till slip (short; many lines ending in an
    amount; the till's words; a thank-you line)."""
    if len(folded) > RECEIPT_MAX_CHARS or len(folded) < 60:
        return 0.0
    lines = [line for line in folded.splitlines() if line.strip()]
    if len(lines) < 5:
        return 0.0
    amount_lines = len(_AMOUNT_LINE.findall(folded))
    words = len(set(_RECEIPT_WORDS.findall(folded)))
    score = 0.0
    score += min(amount_lines / 6, 1.0) * 0.4
    score += min(words / 3, 1.0) * 0.4
    score += 0.2 if _TILL_CLOSE.search(folded) else 0.0
    short_lines = sum(len(line) <= 48 for line in lines) / len(lines)
    return round(score * (0.5 + 0.5 * short_lines), 3)
