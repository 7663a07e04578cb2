"""Per recognizer: valid values in context are found with their exact span and type; broken
look-alikes, values of the wrong shape and numbers that are not PII are not."""
import random

import pytest
from stdnum import iban, numdb

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.pii.catalog import BY_ID
from flexorch_beam.pii.eu import SEPA_COUNTRIES
from flexorch_beam.pii.examples import iban_for
from flexorch_beam.pii.labelled import CHECKSUM_TYPES, LABELS, LOOKALIKES, MAKERS
from flexorch_beam.pii.step import detect


def found(text, config=ProcessingConfig()):
    return [(m.type, text[m.start:m.end]) for m in detect(text, config.pii)]


@pytest.mark.parametrize("type_id", sorted(MAKERS))
def test_valid_values_in_context_are_found(type_id):
    rng = random.Random(type_id)
    for n in range(4):
        value = MAKERS[type_id](rng)
        # (a blank line after: an address takes in the city line after it, "Summe" too)
        text = f"Kunde 4711\n{LABELS[type_id][n % 3]}: {value}\n\nSumme 12,50 EUR\n"
        assert (type_id, value) in found(text), (type_id, n)


@pytest.mark.parametrize("type_id", sorted(CHECKSUM_TYPES))
def test_broken_checksums_are_not_found(type_id):
    rng = random.Random(type_id)
    for _ in range(4):
        broken = LOOKALIKES[type_id](rng)
        assert found(f"Reference: {broken}\n") == [], (type_id, broken)


@pytest.mark.parametrize("country", sorted(SEPA_COUNTRIES))
def test_iban_of_every_sepa_country(country):
    rng = random.Random(country)
    value = iban_for(rng, country)
    assert found(f"Konto: {value}") == [("IBAN", value)]
    compact = iban.compact(value)
    assert found(f"Konto: {compact}") == [("IBAN", compact)]
    check = int(compact[2:4])
    broken = compact[:2] + f"{(check + 1) % 97 + 2:02d}" + compact[4:]
    assert not iban.is_valid(broken)
    assert found(f"Konto: {broken}") == []


def test_every_sepa_country_has_an_iban_format():
    db = numdb.get("iban")
    assert all(db.info(c)[0][1].get("bban") for c in SEPA_COUNTRIES)


@pytest.mark.parametrize("ssn", ["000-12-3456", "666-12-3456", "912-34-5678", "123-00-4567",
                                 "123-45-0000", "078-05-1120"])
def test_ssn_invalid_ranges_are_rejected(ssn):
    assert [t for t, _ in found(f"SSN: {ssn}")] in ([], ["US_ITIN"]) and ("US_SSN", ssn) not in found(f"SSN: {ssn}")


def test_ssn_shapes_and_context():
    assert found("SSN: 123-45-6789") == [("US_SSN", "123-45-6789")]
    assert found("Employee 123-45-6789 joined") == [("US_SSN", "123-45-6789")]  # dashed stands alone
    assert found("Order 123456789 shipped") == []  # plain nine digits need a context word
    assert found("SSN 123456789") == [("US_SSN", "123456789")]


@pytest.mark.parametrize("number, ok", [
    ("4111 1111 1111 1111", True),    # Visa
    ("5500 0000 0000 0004", True),    # Mastercard
    ("3782 822463 10005", True),      # Amex
    ("6011 1111 1111 1117", True),    # Discover
    ("9792 0000 0000 0001", False),   # Troy prefix but Luhn fails
    ("1234 5678 9012 3452", False),   # Luhn-valid, no issuer
    ("4111 1111 1111 1112", False),   # Luhn fails
])
def test_cards_need_luhn_and_an_issuer_range(number, ok):
    assert (("CREDIT_CARD", number) in found(f"Card: {number}")) is ok


def test_broken_card_is_not_mined_for_shorter_numbers():
    assert found("Tracking No.: 4111 1111 1111 1112") == []


def test_tr_values():
    assert found("T.C. Kimlik No: 10000000146") == [("TR_TCKN", "10000000146")]
    assert found("Abone No: 10000000147") == []
    assert found("Cep: 0532 123 45 67") == [("TR_PHONE", "0532 123 45 67")]
    assert found("Telefon: +90 212 345 67 89") == [("TR_PHONE", "+90 212 345 67 89")]
    assert found("Plaka: 34 ABC 12") == [("TR_LICENSE_PLATE", "34 ABC 12")]
    assert found("34 ABC 12 adet") == []  # a plate needs its context word
    assert found("Plaka: 99 ABC 12") == []  # no province 99
    assert found("Pasaport No: U12345678") == [("TR_PASSPORT", "U12345678")]
    assert found("VKN: 1234567890")[:1] in ([], [("TR_VKN", "1234567890")])


def test_wrapped_iban_is_found_across_the_line_break():
    text = "IBAN: TR33 0006 1005 1978\n6457 8413 26 SWIFT: TGBATRIS"
    assert ("TR_IBAN", "TR33 0006 1005 1978\n6457 8413 26") in found(text)
    assert ("SWIFT_BIC", "TGBATRIS") in found(text)


def test_bic_only_with_context():
    assert found("SWIFT: DEUTDEFF") == [("SWIFT_BIC", "DEUTDEFF")]
    assert found("CUSTOMER SERVICE") == []


def test_date_of_birth_only_after_a_cue():
    assert found("Date of Birth: 12.03.1985") == [("DATE_OF_BIRTH", "12.03.1985")]
    assert found("Doğum Tarihi: 5 Mart 1990") == [("DATE_OF_BIRTH", "5 Mart 1990")]
    assert found("geboren am 1985-03-12 in Köln")[:1] == [("DATE_OF_BIRTH", "1985-03-12")]
    assert found("Invoice date: 12.03.1985") == []
    assert found("Date of birth: 31.02.1985") == []  # no such day


@pytest.mark.parametrize("text, name", [
    ("Müşteri: Ayşe Kaya", "Ayşe Kaya"),
    ("Dear John Smith,", "John Smith"),
    ("Sehr geehrter Herr Müller,", "Müller"),
    ("Ansprechpartner: Thomas Schneider", "Thomas Schneider"),
    ("Sayın Mehmet Ali Yılmaz,", "Mehmet Ali Yılmaz"),
    ("Name: Zxq Vlorbin", "Zxq Vlorbin"),  # unknown first name, but after a name cue
])
def test_person_by_gazetteer_or_cue(text, name):
    assert ("PERSON", name) in found(text)


@pytest.mark.parametrize("text", ["Invoice Number: 12", "Total Amount Due", "Bill To: ACME GmbH",
                                  "Kira Geliri", "KIRA SÖZLEŞMESI", "Grein Groth Medizintechnik GmbH"])
def test_document_words_are_not_people(text):
    assert [t for t, _ in found(text)] == []


@pytest.mark.parametrize("text", [
    "11/20/2015 09/28/2015 Boeing Company El Segundo 120",  # a city holding a first name
    "Forever 21 Retail, Inc. San Luis Obispo 44",  # "Luis" inside a longer place name
    "Maine 299 4,048\nNorthern Mariana Islands 0 0 0\nMariana Islands 0 0",
    "Wisconsin 1,234\nWest Virginia 5,678",
    "Hilton San Francisco Union Square 120",
    "Parker Hannifin Corporation Anaheim 77",  # a company, then a city
    "Associated claims\nClaim ID Claim type Claim date",  # "claims" does not end in "ms"
    "[FR Doc. 2020-17221 Filed 8-5-20; 8:45 am]",  # Federal Register, not "Fr. Doc"
    "the Irish language by An Imperial Japanese Revolt",
])
def test_places_companies_and_words_are_not_people(text):
    assert [value for kind, value in found(text) if kind == "PERSON"] == []


def test_a_first_name_is_not_run_into_the_next_capitalised_word():
    # "At" is no surname; the NER model (when installed) reads "Alex" alone as the person.
    people = [v for k, v in found("when veteran officer Alex At the Metro West Precinct")
              if k == "PERSON"]
    assert people in ([], ["Alex"])


def test_a_name_stops_where_a_place_begins():
    assert ("PERSON", "Adam Smith") in found("Contact: Adam Smith Santa Maria office")
    assert [v for k, v in found("El Dorado Berry Farms, LLC (Adam Santa Maria)") if k == "PERSON"] == []
    # People named like places stay people: the place must cover the first name.
    assert ("PERSON", "Florence Nightingale") in found("Nurse: Florence Nightingale")
    assert ("PERSON", "Virginia Woolf") in found("Author: Virginia Woolf")
    # a title in capitals text opens the name, and is masked with it
    assert found("MR JOHN SMITH") == [("PERSON", "MR JOHN SMITH")]


def test_a_date_is_no_house_number():
    text = "03/20/2016 01/20/2016 Destination Geary Street 120"
    assert [v for k, v in found(text) if k == "ADDRESS"] == []
    assert ("ADDRESS", "221 Baker Street") in found("Address: 221 Baker Street")


@pytest.mark.parametrize("address", [
    "Bağdat Cad. No: 125 D: 13, 34710 Kadıköy/İstanbul",
    "Moda Mahallesi Bahariye Caddesi No: 12 Daire 3",
    "Hauptstraße 5, 10115 Berlin",
    "Jens-Drubin-Straße 115, 76317 Ribnitz-Damgarten",
    "221 Baker Street, London",
    "9390 Yvonne Route Suite 858, North Christopherburgh, NV 66307",
    "ul. Paderewskiego 77, 61-668 Tarnów",
])
def test_addresses_tr_de_en_and_eu_lines(address):
    assert ("ADDRESS", address) in found(f"Adres:\n{address}\n")


@pytest.mark.parametrize("text", [
    "Versand am 12.03.2024, 12345 Artikel",
    "Widget, 1200 Stück",
    "Total: 1.234,56 EUR, 20 Positionen",
])
def test_non_addresses(text):
    assert [t for t, _ in found(text) if t == "ADDRESS"] == []


@pytest.mark.parametrize("text", [
    "Invoice No: INV-2024-00123", "Fatura No: FTR2024000000123", "Total: 12.345,67 EUR",
    "Amount due: $12,345.67", "Date: 2024-03-05 14:30", "Qty 12 x 99,90 = 1198,80",
    "Handelsregister: HRB 12345", "Seite 1 von 3", "KDV %20", "Version 2.4.1",
])
def test_business_numbers_are_not_pii(text):
    assert found(text) == []


def test_phones_of_three_jurisdictions():
    assert found("Tel: +49 30 12345678") == [("EU_PHONE", "+49 30 12345678")]
    assert found("Phone: (212) 555-0100") == [("US_PHONE", "(212) 555-0100")]
    assert found("Ref 2125550100") == []  # plain digits need a phone word
    assert found("Phone 2125550100") == [("US_PHONE", "2125550100")]
    assert found("Order 0019595343021") == []


def test_network_and_wallet_values():
    assert found("IP: 192.168.1.10") == [("IP_ADDRESS", "192.168.1.10")]
    assert found("IPv6 2001:db8::ff00:42:8329") == [("IP_ADDRESS", "2001:db8::ff00:42:8329")]
    assert found("IP 999.1.1.1") == []
    assert found("MAC 02:1A:2B:3C:4D:5E") == [("MAC_ADDRESS", "02:1A:2B:3C:4D:5E")]
    assert found("Wallet 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2") == [("CRYPTO_WALLET", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2")]


def test_every_recognizer_accepts_its_own_values():
    # the shapes the generator prints are the shapes the patterns take
    rng = random.Random(5)
    for type_id, make in MAKERS.items():
        value = make(rng)
        assert BY_ID[type_id].accepts(value.replace("\n", " ")) or type_id in (
            "EMAIL", "SWIFT_BIC", "DATE_OF_BIRTH"), type_id  # these need their cue or context word


def test_cached_iban_and_ein_checks_agree_with_stdnum():
    from stdnum.us import ein

    from flexorch_beam.pii.eu import iban_valid
    from flexorch_beam.pii.us import _ein

    rng = random.Random(11)
    for country in sorted(SEPA_COUNTRIES | {"TR", "SA", "BR"}):
        value = iban_for(rng, country) if country in SEPA_COUNTRIES | {"TR"} else None
        for candidate in filter(None, [value, value and value[:-1] + str((int(value[-1]) + 1) % 10)
                                       if value and value[-1].isdigit() else None]):
            assert iban_valid(candidate) == iban.is_valid(candidate), candidate
    for candidate in ("SA03 8000 0000 6080 1016 7519", "XX12 3456", "DE00", "BE68 5390 0754 7034"):
        assert iban_valid(candidate) == iban.is_valid(candidate), candidate
    for n in range(300):
        value = f"{rng.randint(0, 99):02d}-{rng.randint(0, 9999999):07d}"
        assert bool(_ein(value)) == ein.is_valid(value), value
