"""The extract step on a record: the file's bytes in (read again: records travel without
them, see ``sources.release_bytes``), text and page facts out."""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ExtractOptions
from flexorch_beam.edoc import read_structured
from flexorch_beam.extract.registry import extract_content
from flexorch_beam.extract.result import ExtractResult
from flexorch_beam.extract.sandbox import SandboxPool
from flexorch_beam.record import Record, evolve
from flexorch_beam.sources import fetch_content


def apply_result(record: Record, result: ExtractResult) -> Record:
    """Copy an ExtractResult onto the record; the input bytes are released here."""
    pages = "" if result.page_count is None else f" from {result.page_count} page(s)"
    ocr = " with OCR" if result.ocr_used else ""
    return evolve(
        record,
        text=result.text,
        page_count=result.page_count,
        ocr_used=result.ocr_used,
        ocr_confidence=result.ocr_confidence,
        warnings=tuple(record.warnings) + tuple(result.warnings),
        attachments=tuple(result.attachments),
        structured=result.structured,
        step_methods=reading_methods(result, record.format),
        # Plain tuples on the record: Beam's deterministic coder carries them as they are.
        words=tuple(tuple(word) for word in result.words),
        processing_summary=f"Extracted {len(result.text)} characters{pages}{ocr} "
        f"from a {record.format} file.",
        content=None,
    )


def reading_methods(result: ExtractResult, fmt: Optional[str]) -> tuple[str, ...]:
    """How the text was read, for the ledger: per page for a PDF, ``ocr`` for an image read
    by OCR, else the format's own reader."""
    if result.page_methods:
        return result.page_methods
    return ("ocr",) if result.ocr_used else (fmt or "unknown",)


def extract_with_structure(content: bytes, fmt: str, config: ExtractOptions) -> ExtractResult:
    """Text, and an e-document's data read from the same bytes (they are gone after this
    step). Runs where extraction runs (the sandbox child when there is one): reading an
    e-document parses untrusted XML or PDF too."""
    result = extract_content(content, fmt, config)
    structured = read_structured(content, fmt)
    return replace(result, structured=structured) if structured is not None else result


def extract_record(
    record: Record, config: ExtractOptions, pool: Optional[SandboxPool] = None
) -> Record:
    """Extract in ``pool``'s child process when given one, else in this process. The bytes
    are the record's own when it still has them, else the file is read again."""
    if record.content is None and not record.sha256:
        raise ProcessingError(codes.INTERNAL_ERROR, "a record that was never read reached extract")
    content = record.content if record.content is not None else fetch_content(record, config)
    fmt = record.format or "unknown"
    if pool is None:
        result = extract_with_structure(content, fmt, config)
    else:
        result = pool.call(extract_with_structure, content, fmt, config)
    return apply_result(record, result)
