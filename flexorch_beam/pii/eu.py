"""EU / EEA / UK (GDPR, UK GDPR): IBAN, VAT ids, national ids and tax numbers, phones.

Weak checksums (one check digit on a plain 9-11 digit number) collide with each other and with
ordinary numbers, so those recognizers need one of their own context words nearby.
"""
from __future__ import annotations

import datetime as dt
import random
import re
import string
from functools import lru_cache
from typing import Callable, Optional

import phonenumbers

from stdnum import iban as std_iban
from stdnum import numdb
from stdnum.iso7064 import mod_97_10
from stdnum.util import get_cc_module
from stdnum.at import vnr
from stdnum.be import nn
from stdnum.bg import egn
from stdnum.cz import rc
from stdnum.de import idnr
from stdnum.dk import cpr
from stdnum.ee import ik
from stdnum.es import dni, nie
from stdnum.eu import vat
from stdnum.fi import hetu
from stdnum.fr import nif as fr_nif
from stdnum.fr import nir
from stdnum.gb import nhs
from stdnum.gb import vat as gb_vat
from stdnum.gr import amka
from stdnum.hr import oib
from stdnum.ie import pps
from stdnum.it import codicefiscale
from stdnum.nl import bsn
from stdnum.pl import pesel
from stdnum.pt import cc as pt_cc
from stdnum.pt import nif as pt_nif
from stdnum.ro import cnp
from stdnum.se import personnummer

from flexorch_beam.pii import phones
from flexorch_beam.pii.examples import (
    birth_date,
    broken,
    broken_iban,
    complete,
    digits,
    iban_for,
    phone,
    plain_digits,
    short_phone,
    until,
    yymmdd,
)
from flexorch_beam.pii.recognizer import EU, GDPR, UK_GDPR, Recognizer, identifier

# SEPA scheme countries (EU/EEA + CH, GB, MC, SM, VA, AD, GI and the 2024-25 joiners).
SEPA_COUNTRIES = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK "
    "IS LI NO CH GB MC SM VA AD GI AL MD ME MK RS".split()
)
_VAT_PREFIXES = (
    "AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI|GB"
)


# Written shapes: the checksum decides, so any grouping is allowed. An IBAN: country, check
# digits, then 11-30 letters/digits with single spaces or dashes anywhere (groups of four,
# national groupings such as NO "8601 11 17947", ES "2100 0418 45 0200051332", none at all).
IBAN_SHAPE = r"[A-Z]{2}[ \-]?\d{2}(?:[ \-]?[0-9A-Z]){11,30}"
# A VAT id: the prefix, maybe a separator, then 8-14 characters with separators anywhere
# ("DE-136695976", "ATU 1234 5678", "NL 0044.95.445.B01", "BE 0403.019.261").
VAT_SHAPE = rf"(?:{_VAT_PREFIXES})[ .\-]?[0-9A-Z](?:[ .\-]?[0-9A-Z]){{6,13}}"
# Lower-case prefixes ("gb42nawi…", "de136695976") are upper-cased for the scan
# (``scan.upper_prefixes``); these are the prefixes it looks for.
UPPER_PREFIXES = frozenset(_VAT_PREFIXES.split("|")) | frozenset(
    "AD AE AL AT AZ BA BE BG BH BR BY CH CR CY CZ DE DK DO EE EG ES FI FO FR GB GE GI GL GR GT "
    "HR HU IE IL IQ IS IT JO KW KZ LB LC LI LT LU LV LY MC MD ME MK MR MT MU NL NO PK PL PS PT "
    "QA RO RS SA SC SD SE SI SK SM ST SV TL TN TR UA VA VG XK".split())

_BBAN_PART = re.compile(r"([1-9][0-9]*)!([nac])")
_BBAN_CLASS = {"n": "[0-9]", "a": "[A-Z]", "c": "[A-Za-z0-9]"}


@lru_cache(maxsize=128)
def _iban_country(country: str):  # noqa: ANN202 - (bban regex, national module) or None
    """stdnum's IBAN registry entry for a country, looked up once: its numdb walk costs far
    more than the checksum (same data and national checks as ``stdnum.iban.validate``)."""
    found = numdb.get("iban").info(country)[0][1]
    structure = found.get("bban") if found else None
    if not structure:
        return None
    pattern = _BBAN_PART.sub(lambda m: f"{_BBAN_CLASS[m.group(2)]}{{{m.group(1)}}}", structure)
    return re.compile(pattern), get_cc_module(country, "iban")


def iban_valid(value: str) -> bool:
    """``stdnum.iban.is_valid`` with the per-country lookups cached: mod 97-10, the
    country's BBAN structure, then the national module's own check where stdnum has one."""
    number = std_iban.compact(value)
    if len(number) < 5 or not mod_97_10.is_valid(number[4:] + number[:4]):
        return False
    country = _iban_country(number[:2])
    if country is None or not country[0].fullmatch(number[4:]):
        return False
    return country[1] is None or bool(country[1].is_valid(number))


def _iban(value: str) -> bool:
    """Any valid IBAN except Turkish ones (TR_IBAN has its own row)."""
    return not value.startswith("TR") and iban_valid(value)


_VAT_SEPARATORS = str.maketrans("", "", " .-")


def _vat(value: str) -> bool:
    """stdnum's check on the id without separators (some national ``compact`` functions
    keep a dash, "EE-100594102", which is still the same number)."""
    value = value.translate(_VAT_SEPARATORS)
    if value.startswith("GB"):
        return gb_vat.is_valid(value)
    return vat.is_valid(value)


_NINO = re.compile(r"([A-Z]{2}) ?\d{2} ?\d{2} ?\d{2} ?[A-D]")
_NINO_BAD_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})


def _nino(value: str) -> bool:
    """HMRC prefix rules (a NINO has no checksum)."""
    match = _NINO.fullmatch(value)
    if not match:
        return False
    prefix = match.group(1)
    return (
        prefix not in _NINO_BAD_PREFIXES
        and prefix[0] not in "DFIQUV"
        and prefix[1] not in "DFIOQUV"
    )


def _nir(value: str) -> bool:
    return nir.is_valid(value.replace(" ", ""))


def _id(id: str, name: str, validator_name: str, check, patterns: tuple[str, ...],  # noqa: ANN001
        lengths: tuple[int, ...], context: tuple[str, ...], **declared) -> Recognizer:
    """An EU id row (GDPR, a checksum, context required unless declared otherwise)."""
    declared.setdefault("regulation", GDPR)
    return identifier(id, name, EU, validator_name, check, patterns, lengths, context, **declared)


# --- examples and look-alikes (see examples.py) ----------------------------------------------
U = string.ascii_uppercase
_VAT_MAKERS: dict[str, Callable[[random.Random], str]] = {
    "DE": lambda r: "DE" + plain_digits(r, 9, True),
    "FR": lambda r: "FR" + plain_digits(r, 11),
    "ES": lambda r: "ES" + r.choice("ABG") + plain_digits(r, 8),
    "IT": lambda r: "IT" + plain_digits(r, 7, True) + r.choice(["001", "015", "096", "058"]) + plain_digits(r, 1),
    "NL": lambda r: "NL" + plain_digits(r, 9, True) + "B01",
    "PL": lambda r: "PL" + plain_digits(r, 10, True),
    "AT": lambda r: "ATU" + plain_digits(r, 8),
    "BE": lambda r: "BE0" + plain_digits(r, 9, True),
}
PHONE_COUNTRIES = ("DE", "FR", "ES", "IT", "NL", "PL", "AT", "BE")


def vat_example(rng: random.Random, cc: str = "") -> str:
    """A VAT id that passes stdnum's country checksum (DE, FR, ES, IT, NL, PL, AT, BE)."""
    cc = cc or rng.choice(sorted(_VAT_MAKERS))
    return until(lambda: _VAT_MAKERS[cc](rng), vat.is_valid)


def steuer_id_example(rng: random.Random) -> str:
    def make() -> str:  # ten digits: one twice, one missing (the common case), then the check
        pool = rng.sample("0123456789", 9)
        if pool[0] == "0":
            pool[0], pool[1] = pool[1], pool[0]
        pool.insert(rng.randrange(1, 10), rng.choice(pool[1:]))
        return "".join(pool) + rng.choice(string.digits)

    return idnr.format(until(make, idnr.is_valid))


def nir_example(rng: random.Random, birth: Optional[dt.date] = None, female: Optional[bool] = None) -> str:
    birth = birth or birth_date(rng)
    female = rng.random() < 0.5 if female is None else female
    dept = rng.choice(["75", "69", "13", "33", "59"])
    body = (f"{2 if female else 1}{birth.year % 100:02d}{birth.month:02d}{dept}"
            f"{plain_digits(rng, 3, True)}{plain_digits(rng, 3, True)}")
    return nir.format(body + nir.calc_check_digits(body))


def dni_example(rng: random.Random) -> str:
    body = plain_digits(rng, 8, True)
    return body + dni.calc_check_digit(body)


def nie_example(rng: random.Random) -> str:
    body = rng.choice("XYZ") + plain_digits(rng, 7)
    return body + nie.calc_check_digit(body)


def _cf_part(name: str, is_first: bool) -> str:
    letters = [c for c in name.upper() if c in U]
    consonants = [c for c in letters if c not in "AEIOU"]
    vowels = [c for c in letters if c in "AEIOU"]
    if is_first and len(consonants) > 3:
        consonants = [consonants[0], consonants[2], consonants[3]]
    return ("".join(consonants + vowels) + "XXX")[:3]


def codice_fiscale_example(rng: random.Random, first: str = "", last: str = "",
                           birth: Optional[dt.date] = None, female: Optional[bool] = None) -> str:
    first = first or rng.choice(["Maria", "Luca", "Giulia", "Marco"])
    last = last or rng.choice(["Esempio", "Prova", "Campione"])
    birth = birth or birth_date(rng)
    female = rng.random() < 0.5 if female is None else female
    town = rng.choice(["H501", "F205", "L219", "G273", "A944", "F839"])
    body = (f"{_cf_part(last, False)}{_cf_part(first, True)}{birth.year % 100:02d}"
            f"{'ABCDEHLMPRST'[birth.month - 1]}{birth.day + (40 if female else 0):02d}{town}")
    return body + codicefiscale.calc_check_digit(body)


def bsn_example(rng: random.Random) -> str:
    return until(lambda: plain_digits(rng, 9, True), bsn.is_valid)


def pesel_example(rng: random.Random, birth: Optional[dt.date] = None, female: Optional[bool] = None) -> str:
    birth = birth or birth_date(rng)
    female = rng.random() < 0.5 if female is None else female
    offset = {18: 80, 19: 0, 20: 20}[birth.year // 100]
    serial = plain_digits(rng, 3) + str(rng.choice("02468" if female else "13579"))
    body = f"{birth.year % 100:02d}{birth.month + offset:02d}{birth.day:02d}{serial}"
    return body + pesel.calc_check_digit(body)


def nino_example(rng: random.Random, bad_prefix: bool = False) -> str:
    if bad_prefix:  # a prefix HMRC never issues
        prefix = rng.choice(sorted(_NINO_BAD_PREFIXES))
    else:
        while True:
            prefix = rng.choice("ABCEGHJKLMNOPRSTWXYZ") + rng.choice("ABCEGHJKLMNPRSTWXYZ")
            if prefix not in _NINO_BAD_PREFIXES:
                break
    d = plain_digits(rng, 6)
    return f"{prefix} {d[:2]} {d[2:4]} {d[4:]} {rng.choice('ABCD')}"


def phone_example(rng: random.Random, cc: str = "") -> str:
    cc = cc or rng.choice(PHONE_COUNTRIES)
    makers = {
        "DE": lambda: "+49" + rng.choice(["30", "40", "89", "69", "221", "711", "151", "160", "170", "176"])
        + plain_digits(rng, 8, True),
        "FR": lambda: "+33" + rng.choice("1234567") + plain_digits(rng, 8),
        "ES": lambda: "+34" + rng.choice("6789") + plain_digits(rng, 8),
        "IT": lambda: "+39" + rng.choice(["02", "06", "3"]) + plain_digits(rng, 8),
        "NL": lambda: "+31" + rng.choice(["20", "10", "6"]) + plain_digits(rng, 7),
        "PL": lambda: "+48" + rng.choice(["22", "12", "5", "6", "7"]) + plain_digits(rng, 7),
        "AT": lambda: "+43" + rng.choice(["1", "664", "676"]) + plain_digits(rng, 7),
        "BE": lambda: "+32" + rng.choice(["2", "470", "3"]) + plain_digits(rng, 7),
    }
    return phone(rng, cc, makers[cc], phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _dated(rng: random.Random, prefix: Callable[[dt.date], str], rest: int, check) -> str:  # noqa: ANN001
    return until(lambda: complete(prefix(birth_date(rng)) + digits(rng, rest), check))


def _cz_birth_number(rng: random.Random) -> str:
    def make() -> Optional[str]:
        day = birth_date(rng, 1960, 1999)
        return complete(f"{day:%y}{day.month + rng.choice((0, 50)):02d}{day:%d}" + digits(rng, 3), rc.is_valid)

    value = until(make)
    return value[:6] + "/" + value[6:]


def _nhs(rng: random.Random) -> str:
    value = until(lambda: complete(digits(rng, 9, "456789"), nhs.is_valid))
    return f"{value[:3]} {value[3:6]} {value[6:]}"


RECOGNIZERS: tuple[Recognizer, ...] = (
    _id("IBAN", "IBAN (SEPA and other non-TR countries)", "stdnum iban registry + mod 97", _iban,
        (IBAN_SHAPE,), tuple(range(15, 35)),
        ("iban", "account", "konto", "bank", "hesap", "compte", "cuenta", "conto", "rekening"),
        method="country format + mod 97; any grouping (4s, national, none), any case",
        base_score=0.9, context_required=False,
        example=lambda r: iban_for(r, r.choice(sorted(SEPA_COUNTRIES))), lookalike=lambda r: broken_iban(r, iban_for(r, r.choice(sorted(SEPA_COUNTRIES))))),
    _id("EU_VAT", "EU VAT id (and GB)", "stdnum.eu.vat / stdnum.gb.vat", _vat,
        (VAT_SHAPE,), tuple(range(8, 17)),
        ("vat", "ust-id", "ust.-id", "ustid", "umsatzsteuer", "mwst", "tva", "iva", "btw",
         "vies", "kdv"),
        method="country prefix + national checksum; spaces, dots, dashes after and inside the "
               "prefix, any case", base_score=0.75, context_required=False,
        example=vat_example),
    _id("DE_STEUER_ID", "German Steuer-IdNr", "stdnum.de.idnr", idnr.is_valid,
        (r"\d{11}", r"\d{2} \d{3} \d{3} \d{3}"), (11,),
        ("steuer-id", "steuerid", "steuer-idnr", "steueridentifikationsnummer",
         "identifikationsnummer", "idnr", "id-nr", "tax id", "tin"),
        example=steuer_id_example),
    _id("FR_NIR", "French NIR (social security number)", "stdnum.fr.nir", _nir,
        (r"[12] ?\d{2} ?\d{2} ?(?:\d{2}|2A|2B) ?\d{3} ?\d{3} ?\d{2}",), (15,),
        ("sécurité sociale", "securite sociale", "nir", "insee", "numéro de sécu",
         "social security", "carte vitale"),
        method="15 digits, mod 97 key", base_score=0.85, context_required=False,
        example=nir_example),
    _id("ES_DNI", "Spanish DNI", "stdnum.es.dni", dni.is_valid,
        (r"\d{8}-?[A-Z]",), (9,), ("dni", "nif", "documento nacional"),
        method="8 digits + check letter", base_score=0.75, context_required=False,
        example=dni_example),
    _id("ES_NIE", "Spanish NIE", "stdnum.es.nie", nie.is_valid,
        (r"[XYZ]-?\d{7}-?[A-Z]",), (9,), ("nie", "extranjero", "foreigner"),
        method="X/Y/Z + 7 digits + check letter", base_score=0.8, context_required=False,
        example=nie_example),
    _id("IT_CODICE_FISCALE", "Italian codice fiscale", "stdnum.it.codicefiscale",
        codicefiscale.is_valid,
        (r"[A-Z]{6}[0-9LMNP-V]{2}[A-EHLMPR-T][0-9LMNP-V]{2}[A-Z][0-9LMNP-V]{3}[A-Z]",), (16,),
        ("codice fiscale", "cod. fisc", "c.f.", "fiscal code"),
        method="16-char structure + check letter", base_score=0.85, context_required=False,
        example=codice_fiscale_example),
    _id("NL_BSN", "Dutch BSN", "stdnum.nl.bsn", bsn.is_valid,
        (r"\d{9}", r"\d{4}\.\d{2}\.\d{3}", r"\d{3} \d{3} \d{3}"), (9,),
        ("bsn", "burgerservicenummer", "sofinummer", "sofi"),
        example=bsn_example),
    _id("PL_PESEL", "Polish PESEL", "stdnum.pl.pesel", pesel.is_valid,
        (r"\d{11}",), (11,), ("pesel",),
        example=pesel_example),
    _id("UK_NINO", "UK National Insurance number", "HMRC prefix rules (no checksum exists)",
        _nino, (r"[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]",), (9,),
        ("national insurance", "nino", "ni number", "ni no", "insurance number"),
        regulation=UK_GDPR, method="prefix rules + format", base_score=0.7,
        context_required=False,
        example=nino_example, lookalike=lambda r: nino_example(r, bad_prefix=True)),
    phones.recognizer(
        "EU", "EU_PHONE", "EU/EEA/UK/CH phone number", EU, GDPR,
        "+CC and (0) trunk shapes, trunk-0 groupings or the document's country; "
        "other national forms with a phone word", "phonenumbers (EU/EEA, GB, CH plans, validity)",
        phone_example, lambda r: short_phone(r, r.choice(["49", "33", "34", "39"]))),
    _id("FR_NIF", "French tax number (numéro fiscal)", "stdnum.fr.nif", fr_nif.is_valid,
        (r"[0-3]\d ?\d{2} ?\d{3} ?\d{3} ?\d{3}",), (13,),
        ("numéro fiscal", "numero fiscal", "référence fiscale", "spi", "nif"),
        example=lambda r: (lambda b: b + f"{int(b) % 511:03d}")(digits(r, 10, "0123"))),
    _id("BE_NATIONAL_NUMBER", "Belgian national register number", "stdnum.be.nn", nn.is_valid,
        (r"\d{2}\.?\d{2}\.?\d{2}[-. ]?\d{3}[-. ]?\d{2}",), (11,),
        ("rijksregister", "registre national", "numéro national", "national number", "insz",
         "niss"),
        example=lambda r: until(lambda: complete(yymmdd(birth_date(r)) + digits(r, 3), nn.is_valid, n=2))),
    _id("PT_NIF", "Portuguese NIF", "stdnum.pt.nif", pt_nif.is_valid,
        (r"\d{9}", r"\d{3} \d{3} \d{3}"), (9,), ("nif", "contribuinte"),
        example=lambda r: until(lambda: complete(digits(r, 8, "1235689"), pt_nif.is_valid))),
    _id("PT_CC", "Portuguese Cartão de Cidadão", "stdnum.pt.cc", pt_cc.is_valid,
        (r"\d{8} ?\d ?[A-Z0-9]{2}\d",), (12,), ("cartão de cidadão", "cartao de cidadao",
                                                "citizen card"),
        example=lambda r: until(lambda: complete(digits(r, 9) + "".join(r.choice(U) for _ in range(2)), pt_cc.is_valid))),
    _id("SE_PERSONNUMMER", "Swedish personnummer", "stdnum.se.personnummer",
        personnummer.is_valid, (r"(?:\d{2})?\d{6}[-+]?\d{4}",), (10, 12),
        ("personnummer", "personal identity number"),
        example=lambda r: until(lambda: complete(yymmdd(birth_date(r)) + "-" + digits(r, 3), personnummer.is_valid))),
    _id("FI_HETU", "Finnish henkilötunnus", "stdnum.fi.hetu", hetu.is_valid,
        (r"\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]",), (10, 11),
        ("henkilötunnus", "hetu", "personal identity code", "sosiaaliturvatunnus"),
        method="date + century sign + check character", base_score=0.8,
        context_required=False,
        example=lambda r: until(lambda: complete(f"{birth_date(r, 1950, 1999):%d%m%y}-{digits(r, 3, '123456789')}", hetu.is_valid, "0123456789ABCDEFHJKLMNPRSTUVWXY"))),
    _id("DK_CPR", "Danish CPR number", "stdnum.dk.cpr", cpr.is_valid,
        (r"\d{6}-?\d{4}",), (10,), ("cpr", "personnummer"), method="birth date + serial",
        example=lambda r: until(lambda: birth_date(r, 1950, 1999).strftime("%d%m%y") + "-" + digits(r, 4), cpr.is_valid),
        lookalike=lambda r: f"{r.randint(32, 39)}{r.randint(1, 12):02d}{r.randint(50, 99)}-{digits(r, 4)}"),  # no such day
    _id("IE_PPS", "Irish PPS number", "stdnum.ie.pps", pps.is_valid,
        (r"\d{7}[A-W][A-IW]?",), (8, 9), ("pps", "ppsn", "personal public service"),
        example=lambda r: complete(digits(r, 7), pps.is_valid, "ABCDEFGHIJKLMNOPQRSTUVW")),
    _id("RO_CNP", "Romanian CNP", "stdnum.ro.cnp", cnp.is_valid,
        (r"[1-9]\d{12}",), (13,), ("cnp", "cod numeric personal"),
        example=lambda r: _dated(r, lambda d: r.choice("12") + yymmdd(d), 5, cnp.is_valid)),
    _id("BG_EGN", "Bulgarian EGN", "stdnum.bg.egn", egn.is_valid,
        (r"\d{10}",), (10,), ("егн", "egn", "единен граждански номер"),
        example=lambda r: _dated(r, yymmdd, 3, egn.is_valid)),
    _id("CZ_BIRTH_NUMBER", "Czech/Slovak rodné číslo", "stdnum.cz.rc", rc.is_valid,
        (r"\d{6}/?\d{3,4}",), (9, 10), ("rodné číslo", "rodne cislo", "rodné č", "birth number"),
        example=_cz_birth_number),
    _id("HR_OIB", "Croatian OIB", "stdnum.hr.oib", oib.is_valid,
        (r"\d{11}",), (11,), ("oib", "osobni identifikacijski"),
        example=lambda r: complete(digits(r, 10), oib.is_valid)),
    _id("GR_AMKA", "Greek AMKA", "stdnum.gr.amka", amka.is_valid,
        (r"\d{11}",), (11,), ("amka", "αμκα", "α.μ.κ.α"),
        example=lambda r: _dated(r, lambda d: d.strftime("%d%m%y"), 4, amka.is_valid)),
    _id("AT_SVNR", "Austrian social insurance number", "stdnum.at.vnr", vnr.is_valid,
        (r"\d{4} ?\d{6}",), (10,),
        ("sozialversicherungsnummer", "versicherungsnummer", "svnr", "sv-nr", "sv-nummer"),
        example=lambda r: until(lambda: digits(r, 4, "123456789") + birth_date(r).strftime("%d%m%y"), vnr.is_valid)),
    _id("EE_ISIKUKOOD", "Estonian isikukood", "stdnum.ee.ik", ik.is_valid,
        (r"[1-6]\d{10}",), (11,), ("isikukood", "personal code"),
        example=lambda r: _dated(r, lambda d: r.choice("3456") + yymmdd(d), 3, ik.is_valid)),
    _id("UK_NHS", "UK NHS number", "stdnum.gb.nhs", nhs.is_valid,
        (r"\d{3} ?\d{3} ?\d{4}",), (10,), ("nhs",), regulation=UK_GDPR,
        example=_nhs),
)
