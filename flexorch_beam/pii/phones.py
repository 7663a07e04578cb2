"""Phone numbers for the TR, US and EU phone recognizers, validated by ``phonenumbers``.

International forms (``+`` or ``00``) are parsed as written and need no context. National
forms are ambiguous between countries, so each recognizer accepts only the national shapes
that are distinctive for it (Turkish ``0 5xx`` mobiles, US ``(xxx) xxx-xxxx``) and asks for a
context word (Tel, Telefon, GSM, ...) for the rest (a score below MIN_SCORE).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

import phonenumbers

PHONE_CONTEXT = (
    "tel", "telefon", "phone", "gsm", "cep", "mobile", "mobil", "handy", "fax", "faks",
    "call", "ara", "anruf", "rufnummer", "contact", "iletişim", "kontakt",
)

INTERNATIONAL = (
    r"(?:\+|00)\d{1,3}[ .\-]?(?:\(0\)[ .\-]?)?\(?\d{1,5}\)?(?:[ .\-/]?\d{1,6}){1,5}",
)
NATIONAL_ZERO = (
    r"0[ ]?\(?\d{2,5}\)?(?:[ .\-/]?\d{2,8}){1,4}",
    r"\(0\d{2,5}\)[ .\-]?\d{2,8}(?:[ .\-/]?\d{2,8}){0,3}",
)
US_NATIONAL = (
    r"(?:1[ .\-]?)?\([2-9]\d{2}\)[ .\-]?\d{3}[ .\-]\d{4}",
    r"(?:1[ .\-])?[2-9]\d{2}(?: \d{3} |-\d{3}-|\.\d{3}\.)\d{4}",
    r"[2-9]\d{9}",
)
# Turkish national shapes that stand alone: "(0212) 449 87 25", "0532 123 45 67".
TR_NATIONAL = (
    r"(?:\(0\d{3}\)|0[ ]?\(\d{3}\)|0\d{3})[ ]\d{3}[ ]\d{2}[ ]\d{2}",
    r"0[ ]?\(?5\d{2}\)?[ .\-]\d{3}[ .\-]?\d{2}[ .\-]?\d{2}",
)
LENGTHS = tuple(range(7, 16))

EU_REGIONS = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK "
    "IS LI NO CH GB MC SM AD".split()
)
# Calling codes of those regions (a number's country code is cheaper than its region).
EU_CODES = frozenset(
    code for code, regions in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items()
    if EU_REGIONS.intersection(regions)
)
# Order in which national (no country code) numbers are tried for EU_PHONE.
EU_NATIONAL_ORDER = ("DE", "FR", "ES", "IT", "NL", "PL", "GB", "AT", "BE", "PT", "IE", "SE")

# Parentheses, dashes or dots make a US number; "865 465 9255" could be anything.
_US_SHAPED = re.compile(r"(?:1[ .\-]?)?(?:\([2-9]\d{2}\)[ .\-]?\d{3}[ .\-]|[2-9]\d{2}([.\-])\d{3}\1)\d{4}")
_TR_MOBILE = re.compile(r"0[ ]?\(?5\d{2}")
# The Turkish way of printing any number: "(0212) 449 87 25", "0 (532) 123 45 67".
_TR_GROUPED = re.compile(r"(?:\(0\d{3}\)|0[ ]?\(\d{3}\)|0\d{3})[ ]\d{3}[ ]\d{2}[ ]\d{2}")

ACCEPT = 0.7  # a valid number in an unambiguous shape
NEEDS_CONTEXT = 0.3  # a valid number that a context word must confirm


# The three phone recognizers ask about the same window; parse it once. The cache is small,
# in-process only and never logged.
@lru_cache(maxsize=256)
def _parse(value: str, region: Optional[str]) -> Optional[phonenumbers.PhoneNumber]:
    """The number if it is valid (for ``region`` when given: checking one region's metadata
    is much cheaper than finding the region among all that share a calling code)."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return None
    regions = (region,) if region else _REGIONS.get(number.country_code) or \
        phonenumbers.region_codes_for_country_code(number.country_code)
    if any(phonenumbers.is_valid_number_for_region(number, r) for r in regions):
        return number
    return None


# Regions worth checking per calling code (NANP has 25; documents mean the US or Canada).
_REGIONS = {1: ("US", "CA"), 90: ("TR",), 44: ("GB",), 7: ("RU", "KZ")}


@lru_cache(maxsize=256)
def _international(value: str) -> Optional[int]:
    """Calling code of a valid international-form number; 0 when invalid, None when the
    value is not written in international form."""
    stripped = value.strip()
    if stripped.startswith("00"):
        stripped = "+" + stripped[2:]
    if not stripped.startswith("+"):
        return None
    number = _parse(stripped, None)
    return number.country_code if number else 0


def _national(value: str) -> str:
    """'(0212) 345 67 89' -> '0212) 345 67 89': the trunk 0 first, for the checks below."""
    return value[1:] if value.startswith("(0") else value


def new_document() -> None:
    """Forget the previous document's numbers (the caches only serve one document)."""
    _parse.cache_clear()
    _international.cache_clear()


def _intl(value: str) -> float:
    """'+90 …' and '0049 30 …' stand alone; a bare '00…' digit run may be any reference."""
    return NEEDS_CONTEXT if value.startswith("00") and value.isdigit() else ACCEPT


def tr_phone(value: str) -> float:
    region = _international(value)
    if region is not None:
        return _intl(value) if region == 90 else 0.0
    national = _national(value)
    if not national.startswith("0") or _parse(national, "TR") is None:
        return 0.0
    # "0532 123 45 67" is a phone; "05321234567" might be any 11-digit reference.
    if _TR_GROUPED.fullmatch(value) or (_TR_MOBILE.match(national) and not national.isdigit()):
        return ACCEPT
    return NEEDS_CONTEXT


def us_phone(value: str) -> float:
    region = _international(value)
    if region is not None:
        return _intl(value) if region == 1 else 0.0
    if value.startswith("0") or _parse(value, "US") is None:
        return 0.0
    return ACCEPT if _US_SHAPED.fullmatch(value) else NEEDS_CONTEXT


def eu_phone(value: str) -> float:
    region = _international(value)
    if region is not None:
        return _intl(value) if region in EU_CODES else 0.0
    value = _national(value)
    if not value.startswith("0") or tr_phone(value):  # a valid Turkish number wins the tie
        return 0.0
    for candidate in EU_NATIONAL_ORDER:
        if _parse(value, candidate) is not None:
            return NEEDS_CONTEXT
    return 0.0
