import pytest

from flexorch_beam.classify import DOC_TYPES, classify_record, classify_text, score_types
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.fields.fold import fold
from flexorch_beam.record import Record

DOCS = {
    ("invoice", "tr"): "e-Arşiv Fatura\nFatura No: GIB2024000000012\nFatura Tarihi: 05.03.2024\nSAYIN\nAli Veli\n"
                       "Ara Toplam 100,00 TL\nKDV %20 20,00 TL\nGenel Toplam 120,00 TL\nSipariş No: PO-1",
    ("invoice", "de"): "Rechnung\nRechnungsnummer: RE-2024-1\nRechnungsdatum: 05.03.2024\nZwischensumme 100,00 €\n"
                       "MwSt. 19 % 19,00 €\nGesamtbetrag 119,00 €\nIhre Bestellung: B123",
    ("invoice", "en"): "INVOICE\nInvoice No.: INV-1\nBill To: Globex\nSubtotal $100.00\nSales Tax 8% $8.00\nTotal $108.00",
    ("payroll_slip", "tr"): "Maaş Bordrosu\nPersonel: Ayşe\nDönem: Mart 2024\nBrüt Ücret 50.000,00\n"
                            "SGK İşçi Payı 7.000,00\nGelir Vergisi 6.000,00\nNet Ödenen 37.000,00",
    ("payroll_slip", "de"): "Lohnabrechnung\nMärz 2024\nBruttolohn 4.000,00\nLohnsteuer 500,00\nNettolohn 2.800,00",
    ("payroll_slip", "en"): "Payslip\nEmployee ID: E1\nPay Period: March 2024\nGross Pay 5,000.00\n"
                            "Federal Income Tax 600.00\nNet Pay 3,750.00",
    ("purchase_order", "tr"): "Satın Alma Siparişi\nSipariş No: SA-1\nSipariş Tarihi: 05.03.2024\nTedarikçi: X A.Ş.\n"
                              "Teslim Tarihi: 10.03.2024",
    ("purchase_order", "de"): "Bestellung\nBestellnummer: B1\nBestelldatum: 05.03.2024\nLieferant: X GmbH\n"
                              "Liefertermin: 10.03.2024",
    ("purchase_order", "en"): "Purchase Order\nPO Number: PO-1\nOrder Date: 03/05/2024\nVendor: Acme\n"
                              "Delivery Date: 03/10/2024\nShip To: Globex",
    ("receipt", "tr"): "Kafe Yılmaz\nBelge: Satış Fişi\nFiş No: 0042\nÇay 20,00\nTOPKDV %10 1,82\nTOPLAM 20,00\n"
                       "Teşekkür ederiz",
    ("receipt", "de"): "Bäckerei Schmidt\nBeleg: Kassenbon\nBon-Nr. 12\nBrötchen 0,50\nSUMME 5,40\nBar 10,00\n"
                       "Rückgeld 4,60",
    ("receipt", "en"): "Joe's Deli\nDocument: Receipt\nCoffee 3.50\nTotal 3.75\nCash 5.00\nChange due 1.25\n"
                       "Thank you for shopping with us!",
    ("bank_statement", "tr"): "Hesap Özeti\nHesap Sahibi: Ali Veli\nDevreden Bakiye: 1.000,00\n"
                              "Dönem Sonu Bakiye: 500,00",
    ("bank_statement", "de"): "Kontoauszug\nKontoinhaber: Hans\nAlter Kontostand: 1.000,00\nNeuer Kontostand: 500,00",
    ("bank_statement", "en"): "Account Statement\nAccount Holder: Jane\nOpening Balance: 1,000.00\n"
                              "Closing Balance: 500.00",
    ("contract", "tr"): "Hizmet Sözleşmesi\nMadde 1 - Taraflar\nMadde 2 - Konu: İşbu sözleşme ...\nMadde 3 - Bedel",
    ("contract", "de"): "Mietvertrag\nzwischen den Vertragsparteien\n§ 1 Mietgegenstand\n§ 2 Miete\n§ 3 Kündigung",
    ("contract", "en"): "Service Agreement\nThis Agreement is made between the parties.\n1. Services.\n"
                        "2. Fees.\n3. Term.\n4. Governing law.\nSigned:",
}


@pytest.mark.parametrize(("doc_type", "lang"), sorted(DOCS))
def test_types_in_three_languages(doc_type: str, lang: str) -> None:
    predicted, confidence = classify_text(DOCS[(doc_type, lang)])
    assert predicted == doc_type
    assert 0.5 < confidence <= 1.0


@pytest.mark.parametrize(("doc_type", "lang"), sorted(DOCS))
def test_robust_to_ocr_case_and_diacritics(doc_type: str, lang: str) -> None:
    noisy = fold(DOCS[(doc_type, lang)]).upper().replace("I", "İ")
    assert classify_text(noisy)[0] == doc_type


def test_ubl_root_element() -> None:
    ubl = ('<?xml version="1.0"?>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">'
           "<cbc:ID>1</cbc:ID></Invoice>")
    assert classify_text(ubl)[0] == "invoice"
    order = '<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"><cbc:ID>7</cbc:ID></Order>'
    assert classify_text(order)[0] == "purchase_order"


def test_title_in_the_head_beats_mentions_in_the_body() -> None:
    # An invoice that refers to "your purchase order" twice is still an invoice.
    text = "Invoice\nInvoice No.: 1\nYour purchase order PO-1\nPurchase order date 03/01/2024\nTotal 5.00"
    assert classify_text(text)[0] == "invoice"


def test_nothing_convincing_is_other() -> None:
    assert classify_text("The quick brown fox jumps over the lazy dog.") == ("other", 0.9)
    assert classify_text("") == ("other", 0.0)
    letter = ("Dear Ms Smith,\nyour Medicare identifier and Social Security Number on file are unchanged.\n"
              "Sincerely,\nJohn")
    assert classify_text(letter)[0] == "other"


def test_words_inside_email_addresses_are_not_cues() -> None:
    assert score_types("Contact: rechnung@example.de, fatura@example.com.tr")["invoice"] == 0


def test_confidence_falls_with_ambiguity() -> None:
    clear = classify_text(DOCS[("invoice", "en")])[1]
    mixed = classify_text("Invoice\nPurchase Order\nPO Number: 1\nInvoice No.: 2")[1]
    assert mixed < clear


def test_step_sets_language_and_type() -> None:
    record = Record(id="j", document_id="d", source_uri="u", file_name="f", text=DOCS[("invoice", "de")])
    result = classify_record(record, ProcessingConfig())
    assert (result.doc_type, result.language) == ("invoice", "de")
    assert result.doc_type in DOC_TYPES and 0 < result.doc_type_confidence <= 1
    assert 0 < result.language_confidence <= 1


def test_huge_text_is_classified_on_its_beginning() -> None:
    text = DOCS[("invoice", "en")] + "\n" + "lorem ipsum dolor sit amet " * 100_000
    assert classify_text(text)[0] == "invoice"
