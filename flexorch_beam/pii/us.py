"""United States (GLBA, HIPAA, state privacy laws): SSN, ITIN, EIN, passport, routing, MBI, phone.

Dashed shapes (``123-45-6789``) are distinctive; the same nine digits written plain are not,
so plain forms score below MIN_SCORE and need a context word.
"""
from __future__ import annotations

import random
import string
from functools import lru_cache

import phonenumbers

from stdnum import luhn
from stdnum.exceptions import ValidationError
from stdnum.us import atin, ein, itin, ptin, rtn, ssn

from flexorch_beam.pii import phones
from flexorch_beam.pii.examples import digits, phone, plain_digits, short_phone, until
from flexorch_beam.pii.recognizer import US, Recognizer, identifier

SHAPED = 0.7
PLAIN = 0.3

# CMS Medicare Beneficiary Identifier: positions 2, 5, 8, 9 letters (no S L O I B Z).
_L = "AC-HJKMNP-RT-Y"
_MBI = rf"[1-9][{_L}][{_L}0-9]\d-?[{_L}][{_L}0-9]\d-?[{_L}]{{2}}\d{{2}}"


def _ssn_like(check, shaped: float = SHAPED):
    """Score a 9-digit id: shaped forms stand alone, plain digits need context."""

    def score(value: str) -> float:
        if not check(value.replace(" ", "-").replace(".", "-")):
            return 0.0
        return shaped if phones.SSN_SHAPED.fullmatch(value) else PLAIN

    return score


@lru_cache(maxsize=128)
def _ein_area(area: str) -> bool:
    """Is ``area`` an IRS campus prefix? (stdnum's EIN registry, looked up once per prefix.)"""
    try:
        ein.get_campus(area + "-0000000")
    except ValidationError:
        return False
    return True


def _ein(value: str) -> float:
    """``stdnum.us.ein`` rules (nine digits, known campus prefix) with the lookup cached."""
    digits = value.replace("-", "")
    if len(digits) != 9 or not digits.isdigit() or not _ein_area(digits[:2]):
        return 0.0
    return 0.6 if "-" in value else PLAIN


def _npi(value: str) -> bool:
    """NPI: 10 digits starting 1/2, Luhn over the 80840 health-industry prefix."""
    digits = value.replace(" ", "")
    return digits[:1] in ("1", "2") and luhn.is_valid("80840" + digits)


# --- examples and look-alikes (see examples.py) ----------------------------------------------
_MBI_LETTERS = "ACDEFGHJKMNPQRTUVWXY"  # CMS: no S, L, O, I, B, Z


def ssn_example(rng: random.Random) -> str:
    return ssn.format(until(lambda: f"{rng.randint(1, 899):03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}",
                            ssn.is_valid))


def ssn_lookalike(rng: random.Random) -> str:
    """SSN shape in a never-issued area (666, 000 or 9xx)."""
    area = rng.choice(["666", "000", f"9{plain_digits(rng, 2)}"])
    return f"{area}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"


def itin_example(rng: random.Random, group: int = 0) -> str:
    group = group or rng.choice(list(range(70, 89)) + [90, 91, 92] + list(range(94, 100)))
    return itin.format(f"9{plain_digits(rng, 2)}{group:02d}{plain_digits(rng, 4)}")


def ein_example(rng: random.Random) -> str:
    return ein.format(until(lambda: rng.choice(["10", "12", "20", "27", "33", "45", "46", "61", "75", "84", "94"])
                            + plain_digits(rng, 7), ein.is_valid))


def aba_example(rng: random.Random) -> str:
    base = rng.choice(["0210", "0260", "0110", "1210", "0710", "0910"]) + plain_digits(rng, 4)
    return base + rtn.calc_check_digit(base)


def mbi_example(rng: random.Random, second: str = "") -> str:
    alnum = _MBI_LETTERS + string.digits
    chars = [rng.choice("123456789"), second or rng.choice(_MBI_LETTERS), rng.choice(alnum),
             rng.choice(string.digits), rng.choice(_MBI_LETTERS), rng.choice(alnum),
             rng.choice(string.digits), rng.choice(_MBI_LETTERS), rng.choice(_MBI_LETTERS),
             rng.choice(string.digits), rng.choice(string.digits)]
    value = "".join(chars)
    return f"{value[:4]}-{value[4:7]}-{value[7:]}"


def passport_example(rng: random.Random, length: int = 8) -> str:
    return rng.choice("ABCEFGHJKLMNPRSTUVWXYZ") + plain_digits(rng, length, True)


def phone_example(rng: random.Random) -> str:
    return phone(rng, "US", lambda: "+1" + rng.choice(["212", "415", "312", "617", "512", "206", "303", "404"])
                 + rng.choice("23456789") + plain_digits(rng, 6), phonenumbers.PhoneNumberFormat.NATIONAL)


def npi_example(rng: random.Random) -> str:
    return until(lambda: (lambda b: next((b + c for c in string.digits if _npi(b + c)), None))(
        rng.choice("12") + digits(rng, 8)))


def _id(id: str, name: str, regulation: str, method: str, validator_name: str,  # noqa: A002
        check, patterns: tuple[str, ...], context: tuple[str, ...], **declared) -> Recognizer:  # noqa: ANN001
    """A US id row: nine characters unless declared otherwise."""
    declared.setdefault("lengths", (9,))
    return identifier(id, name, US, validator_name, check, patterns, declared.pop("lengths"), context,
                      regulation=regulation, method=method, **declared)


_IRS = "IRS confidentiality (26 U.S.C. 6103)"
RECOGNIZERS: tuple[Recognizer, ...] = (
    _id("US_SSN", "US Social Security number", "GLBA, state privacy and SSN-protection laws",
        "AAA-GG-SSSS with invalid ranges rejected; plain 9 digits with context",
        "stdnum.us.ssn (area 000/666/9xx, group 00, serial 0000 rejected)", _ssn_like(ssn.is_valid),
        (r"\d{3}-\d{2}-\d{4}", r"\d{3} \d{2} \d{4}", r"\d{3}\.\d{2}\.\d{4}"),
        ("ssn", "social security", "soc. sec", "sozialversicherung"), weak_patterns=(r"\d{9}",),
        base_score=SHAPED, context_required=False, example=ssn_example, lookalike=ssn_lookalike),
    _id("US_ITIN", "US Individual Taxpayer Identification Number", "GLBA, " + _IRS,
        "9XX-GG-XXXX with ITIN group ranges, with context (else an invalid SSN)", "stdnum.us.itin",
        _ssn_like(itin.is_valid, shaped=0.45), (r"9\d{2}-\d{2}-\d{4}", r"9\d{2} \d{2} \d{4}", r"9\d{8}"),
        ("itin", "taxpayer identification", "tax id"), base_score=SHAPED, example=itin_example,
        lookalike=lambda r: itin_example(r, r.randint(10, 49))),  # no ITIN group
    _id("US_EIN", "US Employer Identification Number", "GLBA (sole proprietors), IRS confidentiality",
        "XX-XXXXXXX with valid IRS campus prefix", "stdnum.us.ein", _ein, (r"\d{2}-\d{7}",),
        ("ein", "employer identification", "fein", "tax id", "federal tax"), weak_patterns=(r"\d{9}",),
        base_score=0.6, context_required=False, example=ein_example,
        lookalike=lambda r: r.choice(["07", "08", "09", "17", "18", "19", "28", "29", "49", "69", "70",
                                      "78", "79", "89", "96", "97"]) + "-" + plain_digits(r, 7)),  # no campus
    Recognizer(
        id="US_PASSPORT", name="US passport number", jurisdiction=US,
        regulation="Privacy Act, state privacy laws", method="9 digits or letter + 8 digits",
        validator_name="format", patterns=(r"\d{9}", r"[A-Z]\d{8}"), lengths=(9,),
        context=("passport", "reisepass", "passnummer", "pass-nr"), base_score=0.6,
        context_required=True, example=passport_example,
        lookalike=lambda r: passport_example(r, 6)),  # too short
    _id("US_ABA_ROUTING", "US ABA routing number", "GLBA", "9 digits, 3-7-1 checksum", "stdnum.us.rtn",
        lambda v: rtn.is_valid(v.replace("-", "")), (r"\d{9}", r"\d{4}-\d{4}-\d"),
        ("routing", "aba", "rtn", "transit number", "bank code"), example=aba_example),
    Recognizer(
        id="US_MBI", name="Medicare Beneficiary Identifier", jurisdiction=US, regulation="HIPAA",
        method="CMS 11-character position rules", validator_name="CMS format rules (no checksum exists)",
        patterns=(_MBI,), lengths=(11,), context=("mbi", "medicare", "beneficiary"), base_score=0.75,
        example=mbi_example, lookalike=lambda r: mbi_example(r, second="S")),  # S is never used
    phones.recognizer(
        "US", "US_PHONE", "US/Canada (NANP) phone number", US, "TCPA, state privacy laws",
        "+1 / (xxx)xxx-xxxx / xxx.xxx.xxxx shapes, extensions; plain digits with a phone word",
        "phonenumbers (regions US, CA, validity)", phone_example, lambda r: short_phone(r, "1")),
    _id("US_ATIN", "US Adoption Taxpayer Identification Number", _IRS, "9XX-93-XXXX", "stdnum.us.atin",
        atin.is_valid, (r"9\d{2}-93-\d{4}", r"9\d{2}93\d{4}"), ("atin", "adoption taxpayer"),
        example=lambda r: atin.format(f"9{digits(r, 2)}93{digits(r, 4)}"),
        lookalike=lambda r: f"9{digits(r, 2)}-89-{digits(r, 4)}"),  # group 89: no ATIN
    _id("US_PTIN", "US Preparer Tax Identification Number", _IRS, "P + 8 digits", "stdnum.us.ptin",
        ptin.is_valid, (r"P\d{8}",), ("ptin", "preparer"), example=lambda r: "P" + digits(r, 8),
        lookalike=lambda r: "P" + digits(r, 7)),  # one digit short
    _id("US_NPI", "US National Provider Identifier", "HIPAA", "10 digits, Luhn over prefix 80840",
        "stdnum.luhn", _npi, (r"[12]\d{9}",), ("npi", "national provider"), lengths=(10,),
        example=npi_example),
)
