"""Rebuilding lines from tesseract's word table, and the one-call OCR of a rendered image."""
from __future__ import annotations

import pytest

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.extract import ocr



def test_lines_and_paragraphs_rebuilt_from_word_numbers():
    data = {
        "page_num": [1, 1, 1, 1, 1, 1, 2],
        "block_num": [1, 1, 1, 1, 2, 2, 1],
        "par_num": [1, 1, 1, 1, 1, 1, 1],
        "line_num": [1, 1, 1, 2, 1, 1, 1],
        "text": ["", "Hello", "world", "again", "New", "block", "p2"],
        "conf": [-1, 90.0, 80.0, 70.0, 60.0, 50.0, 40.0],
    }
    pages = ocr.pages_from_data(data)
    assert [p.text for p in pages] == ["Hello world\nagain\n\nNew block", "p2"]
    assert pages[0].confidences == (90.0, 80.0, 70.0, 60.0, 50.0)
    assert ocr.mean_confidence(pages) == 65.0
    assert ocr.mean_confidence([ocr.OcrPage("", ())]) is None


def test_ocr_pil_reads_text_with_confidence(make_text_image):
    page = ocr.ocr_pil(make_text_image(["Hello OCR 2024"]), "eng", 150)
    assert "Hello OCR 2024" in page.text
    assert page.confidences and min(page.confidences) >= 0


def test_languages_are_restricted_to_installed_ones():
    assert ocr.resolve_langs("eng+xx_missing") == "eng"
    with pytest.raises(ProcessingError) as error:
        ocr.resolve_langs("xx_missing")
    assert error.value.code == codes.INTERNAL_ERROR


def test_speckle_share_separates_grey_noise_from_clean_text(make_text_image, make_noisy_scan):
    # dense small text, as a clean 100-dpi scan would have it: many stroke edges, no noise
    clean = make_text_image(["RECEIPT 8812 TOTAL 14.90 EUR"] * 5, size=(360, 110), font_size=12)
    noisy = make_noisy_scan(clean)
    assert ocr.speckle_share(clean) < ocr.NOISY_SPECKLE_SHARE
    assert ocr.speckle_share(noisy) > 2 * ocr.NOISY_SPECKLE_SHARE
    assert ocr.speckle_share(ocr.despeckle(noisy)) < ocr.speckle_share(noisy) / 3
    assert ocr.despeckle(noisy, 3.0).size == noisy.size


PAYROLL = ["PAYROLL STATEMENT March 2024", "Employee number 88231", "Gross pay 4,250.00 EUR",
           "Income tax 612.40 EUR", "Net pay 3,101.75 EUR", "Bank transfer on 28 March"]


@pytest.mark.parametrize("angle", [90, 180])
def test_a_turned_page_is_read_upright(angle, make_text_image):
    page = make_text_image(PAYROLL, size=(1100, 500), font_size=36)
    turned = page.rotate(angle, expand=True, fillcolor=255)  # counter-clockwise, as scanned
    reading = ocr.read_page(turned, "eng")
    assert reading.rotated == angle  # tesseract's OSD: degrees clockwise back to upright
    assert "PAYROLL STATEMENT" in reading.page.text and "3,101.75" in reading.page.text


def test_an_upright_page_that_reads_well_skips_orientation_detection(make_text_image, monkeypatch):
    monkeypatch.setattr(ocr, "detect_osd", lambda image: pytest.fail("OSD ran on a good page"))
    reading = ocr.read_page(make_text_image(PAYROLL, size=(1100, 500), font_size=36), "eng")
    assert reading.rotated == 0 and "Employee number 88231" in reading.page.text


GERMAN = ["Rechnung Nummer 2024-117 für Müller", "Größe und Gewicht der Sendung prüfen",
          "Zahlbar innerhalb von vierzehn Tagen", "Überweisung an die Bank in Köln"]
RUSSIAN = ["Счёт на оплату номер 117", "Поставщик общество с ограниченной",
           "Итого к оплате двенадцать тысяч", "Банк получателя в Москве"]


def test_auto_reads_a_german_page_again_with_the_german_model(make_text_image):
    page = make_text_image(GERMAN, size=(1000, 300), font_size=32)
    reading = ocr.read_page(page, ocr.AUTO)
    assert reading.langs == "deu"
    assert "Größe" in reading.page.text and "Müller" in reading.page.text
    fixed = ocr.read_page(page, "eng")  # a fixed --ocr-langs is used as given
    assert fixed.langs == "eng" and "Größe" not in fixed.page.text


def test_auto_reads_another_script_with_its_model(make_text_image):
    page = make_text_image(RUSSIAN, size=(1000, 300), font_size=32)
    reading = ocr.read_page(page, ocr.AUTO)
    assert reading.langs == "rus"
    assert "Счёт на оплату" in reading.page.text and "Москве" in reading.page.text


def test_osd_reads_script_and_rotation(make_text_image):
    page = make_text_image(PAYROLL, size=(1100, 500), font_size=36)
    osd = ocr.detect_osd(page.rotate(180))
    assert osd is not None and osd.rotate == 180 and osd.script == "Latin"
    from PIL import Image

    assert ocr.detect_osd(Image.new("L", (400, 300), 255)) is None  # nothing to orient
