"""The format-independent document model every writer renders.

A :class:`DocSpec` is a list of layout blocks (what a human sees) plus the ground truth
(normalised fields, PII, look-alikes) and a little structured data the XML/UBL writers
need. Writers never invent content: whatever a writer prints comes from the spec, so the
truth stays true for every format.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Optional, Union


@dataclass(frozen=True)
class Heading:
    """The document title ("Rechnung", "Maaş Bordrosu", ...)."""

    text: str


@dataclass(frozen=True)
class Lines:
    """A block of free lines with an optional caption: a party, contact or address block."""

    title: Optional[str]
    lines: tuple[str, ...]
    key: str = ""  # machine name for the XML writer ("vendor", "customer", ...)


@dataclass(frozen=True)
class Fields:
    """Label/value rows ("Rechnungsnummer: RE-2024-0012"); key is the machine name."""

    rows: tuple[tuple[str, str, str], ...]  # (key, label, value as printed)


@dataclass(frozen=True)
class Table:
    """Line items or transactions; ``numeric`` marks right-aligned amount columns."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    widths: tuple[float, ...] = ()  # relative column widths, optional


@dataclass(frozen=True)
class Totals:
    """Right-aligned label/amount rows under a table; the last one is printed bold."""

    rows: tuple[tuple[str, str, str], ...]  # (key, label, value as printed)


@dataclass(frozen=True)
class Paragraph:
    """Running text (contract clauses, letters, payment notes)."""

    text: str


@dataclass(frozen=True)
class PageBreak:
    """Forces a new page in paginated writers (PDF, scans); others ignore it."""


Block = Union[Heading, Lines, Fields, Table, Totals, Paragraph, PageBreak]


@dataclass
class DocSpec:
    """One document: layout blocks + truth. ``variant`` is the writer to use."""

    index: int
    name: str  # file stem, e.g. "inv_0007"
    doc_type: str
    language: str
    variant: str  # pdf | scan_pdf | docx | xlsx | html | xml | ubl | eml | txt | png | tiff
    quality: str  # clean | poor
    title: str
    doc_date: dt.date
    blocks: list[Block]
    fields: dict[str, str]
    pii: list[dict[str, str]]
    lookalikes: list[dict[str, str]]
    currency: str = ""
    data: dict[str, Any] = field(default_factory=dict)  # structured extras (UBL, EML)

    @property
    def scanned(self) -> bool:
        return self.variant in SCANNED_VARIANTS

    @property
    def format(self) -> str:
        """The sniffable format id (same ids as ``flexorch_beam.sniff``)."""
        return VARIANT_FORMAT[self.variant]

    @property
    def extension(self) -> str:
        return VARIANT_EXTENSION[self.variant]

    @property
    def relpath(self) -> str:
        return f"docs/{self.language}/{self.doc_type}/{self.name}.{self.extension}"


SCANNED_VARIANTS = frozenset({"scan_pdf", "png", "tiff"})
VARIANT_FORMAT = {
    "pdf": "pdf", "scan_pdf": "pdf", "docx": "docx", "xlsx": "xlsx", "html": "html",
    "xml": "xml", "ubl": "xml", "eml": "eml", "txt": "txt", "png": "png", "tiff": "tiff",
}
VARIANT_EXTENSION = {
    "pdf": "pdf", "scan_pdf": "pdf", "docx": "docx", "xlsx": "xlsx", "html": "html",
    "xml": "xml", "ubl": "xml", "eml": "eml", "txt": "txt", "png": "png", "tiff": "tif",
}


def label_value(label: str, value: str) -> str:
    """'Label: value' (labels in the vocabulary carry no colon)."""
    return f"{label}: {value}"
