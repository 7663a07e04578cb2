"""PDF text: pypdfium2 for the text layer (fast), failures mapped to codes.

pdfplumber's ``extract_text()`` is ~40x slower than PDFium on the same pages (see
../shared/DESIGN.md field notes), so PDFium reads the text layer. Pages without a usable
text layer are left to OCR (see ocr.py, added by the extraction issue).
"""
from __future__ import annotations

import pypdfium2 as pdfium

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.extract.result import ExtractResult

_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD


def open_document(content: bytes) -> pdfium.PdfDocument:
    """Open a PDF, mapping PDFium's load errors to failure codes."""
    try:
        return pdfium.PdfDocument(content)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == _PASSWORD_ERROR or "password" in str(error).lower():
            raise ProcessingError(codes.ENCRYPTED_FILE, "PDF is password-protected") from None
        raise ProcessingError(codes.CORRUPT_FILE, "PDF structure is damaged and cannot be opened") from None


def page_texts(document: pdfium.PdfDocument) -> list[str]:
    texts = []
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        try:
            texts.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
        finally:
            textpage.close()
            page.close()
    return texts


def extract(content: bytes, config: ProcessingConfig) -> ExtractResult:
    document = open_document(content)
    try:
        texts = page_texts(document)
    finally:
        document.close()
    if not texts:
        raise ProcessingError(codes.UNPROCESSABLE, "PDF has no pages")
    text = "\n\n".join(t.strip("\n") for t in texts)
    if not text.strip():
        raise ProcessingError(codes.UNPROCESSABLE, "PDF has no text layer and OCR is not enabled")
    return ExtractResult(text=text, page_count=len(texts))
