"""Value parsers: a raw candidate string -> normalised value or None (rejected).

Each parser is strict enough that a wrong candidate (a label, a date where an amount is
expected, a sentence where a name is expected) is refused, so the rule engine can move on
to the next candidate instead of recording garbage.
"""
from __future__ import annotations

import re
from typing import Optional

from flexorch_beam.fields import amounts, currency, dates, ids
from flexorch_beam.fields.fold import fold
from flexorch_beam.fields.idmask import mask_identifiers

_PERCENT = re.compile(
    r"%\s?\d{1,3}(?:[.,]\d{1,3})?(?![\d.,])|(?<![\d.,])\d{1,3}(?:[.,]\d{1,3})?\s?%"
)
_AMOUNT_TOKEN = re.compile(
    r"(?<![\d.,])[-−(]?\s?(?:[€$£₺]\s?)?"
    r"(\d{1,3}(?:(?:[.,'’]|\s(?=\d{3}(?!\d)))\d{3})+(?:[.,]\s?\d{1,2})?(?![\d])|\d+(?:[.,]\d{1,2})?(?![\d.,]?\d))"
    r"\)?-?"
)
_DECIMALS = re.compile(r"[.,]\s?\d{2}$")


def amount(raw: str, lang: Optional[str], order: str, lenient: bool = False) -> Optional[str]:
    """The amount in a candidate: the first one printed with cents, else the last number.

    Identifiers (IBAN groups, phone, card and account numbers, alphanumeric ids), dates and
    percentages are removed first ("IBAN DE76 5001", "KDV %20 200,00", "Opening balance
    01.03.2024 1.000,00"). A bare number without cents or a currency mark is taken only right
    after the label ("SUMME 19"), not from further along a sentence; ``lenient`` (the second,
    lower-confidence pass) drops that condition and keeps a "percentage" when nothing else is
    there, for amounts whose currency sign OCR read as "%".
    """
    text = mask_identifiers(raw)
    for start, end, _ in reversed(dates.find_dates(text, lang, order)):
        text = text[:start] + " " * (end - start) + text[end:]
    searched = _PERCENT.sub(" ", text)
    tokens = list(_AMOUNT_TOKEN.finditer(searched))
    if not tokens and lenient:  # "TOPLAM: 77,07 %": OCR read the currency sign as a percent sign
        searched = text
        tokens = list(_AMOUNT_TOKEN.finditer(searched))
    if not tokens:
        return None
    with_cents = [t for t in tokens if _DECIMALS.search(t.group(1))]
    chosen = with_cents[0] if with_cents else tokens[-1]
    if not with_cents and not lenient and not _shaped_or_adjacent(searched, chosen):
        return None
    value = amounts.parse_amount(chosen.group(0), lang)
    if value is None:
        return None
    return amounts.format_amount(value)


_WORD = re.compile(r"[^\W\d_]{2,}")
_BARE_PREFIX_WORDS = 2


def _shaped_or_adjacent(text: str, token: re.Match) -> bool:
    """A bare number counts as an amount when a currency mark touches it ("1500 EUR",
    "€1500", "1500 TL") or when at most a couple of words separate it from the label
    ("Gesamt (EUR): 1500"); a digit group deep inside a sentence is not one."""
    before, after = text[:token.start()], text[token.end():]
    if currency.normalise_currency(before[-6:]) or currency.normalise_currency(after[:6]):
        return True
    words = [w for w in _WORD.findall(before) if not currency.normalise_currency(w)]
    return len(words) <= _BARE_PREFIX_WORDS


def date(raw: str, lang: Optional[str], order: str) -> Optional[str]:
    return dates.normalise_date(raw[:60], lang, order)


def period(raw: str, lang: Optional[str], order: str) -> Optional[str]:
    return dates.normalise_period(raw[:80], lang, order)


def rate(raw: str, lang: Optional[str], order: str) -> Optional[str]:
    value = amounts.parse_rate(raw[:40], lang)
    return None if value is None else amounts.format_rate(value)


def currency_code(raw: str, lang: Optional[str], order: str) -> Optional[str]:
    return currency.normalise_currency(raw[:40])


_ID_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-/._]{2,39}")


# A series prefix in capitals and its number parted by one space ("IBZY 2087", "INV 0012"): a
# narrow space in the print or an OCR split. Not a caption word before a number.
_SPLIT_ID = re.compile(r"\s*([A-Z]{2,5}) (\d{3,}[A-Za-z0-9\-/]*)(?![\w.,:])")
_NOT_PREFIX = frozenset("NO NR NUM REF TEL FAX GSM PAGE DATE TAX VAT KDV BTW TVA IVA UST PO ID CODE "
                        "THE FOR AND RS INR USD EUR GBP TRY TL RM".split())


def identifier(raw: str, lang: Optional[str], order: str) -> Optional[str]:
    """A document number ("INV-2024-0012", "RE-2024-0012", "GIB2024000000012", "IBZY 2087")."""
    split = _SPLIT_ID.match(raw[:60])
    if split and split.group(1) not in _NOT_PREFIX:
        return f"{split.group(1)} {split.group(2)}"
    for m in _ID_TOKEN.finditer(raw[:60]):
        token = m.group(0).rstrip("._-/")
        if not any(c.isdigit() for c in token):
            continue
        if dates.find_dates(token, lang, order) and re.fullmatch(r"[\d./\-]+", token):
            continue
        return token
    return None


def tax_id(raw: str, lang: Optional[str], order: str, lenient: bool = False) -> Optional[str]:
    """A tax id that passes its scheme's checksum (``lenient``: any id-shaped value)."""
    found = tax_id_full(raw)
    if found is None or not (found.valid or lenient):
        return None
    return found.value


def tax_id_full(raw: str) -> Optional[ids.TaxId]:
    best: Optional[ids.TaxId] = None
    for m in ids.TAX_ID_RE.finditer(raw[:60]):
        result = ids.validate_tax_id(m.group(0))
        if result is None:
            continue
        if result.valid:
            return result
        best = best or result
    return best


def iban(raw: str, lang: Optional[str], order: str, lenient: bool = False) -> Optional[str]:
    """An IBAN whose mod-97 check passes (``lenient``: any IBAN-shaped value)."""
    found = ids.find_iban(raw[:80].upper())
    if found is None or not (found[2] or lenient):
        return None
    return found[1]


# Words that are labels or captions, never a party's name.
_NOT_NAMES = re.compile(
    r"^(?:adres|address|anschrift|tel|phone|telefon|fax|e-?mail|e-?posta|web|vkn|tckn|"
    r"vergi|tax|vat|ust|iban|bic|swift|datum|date|tarih|no|nr|number|page|seite|sayfa|"
    r"bill to|ship to|sayin|kunde|customer|empfanger|invoice|rechnung|fatura|total|toplam|"
    r"summe|ettn|mersis|senaryo|tip|type|factuuradres|afleveradres|leveradres|rechnungsadresse|"
    r"lieferadresse|adresse de facturation|adresse de livraison|direccion de facturacion|"
    r"indirizzo di fatturazione|adres dostawy|nabywca|odbiorca|sprzedawca|klant|client|cliente|"
    r"factuur|facture|factura|fattura|faktura|description|omschrijving|beschreibung)\b"
)
def name(raw: str, lang: Optional[str], order: str) -> Optional[str]:
    """A person's or company's name: letters, no long digit runs, not a label."""
    text = re.split(r"\t|\s\|\s|\s{3,}|\s[-–]\s(?=\S+:)", raw.strip())[0]
    text = text.strip(" :;,-|*").strip()
    text = re.sub(r"^(?:sayin|sn\.?|herrn?|frau|firma|mr\.?|mrs\.?|ms\.?)\s+", "", text, flags=re.I)
    if not 2 <= len(text) <= 80:
        return None
    folded = fold(text)
    if _NOT_NAMES.match(folded):
        return None
    letters = sum(c.isalpha() for c in text)
    digits = sum(c.isdigit() for c in text)
    if letters < 2 or digits > 2 or ":" in text or "@" in text or "_" in text or text.startswith("#"):
        return None  # a label, an e-mail, an identifier ("# invoice_number_1")
    if text.endswith(":"):
        return None
    return text


def address(raw: str, lang: Optional[str], order: str) -> Optional[str]:
    """A postal address on one line: letters and a number, not a label or an e-mail."""
    text = re.split(r"\t|\s\|\s|\s{3,}", raw.strip())[0].strip(" :;,-|*")
    if not 5 <= len(text) <= 200 or "@" in text or sum(c.isalpha() for c in text) < 3:
        return None
    if not any(c.isdigit() for c in text):
        return None
    return text
