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
