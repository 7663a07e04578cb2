"""Words with their boxes: the page layout beside the text, for the fields step.

The record's text is a reading order; a label and its value are also a geometry (a value to
the right of its label on the same line, or under it in the same column; a totals block at
the bottom right). The PDF text layer (PDFium's character boxes) and tesseract's
``image_to_data`` both know where each word sits, so Extract keeps those words as a
transient, per-document list (``Record.words``) that ExtractFields reads and drops; it is
never a column and never changes the text.

Coordinates are the page's own (PDF points, or pixels of the prepared OCR image), top-left
origin, so only comparisons within one page are meaningful.
"""
from __future__ import annotations

from typing import NamedTuple

# A document's first pages carry its fields; bounding the words bounds what travels with the
# record between Extract and ExtractFields.
MAX_WORD_PAGES = 4
MAX_WORDS = 6000


class Word(NamedTuple):
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    # True for a word OCR read inside an image of a page that has a text layer (a logo, a
    # pasted company block: :mod:`flexorch_beam.extract.pdf_images`).
    ocr: bool = False


def cap(words: list[Word]) -> tuple[Word, ...]:
    """The words of the first :data:`MAX_WORD_PAGES` pages, at most :data:`MAX_WORDS`."""
    return tuple(w for w in words if w.page < MAX_WORD_PAGES)[:MAX_WORDS]
