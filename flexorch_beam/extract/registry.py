"""Format id -> extractor, and the one function the Extract step calls."""
from __future__ import annotations

from typing import Callable

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.extract import pdf, text
from flexorch_beam.extract.result import ExtractResult
from flexorch_beam.record import RecordWarning

Extractor = Callable[[bytes, ProcessingConfig], ExtractResult]

EXTRACTORS: dict[str, Extractor] = {
    "pdf": pdf.extract,
    "txt": text.extract,
    "csv": text.extract,
    "md": text.extract,
    "json": text.extract,
}


def extract_content(content: bytes, fmt: str, config: ProcessingConfig) -> ExtractResult:
    """Extract text, then enforce the text-size limit with a TRUNCATED warning."""
    if not content:
        raise ProcessingError(codes.UNPROCESSABLE, "file is empty (0 bytes)")
    extractor = EXTRACTORS.get(fmt)
    if extractor is None:
        raise ProcessingError(
            codes.UNSUPPORTED_FILE, f"format '{fmt}' is not supported for extraction"
        )
    result = extractor(content, config)
    if not result.text.strip():
        raise ProcessingError(codes.UNPROCESSABLE, f"{fmt} file holds no extractable text")
    if len(result.text) > config.max_text_chars:
        warning = RecordWarning(
            codes.TRUNCATED,
            "text",
            f"text cut from {len(result.text)} to {config.max_text_chars} characters",
        )
        result = ExtractResult(
            text=result.text[: config.max_text_chars],
            page_count=result.page_count,
            ocr_used=result.ocr_used,
            ocr_confidence=result.ocr_confidence,
            warnings=result.warnings + (warning,),
        )
    return result
