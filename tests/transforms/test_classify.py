"""Classify with TestPipeline: language and type set; failed records pass through untouched."""
import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from flexorch_beam import codes
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.record import Record, fail
from flexorch_beam.transforms.classify import Classify


def _record(name: str, text: str) -> Record:
    return Record(id=f"job_{name}", document_id=f"doc_{name}", source_uri=f"mem://{name}", file_name=name,
                     format="txt", text=text)


def test_classify_sets_language_and_type():
    records = [
        _record("a", "Rechnung\nRechnungsnummer: RE-1\nRechnungsdatum: 05.03.2024\nGesamtbetrag 119,00 €"),
        _record("b", "Maaş Bordrosu\nPersonel: Ayşe Kaya\nBrüt Ücret 50.000,00\nNet Ödenen 37.000,00"),
        _record("c", "Purchase Order\nPO Number: PO-1\nOrder Date: 03/05/2024\nDelivery Date: 03/10/2024"),
        fail(_record("d", "Invoice"), codes.CORRUPT_FILE, "broken"),
    ]
    with TestPipeline() as p:
        out = (p | beam.Create(records) | Classify(ProcessingConfig())
               | beam.Map(lambda e: (e.file_name, e.status, e.language, e.doc_type,
                                     e.doc_type_confidence is not None and e.doc_type_confidence > 0.5)))
        assert_that(out, equal_to([
            ("a", "completed", "de", "invoice", True),
            ("b", "completed", "tr", "payroll_slip", True),
            ("c", "completed", "en", "purchase_order", True),
            ("d", "failed", None, None, False),
        ]))
