"""Identifiers however they are written: IBANs in any grouping and case, EU VAT ids with
separators after/inside the prefix or in lower case, cards of every issuer range (12-19
digits), IPv4/IPv6 in every RFC 5952 form. Valid values are python-stdnum's own examples
(the ``>>> validate(...)`` lines of its module docs) or built with stdnum's check digits."""
import importlib
import re

import pytest
from stdnum import iban, luhn
from stdnum.eu import vat
from stdnum.util import get_cc_module

from flexorch_beam.pii.step import detect

_EXAMPLE = re.compile(r">>> validate\('([^']+)'\)\n'([^']+)'")


def examples(module):
    return [written.strip() for written, _ in _EXAMPLE.findall(module.__doc__ or "")]


def found(text):
    return [(m.type, text[m.start:m.end]) for m in detect(text)]


# --- IBAN ---------------------------------------------------------------------------------
STDNUM_IBANS = examples(iban) + [
    value for cc in ("be", "es", "me", "no") for value in examples(importlib.import_module(f"stdnum.{cc}.iban"))
]


def groupings(value):
    """The ways people write one IBAN: as stdnum's example, compact, in fours, lower case,
    with dashes, split after the country code, in irregular (national) groups."""
    number = iban.compact(value)
    fours = " ".join(number[i:i + 4] for i in range(0, len(number), 4))
    irregular, i, sizes = [], 0, (4, 4, 2, 5, 3)
    while i < len(number):
        size = sizes[len(irregular) % len(sizes)]
        irregular.append(number[i:i + size])
        i += size
    return [value, number, fours, number.lower(), fours.lower(), fours.replace(" ", "-"),
            number[:2] + " " + number[2:], " ".join(irregular)]


@pytest.mark.parametrize("value", [v for base in STDNUM_IBANS for v in groupings(base)])
def test_iban_in_any_grouping(value):
    assert iban.is_valid(value.upper())  # the oracle
    assert found(f"Please pay to {value} by Friday") == [("IBAN", value)]


def test_broken_iban_in_national_grouping_is_not_found():
    assert found("Please pay to NO93 8601 11 17948 by Friday") == []


# --- EU VAT -------------------------------------------------------------------------------
STDNUM_VATS = [
    (cc, value) for cc in sorted(vat.MEMBER_STATES - {"xi"})  # XI: a GB number
    for value in examples(get_cc_module(cc, "vat"))
]


def vat_forms(cc, value):
    prefix = "EL" if cc == "gr" else cc.upper()
    body = re.sub(r"^[A-Z]{2}[ \-]?", "", value.upper()) if value[:2].upper() in (prefix, "EL") else value
    body_compact = re.sub(r"[ \-.]", "", body)
    return [f"{prefix}{body_compact}", f"{prefix} {body_compact}", f"{prefix}-{body_compact}",
            f"{prefix.lower()}{body_compact.lower()}", f"{prefix} {body}"]


@pytest.mark.parametrize("value", [f for cc, v in STDNUM_VATS for f in vat_forms(cc, v)])
def test_vat_id_with_separators_and_case(value):
    assert vat.is_valid(re.sub(r"[ .\-]", "", value.upper()))  # the oracle
    assert found(f"Supplier: ACME, {value}, Main Street") in (
        [("EU_VAT", value)], [("EU_VAT", value.rstrip())])


# --- payment cards: every issuer range, 12-19 digits --------------------------------------
def card(prefix, length):
    body = prefix + "1234567890123456789"[: length - len(prefix) - 1]
    return body + luhn.calc_check_digit(body)


CARDS = [  # (prefix, length): one per range of the IIN table
    ("4", 13), ("4", 16), ("4", 19), ("51", 16), ("2221", 16), ("2720", 16), ("34", 15),
    ("37", 15), ("6011", 16), ("6011", 19), ("644", 16), ("65", 16), ("622126", 17),
    ("3528", 16), ("3589", 19), ("1800", 15), ("2131", 15), ("300", 14), ("36", 14),
    ("38", 16), ("62", 18), ("81", 16), ("2200", 16), ("50", 12), ("5018", 12),
    ("6304", 12), ("6759", 18), ("60", 16), ("508", 16), ("9792", 16),
]


@pytest.mark.parametrize("prefix, length", CARDS)
def test_card_of_every_issuer_range(prefix, length):
    number = card(prefix, length)
    assert luhn.is_valid(number) and len(number) == length
    spaced = " ".join(number[i:i + 4] for i in range(0, length, 4))
    for written in (number, spaced):
        assert found(f"Paid by card {written} on the 3rd") == [("CREDIT_CARD", written)]


def test_card_luhn_and_range_are_both_needed():
    bad_check = card("4", 16)[:-1] + str((int(card("4", 16)[-1]) + 1) % 10)
    assert found(f"Paid by card {bad_check} on the 3rd") == []
    no_issuer = "7" + card("4", 16)[1:-1]
    no_issuer += luhn.calc_check_digit(no_issuer)
    assert found(f"Paid by card {no_issuer} on the 3rd") == []


# --- IP addresses -------------------------------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("host 2001:db8::1 is up", "2001:db8::1"),
    ("host 2001:0db8:0000:0000:0000:ff00:0042:8329 is up", "2001:0db8:0000:0000:0000:ff00:0042:8329"),
    ("host 2001:db8:0:0:1:0:0:1 is up", "2001:db8:0:0:1:0:0:1"),
    ("host 2001:DB8::8:800:200C:417A is up", "2001:DB8::8:800:200C:417A"),
    ("loopback ::1 answers", "::1"),
    ("mapped ::ffff:192.0.2.128 answers", "::ffff:192.0.2.128"),
    ("nat64 64:ff9b::192.0.2.33 answers", "64:ff9b::192.0.2.33"),
    ("link-local fe80::1%eth0 answers", "fe80::1%eth0"),
    ("the block 2001:db8::/32 is ours", "2001:db8::/32"),
    ("the block 10.0.0.0/8 is ours", "10.0.0.0/8"),
    ("client (192.0.2.17) logged in", "192.0.2.17"),
    ("see [2001:db8::1]:8080 for it", "2001:db8::1"),
    ("logged from 203.0.113.5.", "203.0.113.5"),
])
def test_ip_in_every_form(text, value):
    assert found(text) == [("IP_ADDRESS", value)]


@pytest.mark.parametrize("text", [
    "at 10:30:45 or 12:30", "version 1.2.3.4.5", "IP 300.1.1.1", "ratio 1:2:3",
    "unspecified ::", "EDIFACT PAI+::30'", "file a::b.txt", "step 1::2",
])
def test_not_ip_addresses(text):
    assert [t for t, _ in found(text)] == []
