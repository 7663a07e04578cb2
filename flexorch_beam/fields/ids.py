"""Tax ids and IBANs: found, validated with python-stdnum, returned in compact form
(no spaces, dots or dashes: ``DE136695976``, ``1234567890``, ``123456789`` for an EIN), the
form that joins across systems.

A tax id is recognised as TR VKN (10 digits) or TCKN (11 digits), an EU VAT number
(country prefix + national checksum), a US EIN (NN-NNNNNNN) or a German Steuernummer.
``validate_tax_id`` says which scheme accepted it; a value no scheme accepts is returned
with ``valid=False`` so the caller can lower its confidence instead of dropping it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from stdnum import iban as std_iban
from stdnum.de import stnr as de_stnr
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError
from stdnum.tr import tckimlik as tckn
from stdnum.tr import vkn
from stdnum.us import ein

_VAT_PREFIXES = frozenset(
    "AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK XI".split()
)
_OCR_FIX = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1"})


@dataclass(frozen=True)
class TaxId:
    value: str
    scheme: Optional[str]  # "TR_VKN", "TR_TCKN", "EU_VAT", "US_EIN", "DE_STNR" or None
    valid: bool


def _digits_fixed(raw: str) -> str:
    return re.sub(r"[\s.\-/]", "", raw.translate(_OCR_FIX))


def validate_tax_id(raw: str) -> Optional[TaxId]:
    """The best reading of ``raw`` as a tax id; None when it does not look like one."""
    raw = raw.strip().strip(".,;:")
    if not raw:
        return None
    if re.fullmatch(r"\d{2}-\d{7}", raw) and ein.is_valid(raw):
        return TaxId(ein.compact(raw), "US_EIN", True)
    if "/" in raw and de_stnr.is_valid(raw):
        return TaxId(de_stnr.compact(raw), "DE_STNR", True)
    compact = re.sub(r"[\s.\-]", "", raw).upper()
    if re.fullmatch(r"[A-Z]{2}[0-9A-Z+*]{2,13}", compact) and compact[:2] in _VAT_PREFIXES:
        if eu_vat.is_valid(compact):
            return TaxId(eu_vat.compact(compact), "EU_VAT", True)
        return TaxId(compact, "EU_VAT", False)
    digits = _digits_fixed(raw)
    if re.fullmatch(r"\d{10}", digits):
        if vkn.is_valid(digits):
            return TaxId(digits, "TR_VKN", True)
    if re.fullmatch(r"\d{11}", digits):
        if tckn.is_valid(digits):
            return TaxId(digits, "TR_TCKN", True)
    if re.fullmatch(r"\d{9}", digits) and ein.is_valid(digits):
        return TaxId(ein.compact(digits), "US_EIN", True)
    if re.fullmatch(r"\d{9,13}", digits):
        return TaxId(digits, None, False)
    if re.fullmatch(r"\d{2,3}/\d{3,4}/\d{4,5}", raw):
        return TaxId(raw, None, False)
    return None


# Candidate tax ids in a line of text, before validation.
TAX_ID_RE = re.compile(
    r"(?<![\w])(?:[A-Z]{2}\s?[0-9A-Z](?:[0-9A-Z ]|\.(?=[0-9A-Z])){1,16}[0-9A-Z]"
    r"|\d{2}-\d{7}"
    r"|\d{2,3}/\d{3,4}/\d{4,5}"
    r"|\d(?:[\d .]|-(?=\d)){7,14}\d)(?![\w])"
)

IBAN_RE = re.compile(r"(?<![A-Za-z0-9])([A-Z]{2}\s?[\dOIl]{2}(?:\s?[A-Z0-9]){10,30})")


def _iban_readings(candidate: str) -> list[str]:
    """The candidate as printed, then with OCR's letter-for-digit confusions undone in the
    check digits, then everywhere after the country code (BBANs are mostly digits)."""
    head, rest = candidate[:2], candidate[2:]
    fixed_check = head + rest[:2].translate(_OCR_FIX) + rest[2:]
    fixed_all = head + rest.translate(_OCR_FIX)
    return list(dict.fromkeys([candidate, fixed_check, fixed_all]))


def find_iban(text: str) -> Optional[tuple[int, str, bool]]:
    """(offset, compact IBAN, checksum valid) of the first IBAN-shaped value in ``text``."""
    best: Optional[tuple[int, str, bool]] = None
    for m in IBAN_RE.finditer(text):
        candidate = re.sub(r"\s", "", m.group(1))
        for reading in _iban_readings(candidate):
            # The greedy match may swallow a following word; shrink until valid.
            for end in range(len(reading), 14, -1):
                piece = reading[:end]
                if std_iban.is_valid(piece):
                    return m.start(), std_iban.compact(piece), True
        if best is None and 15 <= len(candidate) <= 34:
            best = (m.start(), candidate, False)
    return best


def validate_iban(raw: str) -> tuple[str, bool]:
    compact = re.sub(r"\s", "", raw).upper()
    try:
        return std_iban.validate(compact), True
    except ValidationError:
        return compact, False
