"""Types every jurisdiction protects: email, payment card, IP, MAC, BIC, date of birth,
person, address, IMEI, crypto wallet."""
from __future__ import annotations

import datetime as dt
import ipaddress
import re
from functools import lru_cache
from typing import Iterator

from stdnum import bic, bitcoin, imei, luhn, mac

from flexorch_beam.pii import address, names, ner, phones
from flexorch_beam.pii.context import ScanContext
from flexorch_beam.pii.recognizer import GENERAL, GLOBAL, Recognizer, safe

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
    for match in _IP_SCAN.finditer(text):
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


RECOGNIZERS: tuple[Recognizer, ...] = (
    Recognizer(
        id="EMAIL",
        name="Email address",
        jurisdiction=GLOBAL,
        regulation=GENERAL,
        method="'@'-anchored scan + domain shape",
        validator_name="RFC 5321 shape (local part, dotted domain, alphabetic TLD)",
        scanner=scan_email,
        context=("email", "e-mail", "e-posta", "eposta", "mail"),
        base_score=0.9,
    ),
    Recognizer(
        id="CREDIT_CARD",
        name="Payment card number",
        jurisdiction=GLOBAL,
        regulation="PCI DSS; GLBA, KVKK, GDPR",
        method="12-19 digits, Luhn + issuer (IIN) table of every scheme",
        validator_name="stdnum.luhn + IIN table",
        patterns=(r"\d{4}(?:[ -]?\d{4}){2}(?:[ -]?\d{1,7})?", r"\d{4}(?:[ -]?\d{4}){3}[ -]?\d{1,3}",
                  r"\d{4}[ -]?\d{6}[ -]?\d{4,5}",
                  r"\d{12,19}"),
        lengths=tuple(range(12, 20)),
        validator=safe(_card),
        context=("card", "kart", "karte", "visa", "mastercard", "amex", "credit", "kredi"),
        base_score=0.85,
    ),
    Recognizer(
        id="IP_ADDRESS",
        name="IP address (v4 and v6)",
        jurisdiction=GLOBAL,
        regulation=GENERAL,
        method="dotted quad; IPv6 in every RFC 5952 form, embedded IPv4, zone id; CIDR suffix",
        validator_name="ipaddress",
        scanner=scan_ip,
        context=("ip", "ip address", "ip-adresse", "ip adresi", "host", "server"),
        base_score=0.6,
    ),
    Recognizer(
        id="MAC_ADDRESS",
        name="MAC address",
        jurisdiction=GLOBAL,
        regulation=GENERAL,
        method="six hex pairs / Cisco dotted shape",
        validator_name="stdnum.mac (format + OUI registry)",
        patterns=(r"[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}", r"[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}",
                  r"[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}"),
        lengths=(12,),
        validator=safe(_mac),
        context=("mac", "mac address", "mac-adresse", "mac adresi", "ethernet", "wifi"),
        base_score=0.7,
    ),
    Recognizer(
        id="SWIFT_BIC",
        name="SWIFT/BIC code",
        jurisdiction=GLOBAL,
        regulation="GLBA, KVKK, GDPR (with account data)",
        method="8/11 characters with ISO country code",
        validator_name="stdnum.bic",
        scanner=scan_bic,
        context=("bic", "swift", "banka kodu", "bank code", "financialinstitution"),
        base_score=0.6,
        context_required=True,
    ),
    Recognizer(
        id="DATE_OF_BIRTH",
        name="Date of birth",
        jurisdiction=GLOBAL,
        regulation=GENERAL,
        method="date right after a birth-date cue (EN/TR/DE)",
        validator_name="calendar date, year 1900..today",
        scanner=scan_dob,
        base_score=0.85,
    ),
    Recognizer(
        id="PERSON",
        name="Person name",
        jurisdiction=GLOBAL,
        regulation=GENERAL,
        method="first-name gazetteer (TR/DE/EN) or name cue + capitalised words; the "
               "project's EN/TR/DE tagger in prose",
        validator_name="offline gazetteer + stop words + GeoNames place names",
        scanner=ner.scan_person,
        uses_model=True,
        context=names.PERSON_CONTEXT,
        base_score=0.6,
    ),
    Recognizer(
        id="ADDRESS",
        name="Postal address",
        jurisdiction=GLOBAL,
        regulation=GENERAL,
        method="street-type words (TR/DE/EN) + house number, postcode, city; the project's "
               "EN/TR/DE tagger in prose",
        validator_name="offline street-type gazetteer",
        scanner=ner.scan_address,
        uses_model=True,
        context=address.ADDRESS_CONTEXT,
        base_score=0.7,
    ),
    Recognizer(
        id="PHONE",
        name="Phone number, other numbering plans",
        jurisdiction=GLOBAL,
        regulation=GENERAL,
        method="+CC shapes; national forms of a plan the document names (country, calling "
               "code) with a trunk-0 grouping or a phone word",
        validator_name="phonenumbers (validity; possible length with a phone word)",
        scanner=phones.scanner("OTHER"),
        context=phones.PHONE_CONTEXT,
        base_score=phones.ACCEPT,
    ),
    Recognizer(
        id="IMEI",
        name="Device IMEI",
        jurisdiction=GLOBAL,
        regulation=GENERAL,
        method="15 digits, Luhn",
        validator_name="stdnum.imei",
        patterns=(r"\d{2}-?\d{6}-?\d{6}-?\d", r"\d{15}"),
        lengths=(15,),
        validator=safe(imei.is_valid),
        context=("imei", "device id", "seri no", "cihaz"),
        base_score=0.7,
        context_required=True,
    ),
    Recognizer(
        id="CRYPTO_WALLET",
        name="Bitcoin wallet address",
        jurisdiction=GLOBAL,
        regulation=GENERAL,
        method="base58check / bech32 address",
        validator_name="stdnum.bitcoin",
        patterns=_CRYPTO_PATTERNS,
        lengths=tuple(range(14, 75)),
        validator=safe(bitcoin.is_valid),
        context=("bitcoin", "btc", "wallet", "cüzdan", "crypto"),
        base_score=0.8,
    ),
)
