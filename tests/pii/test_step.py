"""The DetectPII step on a record: findings, masked text and fields, raw text on request,
narrowing, and no raw PII in the record, the logs or a failure summary."""
import json
import logging

import pytest

from flexorch_beam import codes
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.pii.step import detect_pii_record
from flexorch_beam.record import Record, ExtractedField, to_json_line
from flexorch_beam.transforms.base import run_step

RAW = ("Fatura\nMüşteri: Ayşe Kaya\nT.C. Kimlik No: 10000000146\n"
       "IBAN: TR33 0006 1005 1978 6457 8413 26\nE-posta: ayse.kaya@example.com\nToplam: 1.250,00 TL\n")
SECRETS = ("Ayşe Kaya", "10000000146", "TR33 0006", "ayse.kaya@example.com", "TR330006100519786457841326")


def record(text=RAW, fields=()):
    return Record(id="job_1", document_id="doc_1", source_uri="mem://a", file_name="a.txt",
                     format="txt", text=text, fields=tuple(fields))


def fields():
    return (ExtractedField("customer_name", "Ayşe Kaya", 0.9, "rule"),
            ExtractedField("iban", "TR330006100519786457841326", 0.9, "rule"),
            ExtractedField("total_amount", "1250.00", 0.9, "rule"))


def test_findings_and_masked_text_by_default():
    out = detect_pii_record(record(fields=fields()), ProcessingConfig().pii)
    assert [f.type for f in out.pii_findings] == ["PERSON", "TR_TCKN", "TR_IBAN", "EMAIL"]
    assert out.pii_findings_count == 4
    assert out.pii_types == ("EMAIL", "PERSON", "TR_IBAN", "TR_TCKN")
    assert out.privacy_applied is True and out.raw_text is None
    assert out.text == ("Fatura\nMüşteri: [PERSON]\nT.C. Kimlik No: [TR_TCKN]\nIBAN: [TR_IBAN]\n"
                        "E-posta: [EMAIL]\nToplam: 1.250,00 TL\n")
    for finding in out.pii_findings:  # spans refer to the raw text
        assert RAW[finding.start:finding.end] in SECRETS or RAW[finding.start:finding.end].startswith("TR33")
        assert 0.5 <= finding.score <= 1.0 and finding.jurisdiction in ("TR", "GLOBAL")
    assert [f.value for f in out.fields] == ["[PERSON]", "[TR_IBAN]", "1250.00"]
    line = to_json_line(out)
    assert not any(secret in line for secret in SECRETS)


def test_keep_raw_text_keeps_raw_text_and_fields():
    out = detect_pii_record(record(fields=fields()), ProcessingConfig(keep_raw_text=True).pii)
    assert out.raw_text == RAW and "[TR_TCKN]" in out.text
    assert out.fields == fields()


def test_mask_off_reports_but_does_not_mask():
    out = detect_pii_record(record(fields=fields()), ProcessingConfig(mask=False).pii)
    assert out.text == RAW and out.privacy_applied is False and out.pii_findings_count == 4
    assert out.fields == fields() and out.raw_text is None


def test_nothing_found_leaves_text_alone():
    out = detect_pii_record(record("Invoice INV-2024-0001, total 12.50 EUR"), ProcessingConfig().pii)
    assert out.pii_findings == () and out.pii_findings_count == 0 and out.privacy_applied is False
    assert out.text == "Invoice INV-2024-0001, total 12.50 EUR"


def test_no_text():
    out = detect_pii_record(record(None), ProcessingConfig(keep_raw_text=True).pii)
    assert out.pii_findings == () and out.text is None and out.raw_text is None


def test_narrowing_by_types_and_jurisdictions():
    only_email = detect_pii_record(record(), ProcessingConfig(pii_types=("EMAIL",)).pii)
    assert only_email.pii_types == ("EMAIL",) and "10000000146" in only_email.text
    only_tr = detect_pii_record(record(), ProcessingConfig(jurisdictions=("TR",)).pii)
    assert only_tr.pii_types == ("TR_IBAN", "TR_TCKN") and "ayse.kaya@example.com" in only_tr.text


@pytest.mark.parametrize("mode, token", [("indexed", "<TR_TCKN_1>"), ("redact", "[REDACTED]"),
                                         ("placeholder", "[TR_TCKN]")])
def test_modes_through_the_step(mode, token):
    assert token in detect_pii_record(record(), ProcessingConfig(mask_mode=mode).pii).text


def test_hash_mode_reads_the_key_from_the_env(monkeypatch):
    monkeypatch.setenv("PII_TEST_KEY", "s3cret")
    config = ProcessingConfig(mask_mode="hash", mask_key_env="PII_TEST_KEY")
    a = detect_pii_record(record(), config.pii).text
    b = detect_pii_record(record("Kimlik no 10000000146"), config.pii).text
    token = a.split("T.C. Kimlik No: ")[1].split("\n")[0]
    assert token.startswith("[TR_TCKN:") and token in b


def test_missing_key_fails_the_document_without_content(monkeypatch, caplog):
    monkeypatch.delenv("PII_TEST_KEY", raising=False)
    caplog.set_level(logging.DEBUG)
    config = ProcessingConfig(mask_mode="hash", mask_key_env="PII_TEST_KEY")
    out = run_step("pii", detect_pii_record, record(), config.pii)
    assert out.status == codes.STATUS_FAILED and out.failure_reason == codes.INTERNAL_ERROR
    assert "PII_TEST_KEY" in out.processing_summary
    assert not any(s in out.processing_summary for s in SECRETS)
    assert not any(s in caplog.text for s in SECRETS)


def test_no_raw_pii_in_logs(caplog):
    caplog.set_level(logging.DEBUG)
    out = run_step("pii", detect_pii_record, record(fields=fields()), ProcessingConfig().pii)
    assert out.status == codes.STATUS_COMPLETED
    assert "pii on job_1: 4 finding(s)" in caplog.text  # the step did log, with counts only
    assert not any(secret in caplog.text for secret in SECRETS)


def test_findings_never_carry_the_value():
    out = detect_pii_record(record(), ProcessingConfig(keep_raw_text=True).pii)
    dumped = json.dumps([f.__dict__ for f in out.pii_findings], ensure_ascii=False)
    assert not any(secret in dumped for secret in SECRETS)


def test_mask_text_for_text_leaving_the_machine():
    from flexorch_beam.pii.step import mask_text

    assert mask_text("TC 10000000146, mail a.b@example.com") == "TC [TR_TCKN], mail [EMAIL]"
