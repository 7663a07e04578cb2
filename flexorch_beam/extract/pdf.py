"""PDF text: PDFium for the text layer, pdfplumber or OCR per page where PDFium falls short.

PDFium (pypdfium2) reads a text layer ~40x faster than pdfplumber's ``extract_text()``
(see DESIGN field notes), so it reads every page first. A cheap per-page check then decides
whether that text can be kept:

* **lost glyphs** - PDFium drops glyphs whose font has no Unicode map (CJK in
  ``pr-136-example.pdf``): far fewer characters than text objects on the page means the page
  is re-read with pdfplumber (pdfminer ships the Adobe CMaps), and OCR'd if pdfplumber only
  gets ``(cid:N)`` placeholders;
* **scrambled order** - PDFium keeps content-stream order. When the stream jumps back up or
  leftwards often (tables written column by column), the page's characters are re-ordered
  the way pdfplumber orders them - clustered into lines by their top (3 pt tolerance), left
  to right, words split at spaces and 3 pt gaps - from PDFium's own character boxes, ~25x
  cheaper than asking pdfplumber (measured on the pdfplumber-tests corpus). A single jump
  (a two-column article, a footer written first) is kept: that order is usually the right
  reading order;
* **no text layer** - a page with (almost) no characters but an image or form object is a
  scan, and one whose vector paths have at least :data:`MIN_OUTLINE_SEGMENTS` segments
  carries its text as outlines (fonts converted to curves by a design tool or a printer
  driver): either is rendered at ``config.ocr_dpi`` and OCR'd. A page of a few ruled lines
  stays under that bound and is not rendered for nothing.

Only the pages that fail a check pay for re-ordering, pdfplumber or OCR.
"""
from __future__ import annotations

import ctypes
import io
import re
from dataclasses import dataclass
from typing import Optional

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ExtractOptions
from flexorch_beam.extract import ocr, pdf_images
from flexorch_beam.extract.result import ExtractResult, ocr_warnings
from flexorch_beam.extract.words import MAX_WORD_PAGES, Word, cap

_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD
MIN_TEXT_CHARS = 8  # fewer non-space characters than this: no usable text layer
LOST_GLYPH_MIN_OBJECTS = 20
LOST_GLYPH_RATIO = 0.5  # non-space chars per text object below this: glyphs were dropped
SCRAMBLE_MIN_JUMPS = 3
SCRAMBLE_RATIO = 0.1  # backward jumps per text run above this: stream order is not reading order
MAX_RENDER_PIXELS = 40_000_000
# Path segments on a textless page above which it is read as outlined text: a glyph outline
# takes ~10-40 segments (lines and curves), a table's rules one each.
MIN_OUTLINE_SEGMENTS = 150
LINE_TOLERANCE = 3.0  # pdfplumber's y_tolerance
WORD_GAP = 3.0  # pdfplumber's x_tolerance  # a 200-inch page is rendered at a lower DPI, not at 300
_CID = re.compile(r"\(cid:\d+\)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

METHOD_TEXT = "pdfium"
METHOD_REORDERED = "pdfium_reordered"
METHOD_PDFPLUMBER = "pdfplumber"
METHOD_OCR = "ocr"
METHOD_EMPTY = "empty"


@dataclass(frozen=True)
class PageCheck:
    """What the cheap check saw on one page (kept for tests and the benchmark)."""

    chars: int  # non-space characters PDFium read
    text_objects: int  # or all objects, when that bound already rules the checks out
    image_objects: int
    runs: int  # text runs (rects) in stream order
    backward_jumps: int
    path_segments: int = 0  # counted only on pages with almost no text

    @property
    def outlined_text(self) -> bool:
        return self.chars < MIN_TEXT_CHARS and self.path_segments >= MIN_OUTLINE_SEGMENTS

    @property
    def lost_glyphs(self) -> bool:
        return (
            self.text_objects >= LOST_GLYPH_MIN_OBJECTS
            and self.chars < LOST_GLYPH_RATIO * self.text_objects
        )

    @property
    def scrambled(self) -> bool:
        return (
            self.backward_jumps >= SCRAMBLE_MIN_JUMPS
            and self.backward_jumps >= SCRAMBLE_RATIO * self.runs
        )

    @property
    def needs_ocr(self) -> bool:
        return self.chars < MIN_TEXT_CHARS and (self.image_objects > 0 or self.outlined_text)


def open_document(content: bytes) -> pdfium.PdfDocument:
    """Open a PDF, mapping PDFium's load errors to failure codes."""
    try:
        return pdfium.PdfDocument(content)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == _PASSWORD_ERROR or "password" in str(error).lower():
            raise ProcessingError(codes.ENCRYPTED_FILE, "PDF is password-protected") from None
        if b"%%EOF" not in content[-2048:]:
            raise ProcessingError(
                codes.CORRUPT_FILE, "PDF is truncated (it ends before its %%EOF marker)"
            ) from None
        raise ProcessingError(
            codes.CORRUPT_FILE, "PDF structure is damaged and cannot be opened"
        ) from None


def clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip("\n")


def _object_counts(page: pdfium.PdfPage) -> tuple[int, int, int]:
    """(text objects, image-or-form objects, path segments) at the top level of the page."""
    texts = images = segments = 0
    for index in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, index)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            texts += 1
        elif kind in (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM):
            images += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            segments += max(0, pdfium_c.FPDFPath_CountSegments(obj))
    return texts, images, segments


def _display_box(
    rect: tuple[float, float, float, float], rotation: int
) -> tuple[float, float, float, float]:
    """(top, bottom, left, right) as the page is shown: y grows downwards, x rightwards."""
    left, top, right, bottom = rect
    if rotation == 90:
        return left, right, bottom, top
    if rotation == 180:
        return bottom, top, -right, -left
    if rotation == 270:
        return -right, -left, -top, -bottom
    return -top, -bottom, left, right


def backward_jumps(textpage: pdfium.PdfTextPage, rotation: int) -> tuple[int, int]:
    """(runs, jumps): how often the next text run sits wholly above the previous one, or
    on the same line but further left. Runs (PDFium's text rects) are cheap to list: tens
    per page against thousands of characters."""
    count = pdfium_c.FPDFText_CountRects(textpage.raw, 0, -1)
    left, top, right, bottom = (ctypes.c_double() for _ in range(4))
    boxes = []
    for index in range(count):
        pdfium_c.FPDFText_GetRect(textpage.raw, index, left, top, right, bottom)
        boxes.append(_display_box((left.value, top.value, right.value, bottom.value), rotation))
    jumps = 0
    for (top0, bottom0, left0, _r0), (top1, bottom1, left1, _r1) in zip(boxes, boxes[1:]):
        if bottom1 <= top0:
            jumps += 1  # the next run is wholly above: back up the page
        elif top1 < bottom0:  # vertical overlap: the same line
            tolerance = max(min(bottom0 - top0, bottom1 - top1), 1.0)
            jumps += left1 < left0 - tolerance
    return count, jumps


def check_page(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, text: str) -> PageCheck:
    chars = len("".join(text.split()))  # non-space characters, in C
    total = pdfium_c.FPDFPage_CountObjects(page.raw)
    if chars >= MIN_TEXT_CHARS and chars >= LOST_GLYPH_RATIO * total:
        texts, images, segments = total, 0, 0  # no check can fire: skip typing every object
    else:
        texts, images, segments = _object_counts(page)
    runs, jumps = backward_jumps(textpage, page.get_rotation()) if chars else (0, 0)
    return PageCheck(chars, texts, images, runs, jumps, segments)


def geometric_text(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, raw: str) -> Optional[str]:
    """The page's characters in line order (see module docstring), from PDFium's boxes.

    ``raw`` is ``get_text_range()``'s text, whose index i is PDFium's character i; None
    when they do not line up (then the caller asks pdfplumber instead)."""
    if len(raw) != textpage.count_chars():
        return None
    rotation = page.get_rotation()
    box = pdfium_c.FS_RECTF()
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    handle = textpage.raw
    chars: list[tuple[float, float, float, str]] = []
    for index, char in enumerate(raw):
        if char in "\r\n" or not loose_box(handle, index, box):
            continue
        top, _bottom, left, right = _display_box((box.left, box.top, box.right, box.bottom), rotation)
        chars.append((top, left, right, char))
    if not chars:
        return ""
    chars.sort(key=lambda c: c[0])
    lines: list[list[tuple[float, float, float, str]]] = [[chars[0]]]
    for previous, char in zip(chars, chars[1:]):
        if char[0] - previous[0] <= LINE_TOLERANCE:
            lines[-1].append(char)
        else:
            lines.append([char])
    out = []
    for line in lines:
        line.sort(key=lambda c: c[1])
        words: list[str] = []
        word: list[str] = []
        previous_right = 0.0
        for _top, left, right, char in line:
            if char.isspace():
                if word:
                    words.append("".join(word))
                    word = []
                continue
            if word and left > previous_right + WORD_GAP:
                words.append("".join(word))
                word = []
            word.append(char)
            previous_right = right
        if word:
            words.append("".join(word))
        out.append(" ".join(words))
    return clean("\n".join(out))


def text_words(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, raw: str, number: int) -> list[Word]:
    """The text layer's words with their boxes (display orientation, top-left origin): a
    word ends at a space, a line break, a gap wider than :data:`WORD_GAP` or a jump off its
    line. [] when PDFium's characters do not line up with ``raw``."""
    if len(raw) != textpage.count_chars():
        return []
    rotation = page.get_rotation()
    box = pdfium_c.FS_RECTF()
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    handle = textpage.raw
    words: list[Word] = []
    chars: list[str] = []
    x0 = top = x1 = bottom = 0.0

    def flush() -> None:
        if chars:
            words.append(Word(number, round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1), "".join(chars)))
            chars.clear()

    for index, char in enumerate(raw):
        if char.isspace() or not loose_box(handle, index, box):
            flush()
            continue
        c_top, c_bottom, c_left, c_right = _display_box((box.left, box.top, box.right, box.bottom), rotation)
        # Same line: compared at the bottom edge, which an accent ("Ü") does not move.
        if chars and (c_left > x1 + WORD_GAP or c_left < x0 - WORD_GAP or abs(c_bottom - bottom) > LINE_TOLERANCE):
            flush()
        if not chars:
            x0, top, x1, bottom = c_left, c_top, c_right, c_bottom
        else:
            x1, top = max(x1, c_right), min(top, c_top)
        chars.append(char)
    flush()
    return words


class _Plumber:
    """pdfplumber opened lazily, once per document, only if some page needs it."""

    def __init__(self, content: bytes) -> None:
        self._content = content
        self._pdf = None
        self._failed = False

    def page_text(self, index: int) -> Optional[str]:
        if self._failed:
            return None
        try:
            if self._pdf is None:
                import pdfplumber

                self._pdf = pdfplumber.open(io.BytesIO(self._content))
            return clean(self._pdf.pages[index].extract_text() or "")
        except Exception:  # noqa: BLE001 - the PDFium text stays the answer
            self._failed = True
            return None

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()


def render_for_ocr(page: pdfium.PdfPage, dpi: int):  # noqa: ANN201 - PIL image
    width, height = page.get_size()
    scale = dpi / 72.0
    pixels = width * height * scale * scale
    if pixels > MAX_RENDER_PIXELS:
        scale *= (MAX_RENDER_PIXELS / pixels) ** 0.5
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        return bitmap.to_pil(), int(round(scale * 72))
    finally:
        bitmap.close()


def ocr_page(page: pdfium.PdfPage, config: ExtractOptions) -> ocr.OcrPage:
    image, _dpi = render_for_ocr(page, config.ocr_dpi)
    return ocr.read_page(image, config.ocr_langs).page


def read_page(
    page: pdfium.PdfPage, index: int, plumber: _Plumber, config: ExtractOptions,
    words: Optional[list[Word]] = None, images: Optional[pdf_images.ImageBudget] = None,
) -> tuple[str, str, Optional[ocr.OcrPage]]:
    """(text, method, OCR result if OCR ran) for one page; the text layer's words are
    appended to ``words`` when given (an OCR'd page's words are in its OCR result), and with
    ``images`` the words OCR reads inside the page's images (:mod:`.pdf_images`)."""
    textpage = page.get_textpage()
    try:
        raw = textpage.get_text_range()
        text = clean(raw)
        check = check_page(page, textpage, text)
        reordered = (
            geometric_text(page, textpage, raw)
            if check.scrambled and not check.lost_glyphs
            else None
        )
        if words is not None and index < MAX_WORD_PAGES and not check.needs_ocr and not check.lost_glyphs:
            layer = text_words(page, textpage, raw, index)
            words.extend(layer)
            if images is not None:
                words.extend(pdf_images.image_words(page, index, layer, images))
    finally:
        textpage.close()
    if reordered is not None:
        return reordered, METHOD_REORDERED, None
    if check.needs_ocr:
        result = ocr_page(page, config)
        if len("".join(result.text.split())) > check.chars:
            return result.text, METHOD_OCR, result
        # OCR read less than the few characters the text layer had: keep those
    if check.lost_glyphs or check.scrambled:
        fallback = plumber.page_text(index)
        if fallback is not None:
            cid_chars = sum(len(m) for m in _CID.findall(fallback))
            if check.lost_glyphs and cid_chars > 0.3 * max(len(fallback), 1):
                result = ocr_page(page, config)
                return result.text, METHOD_OCR, result
            if len(fallback.strip()) >= len(text.strip()) * 0.5:
                return fallback, METHOD_PDFPLUMBER, None
    return text, (METHOD_TEXT if text.strip() else METHOD_EMPTY), None


def extract(content: bytes, config: ExtractOptions) -> ExtractResult:
    document = open_document(content)
    plumber = _Plumber(content)
    texts: list[str] = []
    methods: list[str] = []
    ocr_pages: list[ocr.OcrPage] = []
    words: list[Word] = []
    images = pdf_images.ImageBudget()
    try:
        page_count = len(document)
        if page_count == 0:
            raise ProcessingError(codes.UNPROCESSABLE, "PDF has no pages")
        for index in range(page_count):
            page = document[index]
            try:
                text, method, ocr_result = read_page(page, index, plumber, config, words, images)
            finally:
                page.close()
            texts.append(text)
            methods.append(method)
            if ocr_result is not None:
                ocr_pages.append(ocr_result)
                if index < MAX_WORD_PAGES:
                    words.extend(w._replace(page=index) for w in ocr_result.words)
    except pdfium.PdfiumError:
        raise ProcessingError(codes.CORRUPT_FILE, "PDF page could not be read") from None
    finally:
        plumber.close()
        document.close()
    confidence = ocr.mean_confidence(ocr_pages) if ocr_pages else None
    return ExtractResult(
        text="\n\n".join(t for t in texts if t.strip()),
        page_count=page_count,
        ocr_used=bool(ocr_pages),
        ocr_confidence=confidence,
        warnings=ocr_warnings(bool(ocr_pages), confidence, config),
        page_methods=tuple(methods),
        words=cap(words),
    )
