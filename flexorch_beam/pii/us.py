"""United States (GLBA, HIPAA, state privacy laws): SSN, ITIN, EIN, passport, routing, MBI, phone.

Dashed shapes (``123-45-6789``) are distinctive; the same nine digits written plain are not,
so plain forms score below MIN_SCORE and need a context word.
"""
from __future__ import annotations

import re
from functools import lru_cache

from stdnum import luhn
from stdnum.exceptions import ValidationError
from stdnum.us import atin, ein, itin, ptin, rtn, ssn

from flexorch_beam.pii import phones
from flexorch_beam.pii.recognizer import US, Recognizer, safe

SHAPED = 0.7
PLAIN = 0.3
_DASHED_9 = re.compile(r"\d{3}([- .])\d{2}\1\d{4}")

# CMS Medicare Beneficiary Identifier: positions 2, 5, 8, 9 letters (no S L O I B Z).
_L = "AC-HJKMNP-RT-Y"
_MBI = rf"[1-9][{_L}][{_L}0-9]\d-?[{_L}][{_L}0-9]\d-?[{_L}]{{2}}\d{{2}}"


def _ssn_like(check, shaped: float = SHAPED):
    """Score a 9-digit id: shaped forms stand alone, plain digits need context."""

    def score(value: str) -> float:
        if not check(value.replace(" ", "-").replace(".", "-")):
            return 0.0
        return shaped if _DASHED_9.fullmatch(value) else PLAIN

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


RECOGNIZERS: tuple[Recognizer, ...] = (
    Recognizer(
        id="US_SSN",
        name="US Social Security number",
        jurisdiction=US,
        regulation="GLBA, state privacy and SSN-protection laws",
        method="AAA-GG-SSSS with invalid ranges rejected; plain 9 digits with context",
        validator_name="stdnum.us.ssn (area 000/666/9xx, group 00, serial 0000 rejected)",
        patterns=(r"\d{3}-\d{2}-\d{4}", r"\d{3} \d{2} \d{4}", r"\d{3}\.\d{2}\.\d{4}"),
        weak_patterns=(r"\d{9}",),
        lengths=(9,),
        validator=safe(_ssn_like(ssn.is_valid)),
        context=("ssn", "social security", "soc. sec", "sozialversicherung"),
        base_score=SHAPED,
    ),
    Recognizer(
        id="US_ITIN",
        name="US Individual Taxpayer Identification Number",
        jurisdiction=US,
        regulation="GLBA, IRS confidentiality (26 U.S.C. 6103)",
        method="9XX-GG-XXXX with ITIN group ranges, with context (else an invalid SSN)",
        validator_name="stdnum.us.itin",
        patterns=(r"9\d{2}-\d{2}-\d{4}", r"9\d{2} \d{2} \d{4}", r"9\d{8}"),
        lengths=(9,),
        validator=safe(_ssn_like(itin.is_valid, shaped=0.45)),
        context=("itin", "taxpayer identification", "tax id"),
        base_score=SHAPED,
        context_required=True,
    ),
    Recognizer(
        id="US_EIN",
        name="US Employer Identification Number",
        jurisdiction=US,
        regulation="GLBA (sole proprietors), IRS confidentiality",
        method="XX-XXXXXXX with valid IRS campus prefix",
        validator_name="stdnum.us.ein",
        patterns=(r"\d{2}-\d{7}",),
        weak_patterns=(r"\d{9}",),
        lengths=(9,),
        validator=safe(_ein),
        context=("ein", "employer identification", "fein", "tax id", "federal tax"),
        base_score=0.6,
    ),
    Recognizer(
        id="US_PASSPORT",
        name="US passport number",
        jurisdiction=US,
        regulation="Privacy Act, state privacy laws",
        method="9 digits or letter + 8 digits",
        validator_name="format",
        patterns=(r"\d{9}", r"[A-Z]\d{8}"),
        lengths=(9,),
        context=("passport", "reisepass", "passnummer", "pass-nr"),
        base_score=0.6,
        context_required=True,
    ),
    Recognizer(
        id="US_ABA_ROUTING",
        name="US ABA routing number",
        jurisdiction=US,
        regulation="GLBA",
        method="9 digits, 3-7-1 checksum",
        validator_name="stdnum.us.rtn",
        patterns=(r"\d{9}", r"\d{4}-\d{4}-\d"),
        lengths=(9,),
        validator=safe(lambda v: rtn.is_valid(v.replace("-", ""))),
        context=("routing", "aba", "rtn", "transit number", "bank code"),
        base_score=0.7,
        context_required=True,
    ),
    Recognizer(
        id="US_MBI",
        name="Medicare Beneficiary Identifier",
        jurisdiction=US,
        regulation="HIPAA",
        method="CMS 11-character position rules",
        validator_name="CMS format rules (no checksum exists)",
        patterns=(_MBI,),
        lengths=(11,),
        context=("mbi", "medicare", "beneficiary"),
        base_score=0.75,
    ),
    Recognizer(
        id="US_PHONE",
        name="US/Canada (NANP) phone number",
        jurisdiction=US,
        regulation="TCPA, state privacy laws",
        method="+1 / (xxx)xxx-xxxx / xxx.xxx.xxxx shapes, extensions; plain digits with a phone word",
        validator_name="phonenumbers (regions US, CA, validity)",
        scanner=phones.scanner("US"),
        context=phones.PHONE_CONTEXT,
        base_score=phones.ACCEPT,
    ),
    Recognizer(
        id="US_ATIN",
        name="US Adoption Taxpayer Identification Number",
        jurisdiction=US,
        regulation="IRS confidentiality (26 U.S.C. 6103)",
        method="9XX-93-XXXX",
        validator_name="stdnum.us.atin",
        patterns=(r"9\d{2}-93-\d{4}", r"9\d{2}93\d{4}"),
        lengths=(9,),
        validator=safe(atin.is_valid),
        context=("atin", "adoption taxpayer"),
        base_score=0.7,
        context_required=True,
    ),
    Recognizer(
        id="US_PTIN",
        name="US Preparer Tax Identification Number",
        jurisdiction=US,
        regulation="IRS confidentiality (26 U.S.C. 6103)",
        method="P + 8 digits",
        validator_name="stdnum.us.ptin",
        patterns=(r"P\d{8}",),
        lengths=(9,),
        validator=safe(ptin.is_valid),
        context=("ptin", "preparer"),
        base_score=0.7,
        context_required=True,
    ),
    Recognizer(
        id="US_NPI",
        name="US National Provider Identifier",
        jurisdiction=US,
        regulation="HIPAA",
        method="10 digits, Luhn over prefix 80840",
        validator_name="stdnum.luhn",
        patterns=(r"[12]\d{9}",),
        lengths=(10,),
        validator=safe(_npi),
        context=("npi", "national provider"),
        base_score=0.7,
        context_required=True,
    ),
)
