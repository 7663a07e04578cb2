"""The record's coder: deterministic, lossless, and the one Beam picks for records."""
import apache_beam as beam
from apache_beam import coders
from apache_beam.testing.test_pipeline import TestPipeline

from flexorch_beam.archives import MemberRef, Span
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.edoc.model import Structured
from flexorch_beam.record import (
    Record,
    ExtractedField,
    PiiFinding,
    QualityComponents,
    RecordWarning,
    StepEntry,
)
from flexorch_beam.transforms.coder import RecordCoder
from flexorch_beam.transforms.process import ProcessDocuments


def _full() -> Record:
    return Record(
        id="job_1", document_id="doc_1", source_uri="/in/ä b.pdf", file_name="ä b.pdf",
        format="pdf", size_bytes=10, sha256="ab" * 32, warnings=(RecordWarning("LOW_CONFIDENCE", "total", "weak"),),
        languages=("en", "de"), fields=(ExtractedField("total_amount", "12.50", 0.9, "rule"),),
        pii_findings=(PiiFinding("IBAN", "EU", 3, 25, 0.99),), pii_findings_count=1, pii_types=("IBAN",),
        text="Total 12.50 €", quality_score=91.5, quality_grade="A",
        quality_components=QualityComponents(1.0, 0.01, None, 0.8, 0.0),
        steps=(StepEntry("extract", "completed", 12, ("pdfium",), ()),),
        content=b"%PDF-1.7\x00\xff", step_methods=("pdfium",),
        member=MemberRef("/in/batch.zip", ("inner.zip", "a.pdf"), Span(120, 40, 8, 99, 12345)),
        structured=Structured("ubl", "Invoice", "invoice", fields={"b": "2", "a": "1"}, notes=("n",)))


def test_round_trip_keeps_columns_and_transient_attributes():
    record = _full()
    decoded = RecordCoder().decode(RecordCoder().encode(record))
    assert decoded == record
    assert decoded.content == record.content and decoded.structured == record.structured
    assert decoded.step_methods == ("pdfium",)
    assert decoded.member == record.member  # an archive member is found again in Extract


def test_equal_records_encode_to_equal_bytes():
    assert RecordCoder().encode(_full()) == RecordCoder().encode(_full())
    assert RecordCoder().is_deterministic()


def test_beam_picks_it_for_records():
    assert isinstance(coders.registry.get_coder(Record), RecordCoder)
    pipeline = TestPipeline()
    done = (pipeline | beam.Create([Record(id="a", document_id="d", source_uri="u", file_name="f",
                                              content=b"hello there", sha256="0" * 64, format="txt")])
            | ProcessDocuments(ProcessingConfig(sandbox=False)))
    assert isinstance(done.element_type, type) and done.element_type is Record
    assert isinstance(coders.registry.get_coder(done.element_type), RecordCoder)
