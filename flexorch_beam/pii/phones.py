"""Phone numbers for the TR, US, EU and other-plan phone recognizers, validated by ``phonenumbers``.

One scan per document finds every phone-shaped run on a line (``+CC (0)…``, ``(415)555-0132``,
``0532 123 45 67``, ``03.93.92.16.85``, ``…x4587`` extensions); a run that is no number is
tried again as shorter runs of its space-separated groups (a table row of small numbers). Each
candidate is then judged with phonenumbers' own rules, on the numbering plans of the regions
the document points to (``candidate_regions``: countries it names, calling codes it uses)
followed by the default plans: TR, the EU/EEA, UK, CH, US/CA.

- International forms (``+`` or ``00``) valid for their country stand alone; possible-length
  ones (the right length for the plan, but not an allocated range) need a phone word nearby.
- National forms are ambiguous between countries. They stand alone when valid and written in
  a shape only phones have: NANP ``(xxx) xxx-xxxx`` / ``xxx-xxx-xxxx``, the Turkish groupings,
  or a trunk ``0`` with three groups or in parentheses (``0688 872 49 99``, ``(08) 8747 6301``).
  Otherwise a phone word on the line (Tel, Phone, Mobile, Fax, Desk, call, ...) must confirm
  them, and then a number possible for one of the candidate plans is enough. The regions the
  document points to are tried first, so their numbers get their own type.

Which recognizer reports a number follows its region: TR_PHONE (TR), US_PHONE (US/CA),
EU_PHONE (EU/EEA, UK, CH and the European microstates), PHONE (any other plan).
"""
from __future__ import annotations

import random
import re
from typing import Callable, Iterator, NamedTuple, Optional

import phonenumbers
from phonenumbers.geodata.locale import LOCALE_DATA

from flexorch_beam.pii.context import ScanContext
from flexorch_beam.pii.recognizer import Recognizer, normalize_context, scanned
from flexorch_beam.pii.skipping import Skipping
from flexorch_beam.pii.trie import trie_pattern

PHONE_CONTEXT = (
    "tel", "telefon", "phone", "gsm", "cep", "mobile", "mobil", "handy", "fax", "faks",
    "call", "ara", "anruf", "rufnummer", "contact", "iletişim", "kontakt",
    # signature blocks and prose: "Desk: …", "… office", "reach me on …", "text me at …"
    "desk", "office", "cell", "landline", "hotline", "direct line", "dial", "reach me",
    "text me", "sms", "whatsapp", "durchwahl", "festnetz", "telefonnummer", "numaram",
)

EU_REGIONS = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK "
    "IS LI NO CH GB MC SM AD".split()
)
TR_REGIONS = frozenset({"TR"})
US_REGIONS = frozenset({"US", "CA"})
# The default plans, in the order national numbers are tried (most documents first).
DEFAULT_REGIONS = ("TR", "US", "CA", "DE", "GB", "FR", "ES", "IT", "NL", "CH", "AT", "BE",
                   "PL", "PT", "IE", "SE", "DK", "NO", "FI", "CZ", "SK", "HU", "RO", "BG",
                   "GR", "HR", "SI", "LT", "LV", "EE", "LU", "MT", "CY", "IS", "LI", "MC",
                   "SM", "AD")
EU_CODES = frozenset(
    code for code, regions in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items()
    if EU_REGIONS.intersection(regions)
)

ACCEPT = 0.7  # a valid number in an unambiguous shape
POSSIBLE_INTERNATIONAL = 0.45  # "+CC" and a possible length: a phone word confirms it
POSSIBLE_NANP = 0.5  # "(xxx) xxx-xxxx" of a possible length: reported, at the lowest score
NEEDS_CONTEXT = 0.3  # a valid or possible national number that a phone word must confirm
MIN_DIGITS, MAX_DIGITS = 7, 15

# A phone-shaped run on one line: optional +CC / 00CC and "(0)", groups of digits separated by
# one space, dash, dot or slash (the first may be in parentheses), an optional extension.
_EXT = r"(?:[ ]?(?:x|ext\.?|extension)[ ]?\d{1,6})"
_RUN = re.compile(
    r"(?=[+(0-9])(?<![\w@%+#/&=])(?<!\d[.,:])(?<![A-Za-z][\-/])"
    r"(?:(?:\+|00)\d{1,3}[ .\-]?(?:\(0\)[ .\-]?)?)?"
    r"\(?\d{1,5}\)?(?:[ .\-/]?\d{1,8}){0,7}"
    rf"{_EXT}?"
    r"(?![\w@]|[.,:/]\d)"
)
_GROUP = re.compile(r"[^ ]+")
_EXT_AT = re.compile(rf"{_EXT}\Z")
_DIGIT = re.compile(r"\d")
# Dates and times are no phones: "2020-06-20", "13.04.1978", "04/13/1978".
_DATE = re.compile(
    r"(?:(\d{4})([-./])(\d{1,2})\2(\d{1,2})|(\d{1,2})([-./])(\d{1,2})\6(\d{2}|\d{4}))(?![./]?\d)")

# Parentheses, dashes or dots make a NANP number; "865 465 9255" could be anything.
_US_SHAPED = re.compile(r"(?:\+?1[ .\-]?)?(?:\([2-9]\d{2}\)[ .\-]?\d{3}[ .\-]?|[2-9]\d{2}([.\-])\d{3}\1)\d{4}")
_TR_MOBILE = re.compile(r"0[ ]?\(?5\d{2}")
# The Turkish way of printing any number: "(0212) 449 87 25", "0 (532) 123 45 67".
_TR_GROUPED = re.compile(r"(?:\(0\d{3}\)|0[ ]?\(\d{3}\)|0\d{3})[ ]\d{3}[ ]\d{2}[ ]\d{2}")
# A trunk prefix and separators: "0688 872 49 99", "03.93.92.16.85", "(08) 8747 6301".
_TRUNK_GROUPED = re.compile(r"\(0\d{1,4}\)[ .\-/]?\d{2,}(?:[ .\-/]\d{2,})*|0\d{1,4}(?:[ .\-/]\d{2,}){2,}")


def _is_date(value: str) -> bool:
    """Starts with a calendar date (day and month in range, either order), or is a range of
    dates ("01.05.14-31.05.14")."""
    pieces = _RANGE.split(value)
    if len(pieces) > 1 and all(_is_date(piece) for piece in pieces):
        return True
    match = _DATE.match(value)
    if match is None:
        return False
    if match.group(1):
        first, second = int(match.group(3)), int(match.group(4))  # yyyy-mm-dd
    else:
        first, second = int(match.group(5)), int(match.group(7))
    return (1 <= first <= 12 and 1 <= second <= 31) or (1 <= first <= 31 and 1 <= second <= 12)


_AMOUNT = re.compile(r"\d{1,3}(?:[.,]\d{3})*[.,]\d{2}")  # "70.00", "1.234,56": no phone group
_CC_APART = re.compile(r"00\d{1,3}[ .\-(]")
_DOTTED_QUAD = re.compile(r"(?:\d{1,3}\.){3}\d{1,3}")  # an IPv4 address
_NANP_DIGITS = re.compile(r"1?[2-9]\d{2}[2-9]\d{6}")
SSN_SHAPED = re.compile(r"\d{3}([- .])\d{2}\1\d{4}")  # a US SSN's shape, in any of its separators (us.py too)


_RANGE = re.compile(r"\s*[-–]\s*|\s+")


class Phone(NamedTuple):
    start: int
    end: int
    kind: str  # "TR", "US", "EU" or "OTHER"
    base: float
    valid: bool


def kind_of(region: str) -> str:
    if region in TR_REGIONS:
        return "TR"
    if region in US_REGIONS:
        return "US"
    if region in EU_REGIONS:
        return "EU"
    return "OTHER"


def _code_kind(code: int) -> str:
    if code == 90:
        return "TR"
    if code == 1:
        return "US"
    if code in EU_CODES:
        return "EU"
    return "OTHER"


# A number labelled as something else is no phone unless a phone word is there too:
# "Steuer-Nr. 044 241 601 03", "Order 70670482", "Claim No.: 822 545 5281".
_ID_LABEL = re.compile(
    r"(?<![a-z0-9])(?:nr|no|id|ref|reference|referans|"
    r"invoice|rechnung|fatura|order|bestell|auftrag|account|konto|hesap|iban|blz|bic|swift|"
    r"tax|steuer|vergi|vat|ust|mwst|kdv|tva|customer|kunden|claim|policy|tracking|serial|"
    r"seri|ssn|itin|ein|tckn|kimlik|passport|pass|card|kart|amount|total|betrag|tutar)"
    r"(?![a-z])"
)
LABEL_CHARS = 24


def labelled_as_other(label: str) -> bool:
    """Does the folded text just before a number name it as an identifier or amount?"""
    return _ID_LABEL.search(label) is not None


# --- the document's country cues --------------------------------------------------------
_NAME_LANGUAGES = ("en", "de", "tr", "fr", "es", "it", "nl", "pt")
_SHORT_NAMES = {"usa": "US", "u.s.a.": "US", "uk": "GB", "great britain": "GB",
                "england": "GB", "scotland": "GB", "wales": "GB", "turkey": "TR"}


def _country_names() -> dict[str, str]:
    """Country names in EN/DE/TR/FR/ES/IT/NL/PT (phonenumbers' own geodata) -> region."""
    names: dict[str, str] = {normalize_context(k): v for k, v in _SHORT_NAMES.items()}
    for region, by_language in LOCALE_DATA.items():
        if len(region) != 2 or not region.isalpha():
            continue
        for language in _NAME_LANGUAGES:
            name = by_language.get(language)
            for _ in range(3):  # "*aa": the same name as in language "aa"
                if name and name.startswith("*"):
                    name = by_language.get(name[1:])
            if name and len(name) >= 4 and "," not in name:
                names.setdefault(normalize_context(name), region)
    return names


_NAMES = _country_names()
# Built once: the set was rebuilt from _NAMES at every call (12 us; 772 calls on the 1,500
# research sentences, 3,569 on the real documents), and a frozenset is safe to share.
_NAME_SET = frozenset(_NAMES)


def country_names() -> frozenset[str]:
    """The folded country names above (an address's country line is one of them)."""
    return _NAME_SET
# On the fold; no look-behind in front, so the engine skips to the names' first letters (the
# character before a match is checked in candidate_regions).
_COUNTRY = re.compile(rf"(?:{trie_pattern(sorted(_NAMES))})(?![\w])")
_CALLING = re.compile(r"(?<![\w+])(?:\+|00)([1-9]\d{0,2})")
_CALLING_SCAN = Skipping(_CALLING)  # same matches, skipping to '+' and '0'


def candidate_regions(text: str, folded: Optional[str] = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Regions the document points to (countries it names, calling codes it writes), then
    the default plans. ``folded``: the text's normalize_context, when the caller has it."""
    cued: dict[str, None] = {}
    folded = normalize_context(text) if folded is None else folded  # same offsets
    for match in _COUNTRY.finditer(folded):
        start = match.start()
        if start and (folded[start - 1].isalnum() or folded[start - 1] == "_"):
            continue
        region = _NAMES.get(match.group())
        if region is not None:
            cued.setdefault(region, None)
    for match in _CALLING_SCAN.finditer(text):
        for size in (1, 2, 3):
            code = match.group(1)[:size]
            region = phonenumbers.region_code_for_country_code(int(code))
            if region != "ZZ":
                cued.setdefault(region, None)
                break
    ordered = tuple(cued) + tuple(r for r in DEFAULT_REGIONS if r not in cued)
    return ordered, tuple(cued)


# --- judging one candidate ----------------------------------------------------------------
def _parse(value: str, region: Optional[str]) -> Optional[phonenumbers.PhoneNumber]:
    try:
        return phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return None


def _valid_in(number: phonenumbers.PhoneNumber, regions: tuple[str, ...]) -> Optional[str]:
    for region in regions:
        if phonenumbers.is_valid_number_for_region(number, region):
            return region
    return None


def judge(value: str, regions: tuple[str, ...], cued: tuple[str, ...],
          has_context: int, whole: bool = True) -> Optional[tuple[str, float, bool]]:
    """(kind, base score, valid) for a phone-shaped ``value``, or None when it is no phone
    number (``valid``: an allocated number, not only a possible length).
    ``has_context``: 1 with a phone word near, -1 when the number is labelled as something
    else (and no phone word), else 0; ``regions``: the plans to try in order; ``cued``:
    those the document points to;
    ``whole``: the value is a whole run, not a part of a longer row of numbers (a part stands
    alone only in a NANP, Turkish or international shape)."""
    if has_context < 0:
        return None  # labelled as an identifier or amount, and no phone word
    body = _EXT_AT.sub("", value)
    digits = "".join(_DIGIT.findall(body))
    if not MIN_DIGITS <= len(digits) <= MAX_DIGITS:
        return None
    if body.startswith(("+", "00")):
        number = _parse("+" + body[2:] if body.startswith("00") else body, None)
        if number is None:
            return None
        kind = _code_kind(number.country_code)
        listed = phonenumbers.region_codes_for_country_code(number.country_code)
        if _valid_in(number, tuple(r for r in listed if r in regions or r in cued) or listed):
            # "0049301234567" or "00617052317 39" may be any reference number: after "00"
            # the calling code must stand apart ("0049 30 …", "001-518-…"), or a phone
            # word decide
            glued = body.startswith("00") and not _CC_APART.match(body)
            return kind, NEEDS_CONTEXT if glued else ACCEPT, True
        if has_context and phonenumbers.is_possible_number(number):
            return kind, POSSIBLE_INTERNATIONAL, False
        return None
    if _is_date(body) or _DOTTED_QUAD.fullmatch(body) or any(
            _AMOUNT.fullmatch(piece) for piece in body.split(" ")):
        return None
    us_shaped = _US_SHAPED.fullmatch(body) is not None
    tr_shaped = _TR_GROUPED.fullmatch(body) is not None or (
        _TR_MOBILE.match(body) is not None and not body.isdigit())
    trunk = whole and _TRUNK_GROUPED.fullmatch(body) is not None and not SSN_SHAPED.fullmatch(body)
    if not (has_context or us_shaped or tr_shaped or trunk):
        return None  # nothing could make it stand alone: spare the validity checks
    if us_shaped or _NANP_DIGITS.fullmatch(digits):  # national forms without the trunk 0
        regions = ("US", "CA") + regions  # that Turkish numbers would be written with
    elif tr_shaped:
        regions = ("TR",) + regions
    possible: Optional[str] = None
    for region in regions:
        number = _parse(digits, region)
        if number is None or not phonenumbers.is_possible_number(number):
            continue
        if phonenumbers.is_valid_number_for_region(number, region):
            kind = kind_of(region)
            if (us_shaped and kind == "US") or (tr_shaped and kind == "TR"):
                return kind, ACCEPT, True
            if trunk and digits.startswith("0") and (kind in ("EU", "TR") or region in cued):
                return kind, ACCEPT, True
            if has_context:
                return kind, NEEDS_CONTEXT, True
            continue
        if possible is None or (us_shaped and region == "US"):
            possible = region
    if possible is not None and us_shaped and "(" in body and kind_of(possible) == "US":
        # "(415) 555-0132": the parenthesised area code is a phone's own shape, even in
        # ranges not allocated (555-01xx is reserved for fiction, and for examples)
        return "US", POSSIBLE_NANP, False
    if has_context and possible is not None:
        return kind_of(possible), NEEDS_CONTEXT, False
    return None


# --- the per-document scan ----------------------------------------------------------------
def _windows(run: str) -> Iterator[tuple[int, int]]:
    """Sub-runs of consecutive space-separated groups, longest first from each group, with
    MIN_DIGITS to MAX_DIGITS digits (an extension's few more allowed)."""
    groups = [(m.start(), m.end(), sum(c.isdigit() for c in m.group()))
              for m in _GROUP.finditer(run)]
    for i in range(len(groups)):
        total, last = 0, i - 1
        while last + 1 < len(groups) and total + groups[last + 1][2] <= MAX_DIGITS + 6:
            last += 1
            total += groups[last][2]
        for j in range(last, i - 1, -1):
            if total < MIN_DIGITS:
                break
            if (i, j) != (0, len(groups) - 1):
                yield groups[i][0], groups[j][1]
            total -= groups[j][2]


def scan(context: ScanContext) -> list[Phone]:
    """Every phone number in the context's text: one scan per document, which the phone
    scanners of all four recognizers share. ``context.phone_context(start, end)`` says
    whether a phone word is near a span (1), or the span is labelled as another kind of
    number (-1), or neither (0). A number's extension after it is part of its span."""
    return context.shared("phones", lambda: [p._replace(end=with_extension(context.text, p.end))
                                             for p in _scan(context)])


# An extension written after a number in any case, after a comma too ("Ext. 45", ", ext 12",
# "X204", "#204", "dahili 12", "Durchwahl 89", "poste 12").
_EXTENSION_AFTER = re.compile(
    r"[ \t]*,?[ \t]*(?i:x|ext|extn|extension|dahili|durchwahl|dw|poste|#)\.?:?[ \t]*\d{1,6}(?![\w.,]\d|\w)")


def with_extension(text: str, end: int) -> int:
    """``end`` moved past an extension written right after the number, if there is one."""
    match = _EXTENSION_AFTER.match(text, end)
    return match.end() if match else end


def _scan(context: ScanContext) -> list[Phone]:
    text = context.text
    check = context.phone_context or (lambda s, e: 0)
    verdicts: dict = {}  # a value judged once per document
    found = []
    regions: Optional[tuple[tuple[str, ...], tuple[str, ...]]] = None
    for match in _RUN.finditer(text):
        run = match.group()
        if len(_DIGIT.findall(run)) < MIN_DIGITS:
            continue
        if regions is None:
            regions = candidate_regions(text, context.folded)
        offset = match.start()
        # One context check per run: inside a run the windows' neighbours are digits, so
        # their phone words are the run's (this keeps a long table of numbers linear).
        context = check(offset, offset + len(run))
        verdict = _judge(run, regions, context, True, verdicts)
        if verdict is not None:
            found.append(Phone(offset, offset + len(run), *verdict))
            continue
        # shorter runs: numbers that stand alone first, then allocated ones a phone word
        # confirms, then possible ones, each in what is left
        judged = []  # (tier, start, end, verdict), each window judged once
        for start, end in _windows(run):
            if run[start] == "(" and ")" not in run[start:end]:
                start += 1
            if run[end - 1] == ")" and "(" not in run[start:end]:
                end -= 1
            verdict = _judge(run[start:end], regions, context, False, verdicts)
            if verdict is not None:
                judged.append((_tier(verdict), start, end, verdict))
        kept: list[Phone] = []
        for tier in (0, 1, 2):
            for level, start, end, verdict in judged:
                if level == tier and not any(
                        p.start < offset + end and offset + start < p.end for p in kept):
                    kept.append(Phone(offset + start, offset + end, *verdict))
        found.extend(sorted(kept))
    return found


def _tier(verdict: tuple[str, float, bool]) -> int:
    return 0 if verdict[1] >= ACCEPT else 1 if verdict[2] else 2


def _judge(value: str, regions, context: int, whole: bool, verdicts: dict):  # noqa: ANN001, ANN202
    if len(_DIGIT.findall(value)) < MIN_DIGITS:
        return None
    key = (value, context, whole)  # the regions are the document's, the same for every value
    if key not in verdicts:
        verdicts[key] = judge(value, regions[0], regions[1], context, whole)
    return verdicts[key]


def scanner(kind: str) -> Callable[[ScanContext], Iterator[tuple[int, int, float]]]:
    """The scanner of one phone recognizer: the document's numbers of its ``kind``."""

    def scan_kind(context: ScanContext) -> Iterator[tuple[int, int, float]]:
        for phone in scan(context):
            if phone.kind == kind:
                yield phone.start, phone.end, phone.base

    scan_kind.__name__ = f"scan_{kind.lower()}_phone"
    return scan_kind




def recognizer(kind: str, id: str, name: str, jurisdiction: str, regulation: str,  # noqa: A002
               method: str, validator_name: str, example: Callable[[random.Random], str],
               lookalike: Callable[[random.Random], str]) -> Recognizer:
    """The catalog row of the phone numbers of one ``kind`` (TR, US, EU, OTHER)."""
    return scanned(id, name, jurisdiction, regulation, method, validator_name, scanner(kind),
                   PHONE_CONTEXT, base_score=ACCEPT, example=example, lookalike=lookalike)
