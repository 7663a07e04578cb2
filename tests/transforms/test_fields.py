"""Classify | ExtractFields with TestPipeline: typed, normalised fields per record."""
import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.record import Record
from flexorch_beam.transforms.classify import Classify
from flexorch_beam.transforms.fields import ExtractFields


def _record(name: str, text: str) -> Record:
    return Record(id=f"job_{name}", document_id=f"doc_{name}", source_uri=f"mem://{name}", file_name=name,
                     format="txt", text=text)


INVOICE = ("e-Arşiv Fatura\nYıldız Teknoloji A.Ş.\nVKN: 1234567890\nSAYIN\nAhmet Yılmaz\n"
           "Fatura No: GIB2024000000012\nFatura Tarihi: 5 Mart 2024\nSon Ödeme Tarihi: 04.04.2024\n"
           "Ara Toplam: 2.000,00 TL\nKDV %20: 400,00 TL\nGenel Toplam: 2.400,00 TL\n"
           "IBAN: TR33 0006 1005 1978 6457 8413 26\n")
RECEIPT = "Joe's Deli\nDocument: Receipt\nDate: Mar 5, 2024\nCoffee 3.50\nTotal $3.75\nThank you for shopping with us!"
LETTER = "Dear Ms Smith,\nwe have moved to a new office.\nSincerely,\nJohn"


def test_fields_after_classification():
    config = ProcessingConfig()
    with TestPipeline() as p:
        out = (p | beam.Create([_record("inv", INVOICE), _record("rcpt", RECEIPT), _record("ltr", LETTER)])
               | Classify(config) | ExtractFields(config)
               | beam.Map(lambda e: (e.file_name, e.doc_type,
                                     tuple(sorted((f.name, f.value, f.method) for f in e.fields if f.value)))))
        assert_that(out, equal_to([
            ("inv", "invoice", tuple(sorted([
                ("invoice_number", "GIB2024000000012", "rule"), ("invoice_date", "2024-03-05", "rule"),
                ("due_date", "2024-04-04", "rule"), ("vendor_name", "Yıldız Teknoloji A.Ş.", "rule"),
                ("vendor_tax_id", "1234567890", "rule"), ("customer_name", "Ahmet Yılmaz", "rule"),
                ("currency", "TRY", "rule"), ("subtotal", "2000.00", "rule"), ("tax_amount", "400.00", "rule"),
                ("tax_rate", "20", "rule"), ("total_amount", "2400.00", "rule"),
                ("iban", "TR330006100519786457841326", "rule")]))),
            ("rcpt", "receipt", tuple(sorted([
                ("merchant_name", "Joe's Deli", "rule"), ("date", "2024-03-05", "rule"),
                ("total_amount", "3.75", "rule"), ("currency", "USD", "rule")]))),
            ("ltr", "other", ()),
        ]))
