"""Receipt address: street abbreviations misread by OCR, and a generated receipt read end to end."""
from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw, ImageFont

from flexorch_beam.fields import receipt
from flexorch_beam.fields.receipt import _fix_address
from flexorch_beam.fields.rules import Lines

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def test_a_street_abbreviation_one_ocr_confusion_away_is_that_abbreviation() -> None:
    # dot-matrix M read as H, l read as I
    assert _fix_address("1320-THN BATU") == "1320-TMN BATU"
    assert _fix_address("NO 1, JIN DESA 5") == "NO 1, JLN DESA 5"
    assert _fix_address("Tmn Maju") == "Tmn Maju"  # already right
    # other three-letter words stay: two letters apart, or no confusion pair, or a longer word
    assert _fix_address("THE SUN LOT 5") == "THE SUN LOT 5"
    assert _fix_address("TAN HIN 12") == "TAN HIN 12"
    assert _fix_address("THNG 4") == "THNG 4"


def test_a_lone_lower_case_i_or_l_in_a_capitals_address_line_is_the_digit_one() -> None:
    assert _fix_address("JALAN PERMAS UTARA i PERMAS JAYA") == "JALAN PERMAS UTARA 1 PERMAS JAYA"
    assert _fix_address("LOT l, JALAN ANGSA") == "LOT 1, JALAN ANGSA"
    assert _fix_address("Jalan Permas i Jaya") == "Jalan Permas i Jaya"  # mixed case: not judged
    assert _fix_address("JALAN ilham 5") == "JALAN ilham 5"  # a word, not a lone letter


def test_the_abbreviation_is_repaired_inside_a_receipt_head_and_the_name_is_left_alone() -> None:
    text = ("KEDAI THN MAJU SDN BHD\n(123456-A)\nNO 12, JIN DESA INDAH,\n1320-THN MAJU 43000 KAJANG\n"
            "TEL 03-1234 5678\n")
    head = receipt.company_and_address(Lines.of(text))
    assert head.company == "KEDAI THN MAJU SDN BHD"  # the name is not an address line
    assert head.address == "NO 12, JLN DESA INDAH 1320-TMN MAJU 43000 KAJANG"


def _receipt_png(lines: list[str]) -> bytes:
    font = ImageFont.truetype(FONT, 22)
    image = Image.new("L", (520, 40 + 34 * len(lines) + 400), 255)
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(lines):
        width = draw.textlength(line, font=font)
        draw.text(((image.width - width) / 2, 30 + 34 * n), line, fill=0, font=font)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_a_generated_receipt_image_gets_its_shop_address_from_real_ocr() -> None:
    """The whole path: a narrow receipt page (read as one block) -> OCR words -> the head."""
    import shutil

    from flexorch_beam.config import ExtractOptions
    from flexorch_beam.extract import image
    from flexorch_beam.fields.extract import extract_rules

    if shutil.which("tesseract") is None:
        pytest.skip("tesseract is not installed")
    png = _receipt_png(["MAJU HARDWARE SDN BHD", "(123456-A)", "NO 12, JLN DESA INDAH,",
                        "TMN MAJU, 43000 KAJANG", "TEL: 03-1234 5678", "", "TAX INVOICE",
                        "DATE: 12/03/2018", "NAILS 2 X 3.50     7.00", "TOTAL              7.00"])
    result = image.extract(png, ExtractOptions())
    fields = {name: value for name, (value, _confidence) in
              extract_rules(result.text, "receipt", "en", "png", result.words).items()}
    assert fields["merchant_name"] == "MAJU HARDWARE SDN BHD"
    assert fields["address"] == "NO 12, JLN DESA INDAH TMN MAJU, 43000 KAJANG"
