from decimal import Decimal

import pytest

from flexorch_beam.fields.amounts import format_amount, normalise_amount, parse_rate


@pytest.mark.parametrize(
    ("printed", "lang", "expected"),
    [
        ("1.234,56", "de", "1234.56"),
        ("1.234,56 TL", "tr", "1234.56"),
        ("₺1.234,56", "tr", "1234.56"),
        ("1,234.56", "en", "1234.56"),
        ("$1,234.56", None, "1234.56"),
        ("1 234,56 €", "de", "1234.56"),
        ("1\u00a0234,56", "de", "1234.56"),
        ("1'234.50", None, "1234.50"),
        ("1.234.567,89", "de", "1234567.89"),
        ("1,234,567.89", "en", "1234567.89"),
        ("12.500,00 Türk Lirası", "tr", "12500.00"),
        ("USD 4,500.00", "en", "4500.00"),
        ("EUR 500", "de", "500.00"),
        ("123,4", "de", "123.40"),
        ("0,99", "de", "0.99"),
        ("(1,200.00)", "en", "-1200.00"),
        ("-45,00", "de", "-45.00"),
        ("45,00-", "de", "-45.00"),
        ("4.5OO,00", "de", "4500.00"),  # OCR: letter O for zero
        ("1.234, 56", "de", "1234.56"),  # OCR: space after the decimal mark
    ],
)
def test_amount_formats(printed: str, lang: str, expected: str) -> None:
    assert normalise_amount(printed, lang) == expected


def test_single_separator_with_three_digits_follows_the_language() -> None:
    assert normalise_amount("1.234", "de") == "1234.00"
    assert normalise_amount("1,234", "en") == "1234.00"
    assert normalise_amount("1.234", "en") == "1.234"
    assert normalise_amount("1,234", "de") == "1.234"


def test_no_number_is_none() -> None:
    assert normalise_amount("Total", "en") is None
    assert normalise_amount("", "en") is None


def test_format_keeps_at_least_cents() -> None:
    assert format_amount(Decimal("12")) == "12.00"
    assert format_amount(Decimal("12.5")) == "12.50"
    assert format_amount(Decimal("1.2345")) == "1.2345"


@pytest.mark.parametrize(
    ("printed", "expected"),
    [("KDV %20", "20"), ("MwSt. 19 %", "19"), ("Sales Tax 8.875%", "8.875"), ("8,875%", "8.875"),
     ("VAT 0%", "0"), ("%1", "1")],
)
def test_rates(printed: str, expected: str) -> None:
    assert parse_rate(printed) == Decimal(expected)


def test_rate_out_of_range_is_none() -> None:
    assert parse_rate("no rate here") is None
    assert parse_rate("250%") is None
