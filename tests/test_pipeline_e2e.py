"""End to end on DirectRunner: every input file becomes exactly one record."""
import io
import json
import os

import pandas as pd
import pytest
from reportlab.pdfgen import canvas

from flexorch_beam import cli, codes


def digital_pdf(text: str) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    pdf.drawString(72, 720, text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.fixture()
def hostile_inputs(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "letter.txt").write_text("Dear customer, thank you for your order.", encoding="utf-8")
    (docs / "latin1.txt").write_bytes("Grüße aus Köln, Straße und Maß".encode("latin-1"))
    (docs / "report.pdf").write_bytes(digital_pdf("Quarterly report for the board"))
    (docs / "empty.txt").write_bytes(b"")
    (docs / "unknown.bin").write_bytes(os.urandom(4096))
    (docs / "oversize.txt").write_bytes(b"a" * (2 * 1024 * 1024 + 1))
    corrupt = bytearray(digital_pdf("will be broken"))
    corrupt[9:] = os.urandom(len(corrupt) - 9)
    (docs / "corrupt.pdf").write_bytes(bytes(corrupt))
    (docs / "zipped.zip").write_bytes(_zip({"inner/annual.pdf": digital_pdf("Zipped annual report")}))
    (docs / "bundle.zip").write_bytes(_zip({"a.txt": b"first", "b.txt": b"second"}))
    return docs


def _zip(members: dict[str, bytes]) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def read_records(out):
    with_jsonl = [json.loads(line) for path in sorted((out / "jsonl").iterdir())
                  for line in path.read_text(encoding="utf-8").splitlines()]
    return {record["file_name"]: record for record in with_jsonl}


def test_one_record_per_file_with_the_right_failure_codes(hostile_inputs, tmp_path, capsys):
    out = tmp_path / "out"
    code = cli.run([
        "--input", f"{hostile_inputs}/**",
        "--input", str(hostile_inputs / "missing.pdf"),
        "--output", str(out), "--max-file-mb", "2", "--run_id", "e2e",
    ])
    assert code == 0
    records = read_records(out)
    # one document, one record: each zip gives a record per member document, none of its own
    listed = [name for name in os.listdir(hostile_inputs) if not name.endswith(".zip")]
    expected_files = sorted(listed + ["missing.pdf", "annual.pdf", "a.txt", "b.txt"])
    assert sorted(records) == expected_files
    assert records["empty.txt"]["failure_reason"] == codes.UNPROCESSABLE
    assert records["unknown.bin"]["failure_reason"] == codes.UNSUPPORTED_FILE
    assert records["oversize.txt"]["failure_reason"] == codes.FILE_TOO_LARGE
    assert records["missing.pdf"]["failure_reason"] == codes.READ_ERROR
    assert records["corrupt.pdf"]["failure_reason"] == codes.CORRUPT_FILE
    assert records["b.txt"]["source_uri"] == f"zip://b.txt::{hostile_inputs / 'bundle.zip'}"
    assert "Zipped annual report" in records["annual.pdf"]["text"]
    assert records["annual.pdf"]["source_uri"].startswith("zip://inner/annual.pdf::")
    for name in ("letter.txt", "latin1.txt", "report.pdf", "annual.pdf", "a.txt", "b.txt"):
        assert records[name]["status"] == "completed", records[name]["processing_summary"]
    assert "Grüße aus Köln, Straße" in records["latin1.txt"]["text"]
    assert "Quarterly report" in records["report.pdf"]["text"]
    for record in records.values():
        assert record["processing_summary"]
        assert (record["status"] == "failed") == (record["failure_reason"] is not None)
    # Parquet holds the same records under the one schema.
    frame = pd.read_parquet(out / "parquet")
    assert sorted(frame["file_name"]) == expected_files
    summary = capsys.readouterr().out
    assert "CORRUPT_FILE" in summary and "FILE_TOO_LARGE" in summary


def test_generated_corpus_runs_through_every_step(tmp_path):
    """Six digital documents of six formats and doc types: classified, graded, no raw PII."""
    from flexorch_samples import generate_corpus

    truths = generate_corpus(tmp_path / "corpus", count=6, seed=3)
    out = tmp_path / "out"
    code = cli.run(["--input", f"{tmp_path / 'corpus'}/docs/**", "--output", str(out),
                    "--run_id", "gen", "--formats", "jsonl,parquet"])
    assert code == 0
    records = {r["source_uri"].split("/docs/", 1)[1]: r for r in read_records(out).values()}
    assert sorted(records) == sorted(t.path.split("docs/", 1)[1] for t in truths)
    for truth in truths:
        record = records[truth.path.split("docs/", 1)[1]]
        assert record["status"] == "completed", record["processing_summary"]
        assert record["doc_type"] == truth.doc_type
        assert record["language"] == truth.language
        assert record["quality_grade"] in ("A", "B", "C", "D")
        assert record["token_count"] > 0
        published = json.dumps(record, ensure_ascii=False)
        for pii in truth.pii:
            if pii["type"] not in ("PERSON", "ADDRESS"):
                assert pii["value"] not in published, pii["type"]


def test_same_input_and_options_give_identical_records(tmp_path):
    """House rule: byte-identical records apart from run_id, created_at and processing_ms."""
    from flexorch_samples import generate_corpus

    generate_corpus(tmp_path / "corpus", count=5, seed=5)
    (tmp_path / "corpus" / "docs" / "copy.txt").write_bytes(
        next((tmp_path / "corpus" / "docs").rglob("*.txt")).read_bytes())

    def run_once(name):
        out = tmp_path / name
        assert cli.run(["--input", f"{tmp_path / 'corpus'}/docs/**", "--output", str(out),
                        "--run_id", "same", "--mask_mode", "indexed"]) == 0
        lines = []
        for path in sorted((out / "jsonl").iterdir()):
            for line in path.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                for volatile in ("created_at", "processing_ms"):
                    record.pop(volatile)
                for entry in record["steps"]:
                    entry.pop("ms")
                lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True))
        return sorted(lines)

    first, second = run_once("a"), run_once("b")
    assert len(first) == 6
    assert first == second
