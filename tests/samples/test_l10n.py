import datetime as dt
import random
from decimal import Decimal

import pytest

from flexorch_samples.l10n import (DATE_STYLES, MONEY_STYLES, Style, fmt_date, fmt_number, parse_number,
                                        tr_amount_words, tr_words)


@pytest.mark.parametrize("lang,text", [("tr", "1.234.567,89"), ("de", "1.234.567,89"), ("en", "1,234,567.89")])
def test_number_format_per_language_round_trips(lang, text):
    value = Decimal("1234567.89")
    assert fmt_number(value, lang) == text
    assert parse_number(f"€{text}", lang) == value
    assert parse_number(f"{text} TL", lang) == value


def test_every_date_style_renders_and_is_distinct():
    day = dt.date(2024, 3, 5)
    assert fmt_date(day, "tr", "d month yyyy") == "5 Mart 2024"
    assert fmt_date(day, "de", "d. month yyyy") == "5. März 2024"
    assert fmt_date(day, "en", "month d, yyyy") == "March 5, 2024"
    assert fmt_date(day, "en", "mm/dd/yyyy") == "03/05/2024"
    for lang, styles in DATE_STYLES.items():
        assert len({fmt_date(day, lang, s) for s in styles}) == len(styles)


def test_money_styles_use_symbols_codes_and_words():
    styles = {s for v in MONEY_STYLES.values() for s in v}
    for token in ("€", "EUR", "TL", "₺", "TRY", "$", "USD"):
        assert any(token in s for s in styles), token
    s = Style("tr", "TRY", random.Random(1))
    assert s.money_words(Decimal("12500")) == "12.500,00 Türk Lirası"


@pytest.mark.parametrize("n,words", [(0, "Sıfır"), (1, "Bir"), (11, "OnBir"), (100, "Yüz"), (1000, "Bin"),
                                     (2000, "İkiBin"), (12345, "OnİkiBinÜçYüzKırkBeş"),
                                     (1234567, "BirMilyonİkiYüzOtuzDörtBinBeşYüzAltmışYedi")])
def test_turkish_amount_words(n, words):
    assert tr_words(n) == words


def test_turkish_yalniz_line():
    assert tr_amount_words(Decimal("6898.65"), "TRY") == "Yalnız #AltıBinSekizYüzDoksanSekizTL AltmışBeşKr#"
    assert tr_amount_words(Decimal("1000"), "EUR") == "Yalnız #BinAvro#"
