"""One dataset written once (all formats, --split, --min-grade B) for every sink test."""
import hashlib

import apache_beam as beam
import pytest

from flexorch_beam import codes
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.sinks.registry import ALL_FORMATS
from flexorch_beam.record import (
    Record,
    ExtractedField,
    PiiFinding,
    QualityComponents,
    RecordWarning,
    document_id,
    job_id,
    to_row,
)
from flexorch_beam.transforms.write import WriteDataset

RUN = "sinks-test"
LONG_TEXT = "Lorem ipsum dolor sit amet. " * 1500  # 42,000 chars: over Excel's cell limit


def make(index: int, text: str | None, grade: str | None = "A", score: float | None = 92.5,
         **changes) -> Record:
    uri = f"/data/in/doc_{index:02d}.pdf"
    sha = hashlib.sha256(f"content {index}".encode()).hexdigest()
    base = dict(
        id=job_id(RUN, uri), document_id=document_id(sha), source_uri=uri,
        file_name=f"doc_{index:02d}.pdf", format="pdf", mime_type="application/pdf",
        size_bytes=1000 + index, sha256=sha, processing_summary=f"Extracted document {index}.",
        page_count=1, language="en", language_confidence=0.98, doc_type="invoice",
        doc_type_confidence=0.91,
        fields=(ExtractedField("invoice_number", f"INV-{index}", 0.95, "rule"),
                ExtractedField("total_amount", "1428.00", 0.9, "rule"),
                ExtractedField("due_date", None, 0.0, "rule")),
        pii_findings=(PiiFinding("IBAN", "EU", 10, 32, 0.99), PiiFinding("EMAIL", "GLOBAL", 40, 55, 0.9)),
        pii_findings_count=2, pii_types=("IBAN", "EMAIL"), privacy_applied=True, text=text,
        token_count=len((text or "").split()), quality_score=score, quality_grade=grade,
        quality_components=QualityComponents(0.9, 0.01, None, 1.0) if grade else None,
        run_id=RUN, created_at="2024-05-01T10:00:00.000+00:00", processing_ms=12 + index,
    )
    base.update(changes)
    return Record(**base)


def sample_records() -> list[Record]:
    return [
        make(0, 'Invoice INV-0 for [PERSON], "quoted", comma, and\nnew line; café ü ş 請求'),
        make(1, "Second invoice <tag> & ampersand > here \x01 control char", grade="B", score=70.0,
             warnings=(RecordWarning(codes.LOW_CONFIDENCE, "total_amount", "sum mismatch"),),
             ocr_used=True, ocr_confidence=88.5, language="de", doc_type="receipt"),
        make(2, LONG_TEXT, grade="A", score=99.0, doc_type="contract", pii_findings=(),
             pii_findings_count=0, pii_types=(), privacy_applied=False),
        make(3, "Copy of invoice 0", is_duplicate=True, original_job_id=job_id(RUN, "/data/in/doc_00.pdf"),
             processing_summary="exact duplicate of job_x; not processed again"),
        make(4, "Nearly invoice 0", is_near_duplicate=True, near_duplicate_of=job_id(RUN, "/data/in/doc_00.pdf"),
             metadata='{"tenant":"acme"}'),
        make(5, "Blurry scan text", grade="D", score=21.0, ocr_used=True, ocr_confidence=45.0),
        make(6, "Middling", grade="C", score=50.0, language=None),
        make(7, None, grade=None, score=None, status=codes.STATUS_FAILED,
             failure_reason=codes.CORRUPT_FILE, processing_summary="PDF structure is broken",
             fields=(), pii_findings=(), pii_findings_count=0, pii_types=(), doc_type=None,
             privacy_applied=False, format="pdf"),
        make(8, "", grade=None, score=None, status=codes.STATUS_FAILED,
             failure_reason=codes.UNSUPPORTED_FILE, processing_summary="content is unrecognised binary data",
             format="unknown", fields=(), pii_findings=(), pii_findings_count=0, pii_types=(),
             doc_type=None, privacy_applied=False),
    ]


CONFIG = ProcessingConfig(run_id=RUN, formats=ALL_FORMATS, split=0.5, min_grade="B")


@pytest.fixture(scope="session")
def dataset(tmp_path_factory):
    """(output_dir, records, kept rows by id, rejected rows by id)."""
    out = tmp_path_factory.mktemp("dataset")
    records = sample_records()
    with beam.Pipeline() as pipeline:
        _ = pipeline | beam.Create(records) | WriteDataset(str(out), CONFIG)
    rows = {r.id: to_row(r) for r in records}
    rejected_ids = {records[i].id for i in (5, 6, 7, 8)}
    kept = {k: v for k, v in rows.items() if k not in rejected_ids}
    rejected = {k: v for k, v in rows.items() if k in rejected_ids}
    return out, records, kept, rejected
