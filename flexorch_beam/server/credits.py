"""The credit rule (README "Run the FlexOrch API"): what one processed document costs.

1 credit per completed document, +1 per page after the first, +1 per page read by OCR. The
record says whether OCR ran, not on which pages, so a document that needed OCR counts every
page as an OCR page. A failed document costs nothing; a dataset build costs nothing.
"""
from __future__ import annotations

from typing import Optional


def credits_for(status: str, page_count: Optional[int], ocr_used: bool) -> int:
    if status != "completed":
        return 0
    pages = max(1, int(page_count or 1))
    return 1 + (pages - 1) + (pages if ocr_used else 0)
