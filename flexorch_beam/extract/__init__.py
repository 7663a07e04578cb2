"""Step 1, extract: bytes of a sniffed format -> text, pages, OCR facts.

Each format family has one module exposing ``extract(content, config) -> ExtractResult``;
:data:`EXTRACTORS` maps format ids to them, read from the one table of formats
(:mod:`flexorch_beam.formats`). Extractors raise
:class:`flexorch_beam.codes.ProcessingError` for per-document failures.
"""
from __future__ import annotations

from flexorch_beam.extract.result import ExtractResult
from flexorch_beam.extract.registry import EXTRACTORS, extract_content

__all__ = ["EXTRACTORS", "ExtractResult", "extract_content"]
