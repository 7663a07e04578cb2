"""Dates and periods as printed -> ISO 8601.

Numeric forms (``05.03.2024``, ``05/03/2024``, ``03/05/2024``, ``2024-03-05``, two-digit
years) and month-name forms in English, Turkish and German (``5 March 2024``,
``March 5, 2024``, ``5 Mar 2024``, ``5 Mart 2024``, ``5. März 2024``, ``05-Mar-24``).
Month names are matched folded (see :mod:`.fold`), so ``Agustos``/``Ağustos`` and
``Marz``/``März`` both work after OCR.

Slash dates are ambiguous (05/03/2024). The order is decided per document: a day > 12 in
either position settles it for every slash date in the text; otherwise the language hint
decides (English: month first; Turkish/German: day first).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from flexorch_beam.fields.fold import fold

_MONTH_WORDS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        # EN, TR, DE, then FR, NL, ES, IT, PL (Polish: nominative and genitive)
        ("january", "jan", "ocak", "oca", "januar", "janner", "janvier", "janv", "januari", "enero",
         "ene", "gennaio", "gen", "styczen", "stycznia", "sty"),
        ("february", "feb", "subat", "sub", "februar", "fevrier", "fevr", "fev", "februari", "febrero",
         "febbraio", "luty", "lutego", "lut"),
        ("march", "mar", "mart", "marz", "mrz", "mars", "maart", "mrt", "marzo", "marzec", "marca"),
        ("april", "apr", "nisan", "nis", "avril", "avr", "abril", "abr", "aprile", "kwiecien", "kwietnia",
         "kwi"),
        ("may", "mayis", "mai", "mei", "mayo", "maggio", "mag", "maj", "maja"),
        ("june", "jun", "haziran", "haz", "juni", "juin", "junio", "giugno", "giu", "czerwiec", "czerwca",
         "cze"),
        ("july", "jul", "temmuz", "tem", "juli", "juillet", "juil", "julio", "luglio", "lug", "lipiec",
         "lipca", "lip"),
        ("august", "aug", "agustos", "agu", "ags", "aout", "augustus", "agosto", "ago", "sierpien",
         "sierpnia", "sie"),
        ("september", "sep", "sept", "eylul", "eyl", "septembre", "septiembre", "settembre", "set",
         "wrzesien", "wrzesnia", "wrz"),
        ("october", "oct", "ekim", "eki", "oktober", "okt", "octobre", "octubre", "ottobre", "ott",
         "pazdziernik", "pazdziernika", "paz"),
        ("november", "nov", "kasim", "kas", "novembre", "noviembre", "listopad", "listopada", "lis"),
        ("december", "dec", "aralik", "ara", "dezember", "dez", "decembre", "diciembre", "dic",
         "dicembre", "grudzien", "grudnia", "gru"),
    ],
    start=1,
):
    for _name in _names:
        _MONTH_WORDS[_name] = _number

_MONTH = r"(?P<mon>" + "|".join(sorted(_MONTH_WORDS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>\d{4}|'?\d{2})"

# Each pattern works on folded text; groups: day, mon|month, year.
_PATTERNS = [
    ("iso", re.compile(r"(?<!\d)(?P<year>\d{4})[-./](?P<month>\d{1,2})[-./](?P<day>\d{1,2})(?!\d)")),
    ("numeric", re.compile(
        r"(?<![\d.])(?P<a>\d{1,2})\s?(?P<sep>[./-])\s?(?P<b>\d{1,2})\s?(?P=sep)\s?"
        r"(?P<year>\d{4}|\d{2})(?![\d])"
    )),
    ("d_mon_y", re.compile(r"(?<![\w])(?P<day>\d{1,2})(?:\.|er|e)?[\s-]*(?:de\s+)?" + _MONTH
                           + r"(?![a-z])[\s,-]*(?:de(?:l)?\s+)?" + _YEAR + r"(?!\d)")),
    ("mon_d_y", re.compile(r"(?<![\w])" + _MONTH + r"(?![a-z])\s*(?P<day>\d{1,2})(?!\d)(?:st|nd|rd|th)?\s*,?\s*"
                           + _YEAR + r"(?!\d)")),
]


def slash_order(text: str, lang: Optional[str]) -> str:
    """'dmy' or 'mdy' for the ambiguous numeric dates in ``text`` (see module docstring)."""
    for match in re.finditer(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{2,4})(?!\d)", text):
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12 >= second:
            return "dmy"
        if second > 12 >= first:
            return "mdy"
    return "mdy" if lang == "en" else "dmy"


def _year(raw: str) -> int:
    raw = raw.lstrip("'")
    year = int(raw)
    if len(raw) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _make(year: int, month: int, day: int) -> Optional[dt.date]:
    if not 1900 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, lang: Optional[str] = None, order: Optional[str] = None) -> list[tuple[int, int, dt.date]]:
    """Every date in ``text`` as (start, end, date), in text order, overlaps removed."""
    folded = fold(text)
    order = order or slash_order(text, lang)
    found: list[tuple[int, int, dt.date]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(folded):
            date = _from_match(kind, m, order)
            if date is not None:
                found.append((m.start(), m.end(), date))
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    result: list[tuple[int, int, dt.date]] = []
    for item in found:
        if result and item[0] < result[-1][1]:
            continue
        result.append(item)
    return result


def _from_match(kind: str, m: re.Match, order: str) -> Optional[dt.date]:
    if kind == "iso":
        return _make(int(m.group("year")), int(m.group("month")), int(m.group("day")))
    if kind == "numeric":
        a, b = int(m.group("a")), int(m.group("b"))
        year = _year(m.group("year"))
        if m.group("sep") == "/" and order == "mdy":
            return _make(year, a, b)
        return _make(year, b, a)
    month = _MONTH_WORDS.get(m.group("mon"))
    if month is None:
        return None
    return _make(_year(m.group("year")), month, int(m.group("day")))


def parse_date(text: str, lang: Optional[str] = None, order: Optional[str] = None) -> Optional[dt.date]:
    """The first date in ``text``."""
    dates = find_dates(text, lang, order)
    return dates[0][2] if dates else None


def normalise_date(text: str, lang: Optional[str] = None, order: Optional[str] = None) -> Optional[str]:
    date = parse_date(text, lang, order)
    return None if date is None else date.isoformat()


_MONTH_YEAR = [
    re.compile(r"(?<![\w.])" + _MONTH + r"[\s,/-]*(?P<year>\d{4})(?!\d)"),
    re.compile(r"(?<![\d./-])(?P<month>\d{1,2})\s?[./-]\s?(?P<year>\d{4})(?![\d./-])"),
    re.compile(r"(?<![\d./-])(?P<year>\d{4})\s?[-/.]\s?(?P<month>\d{1,2})(?![\d./-])"),
]


def normalise_period(text: str, lang: Optional[str] = None, order: Optional[str] = None) -> Optional[str]:
    """'YYYY-MM' for a month, 'YYYY-MM-DD/YYYY-MM-DD' for a range of two dates."""
    dates = find_dates(text, lang, order)
    if len(dates) >= 2 and dates[0][2] <= dates[1][2]:
        between = text[dates[0][1]:dates[1][0]]
        if len(between.strip()) <= 6:
            return f"{dates[0][2].isoformat()}/{dates[1][2].isoformat()}"
    folded = fold(text)
    for pattern in _MONTH_YEAR:
        m = pattern.search(folded)
        if not m:
            continue
        month = _MONTH_WORDS[m.group("mon")] if "mon" in m.groupdict() else int(m.group("month"))
        year = int(m.group("year"))
        if 1 <= month <= 12 and 1900 <= year <= 2100:
            return f"{year:04d}-{month:02d}"
    return None
