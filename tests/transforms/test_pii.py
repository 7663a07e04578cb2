"""DetectPII in a real Beam pipeline: masked records out, failed records untouched, per-type
counters, and configuration errors raised before the pipeline runs."""
import apache_beam as beam
import pytest
from apache_beam.metrics.metric import MetricsFilter
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from flexorch_beam import codes
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.pii.catalog import UnknownSelection
from flexorch_beam.pii.mask import MaskKeyMissing
from flexorch_beam.record import Record, fail
from flexorch_beam.transforms.pii import DetectPII


def _record(name, text):
    return Record(id=f"job_{name}", document_id=f"doc_{name}", source_uri=f"mem://{name}",
                     file_name=name, format="txt", text=text)


RECORDS = [
    _record("a", "Müşteri: Ayşe Kaya\nT.C. Kimlik No: 10000000146"),
    _record("b", "Invoice INV-2024-0001\nTotal 12.50 EUR"),
    _record("c", "Contact: john.smith@example.com, SSN 123-45-6789"),
    fail(_record("d", "IBAN TR33 0006 1005 1978 6457 8413 26"), codes.CORRUPT_FILE, "broken"),
]


def test_detect_pii_in_a_pipeline():
    pipeline = TestPipeline()
    out = (pipeline | beam.Create(RECORDS) | DetectPII(ProcessingConfig(mask_mode="indexed"))
           | beam.Map(lambda e: (e.file_name, e.status, e.text, e.pii_types, e.privacy_applied)))
    assert_that(out, equal_to([
        ("a", "completed", "Müşteri: <PERSON_1>\nT.C. Kimlik No: <TR_TCKN_1>", ("PERSON", "TR_TCKN"), True),
        ("b", "completed", "Invoice INV-2024-0001\nTotal 12.50 EUR", (), False),
        ("c", "completed", "Contact: <EMAIL_1>, SSN <US_SSN_1>", ("EMAIL", "US_SSN"), True),
        ("d", "failed", None, (), False),  # a failed record carries no text
    ]))
    result = pipeline.run()
    result.wait_until_finish()
    counters = {c.key.metric.name: c.committed
                for c in result.metrics().query(MetricsFilter())["counters"]}
    assert counters["pii_TR_TCKN"] == 1 and counters["pii_EMAIL"] == 1
    assert counters["pii_privacy_applied"] == 2
    assert not any("10000000146" in name or "@" in name for name in counters)


def test_configuration_errors_before_the_run(monkeypatch):
    with pytest.raises(UnknownSelection):
        DetectPII(ProcessingConfig(pii_types=("NOPE",)))
    with pytest.raises(UnknownSelection):
        DetectPII(ProcessingConfig(jurisdictions=("XX",)))
    with pytest.raises(ValueError, match="mask mode"):
        DetectPII(ProcessingConfig(mask_mode="scramble"))
    monkeypatch.delenv("PII_BEAM_KEY", raising=False)
    with pytest.raises(MaskKeyMissing, match="PII_BEAM_KEY"):
        DetectPII(ProcessingConfig(mask_mode="hash", mask_key_env="PII_BEAM_KEY"))
    DetectPII(ProcessingConfig(mask_mode="hash", mask_key_env="PII_BEAM_KEY", mask=False))
