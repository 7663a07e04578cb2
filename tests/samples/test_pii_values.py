"""The sample corpus's PII: the catalog rows' own generators (flexorch_beam.pii), with the
person's own birth date, sex and name where a national id encodes them, and the country
where a value has one."""
import datetime as dt
import random

import pytest
from stdnum.fr import nir
from stdnum.it import codicefiscale
from stdnum.pl import pesel

from flexorch_beam.pii import eu, global_ids
from flexorch_beam.pii.catalog import BY_ID
from flexorch_beam.pii.examples import iban_for
from flexorch_samples.people import company, person


def test_ids_that_encode_the_person_carry_their_birth_date_and_sex():
    rng = random.Random(3)
    value = eu.nir_example(rng, dt.date(1984, 7, 3), True).replace(" ", "")
    assert nir.is_valid(value) and value.startswith("28407")
    value = eu.pesel_example(rng, dt.date(2003, 11, 30), False)
    assert pesel.is_valid(value) and value.startswith("033130") and int(value[9]) % 2 == 1
    value = eu.codice_fiscale_example(rng, "Maria", "Bianchi", dt.date(1979, 2, 14), True)
    assert codicefiscale.is_valid(value) and value.startswith("BNCMRA79B54")


@pytest.mark.parametrize("cc", ["DE", "FR", "ES", "IT", "NL", "PL", "AT", "BE"])
def test_eu_ibans_vats_and_phones_of_a_country_validate(cc):
    rng = random.Random(cc)
    for _ in range(10):
        value = iban_for(rng, cc)
        assert value.startswith(cc) and BY_ID["IBAN"].accepts(value)
        value = eu.vat_example(rng, cc)
        assert value.startswith(cc) and BY_ID["EU_VAT"].accepts(value)
        assert BY_ID["EU_PHONE"].accepts(eu.phone_example(rng, cc))
    assert global_ids.bic_example(rng, "TR").endswith(("TR2A", "TRIS"))


def test_people_and_companies_carry_valid_ids():
    rng = random.Random(5)
    for i, country in enumerate(["TR", "DE", "US", "FR", "NL", "AT"]):
        c = company(rng, country, i)
        assert BY_ID[c.tax_type].accepts(c.tax_id)
        if c.iban:
            assert BY_ID[c.iban_type].accepts(c.iban)
        assert BY_ID[c.phone_type].accepts(c.phone)
        p = person(rng, country, 100 + i)
        assert BY_ID["EMAIL"].accepts(p.email) and BY_ID[p.phone_type].accepts(p.phone)
        assert p.email.isascii()
