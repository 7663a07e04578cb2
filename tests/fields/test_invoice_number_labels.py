"""The invoice number when no invoice label is printed: booking, reservation, document and
reference numbers, behind every invoice label; a customer's or an order's number never."""
from __future__ import annotations

import pytest

from flexorch_beam.fields import parsers
from flexorch_beam.fields.extract import extract_rules


def number(text: str, lang: str | None = "en") -> str | None:
    found = extract_rules(text, "invoice", lang, "pdf").get("invoice_number")
    return found[0] if found else None


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("PAYMENT RECEIPT\nBooking ID      Payment Mode\nIBZY2087        Cash at Hotel\nTotal Rs 1939", "en", "IBZY2087"),
    ("Hotelrechnung\nBuchungsnummer: HB-44821\nSumme 120,00 EUR", "de", "HB-44821"),
    ("Numéro de réservation : RSV889120\nTotal TTC 88,00 €", "fr", "RSV889120"),
    ("Numer dokumentu: FV/2023/118\nRazem do zapłaty 99,00 zł", "pl", "FV/2023/118"),
])
def test_a_booking_or_document_number_stands_in_for_the_invoice_number(text: str, lang: str, expected: str) -> None:
    assert number(text, lang) == expected


def test_the_invoice_label_comes_before_a_booking_number() -> None:
    text = "Booking ID: BK-77120\nInvoice No: INV-2023-0042\nTotal 50.00 EUR"
    assert number(text) == "INV-2023-0042"


@pytest.mark.parametrize("text", [
    "Your reference no: CUST-5512\nTotal 12.00 EUR",
    "Order no: SO-88812\nTotal 12.00 EUR",
])
def test_a_customers_or_an_orders_number_is_not_the_invoice_number(text: str) -> None:
    assert number(text) is None


@pytest.mark.parametrize(("raw", "expected"), [
    ("IBZY 2087", "IBZY 2087"),  # a series prefix and its number parted by a space (OCR)
    ("INV-2024-0012", "INV-2024-0012"),
    ("NO 2087", "2087"),  # a caption word is not a prefix
    ("Cash at Hotel 2087", "2087"),
])
def test_a_capital_prefix_parted_from_its_number_stays_with_it(raw: str, expected: str) -> None:
    assert parsers.identifier(raw, "en", "dmy") == expected


def test_a_tax_id_printed_with_dashes_is_read_so_the_sellers_comes_before_the_buyers() -> None:
    text = ("Faktura nr: F 1234K20/1234/12\nSprzedawca: Hurtownia Kowalski S.A.\nNIP: 774-00-01-454\n"
            "Nabywca: Urząd Gminy\nNIP: 5261040828\nNależność ogółem: 316,83 PLN\n")
    assert extract_rules(text, "invoice", "pl", "pdf")["vendor_tax_id"][0] == "7740001454"


def test_an_unlabelled_hash_number_in_the_head_is_the_invoice_number() -> None:
    text = "Sammy Store          N VV | FE\nsammy@store.example\n              # inv_2022_17\nDate: Jan 1, 2022\nTotal: $127.50\n"
    assert number(text) == "inv_2022_17"
    # not a hash in a table row lower down, nor one without a digit
    rows = "\n".join(f"Line {n}" for n in range(30))
    assert number("ACME\n# draft\n" + rows + "\nItem   # 12345   2.00\nTotal 2.00 EUR") is None
