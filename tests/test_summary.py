"""The local run summary renders Beam counters and distributions."""
from __future__ import annotations

import re

from flexorch_beam.summary import DistributionStats, latency_percentile, render_summary


def test_summary_shows_every_group() -> None:
    counters = {
        "docs": 10, "completed": 8, "failed": 2, "failed_CORRUPT_FILE": 2, "pages": 30,
        "ocr_pages": 4, "bytes": 3 * 1048576, "format_pdf": 6, "format_txt": 4,
        "doc_type_invoice": 5, "grade_A": 3, "language_tr": 2, "warning_TRUNCATED": 1,
        "pii_IBAN": 3, "pii_findings": 3, "privacy_applied": 2,
        "latency_le_000100ms": 5, "latency_le_001000ms": 2, "latency_le_010000ms": 1,
    }
    distributions = {
        "step_ms_extract": DistributionStats(count=8, sum=800, min=10, max=400),
        "doc_processing_ms": DistributionStats(count=8, sum=1600, min=20, max=900),
    }
    text = render_summary(counters, 5.0, distributions)
    for needle in ("CORRUPT_FILE", "3.00 MiB", "by doc type", "by language", "PII by type",
                   "  extract", "doc time p50", "pages/s", "  with OCR"):
        assert needle in text, needle
    assert re.search(r"^  extract\s+8\s+100\s+400$", text, re.MULTILINE), text


def test_percentiles_from_the_histogram() -> None:
    counters = {"latency_le_000100ms": 50, "latency_le_001000ms": 45, "latency_le_inf": 5}
    assert latency_percentile(counters, 0.5) == "<= 100 ms"
    assert latency_percentile(counters, 0.95) == "<= 1,000 ms"
    assert latency_percentile(counters, 0.99) == "> 120,000 ms"
    assert latency_percentile({}, 0.5) is None
