"""A receipt's header lines in another language, read again with that language's model
(real tesseract, a receipt drawn here)."""
from __future__ import annotations

import shutil

import pytest
from PIL import Image, ImageDraw, ImageFont

from flexorch_beam.extract import head_language, ocr, preprocess

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LINES = ["MAJU HARDWARE SDN BHD", "NO 12, JALAN PERMAS UTARA 1", "TAMAN PERMAS JAYA",
         "81750 MASAI, JOHOR", "TEL: 07-386 2233", "", "TAX INVOICE", "DATE: 12/03/2018",
         "NAILS 2 X 3.50          7.00", "HAMMER 1 X 25.00      25.00", "TOTAL                 32.00",
         "CASH                  50.00", "CHANGE                18.00"]


def _receipt() -> Image.Image:
    font = ImageFont.truetype(FONT, 22)
    image = Image.new("L", (520, 60 + 34 * len(LINES) + 300), 255)
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(LINES):
        draw.text((30, 30 + 34 * n), line, fill=0, font=font)
    return image


def _needs(model: str) -> None:
    if shutil.which("tesseract") is None or model not in ocr._installed_languages():
        pytest.skip(f"tesseract with the '{model}' model is not installed (make system)")


def test_a_line_is_judged_on_its_own_language() -> None:
    assert head_language.line_language("JALAN PERMAS UTARA 1 TAMAN PERMAS JAYA") == "ms"
    assert head_language.line_language("THANK YOU FOR SHOPPING WITH US") == "en"
    assert head_language.line_language("TEL: 07-386") is None  # too few letters to judge


def test_page_lines_pair_each_text_line_with_its_words() -> None:
    words = [ocr.Word(0, 0, 0, 1, 1, t) for t in ("A", "B", "C", "D")]
    assert head_language.page_lines("A B\n\nC\nD", words) == [[0, 1], [2], [3]]


def test_malay_header_lines_are_read_again_with_the_malay_model_and_the_rest_is_kept() -> None:
    _needs("eng")
    _needs("msa")
    prepared = preprocess.prepare(_receipt()).image
    first = ocr.tesseract_page(prepared, "eng", psm=6)
    asked: list[str] = []

    def read(crop: Image.Image, model: str):  # noqa: ANN202 - the real reader, recorded
        asked.append(model)
        assert crop.height < prepared.height / 2  # only the header's band is read again
        return ocr._lines(ocr.tesseract_page(crop, model, psm=6))

    text, words = head_language.reread(prepared, first.text, first.words, first.confidences,
                                       "eng", read, ocr._installed)
    assert asked == ["msa"]  # one more pass, with the header's other language only
    lines = [line for line in text.split("\n") if line.strip()]
    assert lines[0] == "MAJU HARDWARE SDN BHD"  # the English name keeps its first reading
    assert lines[1:4] == LINES[1:4]  # the address, whichever model won each line
    assert lines[4:] == [line for line in first.text.split("\n") if line.strip()][4:]
    assert [w.text for w in words] == text.split()  # word boxes follow the text


def test_the_page_pipeline_reads_the_header_again_only_with_auto_languages() -> None:
    _needs("eng")
    _needs("msa")
    image = _receipt()
    auto = ocr.read_page(image, ocr.AUTO).page
    fixed = ocr.read_page(image, "eng").page  # the user fixed the languages: as given
    for page in (auto, fixed):
        assert "JALAN PERMAS UTARA 1" in page.text and "TOTAL 32.00" in page.text
        assert len(page.words) == len(page.text.split())
