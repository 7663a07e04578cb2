import pytest

from flexorch_beam.fields.currency import dominant_currency, normalise_currency


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("1.234,56 TL", "TRY"), ("₺1.234", "TRY"), ("12.500,00 Türk Lirası", "TRY"),
        ("12.500,00 TURK LIRASI", "TRY"), ("€1,234.56", "EUR"), ("500 Euro", "EUR"),
        ("1.000 Avro", "EUR"), ("$12", "USD"), ("USD 4,500", "USD"), ("12 ABD Doları", "USD"),
        ("10 US dollars", "USD"), ("£20", "GBP"), ("CHF 100", "CHF"), ("Währung: EUR", "EUR"),
        ("Para Birimi: TRY", "TRY"),
    ],
)
def test_marks_to_iso(printed: str, expected: str) -> None:
    assert normalise_currency(printed) == expected


def test_tl_only_next_to_an_amount() -> None:
    assert normalise_currency("TL departmanı") is None
    assert normalise_currency("Total") is None


def test_dominant_currency() -> None:
    assert dominant_currency("10 € ... 20 € ... 5 USD") == "EUR"
    assert dominant_currency("no money") is None
