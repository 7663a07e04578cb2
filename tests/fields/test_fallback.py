from flexorch_beam.fields.fallback import mask_for_llm, validate_answer, wanted
from flexorch_beam.fields.specs import FIELD_KINDS


def test_mask_hides_ids_mails_phones_but_keeps_amounts() -> None:
    text = ("Contact jane.doe@example.com, +90 533 187 08 60. IBAN TR33 0006 1005 1978 6457 8413 26, "
            "TCKN 10000000146. Total 1.234,56 TL on 05.03.2024")
    masked = mask_for_llm(text)
    for secret in ("jane.doe@example.com", "187 08 60", "10000000146", "1978 6457"):
        assert secret not in masked
    assert "1.234,56" in masked and "05.03.2024" in masked


def test_wanted_skips_identifiers_and_confident_fields() -> None:
    kinds = FIELD_KINDS["invoice"]
    names = wanted(kinds, {"total_amount": ("10.00", 0.9), "subtotal": ("8.00", 0.3)})
    assert "total_amount" not in names and "subtotal" in names
    assert not {"iban", "vendor_tax_id"} & set(names)


def test_answers_are_validated_and_normalised() -> None:
    kinds = FIELD_KINDS["invoice"]
    answer = {"invoice_date": "2024-03-05", "due_date": "next tuesday", "total_amount": "1234.5",
              "subtotal": {"nested": 1}, "currency": "euro", "tax_rate": 19, "customer_name": "Globex Corp",
              "vendor_name": "x" * 200}
    names = ["invoice_date", "due_date", "total_amount", "subtotal", "currency", "tax_rate", "customer_name",
             "vendor_name"]
    assert validate_answer(answer, kinds, names, "de", "") == {
        "invoice_date": "2024-03-05", "total_amount": "1234.50", "currency": "EUR", "tax_rate": "19",
        "customer_name": "Globex Corp"}
