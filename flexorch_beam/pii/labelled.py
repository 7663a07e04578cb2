"""A labelled, generated PII test set: valid values in context, broken look-alikes, non-PII.

Deterministic for a seed. Valid values are built and checked with python-stdnum,
phonenumbers and the published format rules (the oracle is never the detector itself);
a look-alike is a valid value with its check character changed until the oracle rejects it.
Distractors are the numbers every business document carries: invoice and order numbers,
amounts, dates, times, quantities, percentages, register numbers.

Used by ``tests/pii`` (the quality bar) and ``bench/pii_bench.py`` (F1 and throughput).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import itertools
import random
import string
from dataclasses import dataclass
from typing import Callable, Optional

import phonenumbers
from stdnum import bic, bitcoin, iban, imei, luhn, numdb
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
from stdnum.tr import tckimlik, vkn
from stdnum.us import atin, ein, itin, ptin, rtn, ssn

from flexorch_beam.pii.eu import SEPA_COUNTRIES

D = string.digits
U = string.ascii_uppercase


@dataclass(frozen=True)
class Span:
    type: str
    start: int
    end: int


@dataclass(frozen=True)
class LabelledDoc:
    text: str
    pii: tuple[Span, ...]
    lookalikes: tuple[Span, ...]


def _digits(rng: random.Random, n: int, first: str = D) -> str:
    return rng.choice(first) + "".join(rng.choice(D) for _ in range(n - 1)) if n else ""


def _complete(body: str, check: Callable[[str], bool], alphabet: str = D, n: int = 1) -> Optional[str]:
    """``body`` + the check characters that make ``check`` accept it (None if none do)."""
    for tail in itertools.product(alphabet, repeat=n):
        value = body + "".join(tail)
        try:
            if check(value):
                return value
        except Exception:  # noqa: BLE001 - stdnum raises on odd input
            continue
    return None


def _until(rng: random.Random, make: Callable[[], Optional[str]], tries: int = 20000) -> str:
    for _ in range(tries):
        value = make()
        if value:
            return value
    raise RuntimeError("generator found no valid value")


def _date(rng: random.Random, lo: int = 1950, hi: int = 2004) -> dt.date:
    return dt.date(rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28))


def _yymmdd(day: dt.date) -> str:
    return day.strftime("%y%m%d")


# --- IBAN for every SEPA country from stdnum's own BBAN structures ------------------------
_IBAN_DB = numdb.get("iban")


def _bban(rng: random.Random, structure: str) -> str:
    out = []
    i = 0
    spec = structure.replace("!", "")
    while i < len(spec):
        j = i
        while spec[j].isdigit():
            j += 1
        count, kind = int(spec[i:j]), spec[j]
        pool = {"n": D, "a": U, "c": D + U, "e": " "}[kind]
        out.append("".join(rng.choice(pool) for _ in range(count)))
        i = j + 1
    return "".join(out)


def iban_for(rng: random.Random, country: str) -> str:
    structure = _IBAN_DB.info(country)[0][1]["bban"]

    def make() -> Optional[str]:
        bban = _bban(rng, structure)
        value = country + iban.calc_check_digits(country + "00" + bban) + bban
        return iban.format(value) if iban.is_valid(value) else None

    return _until(rng, make)


# --- value makers, one per type -------------------------------------------------------------
def _phone(rng: random.Random, region: str, national: bool = False) -> str:
    def make() -> Optional[str]:
        example = phonenumbers.example_number_for_type(region, rng.choice(
            [phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE]))
        digits = str(example.national_number)
        keep = max(2, len(digits) - 6)
        candidate = digits[:keep] + _digits(rng, len(digits) - keep)
        number = phonenumbers.parse(candidate, region)
        if not phonenumbers.is_valid_number(number):
            return None
        fmt = phonenumbers.PhoneNumberFormat.NATIONAL if national else phonenumbers.PhoneNumberFormat.INTERNATIONAL
        return phonenumbers.format_number(number, fmt)

    return _until(rng, make)


def _tr_plate(rng: random.Random) -> str:
    letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVYZ") for _ in range(rng.choice((1, 2, 3))))
    digits = {1: 4, 2: 3, 3: 2}[len(letters)]
    return f"{rng.randint(1, 81):02d} {letters} {_digits(rng, digits, '123456789')}"


def _nino(rng: random.Random) -> str:
    first, second = "ABCEGHJKLMNOPRSTWXYZ", "ABCEGHJKLMNPRSTWXYZ"
    while True:
        prefix = rng.choice(first) + rng.choice(second)
        if prefix not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}:
            break
    d = _digits(rng, 6)
    return f"{prefix} {d[:2]} {d[2:4]} {d[4:]} {rng.choice('ABCD')}"


_MBI_L = "ACDEFGHJKMNPQRTUVWXY"


def _mbi(rng: random.Random) -> str:
    c = [rng.choice("123456789"), rng.choice(_MBI_L), rng.choice(_MBI_L + D), rng.choice(D),
         rng.choice(_MBI_L), rng.choice(_MBI_L + D), rng.choice(D), rng.choice(_MBI_L),
         rng.choice(_MBI_L), rng.choice(D), rng.choice(D)]
    s = "".join(c)
    return f"{s[:4]}-{s[4:7]}-{s[7:]}" if rng.random() < 0.5 else s


def _card(rng: random.Random) -> str:
    prefix, length = rng.choice([("4", 16), ("51", 16), ("55", 16), ("2221", 16), ("34", 15),
                                 ("37", 15), ("6011", 16), ("3530", 16), ("9792", 16)])
    number = _complete(prefix + _digits(rng, length - len(prefix) - 1), luhn.is_valid)
    assert number
    if length == 15:
        return f"{number[:4]} {number[4:10]} {number[10:]}"
    sep = rng.choice([" ", "-", ""])
    return sep.join(number[i : i + 4] for i in range(0, 16, 4))


def _cf(rng: random.Random) -> str:
    day = _date(rng)
    body = ("".join(rng.choice(U) for _ in range(6)) + day.strftime("%y") + "ABCDEHLMPRST"[day.month - 1]
            + f"{day.day + rng.choice((0, 40)):02d}" + rng.choice("ABCDEFGHLM") + _digits(rng, 3))
    return _complete(body, codicefiscale.is_valid, U) or _cf(rng)


def _pesel(rng: random.Random) -> str:
    day = _date(rng, 1950, 2004)
    month = day.month + (20 if day.year >= 2000 else 0)
    return _complete(f"{day:%y}{month:02d}{day:%d}" + _digits(rng, 4), pesel.is_valid)


def _nir(rng: random.Random) -> str:
    day = _date(rng)
    body = f"{rng.choice('12')}{day:%y}{day:%m}{rng.choice(['75', '69', '13', '33'])}{_digits(rng, 3, '123456789')}{_digits(rng, 3, '123456789')}"
    return nir.format(body + nir.calc_check_digits(body))


def _ssn(rng: random.Random) -> str:
    return ssn.format(_until(rng, lambda: (lambda v: v if ssn.is_valid(v) else None)(
        f"{rng.randint(1, 899):03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}")))


def _itin(rng: random.Random) -> str:
    group = rng.choice(list(range(70, 89)) + [90, 91, 92] + list(range(94, 100)))
    return itin.format(f"9{_digits(rng, 2)}{group:02d}{_digits(rng, 4)}")


def _btc(rng: random.Random) -> str:
    alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    payload = bytes([rng.choice((0, 5))]) + bytes(rng.randrange(256) for _ in range(20))
    data = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    n, out = int.from_bytes(data, "big"), ""
    while n:
        n, r = divmod(n, 58)
        out = alphabet[r] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def _hetu(rng: random.Random) -> str:
    return _until(rng, lambda: _complete(
        f"{_date(rng, 1950, 1999):%d%m%y}-{_digits(rng, 3, '123456789')}", hetu.is_valid,
        "0123456789ABCDEFHJKLMNPRSTUVWXY"))


def _date_id(rng: random.Random, prefix: Callable[[dt.date], str], rest: int, check: Callable[[str], bool]) -> str:
    return _until(rng, lambda: _complete(prefix(_date(rng)) + _digits(rng, rest), check))


_EU_VAT_MAKERS: dict[str, Callable[[random.Random], str]] = {
    "DE": lambda r: "DE" + _digits(r, 8, "123456789"),
    "AT": lambda r: "ATU" + _digits(r, 7),
    "FR": lambda r: "FR" + _digits(r, 10),
    "IT": lambda r: "IT" + _digits(r, 7, "123456789") + r.choice(["001", "015", "058"]),
    "NL": lambda r: "NL" + _digits(r, 8, "123456789"),
    "PL": lambda r: "PL" + _digits(r, 9, "123456789"),
    "BE": lambda r: "BE0" + _digits(r, 8, "123456789"),
}


def _vat(rng: random.Random) -> str:
    country = rng.choice(sorted(_EU_VAT_MAKERS))
    if country == "NL":
        return _until(rng, lambda: (lambda b: _complete(b, lambda v: vat.is_valid(v + "B01")))(
            _EU_VAT_MAKERS["NL"](rng))) + "B01"
    if country == "FR":
        return _until(rng, lambda: _complete(_EU_VAT_MAKERS["FR"](rng), vat.is_valid))
    return _until(rng, lambda: _complete(_EU_VAT_MAKERS[country](rng), vat.is_valid))


def _steuer_id(rng: random.Random) -> str:
    def make() -> Optional[str]:
        pool = rng.sample("0123456789", 9)
        if pool[0] == "0":
            pool[0], pool[1] = pool[1], pool[0]
        pool.insert(rng.randrange(1, 10), rng.choice(pool[1:]))
        return _complete("".join(pool), idnr.is_valid)

    value = _until(rng, make)
    return idnr.format(value) if rng.random() < 0.5 else value


def _mac(rng: random.Random) -> str:
    """A vendor MAC (registered OUI, as stdnum checks) or a randomised, locally administered one."""
    sep = rng.choice(":-")
    if rng.random() < 0.5:
        head = rng.choice(["3C:52:82", "00:1A:2B", "F4:5C:89", "A4:83:E7", "00:50:56"]).split(":")
    else:
        head = [f"{rng.randrange(256) & 0xFC | 0x02:02X}", f"{rng.randrange(256):02X}", f"{rng.randrange(256):02X}"]
    return sep.join(head + [f"{rng.randrange(256):02X}" for _ in range(3)])


def _ipv6(rng: random.Random) -> str:
    groups = [rng.choice(["2a02", "2001", "2600"])] + [f"{rng.randrange(0x10000):x}" for _ in range(7)]
    return str(ipaddress.IPv6Address(":".join(groups)))


MAKERS: dict[str, Callable[[random.Random], str]] = {
    "TR_TCKN": lambda r: _complete(_digits(r, 9, "123456789"), tckimlik.is_valid, D, 2),
    "TR_VKN": lambda r: _until(r, lambda: _complete(_digits(r, 9), vkn.is_valid)),
    "TR_PHONE": lambda r: _phone(r, "TR", national=r.random() < 0.3),
    "TR_IBAN": lambda r: iban_for(r, "TR"),
    "TR_PASSPORT": lambda r: r.choice("USZ") + _digits(r, 8),
    "TR_LICENSE_PLATE": _tr_plate,
    "IBAN": lambda r: iban_for(r, r.choice(sorted(SEPA_COUNTRIES))),
    "EU_VAT": _vat,
    "DE_STEUER_ID": _steuer_id,
    "FR_NIR": _nir,
    "ES_DNI": lambda r: _complete(_digits(r, 8), dni.is_valid, U),
    "ES_NIE": lambda r: _complete(r.choice("XYZ") + _digits(r, 7), nie.is_valid, U),
    "IT_CODICE_FISCALE": _cf,
    "NL_BSN": lambda r: _until(r, lambda: _complete(_digits(r, 8, "123456789"), bsn.is_valid)),
    "PL_PESEL": _pesel,
    "UK_NINO": _nino,
    "EU_PHONE": lambda r: _phone(r, r.choice(["DE", "FR", "ES", "IT", "NL", "PL", "AT", "BE"])),
    "FR_NIF": lambda r: (lambda b: b + f"{int(b) % 511:03d}")(_digits(r, 10, "0123")),
    "BE_NATIONAL_NUMBER": lambda r: _until(r, lambda: _complete(_yymmdd(_date(r)) + _digits(r, 3), nn.is_valid, D, 2)),
    "PT_NIF": lambda r: _until(r, lambda: _complete(_digits(r, 8, "1235689"), pt_nif.is_valid)),
    "PT_CC": lambda r: _until(r, lambda: _complete(_digits(r, 9) + "".join(r.choice(U) for _ in range(2)), pt_cc.is_valid)),
    "SE_PERSONNUMMER": lambda r: _until(r, lambda: _complete(_yymmdd(_date(r)) + "-" + _digits(r, 3), personnummer.is_valid)),
    "FI_HETU": _hetu,
    "DK_CPR": lambda r: _until(r, lambda: (lambda v: v if cpr.is_valid(v) else None)(
        _date(r, 1950, 1999).strftime("%d%m%y") + "-" + _digits(r, 4))),
    "IE_PPS": lambda r: _complete(_digits(r, 7), pps.is_valid, "ABCDEFGHIJKLMNOPQRSTUVW"),
    "RO_CNP": lambda r: _date_id(r, lambda d: r.choice("12") + _yymmdd(d), 5, cnp.is_valid),
    "BG_EGN": lambda r: _date_id(r, _yymmdd, 3, egn.is_valid),
    "CZ_BIRTH_NUMBER": lambda r: (lambda v: v[:6] + "/" + v[6:])(_until(r, lambda: (lambda d: _complete(
        f"{d:%y}{d.month + r.choice((0, 50)):02d}{d:%d}" + _digits(r, 3), rc.is_valid))(_date(r, 1960, 1999)))),
    "HR_OIB": lambda r: _complete(_digits(r, 10), oib.is_valid),
    "GR_AMKA": lambda r: _date_id(r, lambda d: d.strftime("%d%m%y"), 4, amka.is_valid),
    "AT_SVNR": lambda r: _until(r, lambda: (lambda v: v if vnr.is_valid(v) else None)(
        _digits(r, 4, "123456789") + _date(r).strftime("%d%m%y"))),
    "EE_ISIKUKOOD": lambda r: _date_id(r, lambda d: r.choice("3456") + _yymmdd(d), 3, ik.is_valid),
    "UK_NHS": lambda r: _until(r, lambda: (lambda v: f"{v[:3]} {v[3:6]} {v[6:]}" if v else None)(
        _complete(_digits(r, 9, "456789"), nhs.is_valid))),
    "US_SSN": _ssn,
    "US_ITIN": _itin,
    "US_EIN": lambda r: ein.format(_until(r, lambda: (lambda v: v if ein.is_valid(v) else None)(
        r.choice(["10", "12", "20", "27", "45", "61", "94"]) + _digits(r, 7)))),
    "US_PASSPORT": lambda r: r.choice(U) + _digits(r, 8, "123456789") if r.random() < 0.5 else _digits(r, 9, "123456789"),
    "US_ABA_ROUTING": lambda r: _complete(r.choice(["0210", "0260", "1210", "0910"]) + _digits(r, 4), rtn.is_valid),
    "US_MBI": _mbi,
    "US_PHONE": lambda r: _phone(r, "US", national=r.random() < 0.6),
    "US_ATIN": lambda r: atin.format(f"9{_digits(r, 2)}93{_digits(r, 4)}"),
    "US_PTIN": lambda r: "P" + _digits(r, 8),
    "US_NPI": lambda r: _until(r, lambda: (lambda b: next(
        (b + c for c in D if luhn.is_valid("80840" + b + c)), None))(r.choice("12") + _digits(r, 8))),
    "EMAIL": lambda r: f"{r.choice(['ayse', 'john', 'j.mueller', 'mehmet.kaya', 'anna_b'])}{r.randint(1, 99)}@"
                       f"{r.choice(['example.com', 'firma.com.tr', 'beispiel.de', 'mail.co.uk'])}",
    "CREDIT_CARD": _card,
    "IP_ADDRESS": lambda r: f"{r.choice([78, 85, 176, 212])}.{r.randint(1, 254)}.{r.randint(1, 254)}.{r.randint(1, 254)}" if r.random() < 0.6 else _ipv6(r),
    "MAC_ADDRESS": _mac,
    "SWIFT_BIC": lambda r: r.choice(["TCZBTR2A", "ISBKTRIS", "DEUTDEFF", "COBADEFFXXX", "CHASUS33", "BNPAFRPP"]),
    "IMEI": lambda r: _complete("35" + _digits(r, 12), imei.is_valid),
    "CRYPTO_WALLET": _btc,
}

# Labels a document prints before a value (EN, TR, DE); one label per line of the set.
LABELS: dict[str, tuple[str, ...]] = {
    "TR_TCKN": ("Turkish ID (TCKN)", "T.C. Kimlik No", "TC-Kimlik-Nr."),
    "TR_VKN": ("Tax number (VKN)", "Vergi Kimlik No", "Steuernummer (VKN)"),
    "TR_PHONE": ("Phone", "Telefon", "Tel."),
    "TR_IBAN": ("IBAN", "IBAN", "IBAN"),
    "TR_PASSPORT": ("Turkish passport", "Pasaport No", "Türk pasaportu"),
    "TR_LICENSE_PLATE": ("Vehicle plate", "Araç plakası", "Kennzeichen"),
    "IBAN": ("Bank account (IBAN)", "Hesap (IBAN)", "Konto (IBAN)"),
    "EU_VAT": ("VAT ID", "KDV / VAT No", "USt-IdNr."),
    "DE_STEUER_ID": ("German tax id (Steuer-ID)", "Steuer-ID", "Steuer-IdNr."),
    "FR_NIR": ("Social security number (NIR)", "NIR", "Sécurité sociale"),
    "ES_DNI": ("DNI", "DNI", "DNI"),
    "ES_NIE": ("NIE", "NIE", "NIE"),
    "IT_CODICE_FISCALE": ("Codice fiscale", "Codice fiscale", "Codice fiscale"),
    "NL_BSN": ("BSN", "BSN", "Burgerservicenummer"),
    "PL_PESEL": ("PESEL", "PESEL", "PESEL"),
    "UK_NINO": ("National Insurance number", "NINO", "NI number"),
    "EU_PHONE": ("Phone", "Telefon", "Telefon"),
    "FR_NIF": ("Numéro fiscal", "NIF (FR)", "Numéro fiscal"),
    "BE_NATIONAL_NUMBER": ("National number", "Rijksregisternummer", "Numéro national"),
    "PT_NIF": ("NIF (contribuinte)", "NIF", "Contribuinte"),
    "PT_CC": ("Cartão de Cidadão", "Citizen card", "Cartão de Cidadão"),
    "SE_PERSONNUMMER": ("Personnummer", "Personnummer", "Personnummer"),
    "FI_HETU": ("Henkilötunnus", "HETU", "Personal identity code"),
    "DK_CPR": ("CPR", "CPR-nummer", "CPR"),
    "IE_PPS": ("PPS number", "PPSN", "PPS"),
    "RO_CNP": ("CNP", "CNP", "Cod numeric personal"),
    "BG_EGN": ("EGN", "ЕГН", "EGN"),
    "CZ_BIRTH_NUMBER": ("Rodné číslo", "Birth number", "Rodné číslo"),
    "HR_OIB": ("OIB", "OIB", "OIB"),
    "GR_AMKA": ("AMKA", "ΑΜΚΑ", "AMKA"),
    "AT_SVNR": ("Sozialversicherungsnummer", "SVNR", "SV-Nummer"),
    "EE_ISIKUKOOD": ("Isikukood", "Personal code", "Isikukood"),
    "UK_NHS": ("NHS number", "NHS No", "NHS-Nummer"),
    "US_SSN": ("SSN", "SSN", "Social Security No."),
    "US_ITIN": ("ITIN", "ITIN", "ITIN"),
    "US_EIN": ("EIN", "EIN", "Employer Identification Number"),
    "US_PASSPORT": ("Passport No.", "Passport number", "Reisepass-Nr."),
    "US_ABA_ROUTING": ("Routing number", "ABA", "Routing-Nr. (ABA)"),
    "US_MBI": ("Medicare MBI", "Medicare (MBI)", "Medicare-Nr."),
    "US_PHONE": ("Phone", "Telefon", "Telefon"),
    "US_ATIN": ("ATIN", "ATIN", "ATIN"),
    "US_PTIN": ("Preparer PTIN", "PTIN", "PTIN"),
    "US_NPI": ("NPI", "NPI", "NPI (national provider)"),
    "EMAIL": ("Email", "E-posta", "E-Mail"),
    "CREDIT_CARD": ("Card", "Kredi kartı", "Kreditkarte"),
    "IP_ADDRESS": ("IP address", "IP adresi", "IP-Adresse"),
    "MAC_ADDRESS": ("MAC address", "MAC adresi", "MAC-Adresse"),
    "SWIFT_BIC": ("BIC/SWIFT", "SWIFT kodu", "BIC"),
    "IMEI": ("IMEI", "IMEI", "IMEI"),
    "CRYPTO_WALLET": ("Bitcoin wallet", "BTC cüzdan", "Bitcoin-Wallet"),
}

# Types whose validity is a checksum (the quality bar's >= 0.98 applies) and how a
# look-alike breaks them.
ORACLES: dict[str, Callable[[str], bool]] = {
    "TR_TCKN": tckimlik.is_valid, "TR_VKN": vkn.is_valid, "TR_IBAN": iban.is_valid,
    "IBAN": iban.is_valid, "EU_VAT": vat.is_valid, "DE_STEUER_ID": idnr.is_valid,
    "FR_NIR": nir.is_valid, "ES_DNI": dni.is_valid, "ES_NIE": nie.is_valid,
    "IT_CODICE_FISCALE": codicefiscale.is_valid, "NL_BSN": bsn.is_valid,
    "PL_PESEL": pesel.is_valid, "FR_NIF": fr_nif.is_valid, "BE_NATIONAL_NUMBER": nn.is_valid,
    "PT_NIF": pt_nif.is_valid, "PT_CC": pt_cc.is_valid, "SE_PERSONNUMMER": personnummer.is_valid,
    "FI_HETU": hetu.is_valid, "IE_PPS": pps.is_valid, "RO_CNP": cnp.is_valid,
    "BG_EGN": egn.is_valid, "HR_OIB": oib.is_valid, "GR_AMKA": amka.is_valid,
    "EE_ISIKUKOOD": ik.is_valid, "UK_NHS": nhs.is_valid, "US_ABA_ROUTING": rtn.is_valid,
    "US_NPI": lambda v: luhn.is_valid("80840" + v), "CREDIT_CARD": lambda v: luhn.is_valid(v.replace(" ", "").replace("-", "")),
    "IMEI": imei.is_valid, "CRYPTO_WALLET": bitcoin.is_valid, "SWIFT_BIC": bic.is_valid,
    "US_SSN": ssn.is_valid, "US_PTIN": ptin.is_valid, "US_ATIN": atin.is_valid,
    "CZ_BIRTH_NUMBER": rc.is_valid, "AT_SVNR": vnr.is_valid,
}
CHECKSUM_TYPES: tuple[str, ...] = tuple(t for t in ORACLES if t not in ("SWIFT_BIC", "US_SSN", "US_PTIN", "US_ATIN"))

# Types checked without context in a neutral line must stay silent on look-alikes: a
# look-alike must not be valid for any of these no-context types either.
_NO_CONTEXT_ORACLES = (tckimlik.is_valid, iban.is_valid, nir.is_valid, codicefiscale.is_valid,
                       lambda v: luhn.is_valid(v) and len(v) >= 14)

_LOOKALIKE_LABELS = ("Reference", "Referans No", "Vorgangsnummer", "Tracking No.", "Abone No",
                     "Kundennummer", "Claim No.", "Sipariş Ref")


def _safe(check: Callable[[str], bool], value: str) -> bool:
    try:
        return bool(check(value))
    except Exception:  # noqa: BLE001
        return False


def lookalike(rng: random.Random, type_id: str, value: str) -> Optional[str]:
    """``value`` with its last check character changed so no oracle accepts it any more."""
    positions = [i for i, c in enumerate(value) if c.isalnum()]
    index = positions[-1]
    pool = D if value[index].isdigit() else U
    for c in rng.sample(pool, len(pool)):
        candidate = value[:index] + c + value[index + 1 :]
        plain = candidate.replace(" ", "").replace("-", "").replace(".", "").replace("/", "")
        if candidate == value or _safe(ORACLES[type_id], candidate) or _safe(ORACLES[type_id], plain):
            continue
        if any(_safe(check, plain) for check in _NO_CONTEXT_ORACLES):
            continue
        return candidate
    return None


def _not_tckn(rng: random.Random) -> str:
    """An 11-digit article number. One in ~100 random ones passes the TCKN checksum and is
    then, by design, reported as a TCKN even without context; those are not distractors."""
    while True:
        value = str(rng.randint(10**10, 10**11 - 1))
        if not tckimlik.is_valid(value):
            return value


def _distractor(rng: random.Random) -> str:
    """A line with numbers that are not PII."""
    year = rng.choice([2023, 2024, 2025])
    options = [
        f"Invoice No: INV-{year}-{rng.randint(1, 99999):05d}",
        f"Fatura No: FTR{year}{rng.randint(0, 999999999):09d}",
        f"Rechnungsnummer: RE-{year}/{rng.randint(100, 9999)}",
        f"Order {rng.randint(10**7, 10**8 - 1)} of {rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{year}",
        f"Total: {rng.randint(1, 99)}.{rng.randint(100, 999)},{rng.randint(0, 99):02d} EUR",
        f"Amount due: ${rng.randint(1, 99)},{rng.randint(100, 999)}.{rng.randint(0, 99):02d}",
        f"Toplam: {rng.randint(1000, 999999)},{rng.randint(0, 99):02d} TL (KDV %20 dahil)",
        f"Date: {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
        f"Qty {rng.randint(1, 50)} x {rng.randint(1, 999)},{rng.randint(0, 99):02d} = {rng.randint(10, 9999)},{rng.randint(0, 99):02d}",
        f"Handelsregister: HRB {rng.randint(10000, 99999)}, Amtsgericht Köln",
        f"Seite {rng.randint(1, 3)} von {rng.randint(3, 9)}, Lieferschein {rng.randint(10**5, 10**6 - 1)}",
        f"Sipariş No: {rng.randint(10**9, 10**10 - 1)}",
        f"Artikel-Nr. {_not_tckn(rng)}",
        f"PO number {rng.randint(10**8, 10**9 - 1)}, item {rng.randint(1, 40)}, {rng.randint(1, 99)}%",
        f"Tracking: 1Z{rng.randint(10**9, 10**10 - 1)}",
        f"Account balance {rng.randint(1, 9)} {rng.randint(100, 999)} {rng.randint(100, 999)},{rng.randint(10, 99)}",
    ]
    return rng.choice(options)


def generate(seed: int = 7, docs: int = 40, per_type: int = 2, types: Optional[tuple[str, ...]] = None) -> list[LabelledDoc]:
    """``docs`` documents; every type appears ``per_type`` times per document."""
    rng = random.Random(seed)
    chosen = types or tuple(MAKERS)
    out: list[LabelledDoc] = []
    for n in range(docs):
        entries: list[tuple[str, str, str]] = []  # (kind, type, line)
        for type_id in chosen:
            for _ in range(per_type):
                value = MAKERS[type_id](rng)
                label = LABELS[type_id][(n + len(entries)) % 3]
                entries.append(("pii", type_id, f"{label}: \x00{value}\x01"))
            if type_id in ORACLES and type_id != "SWIFT_BIC":
                broken = lookalike(rng, type_id, MAKERS[type_id](rng))
                if broken:
                    entries.append(("lookalike", type_id, f"{rng.choice(_LOOKALIKE_LABELS)}: \x00{broken}\x01"))
        entries += [("none", "", _distractor(rng)) for _ in range(len(chosen))]
        rng.shuffle(entries)
        text, pii, looks = [], [], []
        position = 0
        for kind, type_id, line in entries:
            if "\x00" in line:
                head, rest = line.split("\x00")
                value, tail = rest.split("\x01")
                start = position + len(head)
                (pii if kind == "pii" else looks).append(Span(type_id, start, start + len(value)))
                line = head + value + tail
            text.append(line)
            position += len(line) + 1
        out.append(LabelledDoc("\n".join(text) + "\n", tuple(pii), tuple(looks)))
    return out
