"""Words printed inside images on a PDF page that has a text layer: logos, scanned blocks.

A digital invoice can carry its issuer's name only in a logo, or its company block (name,
IBAN, VAT id) as a pasted picture; the text layer has none of it. The fields step reads word
boxes (:mod:`flexorch_beam.extract.words`), so the images of the first page are OCR'd and
their words added to those boxes, placed where the image sits on the page and marked
``ocr=True``. The record's text is not changed: these words serve the field rules only.

Bounded, since most images are decoration:

* only images placed at least :data:`MIN_WIDTH_PT` x :data:`MIN_HEIGHT_PT` and of
  :data:`MIN_PIXELS` to :data:`MAX_SOURCE_PIXELS` pixels (a bullet, an icon, a currency glyph
  drawn as an image is not read; nor is a photo's full resolution rendered);
* not an image covering :data:`MAX_PAGE_SHARE` of the page or with text-layer words on it
  (a page background, a scan under its own OCR layer: that text is already there);
* only on the first :data:`MAX_IMAGE_PAGES` page(s) (where a letterhead, a logo and the
  seller's block are), at most :data:`MAX_IMAGES` images per document, largest first, read
  at most once each (a logo repeated is one image stream: its words are reused), each at
  most :data:`MAX_OCR_PIXELS` before tesseract, stopped after :data:`IMAGE_TIMEOUT_S`;
* only words tesseract is at least :data:`MIN_WORD_CONFIDENCE` sure of (a signature's
  strokes read as "\\ e q)" are dropped).
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from typing import Optional

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from flexorch_beam.codes import ProcessingError
from flexorch_beam.extract import ocr
from flexorch_beam.extract.words import Word

MIN_WIDTH_PT = 30.0
MIN_HEIGHT_PT = 10.0
MIN_PIXELS = 2_000
MAX_SOURCE_PIXELS = 16_000_000  # rendered at its own resolution first: a bigger one is a photo
MAX_PAGE_SHARE = 0.5
MAX_IMAGES = 2
MAX_IMAGE_PAGES = 1  # the first page: the letterhead, the logo, the seller's block
MAX_OCR_PIXELS = 1_500_000
TARGET_DPI = 200.0  # an image is read at least at this resolution of its placed size
MAX_UPSCALE = 4.0
MIN_WORD_CONFIDENCE = 60.0
IMAGE_TIMEOUT_S = 5  # tesseract on one image is stopped after this (a logo takes ~0.1-0.4 s)
MAX_OBJECTS = 3000  # page objects looked at per page (a vector drawing has tens of thousands)
OCR_LANG = "eng"  # names, IBANs and VAT ids are Latin letters and digits in any language


@dataclass
class ImageBudget:
    """Per document: how many images may still be read, and the words of those read so far
    (keyed by the image stream's hash, so a logo repeated on each page is read once)."""

    remaining: int = field(default_factory=lambda: MAX_IMAGES)
    read: dict[str, tuple[tuple[float, float, float, float, str], ...]] = field(default_factory=dict)
    ocr_calls: int = 0


def _candidates(page: pdfium.PdfPage, text_boxes: list[Word]) -> list[tuple[pdfium.PdfImage, tuple[float, float, float, float]]]:
    """Image objects worth reading, largest first, with their placed bounds (left, bottom,
    right, top in PDF points)."""
    width, height = page.get_size()
    found = []
    for index, obj in enumerate(page.get_objects(max_depth=2)):
        if index >= MAX_OBJECTS:
            break
        if obj.type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
            continue
        left, bottom, right, top = obj.get_bounds()
        w, h = right - left, top - bottom
        if w < MIN_WIDTH_PT or h < MIN_HEIGHT_PT or w * h > MAX_PAGE_SHARE * width * height:
            continue
        px_w, px_h = obj.get_px_size()
        if not MIN_PIXELS <= px_w * px_h <= MAX_SOURCE_PIXELS:
            continue
        if any(left <= (b.x0 + b.x1) / 2 <= right and bottom <= -(b.top + b.bottom) / 2 <= top for b in text_boxes):
            continue  # text on the image: the text layer already reads it
        found.append((obj, (left, bottom, right, top)))
    found.sort(key=lambda item: -(item[1][2] - item[1][0]) * (item[1][3] - item[1][1]))
    return found


def _bitmap(obj: pdfium.PdfImage, bounds: tuple[float, float, float, float]) -> Optional[Image.Image]:
    """The image as shown (its mask and colour space applied), greyscale on white, at
    :data:`TARGET_DPI` of its placed size when the stored pixels are fewer."""
    try:
        image = obj.get_bitmap(render=True).to_pil()
    except Exception:  # noqa: BLE001 - an image PDFium cannot render is not read
        return None
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        white = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, image)
    image = image.convert("L")
    left, bottom, right, top = bounds
    wanted = (right - left) * TARGET_DPI / 72.0
    scale = min(MAX_UPSCALE, max(1.0, wanted / max(image.width, 1)))
    pixels = image.width * image.height * scale * scale
    if pixels > MAX_OCR_PIXELS:
        scale *= (MAX_OCR_PIXELS / pixels) ** 0.5
    if abs(scale - 1.0) > 0.05:
        image = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))),
                             Image.Resampling.LANCZOS)
    return image


def _read(image: Image.Image) -> tuple[tuple[float, float, float, float, str], ...]:
    """Confident words as fractions of the image: (x0, top, x1, bottom, text)."""
    import pytesseract

    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        lang = ocr.resolve_langs(OCR_LANG)
    except ProcessingError:  # no tesseract or no English model: a digital page needs neither
        return ()
    try:
        data = pytesseract.image_to_data(image, lang=lang, config="--psm 11",
                                         output_type=pytesseract.Output.DICT, timeout=IMAGE_TIMEOUT_S)
    except (pytesseract.TesseractError, OSError, RuntimeError):  # RuntimeError: the timeout
        return ()
    width, height = max(image.width, 1), max(image.height, 1)
    words = []
    for i, text in enumerate(data.get("text", ())):
        text = (text or "").strip()
        if not text or float(data["conf"][i]) < MIN_WORD_CONFIDENCE or not any(c.isalnum() for c in text):
            continue
        x, y, w, h = (float(data[k][i]) for k in ("left", "top", "width", "height"))
        words.append((x / width, y / height, (x + w) / width, (y + h) / height, text))
    return tuple(words)


def image_words(page: pdfium.PdfPage, number: int, text_boxes: list[Word], budget: ImageBudget) -> list[Word]:
    """The words inside this page's images, in page coordinates (display orientation, top-left
    origin, as :func:`flexorch_beam.extract.pdf.text_words`), marked ``ocr=True``."""
    if budget.remaining <= 0 or number >= MAX_IMAGE_PAGES or page.get_rotation() != 0:
        return []
    out: list[Word] = []
    for obj, bounds in _candidates(page, text_boxes):
        try:
            key = hashlib.sha1(obj.get_data(decode_simple=False)).hexdigest()  # noqa: S324 - a cache key
        except Exception:  # noqa: BLE001
            key = None
        if key is None or key not in budget.read:
            if budget.remaining <= 0:
                break
            budget.remaining -= 1
            image = _bitmap(obj, bounds)
            budget.ocr_calls += image is not None
            found = _read(image) if image is not None else ()
            if key is not None:
                budget.read[key] = found
        else:
            found = budget.read[key]
        left, bottom, right, top = bounds
        w, h = right - left, top - bottom
        for fx0, ftop, fx1, fbottom, text in found:
            out.append(Word(number, round(left + fx0 * w, 1), round(-top + ftop * h, 1),
                            round(left + fx1 * w, 1), round(-top + fbottom * h, 1), text, True))
    return out
