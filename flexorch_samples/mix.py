"""The fixed, documented corpus mix.

Slot ``i`` of a corpus gets
- doc type ``DOC_TYPES[i % 7]``,
- language ``LANGUAGES[(i // 7) % 3]`` (so every 21 slots cover all 7 x 3 pairs),
- format ``FORMAT_CYCLE[i % 16]`` (7 and 16 are coprime, so formats rotate across types).

The 16-slot format cycle holds 3 scanned variants (scan_pdf, png, tiff): 18.75 % scans,
because OCR costs ~2 s a page. A "ubl" slot renders a UBL 2.1 e-invoice when it lands on
an invoice (slot 28: a Turkish e-Fatura) and generic XML otherwise; an invoice in an "xml"
slot is a generic ERP-export XML (slot 7). Every scanned slot with ``i % 5 == 0`` is a
deliberately poor scan (slots 10 and 30).
With 42 slots every doc type, language and format (incl. UBL and a poor scan) appears.
"""
from __future__ import annotations

from dataclasses import dataclass

DOC_TYPES = ("invoice", "payroll_slip", "purchase_order", "receipt", "bank_statement", "contract", "other")
LANGUAGES = ("en", "tr", "de")
FORMAT_CYCLE = ("pdf", "docx", "html", "eml", "txt", "xlsx", "scan_pdf", "xml",
                "pdf", "html", "png", "docx", "ubl", "eml", "tiff", "txt")
SCANNED = frozenset({"scan_pdf", "png", "tiff"})


@dataclass(frozen=True)
class Slot:
    index: int
    doc_type: str
    language: str
    variant: str
    quality: str


def slot(i: int) -> Slot:
    """The doc type, language, writer variant and quality of corpus slot ``i``."""
    doc_type = DOC_TYPES[i % len(DOC_TYPES)]
    language = LANGUAGES[(i // len(DOC_TYPES)) % len(LANGUAGES)]
    variant = FORMAT_CYCLE[i % len(FORMAT_CYCLE)]
    if variant == "ubl" and doc_type != "invoice":
        variant = "xml"
    quality = "poor" if variant in SCANNED and i % 5 == 0 else "clean"
    return Slot(i, doc_type, language, variant, quality)


def plan(count: int) -> list[Slot]:
    """The first ``count`` slots."""
    return [slot(i) for i in range(count)]
