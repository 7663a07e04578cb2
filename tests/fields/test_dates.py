import pytest

from flexorch_beam.fields.dates import find_dates, normalise_date, normalise_period, slash_order


@pytest.mark.parametrize(
    ("printed", "lang", "expected"),
    [
        ("05.03.2024", "de", "2024-03-05"),
        ("05.03.2024", "tr", "2024-03-05"),
        ("05/03/2024", "tr", "2024-03-05"),
        ("03/05/2024", "en", "2024-03-05"),
        ("2024-03-05", None, "2024-03-05"),
        ("2024.01.09", None, "2024-01-09"),
        ("31.12.23", "de", "2023-12-31"),
        ("5 March 2024", "en", "2024-03-05"),
        ("March 5, 2024", "en", "2024-03-05"),
        ("March 5th, 2024", "en", "2024-03-05"),
        ("5 Mar 2024", "en", "2024-03-05"),
        ("05-Mar-24", "en", "2024-03-05"),
        ("Sept 30, 2024", "en", "2024-09-30"),
        ("5 Mart 2024", "tr", "2024-03-05"),
        ("12 Ağustos 2024", "tr", "2024-08-12"),
        ("12 AGUSTOS 2024", "tr", "2024-08-12"),  # OCR/upper case without diacritics
        ("7 Mayıs 2024", "tr", "2024-05-07"),
        ("1 Aralık 2023", "tr", "2023-12-01"),
        ("5. März 2024", "de", "2024-03-05"),
        ("5. Marz 2024", "de", "2024-03-05"),
        ("1. Mai 2023", "de", "2023-05-01"),
        ("24. Dezember 2024", "de", "2024-12-24"),
        ("Rechnungsdatum: 20. Februar 2024", "de", "2024-02-20"),
    ],
)
def test_date_formats(printed: str, lang: str, expected: str) -> None:
    assert normalise_date(printed, lang) == expected


def test_impossible_dates_are_rejected() -> None:
    assert normalise_date("31.02.2024", "de") is None
    assert normalise_date("no date", "en") is None


def test_slash_order_is_settled_by_a_day_above_twelve() -> None:
    text = "Invoice date 03/05/2024  Due 25/05/2024"
    assert slash_order(text, "en") == "dmy"
    assert normalise_date("03/05/2024", "en", slash_order(text, "en")) == "2024-05-03"
    assert slash_order("Date 05/25/2024", "tr") == "mdy"
    assert slash_order("Date 05/06/2024", "en") == "mdy"
    assert slash_order("Date 05/06/2024", "de") == "dmy"


def test_find_dates_gives_offsets_in_order() -> None:
    text = "from 01.03.2024 to 31.03.2024"
    found = find_dates(text, "de")
    assert [d.isoformat() for _, _, d in found] == ["2024-03-01", "2024-03-31"]
    assert text[found[0][0]:found[0][1]] == "01.03.2024"


@pytest.mark.parametrize(
    ("printed", "lang", "expected"),
    [
        ("Mart 2024", "tr", "2024-03"),
        ("März 2024", "de", "2024-03"),
        ("March 2024", "en", "2024-03"),
        ("03/2024", "en", "2024-03"),
        ("03.2024", "de", "2024-03"),
        ("2024-03", None, "2024-03"),
        ("01.03.2024 - 31.03.2024", "de", "2024-03-01/2024-03-31"),
        ("01/02/2023 – 28/02/2023", "tr", "2023-02-01/2023-02-28"),
        ("2023-06-01 - 2023-06-30", "en", "2023-06-01/2023-06-30"),
    ],
)
def test_periods(printed: str, lang: str, expected: str) -> None:
    assert normalise_period(printed, lang) == expected
