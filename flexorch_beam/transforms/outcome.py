"""CountOutcomes: Beam metrics for every finished record, and progress in the logs.

Counters and distributions live in the ``flexorch`` namespace, so they show in the Dataflow
UI's custom counters, in Flink's metrics and in the local summary alike. Metric names carry
only statuses, codes, types, grades, formats, languages and PII type ids: never content.
"""
from __future__ import annotations

import logging
import time
from typing import Iterator

import apache_beam as beam
from apache_beam.metrics import Metrics

from flexorch_beam.record import Record
from flexorch_beam.transforms.base import NAMESPACE

LOG = logging.getLogger("flexorch_beam.progress")
_PROGRESS_EVERY_S = 10.0

# Upper bounds (ms) of the per-document processing time histogram; the summary derives
# approximate percentiles from these counters (Beam distributions keep only min/max/sum/count).
LATENCY_BUCKETS_MS: tuple[int, ...] = (100, 250, 500, 1000, 2500, 5000, 10000, 30000, 120000)


def latency_bucket(processing_ms: int) -> str:
    """The histogram counter a document's processing time falls into."""
    for bound in LATENCY_BUCKETS_MS:
        if processing_ms <= bound:
            return f"latency_le_{bound:06d}ms"
    return "latency_le_inf"


def outcome_counter_names(record: Record) -> list[str]:
    """The counters one record increments by one (pure, so the summary logic is testable)."""
    names = ["docs", f"format_{record.format or 'none'}"]
    if record.failed:
        names += ["failed", f"failed_{record.failure_reason}"]
    else:
        names.append("completed")
        if record.doc_type:
            names.append(f"doc_type_{record.doc_type}")
        if record.quality_grade:
            names.append(f"grade_{record.quality_grade}")
        if record.language:
            names.append(f"language_{record.language}")
        if record.ocr_used:
            names.append("ocr_docs")
        if record.privacy_applied:
            names.append("privacy_applied")
        names.append(latency_bucket(record.processing_ms))
    if record.is_duplicate:
        names.append("duplicates")
    if record.is_near_duplicate:
        names.append("near_duplicates")
    for warning in record.warnings:
        names.append(f"warning_{warning.code}")
    return names


def outcome_amounts(record: Record) -> dict[str, int]:
    """Counters one record increments by an amount: pages, OCR pages, bytes, tokens."""
    pages = record.page_count or 0
    return {
        "pages": pages,
        "ocr_pages": pages if record.ocr_used else 0,
        "bytes": record.size_bytes or 0,
        "tokens": record.token_count or 0,
        "pii_findings": record.pii_findings_count or 0,
    }


@beam.typehints.with_input_types(Record)
@beam.typehints.with_output_types(Record)
class _CountFn(beam.DoFn):
    def __init__(self) -> None:
        self._processing_ms = Metrics.distribution(NAMESPACE, "doc_processing_ms")
        self._doc_bytes = Metrics.distribution(NAMESPACE, "doc_bytes")
        self._doc_pages = Metrics.distribution(NAMESPACE, "doc_pages")
        self._done = 0
        self._started = 0.0
        self._last_log = 0.0

    def setup(self) -> None:
        self._started = self._last_log = time.monotonic()
        self._done = 0

    def process(self, record: Record) -> Iterator[Record]:
        for name in outcome_counter_names(record):
            Metrics.counter(NAMESPACE, name).inc()
        for name, amount in outcome_amounts(record).items():
            if amount:
                Metrics.counter(NAMESPACE, name).inc(amount)
        if record.size_bytes is not None:
            self._doc_bytes.update(record.size_bytes)
        if not record.failed and not record.is_duplicate:
            # Duplicates carry their original's time: counting them would double it.
            self._processing_ms.update(record.processing_ms)
            Metrics.distribution(
                NAMESPACE, f"format_ms_{record.format or 'none'}"
            ).update(record.processing_ms)
            if record.page_count:
                self._doc_pages.update(record.page_count)
        self._done += 1
        now = time.monotonic()
        if now - self._last_log >= _PROGRESS_EVERY_S:
            self._last_log = now
            rate = self._done / max(now - self._started, 1e-9)
            LOG.info("progress: %d documents done by this worker (%.1f docs/s)", self._done, rate)
        yield record


class CountOutcomes(beam.PTransform):
    def expand(self, records):  # noqa: ANN001
        return records | beam.ParDo(_CountFn())
