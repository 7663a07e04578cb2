"""Phone numbers of the TR, EU/EEA, UK, CH and US/CA plans, however they are written, and the
business numbers that must not become phones. Values are made here, checked by phonenumbers."""
import phonenumbers
import pytest

from flexorch_beam.pii import phones
from flexorch_beam.pii.step import detect

PHONE_TYPES = {"TR_PHONE", "EU_PHONE", "US_PHONE", "PHONE"}


def found(text):
    return [(m.type, text[m.start:m.end]) for m in detect(text) if m.type in PHONE_TYPES]


@pytest.mark.parametrize("text, kind, value", [
    # international, with the (0) trunk prefix some writers keep
    ("Desk: +41 (0)44 668 18 00", "EU_PHONE", "+41 (0)44 668 18 00"),
    ("Tel +44 (0)20 7946 0958", "EU_PHONE", "+44 (0)20 7946 0958"),
    ("Telefon: +49 (0)30 901820", "EU_PHONE", "+49 (0)30 901820"),
    ("+90 212 345 67 89 numaralı hat", "TR_PHONE", "+90 212 345 67 89"),
    ("reach us on 0049 30 901820 today", "EU_PHONE", "0049 30 901820"),
    # NANP with no space, dots, dashes, extensions, +1 and 001 forms
    ("Phone: (212)555-0143", "US_PHONE", "(212)555-0143"),
    ("write to (415)555-0132 please", "US_PHONE", "(415)555-0132"),
    ("Office 212.555.0143x204", "US_PHONE", "212.555.0143x204"),
    ("Fax: 212-555-0143 ext. 12", "US_PHONE", "212-555-0143 ext. 12"),
    ("call +1-416-555-0199 now", "US_PHONE", "+1-416-555-0199"),  # Toronto: Canada
    ("Direct line 001-212-555-0143", "US_PHONE", "001-212-555-0143"),
    # national forms: Turkish, trunk-0 groupings, dotted French
    ("Cep: 0532 123 45 67", "TR_PHONE", "0532 123 45 67"),
    ("Sabit hat (0212) 449 87 25", "TR_PHONE", "(0212) 449 87 25"),
    ("Mobile: 06.12.34.56.78", "EU_PHONE", "06.12.34.56.78"),
    ("Telefonzentrale 030 901820 0", "EU_PHONE", "030 901820 0"),
    ("Ring 020 7946 0958 before noon", "EU_PHONE", "020 7946 0958"),
    ("Handy 0151 2345 6789", "EU_PHONE", "0151 2345 6789"),
    # plain digits with a phone word
    ("Phone 2125550100", "US_PHONE", "2125550100"),
    ("Mobile:\n612345678\n", "EU_PHONE", "612345678"),
])
def test_written_forms(text, kind, value):
    assert found(text) == [(kind, value)]


def test_a_country_the_document_names_gives_the_plan_and_the_type():
    text = "Our office in Sydney, Australia.\nPhone: (02) 9374 4000\n"
    assert found(text) == [("PHONE", "(02) 9374 4000")]
    regions, cued = phones.candidate_regions(text)
    assert cued == ("AU",) and regions[0] == "AU" and "TR" in regions and "CA" in regions


def test_calling_codes_in_the_document_are_cues():
    _, cued = phones.candidate_regions("Tel +41 44 668 18 00, Fax +90 212 345 67 89")
    assert cued == ("CH", "TR")


@pytest.mark.parametrize("text", [
    "Invoice No: INV-2024-78823",
    "Rechnungsnummer: RE-2023/4550",
    "Order 70670482 of 28.06.2024",
    "Steuer-Nr. 044 241 601 03",
    "Claim No.: 822 545 5281",
    "Kundennummer: 554 132 3273",
    "Office Chair 1.00 Units 70.00 0.00 15.00 % $ 70.00",
    "Date: 2020-06-20 14:11:22",
    "Leistungszeitraum 01.05.14-31.05.14",
    "Reference: 040489-7243",
    "IBAN: IE64 IRCE 9205 0112 3456 78 (broken check digits)",
    "Ref 2125550100",
    "Order 0019595343021",
    "SSN: 078-05-1120",
    "Paid 1.234.567,89 EUR on 13.04.2024 for 12 345 678 units",
])
def test_business_numbers_are_not_phones(text):
    assert found(text) == []


def test_a_number_in_a_table_row_of_small_numbers():
    assert found("Tel 0 0 1 0532 123 45 67 0 1\n") == [("TR_PHONE", "0532 123 45 67")]


def test_values_here_are_valid_or_possible():
    # the oracle is phonenumbers itself, never the detector
    assert phonenumbers.is_valid_number(phonenumbers.parse("+41 44 668 18 00"))
    assert phonenumbers.is_valid_number(phonenumbers.parse("(02) 9374 4000", "AU"))
    assert phonenumbers.is_valid_number(phonenumbers.parse("0151 2345 6789", "DE"))
    assert phonenumbers.is_valid_number(phonenumbers.parse("416-555-0199", "CA"))


def test_country_names_in_any_case_and_script_never_break_the_scan():
    # "MALİ" (Turkish capitals) matches the country name "Mali" case-insensitively
    text = "MALİ MÜŞAVİR RAPORU\nTÜRKİYE\nTel: 0212 449 87 25\nSCHWEIZ, ÖSTERREICH, Deutschland"
    _, cued = phones.candidate_regions(text)
    assert {"TR", "CH", "AT", "DE"} <= set(cued)
    assert found(text) == [("TR_PHONE", "0212 449 87 25")]


@pytest.mark.parametrize("text, phone", [
    ("Call me on +1 415 555 0132 Ext. 123 today.", "+1 415 555 0132 Ext. 123"),
    ("Call (415) 555-0132, ext. 12 today.", "(415) 555-0132, ext. 12"),
    ("Phone: +44 20 7946 0958 EXT 45", "+44 20 7946 0958 EXT 45"),
    ("Tel. 0212 555 12 34 dahili 12", "0212 555 12 34 dahili 12"),
    ("Phone 415-555-0132 X204.", "415-555-0132 X204"),
])
def test_an_extension_after_a_number_is_part_of_it(text, phone):
    from flexorch_beam.pii.step import detect
    assert [text[m.start:m.end] for m in detect(text)] == [phone]


@pytest.mark.parametrize("text, phone", [
    ("Call +1 415 555 0132, 12 people came.", "+1 415 555 0132"),
    ("Call +1 415 555 0132 x.", "+1 415 555 0132"),
    ("Call +1 415 555 0132 extra 12 times.", "+1 415 555 0132"),
])
def test_numbers_after_a_phone_that_are_no_extension_are_left(text, phone):
    from flexorch_beam.pii.step import detect
    assert [text[m.start:m.end] for m in detect(text)] == [phone]
