"""Step 1, extract: bytes of a sniffed format -> text, pages, OCR facts.

Each format family has one module exposing ``extract(content, config) -> ExtractResult``;
:data:`EXTRACTORS` maps format ids (see sniff.py) to them. Extractors raise
:class:`flexorch_beam.codes.ProcessingError` for per-document failures.
"""
from __future__ import annotations

from flexorch_beam.extract.result import ExtractResult
from flexorch_beam.extract.registry import EXTRACTORS, extract_content

__all__ = ["EXTRACTORS", "ExtractResult", "extract_content"]
