"""Image files through the real tesseract; bombs and damaged headers get codes."""
from __future__ import annotations

import dataclasses
import io
import struct
import zlib

import pytest
from PIL import Image

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.extract.registry import extract_content
from flexorch_beam.sniff import sniff_format


LINES = ["INVOICE 4711", "Total 99.50 EUR"]


@pytest.mark.parametrize(
    "fmt,pil_format,options",
    [
        ("png", "PNG", {"dpi": (150, 150)}),
        ("jpeg", "JPEG", {"quality": 90}),
        ("bmp", "BMP", {}),
        ("webp", "WEBP", {"lossless": True}),
        ("gif", "GIF", {}),
    ],
)
def test_single_image_formats_are_ocrd(config, fmt, pil_format, options, make_text_image, encode_image):
    content = encode_image(make_text_image(LINES), pil_format, **options)
    assert sniff_format(content, "scan.bin") == fmt
    result = extract_content(content, fmt, config)
    assert result.ocr_used and result.page_count == 1
    assert "INVOICE 4711" in result.text and "99.50" in result.text
    assert 60 < result.ocr_confidence <= 100
    assert not result.warnings


def test_multipage_tiff_reads_every_page(config, make_text_image):
    pages = [make_text_image(["PAGE ONE alpha"]), make_text_image(["PAGE TWO beta"])]
    buffer = io.BytesIO()
    pages[0].save(buffer, format="TIFF", save_all=True, append_images=pages[1:], compression="tiff_lzw")
    content = buffer.getvalue()
    assert sniff_format(content) == "tiff"
    result = extract_content(content, "tiff", config)
    assert result.page_count == 2
    assert result.text.index("PAGE ONE") < result.text.index("PAGE TWO")


def test_blank_image_has_no_text(config, encode_image):
    content = encode_image(Image.new("L", (400, 200), 255), "PNG")
    with pytest.raises(ProcessingError) as error:
        extract_content(content, "png", config)
    assert error.value.code == codes.UNPROCESSABLE


def test_confidence_under_threshold_warns(config, make_text_image, encode_image):
    content = encode_image(make_text_image(LINES), "PNG")
    strict = dataclasses.replace(config, ocr_min_confidence=100.0)
    result = extract_content(content, "png", strict)
    assert result.ocr_confidence < 100
    assert [w.code for w in result.warnings] == [codes.OCR_LOW_CONFIDENCE]
    assert "under 100" in result.warnings[0].message


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims huge dimensions: the bomb check must fire before decoding."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 100)) + chunk(b"IEND", b"")


@pytest.mark.parametrize("side", [12_000, 40_000])  # over the limit (warning) and 2x over (error)
def test_decompression_bomb_gets_a_code(config, side):
    content = _png_header_only(side, side)
    assert sniff_format(content) == "png"
    with pytest.raises(ProcessingError) as error:
        extract_content(content, "png", config)
    assert error.value.code == codes.UNPROCESSABLE
    assert "decompression bomb" in error.value.summary


def test_damaged_image_is_corrupt(config, make_text_image, encode_image):
    content = encode_image(make_text_image(LINES), "PNG")
    with pytest.raises(ProcessingError) as error:
        extract_content(content[:40], "png", config)
    assert error.value.code == codes.CORRUPT_FILE


def test_small_text_is_scaled_up_by_its_measured_line_height(config, make_text_image, encode_image):
    from flexorch_beam.extract import preprocess

    # 12 px type, as a 100-dpi scan or a phone photo of a receipt has it; no DPI declared
    small = make_text_image(["RECEIPT 8812 TOTAL 14.90"] * 3, size=(360, 110), font_size=12)
    prepared = preprocess.prepare(small)
    assert prepared.line_px is not None and prepared.line_px < 20
    assert prepared.scale > 1.5
    result = extract_content(encode_image(small, "PNG"), "png", config)
    assert "8812" in result.text and "14.90" in result.text


@pytest.mark.parametrize("noisy", [True, False])
def test_only_noisy_scans_are_despeckled(noisy, config, make_text_image, make_noisy_scan,
                                         encode_image, monkeypatch):
    from flexorch_beam.extract import ocr

    calls = []
    real = ocr.despeckle
    monkeypatch.setattr(ocr, "despeckle", lambda image, scale=1.0: calls.append(scale) or real(image, scale))
    page = make_text_image(["RECEIPT 8812 TOTAL 14.90"], size=(360, 80), font_size=12)
    if noisy:
        page = make_noisy_scan(page)
    result = extract_content(encode_image(page, "PNG", dpi=(100, 100)), "png", config)
    assert bool(calls) == noisy  # after scaling by the text size (again for OSD if weak)
    assert all(scale > 1.5 for scale in calls)
    assert "8812" in result.text and "14.90" in result.text
