import pytest

from flexorch_beam.fields.fold import fold
from flexorch_beam.language import detect_language

SNIPPETS = {
    "en": "Invoice number and date, bill to the customer, payment terms net thirty days, total amount due",
    "tr": "Fatura numarası ve tarihi, sayın müşterimiz, ödeme vadesi otuz gündür, genel toplam ödenecek tutar",
    "de": "Rechnungsnummer und Rechnungsdatum, zahlbar innerhalb von dreißig Tagen ohne Abzug, Gesamtbetrag",
}


@pytest.mark.parametrize("lang", sorted(SNIPPETS))
def test_detects_language_with_confidence(lang: str) -> None:
    code, confidence = detect_language(SNIPPETS[lang])
    assert code == lang
    assert 0.5 < confidence <= 1.0


@pytest.mark.parametrize("lang", sorted(SNIPPETS))
def test_survives_ocr_losing_diacritics(lang: str) -> None:
    assert detect_language(fold(SNIPPETS[lang]).upper())[0] == lang


def test_short_business_lines() -> None:
    assert detect_language("Maaş Bordrosu Brüt Ücret Net Ödenen")[0] == "tr"
    assert detect_language("Kontoauszug Alter Kontostand Neuer Kontostand")[0] == "de"
    assert detect_language("Opening balance and closing balance")[0] == "en"


def test_numbers_alone_have_no_language() -> None:
    assert detect_language("12.03.2024 1.234,56 TR33 0006 1005") == (None, None)
    assert detect_language("") == (None, None)
    assert detect_language(None) == (None, None)


def test_scripts_outside_the_candidates_are_unknown_not_guessed():
    from flexorch_beam.language import detect_language

    assert detect_language("中华人民共和国国务院关于印发全国农业现代化规划的通知各省自治区直辖市人民政府") == (None, None)
    assert detect_language("Вся информация о компании и её деятельности в этом документе") == (None, None)


def test_no_confident_candidate_means_unknown():
    from flexorch_beam.language import detect_language

    language, confidence = detect_language("xq zzv kwpt brrg hjkl qwrt zxcv mnbv plkj")
    assert language is None or confidence >= 0.25
