"""The record dataclass and the one schema stay in agreement."""
import dataclasses

import pyarrow as pa

from flexorch_beam import codes
from flexorch_beam.record import (
    COLUMNS,
    SCHEMA,
    Record,
    ExtractedField,
    PiiFinding,
    QualityComponents,
    RecordWarning,
    TRANSIENT,
    document_id,
    fail,
    from_row,
    job_id,
    to_json_line,
    to_row,
)


def full_execution() -> Record:
    return Record(
        id=job_id("run1", "/data/a.pdf"),
        document_id=document_id("ab" * 32),
        source_uri="/data/a.pdf",
        file_name="a.pdf",
        format="pdf",
        mime_type="application/pdf",
        size_bytes=10,
        sha256="ab" * 32,
        warnings=(RecordWarning(codes.LOW_CONFIDENCE, "total_amount", "sum mismatch"),),
        page_count=2,
        ocr_used=True,
        ocr_confidence=91.5,
        language="de",
        language_confidence=0.99,
        doc_type="invoice",
        doc_type_confidence=0.9,
        fields=(ExtractedField("total_amount", "12.50", 0.9, "rule"),),
        pii_findings=(PiiFinding("IBAN", "EU", 3, 25, 0.99),),
        pii_findings_count=1,
        pii_types=("IBAN",),
        privacy_applied=True,
        text="masked",
        token_count=3,
        quality_score=88.0,
        quality_grade="A",
        quality_components=QualityComponents(1.0, 0.0, 91.5, 1.0),
        run_id="run1",
        created_at="2026-01-01T00:00:00.000+00:00",
        processing_ms=12,
        content=b"never written",
    )


def test_every_record_field_except_content_is_a_schema_column():
    names = [f.name for f in dataclasses.fields(Record) if f.name not in TRANSIENT]
    assert names == list(COLUMNS)


def test_row_round_trips_through_arrow_under_the_schema():
    row = to_row(full_execution())
    assert "content" not in row
    table = pa.Table.from_pylist([row], schema=SCHEMA)
    back = from_row(table.to_pylist()[0])
    assert back == dataclasses.replace(full_execution(), content=None)


def test_json_line_is_stable_and_in_schema_order():
    line = to_json_line(full_execution())
    assert line == to_json_line(full_execution())
    assert line.startswith('{"id":"job_')
    assert "never written" not in line


def test_job_id_is_deterministic_per_run_and_uri():
    assert job_id("r", "/a") == job_id("r", "/a")
    assert job_id("r", "/a") != job_id("r", "/b")
    assert job_id("r", "/a") != job_id("s", "/a")


def test_fail_sets_code_summary_and_drops_content():
    failed = fail(full_execution(), codes.CORRUPT_FILE, "PDF structure is damaged")
    assert failed.status == codes.STATUS_FAILED
    assert failed.failure_reason == codes.CORRUPT_FILE
    assert failed.content is None


def test_fail_rejects_unknown_codes():
    try:
        fail(full_execution(), "NOPE", "x")
    except ValueError:
        return
    raise AssertionError("unknown code accepted")


def test_a_warning_code_outside_the_documented_list_is_refused():
    import pytest

    with pytest.raises(ValueError, match="unknown warning code"):
        RecordWarning("SOMETHING_NEW", None, "x")
    assert RecordWarning("TRUNCATED", "text", "cut").code == "TRUNCATED"
