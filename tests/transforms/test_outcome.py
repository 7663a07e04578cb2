"""CountOutcomes: which counters a record increments, and that a pipeline reports them."""
from __future__ import annotations

import apache_beam as beam
from apache_beam.metrics.metric import MetricsFilter
from apache_beam.options.pipeline_options import PipelineOptions

from flexorch_beam import codes
from flexorch_beam.record import Record, PiiFinding, RecordWarning, fail
from flexorch_beam.transforms.base import NAMESPACE
from flexorch_beam.transforms.outcome import (
    CountOutcomes,
    latency_bucket,
    outcome_amounts,
    outcome_counter_names,
)


def _completed(**changes) -> Record:
    base = dict(
        id="job_1", document_id="doc_1", source_uri="/in/a.pdf", file_name="a.pdf",
        format="pdf", size_bytes=2048, page_count=3, ocr_used=True, language="de",
        doc_type="invoice", quality_grade="B", processing_ms=420, token_count=90,
        pii_findings=(PiiFinding("IBAN", "EU", 0, 22, 0.9),), pii_findings_count=1,
        privacy_applied=True,
        warnings=(RecordWarning(codes.LOW_CONFIDENCE, "total_amount", "mismatch"),),
    )
    base.update(changes)
    return Record(**base)


def test_completed_record_counters() -> None:
    names = outcome_counter_names(_completed())
    assert names == [
        "docs", "format_pdf", "completed", "doc_type_invoice", "grade_B", "language_de",
        "ocr_docs", "privacy_applied", "latency_le_000500ms", "warning_LOW_CONFIDENCE",
    ]
    assert outcome_amounts(_completed()) == {
        "pages": 3, "ocr_pages": 3, "bytes": 2048, "tokens": 90, "pii_findings": 1,
    }


def test_failed_record_counts_its_code_and_nothing_of_a_completed_one() -> None:
    failed = fail(_completed(format="pdf"), codes.CORRUPT_FILE, "broken xref")
    names = outcome_counter_names(failed)
    assert names[:4] == ["docs", "format_pdf", "failed", "failed_CORRUPT_FILE"]
    assert "completed" not in names and not any(n.startswith("latency_") for n in names)


def test_latency_buckets_are_inclusive_and_open_ended() -> None:
    assert latency_bucket(0) == "latency_le_000100ms"
    assert latency_bucket(100) == "latency_le_000100ms"
    assert latency_bucket(101) == "latency_le_000250ms"
    assert latency_bucket(10**9) == "latency_le_inf"


def test_metric_names_never_carry_content() -> None:
    secret = "DE89370400440532013000"
    record = _completed(text=f"pay to {secret}", file_name=f"{secret}.pdf")
    assert not [n for n in outcome_counter_names(record) if secret in n]


def test_count_outcomes_reports_beam_metrics() -> None:
    records = [_completed(), _completed(id="job_2", page_count=1, ocr_used=False),
               fail(_completed(id="job_3"), codes.TIMEOUT, "took too long")]
    pipe = beam.Pipeline(options=PipelineOptions(["--runner", "DirectRunner"]))
    _ = pipe | beam.Create(records) | CountOutcomes()
    result = pipe.run()
    result.wait_until_finish()
    metrics = result.metrics().query(MetricsFilter().with_namespace(NAMESPACE))
    counters = {m.key.metric.name: m.committed for m in metrics["counters"]}
    assert counters["docs"] == 3 and counters["completed"] == 2
    assert counters["failed_TIMEOUT"] == 1
    assert counters["pages"] == 7 and counters["ocr_pages"] == 6
    dists = {m.key.metric.name: m.committed for m in metrics["distributions"]}
    assert dists["doc_processing_ms"].count == 2
    assert dists["doc_bytes"].count == 3
