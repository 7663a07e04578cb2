"""Types every jurisdiction protects: email, payment card, IP, MAC, BIC, date of birth,
person, address, IMEI, crypto wallet."""
from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import random
import re
from functools import lru_cache
from typing import Iterator

from stdnum import bic, bitcoin, imei, luhn, mac

from flexorch_beam.pii import address, names, ner, person_scan, phones
from flexorch_beam.pii.context import ScanContext
from flexorch_beam.pii.examples import birth_date, complete, digits, plain_digits, plan_phone, short_phone
from flexorch_beam.pii.recognizer import GENERAL, GLOBAL, Recognizer, identifier, scanned
from flexorch_beam.pii.skipping import Skipping

# --- email: anchored on '@' (a literal the regex engine can skip to) -------------------------
_EMAIL_DOMAIN = re.compile(r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}\b")
_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")


def scan_email(context: ScanContext) -> Iterator[tuple[int, int, float]]:
    text = context.text
    if "@" not in text:
        return
    for match in _EMAIL_DOMAIN.finditer(text):
        start = match.start()
        while start > 0 and text[start - 1] in _LOCAL_CHARS and match.start() - start < 64:
            start -= 1
        while start < match.start() and text[start] in "._%+-":
            start += 1
        if start < match.start():
            yield start, match.end(), 0.9


# --- payment cards: Luhn + issuer ranges ----------------------------------------------------
# (first digits low, high, lengths): the IIN ranges of the schemes in use. Sources: ISO/IEC
# 7812 registrations as published by the schemes (Visa, Mastercard, Amex, Discover, JCB incl.
# its 15-digit 1800/2131 ranges, Diners, UnionPay, Maestro, Mir, RuPay, Troy, Verve, ...).
_IIN: tuple[tuple[int, int, tuple[int, ...]], ...] = (
    (4, 4, (13, 16, 19)),  # Visa (incl. Electron)
    (51, 55, (16,)), (2221, 2720, (16,)),  # Mastercard
    (34, 34, (15,)), (37, 37, (15,)),  # American Express
    (6011, 6011, (16, 17, 18, 19)), (644, 649, (16, 17, 18, 19)), (65, 65, (16, 17, 18, 19)),
    (622126, 622925, (16, 17, 18, 19)),  # Discover
    (35, 35, (16, 17, 18, 19)),  # JCB 3528-3589 (and RuPay-JCB 353/356)
    (1800, 1800, (15,)), (2131, 2131, (15,)),  # JCB, 15-digit ranges
    (300, 305, (14, 15, 16, 17, 18, 19)), (36, 36, (14, 15, 16, 17, 18, 19)),
    (38, 39, (14, 15, 16, 17, 18, 19)),  # Diners Club
    (62, 62, (16, 17, 18, 19)), (81, 81, (16, 17, 18, 19)),  # UnionPay
    (2200, 2204, (16, 17, 18, 19)),  # Mir
    (50, 50, tuple(range(12, 20))), (56, 69, tuple(range(12, 20))),  # Maestro, RuPay, Laser
    (60, 60, (16,)), (508, 508, (16,)), (82, 82, (16,)),  # RuPay
    (9792, 9792, (16,)),  # Troy
    (1, 1, (15,)),  # UATP
)


def _issuer(digits: str) -> bool:
    """Does a card of this length exist in an issuer range the number starts with?"""
    n = len(digits)
    for low, high, lengths in _IIN:
        size = len(str(low))
        if n in lengths and low <= int(digits[:size]) <= high:
            return True
    return False


def _card(value: str) -> float:
    digits = value.replace(" ", "").replace("-", "")
    if not (luhn.is_valid(digits) and _issuer(digits)):
        return 0.0
    # 12/13-digit cards (old Visa, Maestro) and 15-digit UATP look like any Luhn-valid order
    # number: context decides.
    if len(digits) <= 13 or (len(digits) == 15 and digits[0] == "1" and digits[:4] not in ("1800",)):
        return 0.3
    return 0.85


# --- MAC addresses: stdnum's format check + its OUI registry, looked up once per vendor prefix
@lru_cache(maxsize=4096)
def _oui_registered(oui: str) -> bool:
    try:
        mac.get_manufacturer(oui + ":00:00:00")
        return True
    except Exception:  # noqa: BLE001 - unknown prefix
        return False


def _mac(value: str) -> bool:
    if not mac.is_valid(value, validate_manufacturer=False):
        return False
    number = mac.compact(value)
    return not mac.is_universally_administered(number) or _oui_registered(number[:8])


# --- IP addresses: every RFC 4291/5952 text form, embedded IPv4, zone ids, CIDR suffixes ------
# Its own scan (colons and slashes are no part of the candidate pass's pieces): a dotted quad,
# or hex groups with at least two colons ("2001:db8::1", "::ffff:192.0.2.128", "fe80::1%eth0"),
# each maybe followed by "/prefix"; brackets and parentheses around it are left out.
_IPV4 = r"(?:\d{1,3}\.){3}\d{1,3}"
_IP_SCAN = re.compile(
    rf"(?<![\w.:%/+])(?:(?=[0-9A-Fa-f:]{{0,40}}:[0-9A-Fa-f.]{{0,40}}:|::)"  # "+::30": an EDIFACT segment
    rf"(?:[0-9A-Fa-f]{{1,4}}|:)(?::[0-9A-Fa-f]{{0,4}}){{1,7}}(?:(?<=:){_IPV4})?"
    rf"(?:%[A-Za-z0-9_.\-]{{1,16}})?"
    rf"|{_IPV4})"
    r"(?:/\d{1,6})?(?![\w:%/]|\.\d)"
)
_IP_SKIPPING = Skipping(_IP_SCAN)  # same matches, skipping to hex digits and colons


def _ip(value: str) -> float:
    """Score of one written address: 0 when ipaddress rejects it (or its prefix length)."""
    address_, _, prefix = value.partition("/")
    try:
        parsed = ipaddress.ip_address(address_)
    except ValueError:
        return 0.0
    if prefix and int(prefix) > parsed.max_prefixlen:
        return 0.0
    if parsed.version == 6:
        if parsed.is_unspecified:
            return 0.0
        groups = [g for g in address_.split("%")[0].split(":") if g]
        if not parsed.is_loopback and "." not in address_ and max(map(len, groups)) < 3:
            return 0.0  # "a::b", "1::2": a name or a ratio sooner than an address
        return 0.8
    return 0.6


def scan_ip(context: ScanContext) -> Iterator[tuple[int, int, float]]:
    text = context.text
    if "." not in text and ":" not in text:
        return
    for match in _IP_SKIPPING.finditer(text):
        value = match.group()
        if value.count(":") == 1 or value.endswith(":") and not value.endswith("::"):
            continue  # a time, a ratio, "Note:"
        end = match.end()
        score = _ip(value)
        if not score and "/" in value:  # "10.0.0.0/123": the address without its bad suffix
            value = value.partition("/")[0]
            end = match.start() + len(value)
            score = _ip(value)
        if score:
            yield match.start(), end, score


# --- SWIFT/BIC: letters-only words, so its own pass; always with context -----------------
_BIC = re.compile(r"[A-Z](?<![A-Za-z0-9].)[A-Z]{5}[A-Z0-9]{2}(?:[A-Z0-9]{3})?(?![A-Za-z0-9])")


def scan_bic(context: ScanContext) -> Iterator[tuple[int, int, float]]:
    text = context.text
    for match in _BIC.finditer(text):
        if bic.is_valid(match.group()):
            yield match.start(), match.end(), 0.6


# --- date of birth: only right after a birth-date cue -------------------------------------
# Matched on the case-folded text (same length as the text: see normalize_context).
_DOB_CUE = re.compile(
    r"(?:date of birth|birth ?date|born(?: on)?|d\.o\.b\.?|dob\b|doğum tarihi|dogum tarihi|"
    r"doğum|d\. ?tarihi|geburtsdatum|geboren(?: am)?|geb\.)"
)
_MONTHS = {
    name: number
    for number, group in enumerate(
        (
            "january jan ocak januar jänner", "february feb şubat subat februar",
            "march mar mart märz maerz", "april apr nisan", "may mayıs mayis mai",
            "june jun haziran juni", "july jul temmuz juli", "august aug ağustos agustos",
            "september sep sept eylül eylul", "october oct ekim oktober okt",
            "november nov kasım kasim", "december dec aralık aralik dezember dez",
        ),
        start=1,
    )
    for name in group.split()
}
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_DATE = re.compile(
    r"(?P<d1>\d{1,2})[./-](?P<m1>\d{1,2})[./-](?P<y1>\d{4})"
    r"|(?P<y2>\d{4})-(?P<m2>\d{2})-(?P<d2>\d{2})"
    rf"|(?P<d3>\d{{1,2}})\.?\s+(?P<m3>{_MONTH_ALT})\.?\s+(?P<y3>\d{{4}})"
    rf"|(?P<m4>{_MONTH_ALT})\.?\s+(?P<d4>\d{{1,2}}),?\s+(?P<y4>\d{{4}})",
    re.IGNORECASE,
)
_DOB_WINDOW = 40


def _as_date(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    for i in "1234":
        if groups[f"y{i}"]:
            day, month, year = groups[f"d{i}"], groups[f"m{i}"], int(groups[f"y{i}"])
            month_n = int(month) if month.isdigit() else _MONTHS.get(month.lower().rstrip("."))
            if month_n is None:
                return None
            day_n = int(day)
            if i == "1" and month_n > 12 and day_n <= 12:  # US order mm/dd/yyyy
                day_n, month_n = month_n, day_n
            try:
                return dt.date(year, month_n, day_n)
            except ValueError:
                return None
    return None


def scan_dob(context: ScanContext) -> Iterator[tuple[int, int, float]]:
    text, folded = context.text, context.folded  # same length
    for cue in _DOB_CUE.finditer(folded):
        match = _DATE.search(text, cue.end(), min(len(text), cue.end() + _DOB_WINDOW))
        if match is None:
            continue
        date = _as_date(match)
        if date is not None and 1900 <= date.year <= dt.date.today().year:
            yield match.start(), match.end(), 0.85


# --- crypto wallets -------------------------------------------------------------------------
_CRYPTO_PATTERNS = (r"[13][1-9A-HJ-NP-Za-km-z]{25,34}", r"bc1[02-9ac-hj-np-z]{11,71}")


# --- examples and look-alikes (see examples.py) ----------------------------------------------
CARD_PREFIXES = [("4", 16), ("51", 16), ("53", 16), ("55", 16), ("2221", 16), ("2720", 16),
                 ("34", 15), ("37", 15), ("6011", 16), ("9792", 16)]
SWIFT_CODES = {
    "TR": ["TCZBTR2A", "ISBKTRIS", "AKBKTRIS", "TGBATRIS", "YAPITRIS", "VAKFTR2A"],
    "DE": ["DEUTDEFF", "COBADEFF", "INGDDEFF", "DRESDEFF", "GENODEM1GLS"],
    "US": ["CHASUS33", "BOFAUS3N", "CITIUS33", "WFBIUS6S"],
    "UK": ["BARCGB22", "NWBKGB2L"], "FR": ["BNPAFRPP", "SOGEFRPP"], "ES": ["CAIXESBB", "BBVAESMM"],
    "NL": ["INGBNL2A", "ABNANL2A"],
}
_VENDOR_OUIS = ["3C:52:82", "00:1A:2B", "F4:5C:89", "A4:83:E7", "00:50:56"]
_FIRST_NAMES = ["Ayşe", "Mehmet", "Hans", "Anna", "John", "Maria", "Emma", "Lukas"]
_SURNAMES = ["Örnek", "Mustermann", "Doe", "Sample", "Beispiel", "Testmann"]


def card_example(rng: random.Random) -> str:
    prefix, length = rng.choice(CARD_PREFIXES)
    body = prefix + plain_digits(rng, length - len(prefix) - 1)
    number = body + luhn.calc_check_digit(body)
    if length == 15:
        return f"{number[:4]} {number[4:10]} {number[10:]}"
    return " ".join(number[i:i + 4] for i in range(0, 16, 4))


def bic_example(rng: random.Random, cc: str = "") -> str:
    return rng.choice(SWIFT_CODES.get(cc or rng.choice(sorted(SWIFT_CODES)), SWIFT_CODES["DE"]))


def ipv4_example(rng: random.Random) -> str:
    return f"{rng.choice([78, 85, 88, 93, 176, 185, 212])}.{rng.randint(1, 254)}.{rng.randint(1, 254)}.{rng.randint(1, 254)}"


def ipv6_example(rng: random.Random) -> str:
    groups = [rng.choice(["2a02", "2a01", "2001", "2600"])] + [f"{rng.randint(0, 0xffff):x}" for _ in range(7)]
    return str(ipaddress.IPv6Address(":".join(groups)))


def mac_example(rng: random.Random, groups: int = 3) -> str:
    return rng.choice(_VENDOR_OUIS) + ":" + ":".join(f"{rng.randint(0, 255):02X}" for _ in range(groups))


def email_example(rng: random.Random, tld: bool = True) -> str:
    domain = rng.choice(["example.com", "firma.com.tr", "beispiel.de", "mail.co.uk"])
    return (f"{rng.choice(['ayse', 'john', 'j.mueller', 'mehmet.kaya', 'anna_b'])}{rng.randint(1, 99)}@"
            + (domain if tld else domain.split(".")[0]))


def btc_example(rng: random.Random) -> str:
    alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    payload = bytes([rng.choice((0, 5))]) + bytes(rng.randrange(256) for _ in range(20))
    data = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    n, out = int.from_bytes(data, "big"), ""
    while n:
        n, r = divmod(n, 58)
        out = alphabet[r] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def address_example(rng: random.Random) -> str:
    n = rng.randint(1, 240)
    return rng.choice([f"{n} Example Street", f"Musterstraße {n}", f"Örnek Sokak No: {n}"])


RECOGNIZERS: tuple[Recognizer, ...] = (
    scanned(
        "EMAIL", "Email address", GLOBAL, GENERAL, "'@'-anchored scan + domain shape",
        "RFC 5321 shape (local part, dotted domain, alphabetic TLD)", scan_email,
        ("email", "e-mail", "e-posta", "eposta", "mail"), base_score=0.9,
        example=email_example, lookalike=lambda r: email_example(r, tld=False)),
    identifier(
        "CREDIT_CARD", "Payment card number", GLOBAL, "stdnum.luhn + IIN table", _card,
        (r"\d{4}(?:[ -]?\d{4}){2}(?:[ -]?\d{1,7})?", r"\d{4}(?:[ -]?\d{4}){3}[ -]?\d{1,3}",
         r"\d{4}[ -]?\d{6}[ -]?\d{4,5}", r"\d{12,19}"), tuple(range(12, 20)),
        ("card", "kart", "karte", "visa", "mastercard", "amex", "credit", "kredi"),
        regulation="PCI DSS; GLBA, KVKK, GDPR",
        method="12-19 digits, Luhn + issuer (IIN) table of every scheme", base_score=0.85,
        context_required=False, example=card_example),
    scanned(
        "IP_ADDRESS", "IP address (v4 and v6)", GLOBAL, GENERAL,
        "dotted quad; IPv6 in every RFC 5952 form, embedded IPv4, zone id; CIDR suffix",
        "ipaddress", scan_ip, ("ip", "ip address", "ip-adresse", "ip adresi", "host", "server"),
        base_score=0.6, example=lambda r: ipv4_example(r) if r.random() < 0.6 else ipv6_example(r),
        lookalike=lambda r: f"{r.randint(256, 999)}.{r.randint(1, 254)}.{r.randint(1, 254)}.{r.randint(1, 254)}"),
    identifier(
        "MAC_ADDRESS", "MAC address", GLOBAL, "stdnum.mac (format + OUI registry)", _mac,
        (r"[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}", r"[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}",
         r"[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}"), (12,),
        ("mac", "mac address", "mac-adresse", "mac adresi", "ethernet", "wifi"),
        regulation=GENERAL, method="six hex pairs / Cisco dotted shape", context_required=False,
        example=mac_example, lookalike=lambda r: mac_example(r, groups=2)),  # five pairs
    scanned(
        "SWIFT_BIC", "SWIFT/BIC code", GLOBAL, "GLBA, KVKK, GDPR (with account data)",
        "8/11 characters with ISO country code", "stdnum.bic", scan_bic,
        ("bic", "swift", "banka kodu", "bank code", "financialinstitution"), base_score=0.6,
        context_required=True, example=bic_example,
        lookalike=lambda r: (lambda c: c[:4] + "XQ" + c[6:])(bic_example(r))),  # no such country
    scanned(
        "DATE_OF_BIRTH", "Date of birth", GLOBAL, GENERAL,
        "date right after a birth-date cue (EN/TR/DE)", "calendar date, year 1900..today",
        scan_dob, base_score=0.85, example=lambda r: f"{birth_date(r):%d.%m.%Y}",
        lookalike=lambda r: f"{r.choice(['30.02', '31.04', '31.06', '32.01'])}.{r.randint(1950, 2004)}"),
    scanned(
        "PERSON", "Person name", GLOBAL, GENERAL,
        "first-name gazetteer (TR/DE/EN) or name cue + capitalised words; the "
        "project's EN/TR/DE tagger in prose; English cues in prose (a list of people, a work's "
        "creator, the subject of a human verb, a vocative, a dialogue's speaker)", "offline gazetteer + stop words + GeoNames place names",
        person_scan.scan_person, names.PERSON_CONTEXT, base_score=0.6, uses_model=True,
        example=lambda r: f"{r.choice(_FIRST_NAMES)} {r.choice(_SURNAMES)}",
        lookalike=lambda r: f"{r.choice(_SURNAMES)} {r.choice(['Logistik', 'Consulting', 'Trading'])} GmbH"),
    scanned(
        "ADDRESS", "Postal address", GLOBAL, GENERAL,
        "street-type words (TR/DE/EN) + house number, postcode, city; the project's "
        "EN/TR/DE tagger in prose", "offline street-type gazetteer", ner.scan_address,
        address.ADDRESS_CONTEXT, base_score=0.7, uses_model=True, example=address_example,
        lookalike=lambda r: f"Page {r.randint(2, 9)} of {r.randint(10, 20)}"),
    phones.recognizer(
        "OTHER", "PHONE", "Phone number, other numbering plans", GLOBAL, GENERAL,
        "+CC shapes; national forms of a plan the document names (country, calling "
        "code) with a trunk-0 grouping or a phone word",
        "phonenumbers (validity; possible length with a phone word)",
        lambda r: plan_phone(r, r.choice(["JP", "BR", "IN", "AU", "ZA", "MX"])),
        lambda r: short_phone(r, r.choice(["81", "55", "61"]))),
    identifier(
        "IMEI", "Device IMEI", GLOBAL, "stdnum.imei", imei.is_valid,
        (r"\d{2}-?\d{6}-?\d{6}-?\d", r"\d{15}"), (15,), ("imei", "device id", "seri no", "cihaz"),
        regulation=GENERAL, method="15 digits, Luhn",
        example=lambda r: complete("35" + digits(r, 12), imei.is_valid)),
    identifier(
        "CRYPTO_WALLET", "Bitcoin wallet address", GLOBAL, "stdnum.bitcoin", bitcoin.is_valid,
        _CRYPTO_PATTERNS, tuple(range(14, 75)), ("bitcoin", "btc", "wallet", "cüzdan", "crypto"),
        regulation=GENERAL, method="base58check / bech32 address", base_score=0.8,
        context_required=False, example=btc_example),
)
