from flexorch_beam import codes
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.fields.step import extract_fields_record
from flexorch_beam.fields.specs import FIELD_KINDS
from flexorch_beam.record import Record


def _record(text: str, doc_type: str, lang: str = "en") -> Record:
    return Record(id="job_1", document_id="doc_1", source_uri="mem://a", file_name="a.txt", format="txt",
                     text=text, language=lang, doc_type=doc_type, doc_type_confidence=0.9)


def test_every_field_of_the_type_is_recorded_found_or_not() -> None:
    result = extract_fields_record(_record("RECEIPT\nJoe's Diner\nTotal: $12.00\n", "receipt"), ProcessingConfig().fields)
    assert [f.name for f in result.fields] == list(FIELD_KINDS["receipt"])
    by_name = {f.name: f for f in result.fields}
    assert by_name["total_amount"].value == "12.00" and by_name["total_amount"].method == "rule"
    assert 0 < by_name["total_amount"].confidence <= 1
    assert by_name["date"].value is None and by_name["date"].confidence == 0.0


def test_failed_cross_check_warns_on_the_field() -> None:
    text = "Invoice\nInvoice No.: A-1\nSubtotal: 100.00 EUR\nVAT 20%: 20.00 EUR\nTotal: 150.00 EUR\n"
    result = extract_fields_record(_record(text, "invoice"), ProcessingConfig().fields)
    assert (codes.LOW_CONFIDENCE, "total_amount") in [(w.code, w.field) for w in result.warnings]
    total = next(f for f in result.fields if f.name == "total_amount")
    assert total.confidence < 0.9


def test_low_confidence_values_are_flagged() -> None:
    text = "Rechnung\nRechnungsnummer: RE-1\nGesamtbetrag: 119,00\n"  # no currency mark at all
    result = extract_fields_record(_record(text, "invoice", "de"), ProcessingConfig().fields)
    currency = next(f for f in result.fields if f.name == "currency")
    assert currency.value == "EUR" and currency.confidence < 0.5
    assert (codes.LOW_CONFIDENCE, "currency") in [(w.code, w.field) for w in result.warnings]


def test_types_without_fields_pass_through() -> None:
    record = _record("Dear Sir, thank you.", "other")
    assert extract_fields_record(record, ProcessingConfig().fields) is record


def test_deterministic() -> None:
    text = "Payslip\nEmployee: John Smith\nGross Pay: $5,000.00\nNet Pay: $3,750.00\n"
    a = extract_fields_record(_record(text, "payroll_slip"), ProcessingConfig().fields)
    b = extract_fields_record(_record(text, "payroll_slip"), ProcessingConfig().fields)
    assert a == b
