"""Receipts read the way a cashier prints them: shop name, address, then the till lines.

A till receipt rarely labels its header. Its shape does the work instead:

* **company**: the top lines, before the address: the first line naming a company form or a
  kind of shop ("SDN BHD", "GmbH", "Ltd", "Restaurant", "Mart", "Hardware"), else the first
  line that is mostly capital letters; a name wrapped after "&" is rejoined;
* **address**: the lines under the name, from the first one with a number or a street word,
  up to the first telephone, tax-id, title, date or till line; registration-number lines
  ("(1074617K)", "Company Reg No.") in between are skipped;
* **total**: the largest amount on a line carrying a total label ("TOTAL", "NET TOTAL",
  "Total Rounded", "Jumlah", "Summe", "Toplam"), leaving out subtotals, totals before tax,
  item counts, savings, cash tendered and change. A rounded total is the largest of them.

OCR misreadings are tolerated where they are common and harmless: ``Tota]`` for ``Total``,
``SON BHD`` for ``SDN BHD``.
"""
from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from typing import NamedTuple, Optional

from flexorch_beam.fields import amounts, dates, parsers
from flexorch_beam.fields.fold import fold
from flexorch_beam.fields.rules import Lines

HEAD_LINES = 24
HEAD_COMPANY_LINES = 10  # the shop's name is among the first lines of the slip
MAX_ADDRESS_LINES = 6

_COMPANY_FORM = re.compile(
    r"\b(?:sdn\.?\s*bhd|s/b|bhd|berhad|enterprise|trading|ltd|limited|llc|inc|corp|gmbh|ag|"
    r"b\.\s?v|s\.\s?a\.?|sarl|sas|s\.?p\.?a|s\.?r\.?l|s\.?l\.?|sp\.?\s?z\s?o\.?\s?o|pvt|plc|co\.|company|"
    r"restaurants?|restoran|cafe|kafe|bakery|bakeries|mart|market|supermarket|minimarket|stores?|"
    r"shops?|hardware|pharmacy|farmasi|stationery|bookstore|hotel|station|electrical|"
    r"kedai|bakkerij|backerei|baeckerei|apotheke|markt|magaza|eczane|boulangerie|pharmacie|"
    r"tienda|farmacia|negozio|sklep|apteka)\b"
)
_OCR_FORMS = ((re.compile(r"\bS[O0]N(\.?\s*BHD)\b"), r"SDN\1"), (re.compile(r"\bSDN\s*8HD\b"), "SDN BHD"))
_STOP = re.compile(
    r"\b(?:tel|telp|phone|telefon|tlf|fax|hp|gst|sst|vat|tax|mwst|ust|kdv|btw|tva|iva|nip|invoice|"
    r"receipt|bill|date|datum|tarih|cashier|kasse|kasiyer|table|order|e-?mail|www|http|"
    r"counter|terminal|pos|slip|trans|doc|no\s*:|cash|served|mobile|whatsapps?|handphone|h/p)\b|@"
    r"|(?:^|\s)\+\d"
)
_REGISTRATION = re.compile(
    r"\b(?:reg|registration|company\s*no|co\.?\s*no|roc|ssm|handelsregister|hrb|kvk|siret|mersis)\b"
    r"|^\(?\s*(?:no\.?\s*)?[a-z]{0,2}[\d\s-]{5,}[a-z]?\s*\)?$|^\([^)]*\d{4,}[^)]*\)$"
)
_ADDRESS_WORD = re.compile(
    r"\b(?:no|lot|jalan|jln|taman|tmn|level|block|blok|lorong|persiaran|bandar|kampung|kg|"
    r"street|st|road|rd|avenue|ave|lane|floor|suite|building|plaza|mall|"
    r"strasse|str|weg|platz|allee|cad|caddesi|sok|sokak|mah|mahallesi|rue|straat|laan|"
    r"calle|via|viale|ulica|ul)\b|\d"
)
_TOTAL_LABEL = re.compile(
    r"t[o0]t[a4][l1i!|\]]|jumlah|grand|nett?\b|amount\s*due|amount\s*payable|to\s*pay|summe|"
    r"gesamt|zu\s*zahlen|toplam|totaal|totale|importe|razem|suma|netto\s*do"
)
_NOT_TOTAL = re.compile(
    r"sub|excl|exc\b|exc[\]l1]|ex\.|before|qty|quantity|item|savings|saving|discount|disc\b|change|"
    r"cash|tender|paid|payment|rounding\s*adj|adj|gst\s*summary|tax\s*summary|points|weight|"
    r"menge|adet|stk|pcs"
)


_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_TRAILING_REGISTRATION = re.compile(r"\s*\((?:[^()]*\d){4,}[^()]*\)?\s*$")


def _clean(line: str) -> str:
    """One head line without OCR specks: cells (wide gaps apart) of fewer than two letters
    or digits are dropped ("(867388-U)      a"), then edge punctuation."""
    cells = [c for c in re.split(r"\s{3,}|\t", line.strip()) if any(ch.isalnum() for ch in c) or c.strip() in "&+"]
    while cells and sum(ch.isalnum() for ch in cells[-1]) < 2:
        cells.pop()
    line = re.sub(r"\s+", " ", " ".join(cells)).strip()
    if line.endswith(")"):  # "GARDENIA BAKERIES (KL) SDN BHD (139386 X)": keep the brackets
        return line.strip(" |'‘’\"`,:;-_~©®*•")
    return line.strip(" |'‘’\"`.,:;-_~©®*•[](){}<>«»=").strip()


def _fix_forms(line: str) -> str:
    for pattern, replacement in _OCR_FORMS:
        line = pattern.sub(replacement, line)
    return line


# Misreadings that cannot be right in an address line: the house-number abbreviation "No."
# read "NQ." or "N0." before its number; a capital I inside a mixed-case word ("JIn" for
# "Jln", "AIam" for "Alam": tesseract's I/l confusion; a mixed-case word never has it).
_ADDRESS_OCR = (
    (re.compile(r"\bN[Q0]\.(?=\s?\d)"), "NO."),
    (re.compile(r"\b([A-Z])I(?=[a-z]+\b)"), r"\1l"),
)


# The address words of :data:`_ADDRESS_WORD` long enough to be told apart by one letter, and
# the letter pairs tesseract confuses: a word one such confusion away from one of them is it
# ("TANAN" -> "TAMAN"; never "BLACK" -> "BLOCK": A/O is no confusion pair).
_STREET_WORDS = ("jalan", "taman", "lorong", "persiaran", "bandar", "kampung", "street", "avenue",
                 "building", "strasse", "allee", "caddesi", "sokak", "mahallesi", "straat", "calle",
                 "viale", "ulica")
# The vowel-less abbreviations of the same vocabulary are told apart too (an address line
# rarely holds another three-letter word one confusion from them): "THN" -> "TMN" (dot-matrix
# M loses its middle strokes and reads H), "JIN" -> "JLN".
_STREET_ABBREVIATIONS = ("jln", "tmn", "str")
_CONFUSED = {frozenset(pair) for pair in ("mn", "hm", "il", "1l", "1i", "o0", "oq", "s5", "b8", "g6")}


def _street_word(word: str) -> str:
    letters = word.lower()
    if len(letters) == 3 and letters.isalpha():
        vocabulary = _STREET_ABBREVIATIONS
    elif len(letters) < 5 or not letters.isalpha():
        return word
    else:
        vocabulary = _STREET_WORDS
    for known in vocabulary:
        if len(known) != len(letters) or known == letters:
            continue
        diff = [(a, b) for a, b in zip(letters, known) if a != b]
        if len(diff) == 1 and frozenset(diff[0]) in _CONFUSED:
            fixed = "".join(k if a != k else c for c, a, k in zip(word, letters, known))
            return fixed.upper() if word.isupper() else fixed
    return word


# A lone lower-case "i" or "l" in a line printed in capitals is the digit one ("JALAN PERMAS
# UTARA i"): a capitals line has no lower-case word of one letter.
_LONE_ONE = re.compile(r"(?<!\S)[il](?=[\s,.]|$)")


def _capitals(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 5 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _fix_address(line: str) -> str:
    for pattern, replacement in _ADDRESS_OCR:
        line = pattern.sub(replacement, line)
    if _capitals(line):
        line = _LONE_ONE.sub("1", line)
    return re.sub(r"\b[^\W\d_]{3}\b|[^\W\d_]{5,}", lambda m: _street_word(m.group(0)), line)


def _letters(line: str) -> int:
    return sum(c.isalpha() for c in line)


_TITLE_LINE = re.compile(
    r"^(?:tax invoice|invoice|receipt|sales receipt|customer copy|kassenbon|beleg|quittung|rechnung|"
    r"fis|satis fisi|makbuz|fatura|ticket|bon|kassabon|kwitansi|resit|paragon|ricevuta|scontrino|recu|"
    r"ticket de caisse|factura simplificada)\W*$"
)
# A mail or form header ("From: Shop <a@b.c>") carries a name, but is not the slip's name line;
# "DIMILIKI OLEH : DOVE HOLDINGS SDN BHD" (owned by: ...) with a company form after it is.
_HEADER_LINE = re.compile(r"^[^\W\d][\w .-]{0,20}:\s")


def _not_a_name(line: str) -> bool:
    folded = fold(line)
    if _TITLE_LINE.match(folded) or "@" in line:
        return True
    return bool(_HEADER_LINE.match(folded)) and not _COMPANY_FORM.search(folded.split(":", 1)[1])


def _name_like(line: str) -> bool:
    """Mostly capital letters, at least five letters, few digits or symbols."""
    compact = line.replace(" ", "")
    letters = _letters(compact)
    if letters < 5 or letters < 0.6 * len(compact):
        return False
    upper = sum(c.isupper() for c in compact if c.isalpha())
    return upper >= 0.6 * letters and len(re.findall(r"[^\W\d_]{2,}", line)) >= 1


def _head(lines: Lines) -> list[str]:
    out = []
    for i in range(min(len(lines.starts), HEAD_LINES * 2)):
        text = _clean(lines.line(i))
        if text:
            out.append(_fix_forms(text))
        if len(out) >= HEAD_LINES:
            break
    return out


class Head(NamedTuple):
    company: Optional[str]
    address: Optional[str]
    by_form: bool  # the name carries a company form or shop word (else: the first capitals line)


def company_and_address(lines: Lines) -> Head:
    """The shop's name and address from the top of a receipt (see module docstring)."""
    head = _head(lines)
    company_at: Optional[int] = None
    for i, line in enumerate(head[:HEAD_COMPANY_LINES]):
        folded = fold(line)
        if _STOP.search(folded) and not _COMPANY_FORM.search(folded) or _TOTAL_LABEL.search(folded):
            continue
        if _not_a_name(line):
            continue
        if _COMPANY_FORM.search(folded) and _letters(line) >= 0.5 * len(line.replace(" ", "")):
            company_at = i
            break
    by_form = company_at is not None
    if company_at is None:
        company_at = next((i for i, line in enumerate(head[:HEAD_COMPANY_LINES])
                           if _name_like(line) and not _STOP.search(fold(line)) and not _not_a_name(line)), None)
    if company_at is None:
        return Head(None, None, False)
    company = _TRAILING_REGISTRATION.sub("", head[company_at]) or head[company_at]
    end = company_at
    if company.endswith("&") and company_at + 1 < len(head):
        company = f"{company} {head[company_at + 1]}"
        end += 1
    elif company_at + 1 < len(head) and (
            (not _COMPANY_FORM.search(fold(company)) and _COMPANY_FORM.search(fold(head[company_at + 1]))
             and _name_like(head[company_at + 1]))
            ):
        # "HOME MASTER HARDWARE" / "& ELECTRICAL SDN BHD"
        company = f"{company} {head[company_at + 1]}"
        end += 1
    address: list[str] = []
    for line in head[end + 1:]:
        folded = fold(line)
        if _REGISTRATION.search(folded):
            if address:
                break  # a registration number after the address closes it ("(GST ID No: ...)")
            continue
        if _TIME.search(line) or dates.find_dates(line, None, "dmy"):
            if address:
                break
            continue
        if _STOP.search(folded) or parsers.name(line, None, "dmy") is None and not _ADDRESS_WORD.search(folded):
            if address:
                break
            continue
        if not address and not _ADDRESS_WORD.search(folded):
            continue  # a branch or slogan line between the name and the address
        address.append(_fix_address(line))
        if len(address) >= MAX_ADDRESS_LINES:
            break
    return Head(company, " ".join(address) if address else None, by_form)


_CASH = re.compile(r"\b(?:cash|tunai|tendered|bayar|bar|nakit|paid|contant|efectivo|contanti|gotowka)\b")
_PAYMENT = re.compile(
    r"\b(?:cash|tunai|tendered|bayar|nakit|paid|contant|efectivo|contanti|gotowka|credit|visa|"
    r"master\s?card|debit|card|kart|karte|ec|pin|tarjeta|carta|karta)\b"
)
_CHANGE = re.compile(r"\b(?:change|baki|kembali|wechselgeld|ruckgeld|para ustu|wisselgeld|cambio|resto|reszta)\b")


def _line_amount(lines: Lines, index: int, start: int, lang: Optional[str]) -> Optional[Decimal]:
    value = parsers.amount(lines.line(index)[start:], lang, "dmy")
    return None if value is None else amounts.parse_amount(value, "en")


def largest_total(lines: Lines, lang: Optional[str]) -> Optional[str]:
    """The total of a till slip (see module docstring): the largest amount on a total line,
    unless the rest of the slip outvotes it by one misread digit (see below)."""
    candidates: list[Decimal] = []
    support: Counter = Counter()
    cash = change = None
    for i in range(len(lines.starts)):
        folded = lines.folded[lines.span(i)[0]:lines.span(i)[1]]
        match = _TOTAL_LABEL.search(folded)
        total_line = bool(match) and not _NOT_TOTAL.search(folded)
        if _CHANGE.search(folded):
            change = _line_amount(lines, i, 0, lang)
        elif _PAYMENT.search(folded) and not match:
            paid = _line_amount(lines, i, 0, lang)
            if paid is not None:
                support[paid] += 1  # the amount handed over by card, or in cash
                if _CASH.search(folded):
                    cash = paid
        if not total_line:
            continue
        number = _line_amount(lines, i, match.end(), lang)
        if number is None:
            following = lines.next_nonempty(i, 1)
            if following is not None and _letters(lines.line(following)) < 2:
                number = _line_amount(lines, following, 0, lang)  # the amount wrapped below its label
        if number is not None and number > 0:
            candidates.append(number)
            support[number] += 1
    if not candidates:
        return None
    if cash is not None and change is not None and cash >= change:
        support[cash - change] += 1
    best = max(candidates)
    shown = amounts.format_amount(best)
    # One misread digit ("142.60" for "142.00"): a value one character away that the slip's
    # other total and payment lines confirm more often (cash minus change counts once) is
    # the total that was meant.
    rivals = [number for number in support
              if support[number] > support[best] and _one_apart(amounts.format_amount(number), shown)]
    if rivals:
        best = max(rivals, key=lambda number: support[number])
    return amounts.format_amount(best)


def _one_apart(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1
