"""Per-language number, money and date formatting, the way documents actually print them.

tr/de write ``1.234,56``, en writes ``1,234.56``; currencies appear as symbols, codes or
words; each document picks one date style and one money style and keeps it.
"""
from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal

MONTHS = {
    "tr": ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos",
           "Eylül", "Ekim", "Kasım", "Aralık"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}

# date styles per language; one is chosen per document
DATE_STYLES = {
    "tr": ["dd.mm.yyyy", "dd/mm/yyyy", "d month yyyy"],
    "de": ["dd.mm.yyyy", "d. month yyyy", "yyyy-mm-dd"],
    "en": ["mm/dd/yyyy", "month d, yyyy", "d mon yyyy", "yyyy-mm-dd"],
}

# money styles per (language, currency); {a} is the formatted amount
MONEY_STYLES = {
    ("tr", "TRY"): ["{a} TL", "{a} ₺", "₺{a}", "{a} TRY"],
    ("tr", "EUR"): ["{a} €", "{a} EUR", "€{a}"],
    ("tr", "USD"): ["{a} USD", "${a}", "{a} $"],
    ("de", "EUR"): ["{a} €", "{a} EUR", "EUR {a}"],
    ("de", "USD"): ["{a} USD", "USD {a}"],
    ("en", "USD"): ["${a}", "USD {a}", "{a} USD"],
    ("en", "EUR"): ["€{a}", "EUR {a}"],
    ("en", "GBP"): ["£{a}", "GBP {a}"],
}

CURRENCY_WORDS = {
    "tr": {"TRY": "Türk Lirası", "EUR": "Avro", "USD": "ABD Doları"},
    "de": {"TRY": "Türkische Lira", "EUR": "Euro", "USD": "US-Dollar"},
    "en": {"TRY": "Turkish lira", "EUR": "euros", "USD": "US dollars", "GBP": "pounds sterling"},
}

CENT = Decimal("0.01")


def money(value: Decimal | int | str) -> Decimal:
    """Round to cents the way invoices do (half up)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def norm_amount(value: Decimal) -> str:
    """Truth form of an amount: plain decimal string with '.' and two decimals."""
    return f"{money(value):.2f}"


def fmt_number(value: Decimal, lang: str, decimals: int = 2) -> str:
    """``1.234,56`` (tr, de) or ``1,234.56`` (en)."""
    text = f"{Decimal(value):,.{decimals}f}"
    if lang in ("tr", "de"):
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def fmt_qty(value: Decimal, lang: str) -> str:
    """Quantities print without decimals when whole."""
    if value == value.to_integral_value():
        return str(int(value))
    return fmt_number(value, lang, 2)


def fmt_rate(rate: Decimal, lang: str) -> str:
    """A tax rate in percent: '20', '8,875' (tr/de), '8.875' (en)."""
    text = f"{rate.normalize():f}"
    return text.replace(".", ",") if lang in ("tr", "de") else text


class Style:
    """The per-document choices: one date style, one money style."""

    def __init__(self, lang: str, currency: str, rng: random.Random):
        self.lang = lang
        self.currency = currency
        self.date_style = rng.choice(DATE_STYLES[lang])
        self.money_style = rng.choice(MONEY_STYLES[(lang, currency)])

    def date(self, day: dt.date) -> str:
        return fmt_date(day, self.lang, self.date_style)

    def amount(self, value: Decimal) -> str:
        return fmt_number(value, self.lang)

    def money(self, value: Decimal) -> str:
        return self.money_style.format(a=fmt_number(value, self.lang))

    def money_words(self, value: Decimal) -> str:
        """'12.500,00 Türk Lirası' — the form contracts and letters use."""
        return f"{fmt_number(value, self.lang)} {CURRENCY_WORDS[self.lang][self.currency]}"

    def month(self, day: dt.date) -> str:
        """A pay period as printed: 'Mart 2024', 'März 2024', 'March 2024' or '03/2024'."""
        if self.date_style in ("dd.mm.yyyy", "dd/mm/yyyy", "mm/dd/yyyy", "yyyy-mm-dd"):
            sep = "." if self.date_style == "dd.mm.yyyy" else "/"
            return f"{day.month:02d}{sep}{day.year}"
        return f"{MONTHS[self.lang][day.month - 1]} {day.year}"


def fmt_date(day: dt.date, lang: str, style: str) -> str:
    """Render ``day`` in one of :data:`DATE_STYLES`."""
    month = MONTHS[lang][day.month - 1]
    if style == "dd.mm.yyyy":
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    if style == "dd/mm/yyyy":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    if style == "mm/dd/yyyy":
        return f"{day.month:02d}/{day.day:02d}/{day.year}"
    if style == "yyyy-mm-dd":
        return day.isoformat()
    if style == "d month yyyy":
        return f"{day.day} {month} {day.year}"
    if style == "d. month yyyy":
        return f"{day.day}. {month} {day.year}"
    if style == "month d, yyyy":
        return f"{month} {day.day}, {day.year}"
    if style == "d mon yyyy":
        return f"{day.day} {month[:3]} {day.year}"
    raise ValueError(f"unknown date style {style}")


def parse_number(text: str, lang: str) -> Decimal | None:
    """Back from a printed amount ('€1.234,56', '$1,234.56') to a Decimal; None if none."""
    import re

    match = re.search(r"-?\d[\d.,]*", text)
    if not match:
        return None
    raw = match.group(0).rstrip(".,")
    if lang in ("tr", "de"):
        raw = raw.replace(".", "").replace(",", ".")
    else:
        raw = raw.replace(",", "")
    return Decimal(raw)


_TR_ONES = ["", "Bir", "İki", "Üç", "Dört", "Beş", "Altı", "Yedi", "Sekiz", "Dokuz"]
_TR_TENS = ["", "On", "Yirmi", "Otuz", "Kırk", "Elli", "Altmış", "Yetmiş", "Seksen", "Doksan"]
_TR_SCALES = [(10**9, "Milyar"), (10**6, "Milyon"), (1000, "Bin")]


def _tr_below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    out = ("" if hundreds == 1 else _TR_ONES[hundreds]) + ("Yüz" if hundreds else "")
    return out + _TR_TENS[rest // 10] + _TR_ONES[rest % 10]


def tr_words(n: int) -> str:
    """12345 -> 'OnİkiBinÜçYüzKırkBeş', the run-together style of Turkish invoices."""
    if n == 0:
        return "Sıfır"
    out = ""
    for scale, word in _TR_SCALES:
        count, n = divmod(n, scale)
        if count:
            out += ("" if (scale == 1000 and count == 1) else _tr_below_thousand(count)) + word
    return out + _tr_below_thousand(n)


def tr_amount_words(value: Decimal, currency: str) -> str:
    """'Yalnız #AltıBinSekizYüzDoksanSekizTL AltmışBeşKr#' as printed under invoice totals."""
    lira, kurus = divmod(int(money(value) * 100), 100)
    unit, sub = {"TRY": ("TL", "Kr"), "EUR": ("Avro", "Sent"), "USD": ("Dolar", "Sent")}[currency]
    return f"Yalnız #{tr_words(lira)}{unit}" + (f" {tr_words(kurus)}{sub}#" if kurus else "#")
