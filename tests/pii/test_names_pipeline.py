"""Privacy at the edges (issue 17 item 10): PII in file names and paths is masked in
``file_name`` and ``source_uri`` (raw only with --keep-raw-text), also for records that fail,
and no raw value reaches any output file of a DirectRunner run, whatever the sink."""
import re
import zipfile

import pandas as pd
import pytest

from flexorch_beam import cli
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.sinks.registry import ALL_FORMATS
from flexorch_beam.pii.step import detect_pii_record, mask_names, name_texts
from flexorch_beam.record import Record

SSN = "123-45-6789"
IBAN = "TR330006100519786457841326"
PHONE = "0532 123 45 67"
RAW = (SSN, "123456789", IBAN, "TR33 0006", "05321234567", PHONE)


def record(file_name, text="Hello, total 12.00 EUR", source="/in/docs"):
    return Record(id="job_1", document_id="doc_1", source_uri=f"{source}/{file_name}",
                     file_name=file_name, format="txt", text=text)


def leaks(blob):
    flat = re.sub(r"[\s\-./()]", "", blob)
    return [value for value in RAW if value in blob or re.sub(r"[\s\-./()]", "", value) in flat]


def test_name_readings_keep_offsets():
    name = "Jane.Doe_SSN_123-45-6789.pdf"
    assert all(len(reading) == len(name) for reading in name_texts(name))
    assert name_texts("a/b_c.txt")[0] == "a\nb c txt"


@pytest.mark.parametrize("file_name, masked", [
    (f"Jane_Doe_SSN_{SSN}.pdf", "_[US_SSN].pdf"),
    (f"ssn.{SSN}.pdf", ".[US_SSN].pdf"),
    (f"invoice_{IBAN}.txt", "invoice_[TR_IBAN].txt"),
    (f"scan_{PHONE}.png", "scan_[TR_PHONE].png"),
])
def test_names_and_paths_are_masked(file_name, masked):
    out = detect_pii_record(record(file_name), ProcessingConfig().pii)
    assert out.file_name.endswith(masked) and leaks(out.file_name) == []
    assert out.source_uri == f"/in/docs/{out.file_name}" and out.privacy_applied


def test_a_value_found_in_the_text_is_masked_in_the_path():
    text = f"SSN: {SSN}\nIBAN: {IBAN}\n"
    out = detect_pii_record(record("letter.txt", text, source=f"/in/{IBAN}"), ProcessingConfig().pii)
    assert out.source_uri == "/in/[TR_IBAN]/letter.txt"


def test_raw_names_with_keep_raw_text_or_without_masking():
    name = f"Jane_Doe_SSN_{SSN}.pdf"
    for config in (ProcessingConfig(keep_raw_text=True), ProcessingConfig(mask=False)):
        out = detect_pii_record(record(name), config.pii)
        assert out.file_name == name and out.source_uri == f"/in/docs/{name}"


def test_failed_records_get_masked_names_too():
    failed = record(f"corrupt_{IBAN}.pdf")
    assert leaks(mask_names(failed, ProcessingConfig().pii).file_name) == []


def _output_texts(folder):
    """Every output file as text, each read with what reads its format."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.suffix == ".parquet":
            yield path, pd.read_parquet(path).to_json()
        elif path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as archive:
                yield path, " ".join(archive.read(n).decode("utf-8", "replace")
                                     for n in archive.namelist())
        else:
            yield path, path.read_bytes().decode("utf-8", "replace")


@pytest.mark.slow
def test_no_raw_value_in_any_output_file(tmp_path):
    inputs = tmp_path / "in" / f"client_{IBAN}"
    inputs.mkdir(parents=True)
    (inputs / f"Jane_Doe_SSN_{SSN}.txt").write_text(
        f"Dear customer,\nplease call us on {PHONE}.\nSSN: {SSN}\nRegards\n", encoding="utf-8")
    (inputs / f"scan_{PHONE}.txt").write_text(
        f"Invoice 2024-17\nPay to IBAN {IBAN[:4]} {IBAN[4:8]} {IBAN[8:12]}\n{IBAN[12:]}\n",
        encoding="utf-8")
    (inputs / f"broken_{IBAN}.pdf").write_bytes(b"%PDF-1.7 not really a pdf")
    out = tmp_path / "out"
    code = cli.run(["--input", f"{tmp_path / 'in'}/**", "--output", str(out),
                    "--formats", ",".join(ALL_FORMATS), "--run_id", "names"])
    assert code == 0
    seen = 0
    for path, blob in _output_texts(out):
        seen += 1
        assert leaks(blob) == [], path.relative_to(out)
    assert seen >= len(ALL_FORMATS)


def test_no_raw_value_in_logs_or_failure_text(caplog, monkeypatch):
    import logging

    from flexorch_beam.pii import step

    caplog.set_level(logging.DEBUG)
    text = f"SSN: {SSN}\nTel: {PHONE}\nIBAN: {IBAN}\n"
    out = detect_pii_record(record(f"Jane_Doe_SSN_{SSN}.pdf", text), ProcessingConfig().pii)
    assert leaks(out.text + out.file_name + out.source_uri) == []

    def broken(*args, **kwargs):  # a name that cannot be scanned is redacted, not leaked
        raise RuntimeError(f"scan failed on {SSN}")

    monkeypatch.setattr(step, "name_matches", broken)
    failed = mask_names(record(f"x_{IBAN}.pdf"), ProcessingConfig().pii)
    assert failed.file_name == failed.source_uri == "[REDACTED]"
    assert leaks(caplog.text) == []
