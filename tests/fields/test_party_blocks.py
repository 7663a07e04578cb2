"""Who issued an invoice when no label names the seller: the company in the seller's bank or
VAT block, the party block over its own address or e-mail at the top of the page."""
from __future__ import annotations

from flexorch_beam.fields import party
from flexorch_beam.fields.extract import extract_rules
from flexorch_beam.fields.rules import Lines


def vendor(text: str) -> str | None:
    found = extract_rules(text, "invoice", "en", "pdf").get("vendor_name")
    return found[0] if found else None


def test_the_company_in_the_bank_block_is_the_seller_not_the_customer_above() -> None:
    text = ("Factuuradres\nStrategic Corp\nFakestreet 46\n3500 MJ Utrecht\n\n"
            "Factuur VF1005193039\nFactuur totaal EUR 49,99\n\n"
            "Zeewind Nederland B.V. iov Zeewind.com      Tel. 020 7604101\n"
            "Kvk nummer: 04080176                         BTW-nr: NL8152.54.295.B01\n"
            "IBAN: NL58RABO0198723202                     BIC: RABONL2U\n")
    assert party.bank_block_name(Lines.of(text)) == "Zeewind Nederland B.V."
    assert vendor(text) == "Zeewind Nederland B.V."
    assert extract_rules(text, "invoice", "nl", "pdf")["vendor_tax_id"][0] == "NL815254295B01"


def test_a_customer_block_beside_your_vat_number_is_not_the_seller() -> None:
    text = "Bill to\nGlobex Ltd.\nYour VAT number: GB123456789\nTotal 10.00 GBP\n"
    assert party.bank_block_name(Lines.of(text)) is None


def test_the_party_block_over_its_own_address_comes_before_a_tagline() -> None:
    text = ("                                            Global Wholesaler\n"
            "Tarn Interior\n4557 De Silva St\nFremont CA 94538\nUnited States\n"
            "                              YourCompany, Mitchell Admin\n"
            "                              215 Vine St\n                              Scranton PA 18503\n"
            "Invoice INV/2023/03/0008\nTotal $ 279.84\n")
    assert party.address_block(Lines.of(text)) == "Tarn Interior"
    assert vendor(text) == "Tarn Interior"


def test_a_name_over_its_own_e_mail_is_a_party_block_and_bill_to_is_not() -> None:
    text = ("Bill To:                 Ship To:\nTaylor Riddel            Taylor's Store\n"
            "triddel9@fake.com        triddel9@fake.com\n")
    assert party.address_block(Lines.of(text)) is None
    text = "Sammy Maystone        N VV  |  FE\nsmaystone4@fake.com\n\n" + text
    assert party.address_block(Lines.of(text)) == "Sammy Maystone"


def test_receipt_address_misreadings_that_cannot_be_right_are_undone() -> None:
    from flexorch_beam.fields import receipt

    text = ("KEDAI MAJU TRADING SDN BHD\n(123456-A)\nNQ.12, JIn Desa Indah,\nTaman Maju 43000 Kajang\n"
            "(GST ID No: 000123456789)\nLicensee of Maju Foods\nTel 03-1234 5678\n")
    head = receipt.company_and_address(Lines.of(text))
    # "NQ." before a number is "NO.", "JIn" is "Jln"; the registration line closes the address
    assert head.address == "NO.12, Jln Desa Indah Taman Maju 43000 Kajang"


def test_a_street_word_one_ocr_confusion_away_is_that_word_and_other_words_stay() -> None:
    from flexorch_beam.fields.receipt import _fix_address

    assert _fix_address("LOT 12, JALAN ANGSA TANAN BERKELEY") == "LOT 12, JALAN ANGSA TAMAN BERKELEY"
    assert _fix_address("JAIAN Setia 5") == "JALAN Setia 5"
    assert _fix_address("12 BLACK STREET") == "12 BLACK STREET"  # A/O is no OCR confusion
    assert _fix_address("Jalan Bentona") == "Jalan Bentona"  # no known street word


def test_a_turkish_seller_over_its_tax_office_and_vkn_not_the_buyer_under_sayin() -> None:
    text = ("ANADOLU GIDA SAN. VE TIC. LTD. STI.\nAtaturk Cad. No: 5 Ankara\nVergi Dairesi: Cankaya VKN: 1234567890\n\n"
            "SAYIN\nYILMAZ TEKSTIL A.S.\nVKN: 9876543210\n")
    assert party.bank_block_name(Lines.of(text)) == "ANADOLU GIDA SAN. VE TIC. LTD. STI."
