"""Identifier spans an amount must never be read from, and the amounts left intact."""
import pytest

from flexorch_beam.fields.idmask import mask_identifiers
from flexorch_beam.fields.parsers import amount


@pytest.mark.parametrize("text", [
    "IBAN DE76 5001",                        # an IBAN cut by a line wrap after its first group
    "GB29 NWBK 6016 1331 9268 19",
    "TR330006100519786457841326",
    "Tel.: +49 176 54494880",
    "+90 (212) 555 12 34",
    "Karte **** 8677",
    "Konto-Nr. 1234567890",
    "Hesap No: 1234 5678 90",
    "Referenz: 4329 1616 2710 7068",
    "Mandatsreferenz M58953494",
    "RE-2023-10424",
    "Gläubiger-ID DE98ZZZ08767911557",
])
def test_identifiers_are_blanked_whole(text: str) -> None:
    masked = mask_identifiers(text)
    assert len(masked) == len(text)
    assert not any(c.isdigit() for c in masked)


@pytest.mark.parametrize("text", [
    "1.915,55 €", "1 234 567,89 TL", "TL1.234,56", "EUR1500", "$ 1,234.56", "Toplam 1500",
    "TOPLAM1.234,56", "Summe19,41", "CHF 12'500.00",
])
def test_amounts_are_left_alone(text: str) -> None:
    assert mask_identifiers(text) == text


@pytest.mark.parametrize("raw,expected", [
    # a total label inside a direct-debit sentence: only identifier fragments follow it
    ("wird am 26.08.2023 per SEPA-Lastschrift von Ihrem Konto IBAN DE76 5001", None),
    ("is debited from account GB29 NWBK 6016 1331 9268 19 on 1 May", None),
    ("will be charged, call +44 20 7946 0958 with questions", None),
    ("ref RE-2023-10424", None),
    # a bare number far along a sentence is not an amount; next to the label, or with a mark, it is
    ("wird innerhalb von 14 Tagen fällig", None),
    (": 1500", "1500.00"),
    ("(EUR): 1500", "1500.00"),
    ("nach Abzug aller Rabatte 1500 EUR", "1500.00"),
    ("Konto DE76 5001 0517 3723 3362 61: 1.915,55 €", "1915.55"),
])
def test_amount_skips_identifier_fragments(raw: str, expected: str | None) -> None:
    assert amount(raw, "de", "dmy") == expected


def test_lenient_pass_still_reads_a_bare_number_in_a_sentence() -> None:
    assert amount("wird innerhalb von 14 Tagen fällig", "de", "dmy", lenient=True) == "14.00"
    assert amount("Konto IBAN DE76 5001", "de", "dmy", lenient=True) is None
