"""What an extractor returns, and the OCR warning every OCR path shares."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Optional

from flexorch_beam import codes
from flexorch_beam.config import ExtractOptions
from flexorch_beam.record import Attachment, RecordWarning


@dataclass(frozen=True)
class ExtractResult:
    text: str
    page_count: Optional[int] = None
    ocr_used: bool = False
    ocr_confidence: Optional[float] = None  # mean word confidence, 0-100
    warnings: tuple[RecordWarning, ...] = ()
    # How each page was read (pdf: pdfium|pdfium_reordered|pdfplumber|ocr|empty): the
    # record's step ledger shows it.
    page_methods: tuple[str, ...] = ()
    # Documents carried inside this one (e-mail attachments, embedded e-invoice PDFs).
    attachments: tuple[Attachment, ...] = ()
    # An e-document's reading (flexorch_beam.edoc.Structured) made from the bytes: UBL, CII
    # (also embedded in a PDF/A-3), EDIFACT. Transient: copied onto the record, never a column.
    structured: Optional[Any] = field(default=None, compare=False)
    # The first pages' words with their boxes (flexorch_beam.extract.words.Word), for the
    # fields step's layout rules. Transient like ``structured``.
    words: tuple = field(default=(), compare=False)

    def with_text(self, text: str, *extra: RecordWarning) -> "ExtractResult":
        return replace(self, text=text, warnings=self.warnings + tuple(extra))


def ocr_warnings(
    ocr_used: bool, confidence: Optional[float], config: ExtractOptions
) -> tuple[RecordWarning, ...]:
    """OCR_LOW_CONFIDENCE when OCR ran and its mean word confidence is under the threshold."""
    if not ocr_used:
        return ()
    if confidence is None or confidence < config.ocr_min_confidence:
        shown = "no words" if confidence is None else f"{confidence:.1f}"
        return (
            RecordWarning(
                codes.OCR_LOW_CONFIDENCE,
                "text",
                f"mean OCR word confidence {shown} is under {config.ocr_min_confidence:.0f}",
            ),
        )
    return ()
