"""What an extractor returns."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from flexorch_beam.record import RecordWarning


@dataclass(frozen=True)
class ExtractResult:
    text: str
    page_count: Optional[int] = None
    ocr_used: bool = False
    ocr_confidence: Optional[float] = None  # mean word confidence, 0-100
    warnings: tuple[RecordWarning, ...] = ()
