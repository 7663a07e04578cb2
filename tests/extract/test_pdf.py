"""PDF: PDFium fast path, the per-page fallback check, OCR of scanned pages, failure codes."""
from __future__ import annotations

import difflib
import io
from pathlib import Path

import pdfplumber
import pytest

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.extract import pdf
from flexorch_beam.extract.registry import extract_content
from flexorch_beam.sniff import sniff_format

# Real PDFs from pdfplumber's test suite, vendored with their licence (tests/fixtures/README.md)
CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "pdfplumber"


def corpus_bytes(name: str) -> bytes:
    """A pdfplumber test file from the shared corpus beside the clone, or a skip without it."""
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared corpus is not beside this checkout)")
    return path.read_bytes()


def _digital_pdf(pages: int = 3) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, PageBreak
    from reportlab.lib.styles import getSampleStyleSheet

    styles = getSampleStyleSheet()
    story = []
    for number in range(1, pages + 1):
        story.append(Paragraph(f"Invoice INV-2024-{number:04d}", styles["Title"]))
        story.append(Paragraph("Vendor: Acme GmbH, Hauptstrasse 1, 10115 Berlin. " * 3, styles["Normal"]))
        story.append(Spacer(1, 12))
        story.append(Table([["Item", "Qty", "Price"], ["Widget", "2", "10.00"], ["Gadget", "1", "5.50"]]))
        story.append(Paragraph(f"Total due: {number * 25}.50 EUR", styles["Normal"]))
        if number < pages:
            story.append(PageBreak())
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


def _scanned_pdf(image) -> bytes:  # noqa: ANN001 - a PIL image
    """A page that is only a picture of text: no text layer at all."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.drawString(72, 800, "Digital page with a text layer")
    page.showPage()
    page.drawImage(ImageReader(image), 36, 500, width=image.width * 0.5, height=image.height * 0.5)
    page.showPage()
    page.save()
    return buffer.getvalue()


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, " ".join(a.split()), " ".join(b.split()), autojunk=False).ratio()


def test_digital_pdf_uses_the_fast_path_and_matches_pdfplumber(config):
    content = _digital_pdf()
    assert sniff_format(content, "x.docx") == "pdf"  # wrong extension: the bytes decide
    result = extract_content(content, "pdf", config)
    assert result.page_count == 3 and result.page_methods == ("pdfium",) * 3
    assert not result.ocr_used and result.ocr_confidence is None
    with pdfplumber.open(io.BytesIO(content)) as document:
        reference = "\n\n".join(page.extract_text() for page in document.pages)
    assert _similarity(result.text, reference) >= 0.95
    assert result.text.index("INV-2024-0001") < result.text.index("INV-2024-0002") < result.text.index("INV-2024-0003")
    assert "Widget 2 10.00" in result.text  # table rows stay on one line


def test_scanned_page_is_ocrd_and_digital_page_is_not(config, make_text_image):
    content = _scanned_pdf(make_text_image(["SCANNED RECEIPT 5521", "Amount 42.00"], size=(1000, 260), font_size=48))
    result = extract_content(content, "pdf", config)
    assert result.page_methods == ("pdfium", "ocr")
    assert result.ocr_used and result.page_count == 2
    assert 50 < result.ocr_confidence <= 100
    assert "Digital page with a text layer" in result.text
    assert "SCANNED RECEIPT 5521" in result.text


def test_render_for_ocr_caps_huge_pages():
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(200 * 72, 200 * 72))  # 200 x 200 inches
    page.showPage()
    page.save()
    document = pdf.open_document(buffer.getvalue())
    image, dpi = pdf.render_for_ocr(document[0], 300)
    assert image.width * image.height <= pdf.MAX_RENDER_PIXELS * 1.01
    assert dpi < 300
    document.close()


def test_lost_glyphs_fall_back_to_pdfplumber_on_pr_136(config):
    content = corpus_bytes("pr-136-example.pdf")
    document = pdf.open_document(content)
    page = document[0]
    textpage = page.get_textpage()
    check = pdf.check_page(page, textpage, pdf.clean(textpage.get_text_range()))
    assert check.lost_glyphs
    textpage.close()
    document.close()
    result = extract_content(content, "pdf", config)
    with pdfplumber.open(io.BytesIO(content)) as plumber:
        reference = "\n\n".join(p.extract_text() or "" for p in plumber.pages)
    assert len(result.text) >= 0.9 * len(reference)  # PDFium alone keeps about a fifth
    assert "菲达环保" in result.text


def test_table_written_column_by_column_is_reordered_like_pdfplumber(config):
    """The WARN report's table comes out of PDFium's stream column by column; the page is
    re-ordered from PDFium's character boxes into pdfplumber's line order."""
    from rapidfuzz.distance import Indel

    content = corpus_bytes("WARN-Report-for-7-1-2015-to-03-25-2016.pdf")
    document = pdf.open_document(content)
    page = document[0]
    textpage = page.get_textpage()
    raw = textpage.get_text_range()
    assert pdf.check_page(page, textpage, pdf.clean(raw)).scrambled
    reordered = pdf.geometric_text(page, textpage, raw)
    textpage.close()
    document.close()
    with pdfplumber.open(io.BytesIO(content)) as plumber:
        reference = plumber.pages[0].extract_text()
    norm = lambda s: " ".join(s.split())  # noqa: E731
    assert Indel.normalized_similarity(norm(reordered), norm(reference)) > 0.9
    assert Indel.normalized_similarity(norm(pdf.clean(raw)), norm(reference)) < 0.6  # stream order
    assert "Maxim Integrated Product San Jose 150 Closure Permanent" in reordered
    result = extract_content(content, "pdf", config)
    assert result.page_methods.count("pdfium_reordered") >= len(result.page_methods) - 2


@pytest.mark.parametrize(
    "name", ["issue-33-lorem-ipsum.pdf", "nics-background-checks-2015-11.pdf", "federal-register-2020-17221.pdf"]
)
def test_well_ordered_corpus_pages_stay_on_the_fast_path(name):
    document = pdf.open_document(corpus_bytes(name))
    page = document[0]
    textpage = page.get_textpage()
    check = pdf.check_page(page, textpage, pdf.clean(textpage.get_text_range()))
    assert not (check.lost_glyphs or check.scrambled or check.needs_ocr), check
    textpage.close()
    document.close()


def test_corpus_password_pdf_is_encrypted(config):
    with pytest.raises(ProcessingError) as error:
        extract_content(corpus_bytes("password-example.pdf"), "pdf", config)
    assert error.value.code == codes.ENCRYPTED_FILE


def test_generated_password_pdf_is_encrypted(config, tmp_path):
    import pikepdf

    source = pikepdf.open(io.BytesIO(_digital_pdf(1)))
    target = tmp_path / "locked.pdf"
    source.save(target, encryption=pikepdf.Encryption(user="s3cret", owner="owner", R=6))
    with pytest.raises(ProcessingError) as error:
        extract_content(target.read_bytes(), "pdf", config)
    assert error.value.code == codes.ENCRYPTED_FILE


def test_truncated_pdf_is_corrupt(config):
    content = _digital_pdf(2)
    with pytest.raises(ProcessingError) as error:
        extract_content(content[: len(content) // 2], "pdf", config)
    assert error.value.code == codes.CORRUPT_FILE
    assert "truncated" in error.value.summary


def test_zero_byte_corpus_pdf_is_unprocessable(config):
    content = corpus_bytes("empty.pdf")
    assert content == b"" and sniff_format(content, "empty.pdf") == "empty"
    with pytest.raises(ProcessingError) as error:
        extract_content(content, "pdf", config)
    assert error.value.code == codes.UNPROCESSABLE


def _outlined_pdf(lines: list[str], with_rules: bool = False) -> bytes:
    """Text drawn as filled vector shapes, no font and no image: each glyph's pixels from a
    48 px rendering become filled rectangles (one path per text line), as a PDF whose fonts
    were converted to outlines carries its text."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 48)
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    unit = 0.25  # PDF points per glyph pixel: 48 px type becomes 12 pt
    top = A4[1] - 100
    for number, line in enumerate(lines):
        bitmap = Image.new("L", (1600, 64), 255)
        ImageDraw.Draw(bitmap).text((0, 0), line, fill=0, font=font)
        ink = np.asarray(bitmap) < 128
        path = page.beginPath()
        for y, row in enumerate(ink):
            padded = np.concatenate(([False], row, [False]))
            edges = np.flatnonzero(padded[1:] != padded[:-1])
            for start, end in zip(edges[::2], edges[1::2]):
                path.rect(60 + start * unit, top - number * 24 - y * unit, (end - start) * unit, unit)
        page.drawPath(path, stroke=0, fill=1)
    if with_rules:
        for y in range(100, 700, 100):
            page.line(50, y, 550, y)
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_text_drawn_as_outlines_is_ocrd(config):
    content = _outlined_pdf(["OUTLINED INVOICE 7734", "Total due 315.40 EUR"])
    document = pdf.open_document(content)
    page = document[0]
    textpage = page.get_textpage()
    check = pdf.check_page(page, textpage, pdf.clean(textpage.get_text_range()))
    textpage.close()
    document.close()
    assert check.chars == 0 and check.image_objects == 0
    assert check.outlined_text and check.needs_ocr
    result = extract_content(content, "pdf", config)
    assert result.page_methods == ("ocr",) and result.ocr_used
    assert "OUTLINED INVOICE 7734" in result.text and "315.40" in result.text


def test_a_page_of_ruled_lines_is_not_rendered_for_ocr(config):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    for y in range(100, 800, 50):
        page.line(50, y, 550, y)
    page.showPage()
    page.save()
    document = pdf.open_document(buffer.getvalue())
    check = pdf.check_page(document[0], document[0].get_textpage(), "")
    assert 0 < check.path_segments < pdf.MIN_OUTLINE_SEGMENTS and not check.needs_ocr
