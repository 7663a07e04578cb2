"""Identifiers with VALID checksums (python-stdnum, phonenumbers) and broken look-alikes.

Every generator takes a seeded ``random.Random`` and returns the value as a document
prints it (IBANs in groups of four, SSNs with dashes, ...). :func:`is_valid` is the single
check the tests use: stdnum/phonenumbers where they cover the type, documented format
rules otherwise (UK NINO, US MBI, passports, plates, addresses).
"""
from __future__ import annotations

import datetime as dt
import ipaddress
import random
import re
import string

import phonenumbers
from stdnum import bic, iban, luhn
from stdnum.de import idnr
from stdnum.es import ccc, dni, nie
from stdnum.eu import vat
from stdnum.fr import nir
from stdnum.it import codicefiscale
from stdnum.nl import bsn
from stdnum.pl import pesel
from stdnum.tr import tckimlik, vkn
from stdnum.us import ein, itin, rtn, ssn

DIGITS = string.digits


def _digits(rng: random.Random, n: int, first_nonzero: bool = False) -> str:
    out = "".join(rng.choice(DIGITS) for _ in range(n))
    if first_nonzero and out[0] == "0":
        out = rng.choice("123456789") + out[1:]
    return out


def _until_valid(rng: random.Random, make, check, tries: int = 10000) -> str:
    """Rejection sampling: cheap because check digits pass ~1 in 10 candidates."""
    for _ in range(tries):
        value = make()
        if check(value):
            return value
    raise RuntimeError("no valid value found")  # pragma: no cover - would be a logic bug


# --- Türkiye -------------------------------------------------------------------------

def tr_tckn(rng: random.Random) -> str:
    base = _digits(rng, 9, first_nonzero=True)
    return base + tckimlik.calc_check_digits(base)


def tr_vkn(rng: random.Random) -> str:
    return _until_valid(rng, lambda: (lambda b: b + vkn.calc_check_digit(b))(_digits(rng, 9)),
                        vkn.is_valid)


def tr_passport(rng: random.Random) -> str:
    return rng.choice("USZ") + _digits(rng, 8)


def tr_plate(rng: random.Random) -> str:
    province = rng.choice(["34", "06", "35", "16", "07", "41", "01", "42"])
    letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVYZ") for _ in range(rng.choice([2, 3])))
    return f"{province} {letters} {_digits(rng, 3 if len(letters) == 2 else 2, True)}"


# --- IBAN ----------------------------------------------------------------------------

BANK_CODES = {
    "TR": ["00010", "00012", "00015", "00046", "00062", "00064", "00067", "00111"],
    "DE": ["10070000", "20040000", "37040044", "50010517", "60050101", "70020270"],
    "FR": ["30004", "30003", "20041", "10107"],
    "ES": ["2100", "0049", "0182", "2085"],
    "IT": ["03069", "02008", "05034"],
    "NL": ["ABNA", "INGB", "RABO", "TRIO"],
    "PL": ["10901014", "11402004", "12401037"],
    "AT": ["12000", "20111", "32000"],
    "BE": ["001", "310", "068"],
    "GB": ["NWBK", "BARC", "MIDL", "LOYD"],
}


def _bban(rng: random.Random, cc: str) -> str:
    bank = rng.choice(BANK_CODES[cc])
    if cc == "TR":
        return bank + "0" + _digits(rng, 16)
    if cc == "DE":
        return bank + _digits(rng, 10, True)
    if cc == "FR":
        branch, account = _digits(rng, 5), _digits(rng, 11)
        key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97
        return f"{bank}{branch}{account}{key:02d}"
    if cc == "ES":
        branch, account = _digits(rng, 4), _digits(rng, 10)
        checks = ccc.calc_check_digits(bank + branch + "00" + account)
        return bank + branch + checks + account
    if cc == "IT":
        return rng.choice(string.ascii_uppercase) + bank + _digits(rng, 5) + _digits(rng, 12)
    if cc == "NL":
        return bank + _digits(rng, 10)
    if cc == "PL":
        return bank + _digits(rng, 16)
    if cc == "AT":
        return bank + _digits(rng, 11)
    if cc == "GB":
        return bank + _digits(rng, 6, True) + _digits(rng, 8)
    if cc == "BE":
        account = bank + _digits(rng, 7)
        check = int(account) % 97 or 97
        return f"{account}{check:02d}"
    raise ValueError(cc)


def iban_for(rng: random.Random, cc: str) -> str:
    """A valid IBAN of country ``cc``, printed in groups of four."""
    def make():
        bban = _bban(rng, cc)
        return cc + iban.calc_check_digits(cc + "00" + bban) + bban
    return iban.format(_until_valid(rng, make, iban.is_valid))


# --- EU ------------------------------------------------------------------------------

def eu_vat(rng: random.Random, cc: str) -> str:
    """A VAT id that passes stdnum's country checksum (DE, FR, ES, IT, NL, PL, AT, BE)."""
    makers = {
        "DE": lambda: "DE" + _digits(rng, 9, True),
        "FR": lambda: "FR" + _digits(rng, 11),
        "ES": lambda: "ES" + rng.choice("ABG") + _digits(rng, 8),
        "IT": lambda: "IT" + _digits(rng, 7, True) + rng.choice(["001", "015", "096", "058"]) + _digits(rng, 1),
        "NL": lambda: "NL" + _digits(rng, 9, True) + "B01",
        "PL": lambda: "PL" + _digits(rng, 10, True),
        "AT": lambda: "ATU" + _digits(rng, 8),
        "BE": lambda: "BE0" + _digits(rng, 9, True),
    }
    return _until_valid(rng, makers[cc], vat.is_valid)


def de_steuer_id(rng: random.Random) -> str:
    def make():
        # first ten digits: one digit twice, one digit missing (the common case)
        pool = rng.sample("0123456789", 9)
        if pool[0] == "0":
            pool[0], pool[1] = pool[1], pool[0]
        pool.insert(rng.randrange(1, 10), rng.choice(pool[1:]))
        return "".join(pool) + rng.choice(DIGITS)
    value = _until_valid(rng, make, idnr.is_valid)
    return idnr.format(value)


def fr_nir(rng: random.Random, birth: dt.date, female: bool) -> str:
    dept = rng.choice(["75", "69", "13", "33", "59"])
    body = f"{2 if female else 1}{birth.year % 100:02d}{birth.month:02d}{dept}{_digits(rng, 3, True)}{_digits(rng, 3, True)}"
    return nir.format(body + nir.calc_check_digits(body))


def es_dni(rng: random.Random) -> str:
    body = _digits(rng, 8, True)
    return body + dni.calc_check_digit(body)


def es_nie(rng: random.Random) -> str:
    body = rng.choice("XYZ") + _digits(rng, 7)
    return body + nie.calc_check_digit(body)


_VOWELS = "AEIOU"


def _cf_part(name: str, is_first: bool) -> str:
    letters = [c for c in name.upper() if c in string.ascii_uppercase]
    cons = [c for c in letters if c not in _VOWELS]
    vows = [c for c in letters if c in _VOWELS]
    if is_first and len(cons) > 3:
        cons = [cons[0], cons[2], cons[3]]
    return ("".join(cons + vows) + "XXX")[:3]


def it_codice_fiscale(rng: random.Random, first: str, last: str, birth: dt.date, female: bool) -> str:
    months = "ABCDEHLMPRST"
    day = birth.day + (40 if female else 0)
    town = rng.choice(["H501", "F205", "L219", "G273", "A944", "F839"])
    body = f"{_cf_part(last, False)}{_cf_part(first, True)}{birth.year % 100:02d}{months[birth.month - 1]}{day:02d}{town}"
    return body + codicefiscale.calc_check_digit(body)


def nl_bsn(rng: random.Random) -> str:
    return _until_valid(rng, lambda: _digits(rng, 9, True), bsn.is_valid)


def pl_pesel(rng: random.Random, birth: dt.date, female: bool) -> str:
    offset = {18: 80, 19: 0, 20: 20}[birth.year // 100]
    serial = _digits(rng, 3) + str(rng.choice("02468" if female else "13579"))
    body = f"{birth.year % 100:02d}{birth.month + offset:02d}{birth.day:02d}{serial}"
    return body + pesel.calc_check_digit(body)


_NINO_BAD_PREFIX = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
_NINO_RE = re.compile(r"^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$")


def uk_nino(rng: random.Random) -> str:
    first = "ABCEGHJKLMNOPRSTWXYZ"
    second = "ABCEGHJKLMNPRSTWXYZ"
    while True:
        prefix = rng.choice(first) + rng.choice(second)
        if prefix not in _NINO_BAD_PREFIX:
            break
    d = _digits(rng, 6)
    return f"{prefix} {d[:2]} {d[2:4]} {d[4:]} {rng.choice('ABCD')}"


# --- US ------------------------------------------------------------------------------

def us_ssn(rng: random.Random) -> str:
    return ssn.format(_until_valid(
        rng, lambda: f"{rng.randint(1, 899):03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}",
        ssn.is_valid))


def us_itin(rng: random.Random) -> str:
    group = rng.choice(list(range(70, 89)) + [90, 91, 92] + list(range(94, 100)))
    return itin.format(f"9{_digits(rng, 2)}{group:02d}{_digits(rng, 4)}")


def us_ein(rng: random.Random) -> str:
    return ein.format(_until_valid(rng, lambda: rng.choice(
        ["10", "12", "20", "27", "33", "45", "46", "61", "75", "84", "94"]) + _digits(rng, 7), ein.is_valid))


def us_aba(rng: random.Random) -> str:
    base = rng.choice(["0210", "0260", "0110", "1210", "0710", "0910"]) + _digits(rng, 4)
    return base + rtn.calc_check_digit(base)


_MBI_ALPHA = "ACDEFGHJKMNPQRTUVWXY"  # CMS: no S, L, O, I, B, Z
_MBI_RE = re.compile(r"^[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d[AC-HJKMNP-RT-Y]{2}\d\d$")


def us_mbi(rng: random.Random) -> str:
    alnum = _MBI_ALPHA + DIGITS
    chars = [rng.choice("123456789"), rng.choice(_MBI_ALPHA), rng.choice(alnum), rng.choice(DIGITS),
             rng.choice(_MBI_ALPHA), rng.choice(alnum), rng.choice(DIGITS), rng.choice(_MBI_ALPHA),
             rng.choice(_MBI_ALPHA), rng.choice(DIGITS), rng.choice(DIGITS)]
    s = "".join(chars)
    return f"{s[:4]}-{s[4:7]}-{s[7:]}"


def us_passport(rng: random.Random) -> str:
    return rng.choice("ABCEFGHJKLMNPRSTUVWXYZ") + _digits(rng, 8, True)


# --- payment, network ----------------------------------------------------------------

CARD_PREFIXES = [("4", 16), ("51", 16), ("53", 16), ("55", 16), ("2221", 16), ("2720", 16),
                 ("34", 15), ("37", 15), ("6011", 16), ("9792", 16)]


def credit_card(rng: random.Random) -> str:
    prefix, length = rng.choice(CARD_PREFIXES)
    body = prefix + _digits(rng, length - len(prefix) - 1)
    number = body + luhn.calc_check_digit(body)
    if length == 15:
        return f"{number[:4]} {number[4:10]} {number[10:]}"
    return " ".join(number[i:i + 4] for i in range(0, 16, 4))


SWIFT_CODES = {
    "TR": ["TCZBTR2A", "ISBKTRIS", "AKBKTRIS", "TGBATRIS", "YAPITRIS", "VAKFTR2A"],
    "DE": ["DEUTDEFF", "COBADEFF", "INGDDEFF", "DRESDEFF", "GENODEM1GLS"],
    "US": ["CHASUS33", "BOFAUS3N", "CITIUS33", "WFBIUS6S"],
    "UK": ["BARCGB22", "NWBKGB2L"], "FR": ["BNPAFRPP", "SOGEFRPP"], "ES": ["CAIXESBB", "BBVAESMM"], "NL": ["INGBNL2A", "ABNANL2A"],
}


def swift_bic(rng: random.Random, cc: str) -> str:
    return rng.choice(SWIFT_CODES.get(cc, SWIFT_CODES["DE"]))


def ipv4(rng: random.Random) -> str:
    return f"{rng.choice([78, 85, 88, 93, 176, 185, 212])}.{rng.randint(1, 254)}.{rng.randint(1, 254)}.{rng.randint(1, 254)}"


def ipv6(rng: random.Random) -> str:
    groups = [rng.choice(["2a02", "2a01", "2001", "2600"])] + [f"{rng.randint(0, 0xffff):x}" for _ in range(7)]
    return str(ipaddress.IPv6Address(":".join(groups)))


def mac_address(rng: random.Random) -> str:
    oui = rng.choice(["3C:52:82", "00:1A:2B", "F4:5C:89", "A4:83:E7", "00:50:56"])
    return oui + ":" + ":".join(f"{rng.randint(0, 255):02X}" for _ in range(3))


# --- phones --------------------------------------------------------------------------

def _phone(rng: random.Random, region: str, make, fmt) -> str:
    def ok(text: str) -> bool:
        try:
            return phonenumbers.is_valid_number(phonenumbers.parse(text, region))
        except phonenumbers.NumberParseException:
            return False
    number = _until_valid(rng, make, ok)
    return phonenumbers.format_number(phonenumbers.parse(number, region), fmt)


def tr_phone(rng: random.Random, mobile: bool = True, national: bool = False) -> str:
    fmt = phonenumbers.PhoneNumberFormat.NATIONAL if national else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    if mobile:
        operators = ["30", "32", "33", "35", "42", "44", "05", "06", "53", "55"]
        return _phone(rng, "TR", lambda: "+905" + rng.choice(operators) + _digits(rng, 7), fmt)
    return _phone(rng, "TR", lambda: "+90" + rng.choice(["212", "216", "312", "232", "224"]) + _digits(rng, 7, True), fmt)


def eu_phone(rng: random.Random, cc: str) -> str:
    makers = {
        "DE": lambda: "+49" + rng.choice(["30", "40", "89", "69", "221", "711", "151", "160", "170", "176"]) + _digits(rng, 8, True),
        "FR": lambda: "+33" + rng.choice("1234567") + _digits(rng, 8),
        "ES": lambda: "+34" + rng.choice("6789") + _digits(rng, 8),
        "IT": lambda: "+39" + rng.choice(["02", "06", "3"]) + _digits(rng, 8),
        "NL": lambda: "+31" + rng.choice(["20", "10", "6"]) + _digits(rng, 7),
        "PL": lambda: "+48" + rng.choice(["22", "12", "5", "6", "7"]) + _digits(rng, 7),
        "AT": lambda: "+43" + rng.choice(["1", "664", "676"]) + _digits(rng, 7),
        "BE": lambda: "+32" + rng.choice(["2", "470", "3"]) + _digits(rng, 7),
    }
    return _phone(rng, cc, makers[cc], phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def us_phone(rng: random.Random) -> str:
    return _phone(rng, "US", lambda: "+1" + rng.choice(["212", "415", "312", "617", "512", "206", "303", "404"])
                  + rng.choice("23456789") + _digits(rng, 6), phonenumbers.PhoneNumberFormat.NATIONAL)


# --- look-alikes ---------------------------------------------------------------------

def break_last_digit(rng: random.Random, value: str, type_id: str) -> str:
    """Change the last digit until the value no longer validates (a typo'd id)."""
    idx = max(i for i, c in enumerate(value) if c.isdigit())
    for d in rng.sample(DIGITS, 10):
        candidate = value[:idx] + d + value[idx + 1:]
        if candidate != value and not is_valid(type_id, candidate):
            return candidate
    raise RuntimeError("cannot break value")  # pragma: no cover


def break_iban(rng: random.Random, value: str) -> str:
    """Same shape, wrong check digits."""
    compact = iban.compact(value)
    check = int(compact[2:4])
    wrong = f"{(check + rng.randint(1, 50)) % 97 + 2:02d}"
    if wrong == compact[2:4]:
        wrong = f"{(check + 51) % 97 + 2:02d}"
    return iban.format(compact[:2] + wrong + compact[4:])


def broken_ssn(rng: random.Random) -> str:
    """SSN shape in a never-issued area (666, 000 or 9xx)."""
    area = rng.choice(["666", "000", f"9{_digits(rng, 2)}"])
    return f"{area}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"


# --- validation ----------------------------------------------------------------------

def _phone_ok(value: str, region: str) -> bool:
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return False
    if region == "TR" and number.country_code != 90:
        return False
    if region == "US" and number.country_code != 1:
        return False
    return phonenumbers.is_valid_number(number)


def _ip_ok(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
        return True
    except ValueError:
        return False


_VALIDATORS = {
    "TR_TCKN": tckimlik.is_valid,
    "TR_VKN": vkn.is_valid,
    "TR_IBAN": lambda v: iban.is_valid(v) and iban.compact(v).startswith("TR"),
    "IBAN": lambda v: iban.is_valid(v) and not iban.compact(v).startswith("TR"),
    "TR_PHONE": lambda v: _phone_ok(v, "TR"),
    "US_PHONE": lambda v: _phone_ok(v, "US"),
    "EU_PHONE": lambda v: v.startswith("+") and _phone_ok(v, "DE"),
    "TR_PASSPORT": lambda v: re.fullmatch(r"[USZ]\d{8}", v) is not None,
    "TR_LICENSE_PLATE": lambda v: re.fullmatch(r"(0[1-9]|[1-7]\d|8[01]) [A-Z]{1,3} \d{2,4}", v) is not None,
    "EU_VAT": vat.is_valid,
    "DE_STEUER_ID": idnr.is_valid,
    "FR_NIR": nir.is_valid,
    "ES_DNI": dni.is_valid,
    "ES_NIE": nie.is_valid,
    "IT_CODICE_FISCALE": codicefiscale.is_valid,
    "NL_BSN": bsn.is_valid,
    "PL_PESEL": pesel.is_valid,
    "UK_NINO": lambda v: _NINO_RE.fullmatch(v.replace(" ", "")) is not None,
    "US_SSN": ssn.is_valid,
    "US_ITIN": itin.is_valid,
    "US_EIN": ein.is_valid,
    "US_ABA_ROUTING": rtn.is_valid,
    "US_MBI": lambda v: _MBI_RE.fullmatch(v.replace("-", "")) is not None,
    "US_PASSPORT": lambda v: re.fullmatch(r"[A-Z]?\d{8,9}", v) is not None,
    "CREDIT_CARD": lambda v: luhn.is_valid(v.replace(" ", "")) and 13 <= len(v.replace(" ", "")) <= 19,
    "SWIFT_BIC": bic.is_valid,
    "IP_ADDRESS": _ip_ok,
    "MAC_ADDRESS": lambda v: re.fullmatch(r"([0-9A-F]{2}[:-]){5}[0-9A-F]{2}", v, re.I) is not None,
    "EMAIL": lambda v: re.fullmatch(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", v) is not None,
}

# Types without a syntactic check: present in the truth, validated by context only.
UNCHECKED_TYPES = frozenset({"PERSON", "ADDRESS", "DATE_OF_BIRTH"})


def is_valid(type_id: str, value: str) -> bool:
    """True when ``value`` is a valid ``type_id`` (checksums where the type has one)."""
    if type_id in UNCHECKED_TYPES:
        return bool(value.strip())
    return bool(_VALIDATORS[type_id](value))
