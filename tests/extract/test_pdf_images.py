"""Words printed inside images on PDF pages that have a text layer (a logo, a pasted company
block): real reportlab PDFs with PIL-drawn images, real tesseract."""
from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageFont

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.extract import pdf, pdf_images
from flexorch_beam.fields.extract import extract_rules

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
CONFIG = ProcessingConfig(sandbox=False, ocr_langs="eng")
BLOCK = ("Nordwind Handel GmbH", "Hafenstrasse 12, 20457 Hamburg", "IBAN: DE89 3704 0044 0532 0130 00")


def block_image(lines=BLOCK, size=(900, 200)) -> Image.Image:
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 34)
    for row, line in enumerate(lines):
        draw.text((12, 10 + row * 60), line, fill="black", font=font)
    return image


def pdf_with_images(images: list[tuple[Image.Image, float, float, float, float]], pages: int = 1) -> bytes:
    """An invoice page with a text layer and the given images (x, y, width, height in pt)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    for _ in range(pages):
        page.setFont("Helvetica", 11)
        page.drawString(60, 650, "Rechnung Nr. RE-2024-0815")
        page.drawString(60, 630, "Rechnungsdatum: 12.03.2024")
        page.drawString(60, 610, "Gesamtbetrag: 1.190,00 EUR")
        for image, x, y, w, h in images:
            page.drawImage(ImageReader(image), x, y, w, h)
        page.showPage()
    page.save()
    return buffer.getvalue()


def test_a_company_block_printed_as_an_image_gives_its_words_with_page_positions() -> None:
    content = pdf_with_images([(block_image(), 60, 60, 300, 67)])
    result = pdf.extract(content, CONFIG)
    ocr_words = [w for w in result.words if w.ocr]
    text = " ".join(w.text for w in ocr_words)
    assert "Nordwind" in text and "DE89" in text
    # placed where the image sits: the bottom of an A4 page (y grows downwards, from -842 to 0)
    assert all(60 - 1 <= w.x0 and w.x1 <= 360 + 1 and -127 - 1 <= w.top and w.bottom <= -60 + 1 for w in ocr_words)
    assert "Nordwind" not in result.text  # the record's text is the text layer's
    assert not any(w.ocr for w in result.words if w.text.startswith("RE-2024"))
    values = extract_rules(result.text, "invoice", "de", "pdf", result.words)
    assert values["iban"][0] == "DE89370400440532013000"
    assert values["vendor_name"][0] == "Nordwind Handel GmbH"


def test_icons_and_images_under_text_are_not_read() -> None:
    icon = block_image(("X",), size=(40, 40))
    content = pdf_with_images([(icon, 60, 700, 12, 12)])
    assert not any(w.ocr for w in pdf.extract(content, CONFIG).words)
    # an image with text-layer words printed over it: that text is already in the layer
    content = pdf_with_images([(block_image(), 50, 600, 300, 67)])
    assert not any(w.ocr for w in pdf.extract(content, CONFIG).words)


def test_the_same_logo_twice_is_read_once_later_pages_not_at_all_and_the_budget_bounds_the_rest() -> None:
    logo = block_image()
    content = pdf_with_images([(logo, 60, 60, 300, 67), (logo, 60, 300, 300, 67)], pages=2)
    document = pdfium.PdfDocument(content)
    budget = pdf_images.ImageBudget()
    first = pdf_images.image_words(document[0], 0, [], budget)
    assert budget.ocr_calls == 1
    assert sum(w.text == "Nordwind" for w in first) == 2  # both placements, one reading
    assert pdf_images.image_words(document[1], 1, [], budget) == []  # past MAX_IMAGE_PAGES
    many = [(block_image((f"Logo {n}",), size=(300, 60)), 60, 60 + n * 70, 150, 30) for n in range(pdf_images.MAX_IMAGES + 2)]
    document = pdfium.PdfDocument(pdf_with_images(many))
    budget = pdf_images.ImageBudget()
    pdf_images.image_words(document[0], 0, [], budget)
    assert budget.ocr_calls == pdf_images.MAX_IMAGES
