"""EU / EEA / UK (GDPR, UK GDPR): IBAN, VAT ids, national ids and tax numbers, phones.

Weak checksums (one check digit on a plain 9-11 digit number) collide with each other and with
ordinary numbers, so those recognizers need one of their own context words nearby.
"""
from __future__ import annotations

import re
from functools import lru_cache

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
from flexorch_beam.pii.recognizer import EU, GDPR, UK_GDPR, Recognizer, safe

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


def _id(
    id: str,
    name: str,
    validator_name: str,
    check,
    patterns: tuple[str, ...],
    lengths: tuple[int, ...],
    context: tuple[str, ...],
    *,
    method: str = "pattern + checksum",
    regulation: str = GDPR,
    base_score: float = 0.7,
    context_required: bool = True,
    weak_patterns: tuple[str, ...] = (),
) -> Recognizer:
    return Recognizer(
        id=id,
        name=name,
        jurisdiction=EU,
        regulation=regulation,
        method=method,
        validator_name=validator_name,
        patterns=patterns,
        lengths=lengths,
        validator=safe(check),
        context=context,
        base_score=base_score,
        context_required=context_required,
        weak_patterns=weak_patterns,
    )


RECOGNIZERS: tuple[Recognizer, ...] = (
    _id("IBAN", "IBAN (SEPA and other non-TR countries)", "stdnum iban registry + mod 97", _iban,
        (IBAN_SHAPE,), tuple(range(15, 35)),
        ("iban", "account", "konto", "bank", "hesap", "compte", "cuenta", "conto", "rekening"),
        method="country format + mod 97; any grouping (4s, national, none), any case",
        base_score=0.9, context_required=False),
    _id("EU_VAT", "EU VAT id (and GB)", "stdnum.eu.vat / stdnum.gb.vat", _vat,
        (VAT_SHAPE,), tuple(range(8, 17)),
        ("vat", "ust-id", "ust.-id", "ustid", "umsatzsteuer", "mwst", "tva", "iva", "btw",
         "vies", "kdv"),
        method="country prefix + national checksum; spaces, dots, dashes after and inside the "
               "prefix, any case", base_score=0.75, context_required=False),
    _id("DE_STEUER_ID", "German Steuer-IdNr", "stdnum.de.idnr", idnr.is_valid,
        (r"\d{11}", r"\d{2} \d{3} \d{3} \d{3}"), (11,),
        ("steuer-id", "steuerid", "steuer-idnr", "steueridentifikationsnummer",
         "identifikationsnummer", "idnr", "id-nr", "tax id", "tin")),
    _id("FR_NIR", "French NIR (social security number)", "stdnum.fr.nir", _nir,
        (r"[12] ?\d{2} ?\d{2} ?(?:\d{2}|2A|2B) ?\d{3} ?\d{3} ?\d{2}",), (15,),
        ("sécurité sociale", "securite sociale", "nir", "insee", "numéro de sécu",
         "social security", "carte vitale"),
        method="15 digits, mod 97 key", base_score=0.85, context_required=False),
    _id("ES_DNI", "Spanish DNI", "stdnum.es.dni", dni.is_valid,
        (r"\d{8}-?[A-Z]",), (9,), ("dni", "nif", "documento nacional"),
        method="8 digits + check letter", base_score=0.75, context_required=False),
    _id("ES_NIE", "Spanish NIE", "stdnum.es.nie", nie.is_valid,
        (r"[XYZ]-?\d{7}-?[A-Z]",), (9,), ("nie", "extranjero", "foreigner"),
        method="X/Y/Z + 7 digits + check letter", base_score=0.8, context_required=False),
    _id("IT_CODICE_FISCALE", "Italian codice fiscale", "stdnum.it.codicefiscale",
        codicefiscale.is_valid,
        (r"[A-Z]{6}[0-9LMNP-V]{2}[A-EHLMPR-T][0-9LMNP-V]{2}[A-Z][0-9LMNP-V]{3}[A-Z]",), (16,),
        ("codice fiscale", "cod. fisc", "c.f.", "fiscal code"),
        method="16-char structure + check letter", base_score=0.85, context_required=False),
    _id("NL_BSN", "Dutch BSN", "stdnum.nl.bsn", bsn.is_valid,
        (r"\d{9}", r"\d{4}\.\d{2}\.\d{3}", r"\d{3} \d{3} \d{3}"), (9,),
        ("bsn", "burgerservicenummer", "sofinummer", "sofi")),
    _id("PL_PESEL", "Polish PESEL", "stdnum.pl.pesel", pesel.is_valid,
        (r"\d{11}",), (11,), ("pesel",)),
    _id("UK_NINO", "UK National Insurance number", "HMRC prefix rules (no checksum exists)",
        _nino, (r"[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]",), (9,),
        ("national insurance", "nino", "ni number", "ni no", "insurance number"),
        regulation=UK_GDPR, method="prefix rules + format", base_score=0.7,
        context_required=False),
    Recognizer(
        id="EU_PHONE", name="EU/EEA/UK/CH phone number", jurisdiction=EU, regulation=GDPR,
        method="+CC and (0) trunk shapes, trunk-0 groupings or the document's country; "
               "other national forms with a phone word",
        validator_name="phonenumbers (EU/EEA, GB, CH plans, validity)",
        scanner=phones.scanner("EU"), context=phones.PHONE_CONTEXT, base_score=phones.ACCEPT),
    _id("FR_NIF", "French tax number (numéro fiscal)", "stdnum.fr.nif", fr_nif.is_valid,
        (r"[0-3]\d ?\d{2} ?\d{3} ?\d{3} ?\d{3}",), (13,),
        ("numéro fiscal", "numero fiscal", "référence fiscale", "spi", "nif")),
    _id("BE_NATIONAL_NUMBER", "Belgian national register number", "stdnum.be.nn", nn.is_valid,
        (r"\d{2}\.?\d{2}\.?\d{2}[-. ]?\d{3}[-. ]?\d{2}",), (11,),
        ("rijksregister", "registre national", "numéro national", "national number", "insz",
         "niss")),
    _id("PT_NIF", "Portuguese NIF", "stdnum.pt.nif", pt_nif.is_valid,
        (r"\d{9}", r"\d{3} \d{3} \d{3}"), (9,), ("nif", "contribuinte")),
    _id("PT_CC", "Portuguese Cartão de Cidadão", "stdnum.pt.cc", pt_cc.is_valid,
        (r"\d{8} ?\d ?[A-Z0-9]{2}\d",), (12,), ("cartão de cidadão", "cartao de cidadao",
                                                "citizen card")),
    _id("SE_PERSONNUMMER", "Swedish personnummer", "stdnum.se.personnummer",
        personnummer.is_valid, (r"(?:\d{2})?\d{6}[-+]?\d{4}",), (10, 12),
        ("personnummer", "personal identity number")),
    _id("FI_HETU", "Finnish henkilötunnus", "stdnum.fi.hetu", hetu.is_valid,
        (r"\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]",), (10, 11),
        ("henkilötunnus", "hetu", "personal identity code", "sosiaaliturvatunnus"),
        method="date + century sign + check character", base_score=0.8,
        context_required=False),
    _id("DK_CPR", "Danish CPR number", "stdnum.dk.cpr", cpr.is_valid,
        (r"\d{6}-?\d{4}",), (10,), ("cpr", "personnummer"), method="birth date + serial"),
    _id("IE_PPS", "Irish PPS number", "stdnum.ie.pps", pps.is_valid,
        (r"\d{7}[A-W][A-IW]?",), (8, 9), ("pps", "ppsn", "personal public service")),
    _id("RO_CNP", "Romanian CNP", "stdnum.ro.cnp", cnp.is_valid,
        (r"[1-9]\d{12}",), (13,), ("cnp", "cod numeric personal")),
    _id("BG_EGN", "Bulgarian EGN", "stdnum.bg.egn", egn.is_valid,
        (r"\d{10}",), (10,), ("егн", "egn", "единен граждански номер")),
    _id("CZ_BIRTH_NUMBER", "Czech/Slovak rodné číslo", "stdnum.cz.rc", rc.is_valid,
        (r"\d{6}/?\d{3,4}",), (9, 10), ("rodné číslo", "rodne cislo", "rodné č", "birth number")),
    _id("HR_OIB", "Croatian OIB", "stdnum.hr.oib", oib.is_valid,
        (r"\d{11}",), (11,), ("oib", "osobni identifikacijski")),
    _id("GR_AMKA", "Greek AMKA", "stdnum.gr.amka", amka.is_valid,
        (r"\d{11}",), (11,), ("amka", "αμκα", "α.μ.κ.α")),
    _id("AT_SVNR", "Austrian social insurance number", "stdnum.at.vnr", vnr.is_valid,
        (r"\d{4} ?\d{6}",), (10,),
        ("sozialversicherungsnummer", "versicherungsnummer", "svnr", "sv-nr", "sv-nummer")),
    _id("EE_ISIKUKOOD", "Estonian isikukood", "stdnum.ee.ik", ik.is_valid,
        (r"[1-6]\d{10}",), (11,), ("isikukood", "personal code")),
    _id("UK_NHS", "UK NHS number", "stdnum.gb.nhs", nhs.is_valid,
        (r"\d{3} ?\d{3} ?\d{4}",), (10,), ("nhs",), regulation=UK_GDPR),
)
