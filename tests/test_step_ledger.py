"""The per-document step ledger: one entry per step that ran, how it worked, what it warned;
profile.json and report.html read it."""
import json

import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.record import Record, RecordWarning, StepEntry, evolve, from_row, to_row
from flexorch_beam.sinks.profile import SLOWEST, profile_rows
from flexorch_beam.sinks.report import render_report
from flexorch_beam.steps import STEPS
from flexorch_beam.transforms.base import run_step
from flexorch_beam.transforms.process import ProcessDocuments

CONFIG = ProcessingConfig(sandbox=False)


def _record(name: str, content: bytes, fmt: str) -> Record:
    return Record(id=f"job_{name}", document_id=f"doc_{name}", source_uri=f"mem://{name}",
                     file_name=name, format=fmt, content=content, sha256="0" * 64)


def _pdf(pages: list[str]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    import io

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=A4)
    for text in pages:
        sheet.drawString(72, 760, text)
        sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def test_every_step_leaves_an_entry_in_order_with_its_methods():
    invoice = ("INVOICE No: INV-2024-118   Date: 12 March 2024   Total due: EUR 1,190.00 "
               "Seller: Nordwind Handel GmbH, Berlin. Payment within 30 days.")
    records = [_record("inv.pdf", _pdf([invoice, "Page two: terms and conditions apply."]), "pdf"),
               _record("note.txt", b"Dear team, the meeting moves to Friday at ten.", "txt")]
    with TestPipeline() as pipeline:
        done = pipeline | beam.Create(records) | ProcessDocuments(CONFIG)

        def check(results):
            by_id = {r.id: r for r in results}
            for record in by_id.values():
                assert [entry.name for entry in record.steps] == [step.name for step in STEPS]
                assert all(entry.status == "completed" for entry in record.steps)
                assert sum(entry.ms for entry in record.steps) <= record.processing_ms + len(STEPS)
                assert record.step_methods == ()
            pdf = by_id["job_inv.pdf"].steps
            assert pdf[0].methods == ("pdfium", "pdfium")
            assert pdf[1].methods == ("cues",)
            assert "rule" in pdf[2].methods
            assert by_id["job_note.txt"].steps[0].methods == ("txt",)

        assert_that(done, check)


def test_a_failing_step_ends_the_ledger_and_later_steps_leave_it_alone():
    def broken(record, config):
        raise ProcessingError(codes.CORRUPT_FILE, "cannot be read")

    def warns(record, config):
        return evolve(record, warnings=record.warnings + (RecordWarning(codes.LOW_CONFIDENCE, "total_amount", "weak"),))

    start = _record("a.txt", b"x", "txt")
    warned = run_step("fields", warns, start, CONFIG)
    assert warned.steps == (StepEntry("fields", "completed", warned.steps[0].ms, (), (codes.LOW_CONFIDENCE,)),)
    failed = run_step("extract", broken, warned, CONFIG)
    assert [(e.name, e.status) for e in failed.steps] == [("fields", "completed"), ("extract", "failed")]
    assert run_step("quality", warns, failed, CONFIG) is failed


def test_ledger_round_trips_through_a_row():
    record = evolve(_record("a.txt", b"x", "txt"), content=None, steps=(
        StepEntry("extract", "completed", 12, ("pdfium", "ocr"), ("OCR_LOW_CONFIDENCE",)),
        StepEntry("classify", "failed", 3)))
    row = to_row(record)
    assert row["steps"][0] == {"name": "extract", "status": "completed", "ms": 12,
                               "methods": ["pdfium", "ocr"], "warnings": ["OCR_LOW_CONFIDENCE"]}
    assert from_row(json.loads(json.dumps(row))).steps == record.steps


def test_profile_and_report_show_time_per_step_and_the_slowest_documents():
    rows = []
    for index in range(SLOWEST + 5):
        record = evolve(_record(f"f{index}.txt", b"x", "txt"), content=None,
                        processing_ms=100 * index + 7,
                        steps=(StepEntry("extract", "completed", 100 * index),
                               StepEntry("classify", "completed", 7)))
        rows.append(to_row(record))
    profile = profile_rows(rows)
    assert profile["step_ms"]["extract"] == {
        "documents": SLOWEST + 5, "total_ms": sum(100 * i for i in range(SLOWEST + 5)),
        "mean_ms": round(sum(100 * i for i in range(SLOWEST + 5)) / (SLOWEST + 5), 1)}
    assert profile["step_ms"]["classify"]["total_ms"] == 7 * (SLOWEST + 5)
    slowest = profile["slowest_documents"]
    assert len(slowest) == SLOWEST
    assert [doc["file_name"] for doc in slowest[:2]] == [f"f{SLOWEST + 4}.txt", f"f{SLOWEST + 3}.txt"]
    assert slowest[0]["slowest_step"] == "extract" and slowest[0]["slowest_step_ms"] == 100 * (SLOWEST + 4)
    page = render_report(profile, "r1")
    assert "Time per step" in page and "Slowest documents" in page
    assert f"f{SLOWEST + 4}.txt" in page and "f0.txt" not in page
