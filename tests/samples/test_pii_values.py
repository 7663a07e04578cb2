import datetime as dt
import random

import pytest

from flexorch_samples import pii_values as pv
from flexorch_samples.people import company, person

GENERATORS = {
    "TR_TCKN": pv.tr_tckn, "TR_VKN": pv.tr_vkn, "TR_PASSPORT": pv.tr_passport, "TR_LICENSE_PLATE": pv.tr_plate,
    "TR_IBAN": lambda r: pv.iban_for(r, "TR"), "DE_STEUER_ID": pv.de_steuer_id, "ES_DNI": pv.es_dni,
    "ES_NIE": pv.es_nie, "NL_BSN": pv.nl_bsn, "UK_NINO": pv.uk_nino, "US_SSN": pv.us_ssn, "US_ITIN": pv.us_itin,
    "US_EIN": pv.us_ein, "US_ABA_ROUTING": pv.us_aba, "US_MBI": pv.us_mbi, "US_PASSPORT": pv.us_passport,
    "CREDIT_CARD": pv.credit_card, "IP_ADDRESS": pv.ipv6, "MAC_ADDRESS": pv.mac_address,
    "TR_PHONE": pv.tr_phone, "US_PHONE": pv.us_phone,
    "FR_NIR": lambda r: pv.fr_nir(r, dt.date(1984, 7, 3), True),
    "PL_PESEL": lambda r: pv.pl_pesel(r, dt.date(2003, 11, 30), False),
    "IT_CODICE_FISCALE": lambda r: pv.it_codice_fiscale(r, "Maria", "Bianchi", dt.date(1979, 2, 14), True),
}


@pytest.mark.parametrize("type_id", sorted(GENERATORS))
def test_generated_values_validate(type_id):
    rng = random.Random(type_id)
    for _ in range(25):
        value = GENERATORS[type_id](rng)
        assert pv.is_valid(type_id, value), value


@pytest.mark.parametrize("cc", ["DE", "FR", "ES", "IT", "NL", "PL", "AT", "BE"])
def test_eu_ibans_vats_and_phones_validate(cc):
    rng = random.Random(cc)
    for _ in range(10):
        assert pv.is_valid("IBAN", pv.iban_for(rng, cc))
        assert pv.is_valid("EU_VAT", pv.eu_vat(rng, cc))
        assert pv.is_valid("EU_PHONE", pv.eu_phone(rng, cc))


@pytest.mark.parametrize("type_id", ["TR_TCKN", "TR_VKN", "DE_STEUER_ID", "NL_BSN", "CREDIT_CARD", "US_ABA_ROUTING"])
def test_broken_last_digit_never_validates(type_id):
    rng = random.Random(7)
    for _ in range(20):
        good = GENERATORS[type_id](rng) if type_id != "NL_BSN" else pv.nl_bsn(rng)
        bad = pv.break_last_digit(rng, good, type_id)
        assert bad != good and len(bad) == len(good)
        assert not pv.is_valid(type_id, bad)


def test_broken_iban_and_ssn_do_not_validate():
    rng = random.Random(3)
    for _ in range(20):
        assert not pv.is_valid("TR_IBAN", pv.break_iban(rng, pv.iban_for(rng, "TR")))
        assert not pv.is_valid("IBAN", pv.break_iban(rng, pv.iban_for(rng, "DE")))
        assert not pv.is_valid("US_SSN", pv.broken_ssn(rng))


def test_known_invalid_values_are_rejected():
    assert not pv.is_valid("TR_TCKN", "12345678901")
    assert not pv.is_valid("US_SSN", "078-05-1120")  # the Woolworth wallet number
    assert not pv.is_valid("UK_NINO", "GB 12 34 56 A")
    assert not pv.is_valid("US_MBI", "1SL0-AB1-CD23")
    assert not pv.is_valid("TR_PHONE", "+90 123 456 78 90")


def test_people_and_companies_carry_valid_ids():
    rng = random.Random(5)
    for i, country in enumerate(["TR", "DE", "US", "FR", "NL", "AT"]):
        c = company(rng, country, i)
        assert pv.is_valid(c.tax_type, c.tax_id)
        if c.iban:
            assert pv.is_valid(c.iban_type, c.iban)
        assert pv.is_valid(c.phone_type, c.phone)
        p = person(rng, country, 100 + i)
        assert pv.is_valid("EMAIL", p.email) and pv.is_valid(p.phone_type, p.phone)
        assert p.email.isascii()
