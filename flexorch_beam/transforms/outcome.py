"""CountOutcomes: Beam metrics for every finished record, and progress in the logs.

Metric names carry only codes, types, grades and formats: never document content.
"""
from __future__ import annotations

import logging
import time
from typing import Iterator

import apache_beam as beam
from apache_beam.metrics import Metrics

from flexorch_beam.record import Execution
from flexorch_beam.transforms.base import NAMESPACE

LOG = logging.getLogger("flexorch_beam.progress")
_PROGRESS_EVERY_S = 10.0


def outcome_counter_names(execution: Execution) -> list[str]:
    """The counters one record increments (pure, so the summary logic is testable)."""
    names = ["docs", f"format_{execution.format or 'none'}"]
    if execution.failed:
        names += ["failed", f"failed_{execution.failure_reason}"]
    else:
        names.append("completed")
        if execution.doc_type:
            names.append(f"doc_type_{execution.doc_type}")
        if execution.quality_grade:
            names.append(f"grade_{execution.quality_grade}")
        if execution.ocr_used:
            names.append("ocr_docs")
    if execution.is_duplicate:
        names.append("duplicates")
    if execution.is_near_duplicate:
        names.append("near_duplicates")
    for warning in execution.warnings:
        names.append(f"warning_{warning.code}")
    return names


class _CountFn(beam.DoFn):
    def __init__(self) -> None:
        self._pages = Metrics.counter(NAMESPACE, "pages")
        self._ocr_pages = Metrics.counter(NAMESPACE, "ocr_pages")
        self._processing_ms = Metrics.distribution(NAMESPACE, "doc_processing_ms")
        self._done = 0
        self._started = 0.0
        self._last_log = 0.0

    def setup(self) -> None:
        self._started = self._last_log = time.monotonic()
        self._done = 0

    def process(self, execution: Execution) -> Iterator[Execution]:
        for name in outcome_counter_names(execution):
            Metrics.counter(NAMESPACE, name).inc()
        if execution.page_count:
            self._pages.inc(execution.page_count)
            if execution.ocr_used:
                self._ocr_pages.inc(execution.page_count)
        self._processing_ms.update(execution.processing_ms)
        self._done += 1
        now = time.monotonic()
        if now - self._last_log >= _PROGRESS_EVERY_S:
            self._last_log = now
            rate = self._done / max(now - self._started, 1e-9)
            LOG.info("progress: %d documents done by this worker (%.1f docs/s)", self._done, rate)
        yield execution


class CountOutcomes(beam.PTransform):
    def expand(self, executions):  # noqa: ANN001
        return executions | beam.ParDo(_CountFn())
