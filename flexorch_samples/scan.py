"""Scanned documents: the page drawn with Pillow at 300 dpi, then skewed and soiled.

Pages are grayscale ("L") to keep rendering, encoding and OCR cheap. Body text is 11.5 pt
(48 px at 300 dpi) so tesseract reads it. ``quality == "poor"`` gives a blurred, noisy,
faded 100-dpi page that tesseract reads with errors (mean word confidence ~75-80 against
~93 for a clean page): the quality grader should put those at the bottom.
Randomness comes from the spec's seed only, so a seed gives identical bytes.
"""
from __future__ import annotations

import datetime as dt
import io
import struct
import time
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from .content import derive_seed
from .model import DocSpec, Fields, Heading, Lines, PageBreak, Paragraph, Table, Totals, label_value

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
A4_IN = (8.27, 11.69)
BODY_PT, TITLE_PT, H2_PT = 11.5, 18, 13


@lru_cache(maxsize=None)
def _font(size_px: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(f"{FONT_DIR}/{name}", size_px)


class _Pager:
    """A tiny layout engine: lines top to bottom, new page when full."""

    def __init__(self, dpi: int):
        self.dpi = dpi
        self.w, self.h = int(A4_IN[0] * dpi), int(A4_IN[1] * dpi)
        self.margin = int(0.7 * dpi)
        self.pages: list[Image.Image] = []
        self.px = lambda pt: max(1, round(pt * dpi / 72))  # noqa: E731
        self.body, self.bold = _font(self.px(BODY_PT)), _font(self.px(BODY_PT), True)
        self.line_h = int(self.px(BODY_PT) * 1.35)
        self.new_page()

    def new_page(self) -> None:
        self.page = Image.new("L", (self.w, self.h), 255)
        self.draw = ImageDraw.Draw(self.page)
        self.pages.append(self.page)
        self.y = self.margin

    def need(self, height: int) -> None:
        if self.y + height > self.h - self.margin:
            self.new_page()

    def wrap(self, text: str, font, width: int) -> list[str]:
        out, line = [], ""
        for word in text.split():
            probe = f"{line} {word}" if line else word
            if line and font.getlength(probe) > width:
                out.append(line)
                line = word
            else:
                line = probe
        return out + ([line] if line else [])

    def text(self, text: str, font=None, x: int | None = None, right: bool = False, width: int | None = None) -> None:
        font = font or self.body
        x0 = self.margin if x is None else x
        width = width or (self.w - self.margin - x0)
        for line in self.wrap(text, font, width):
            self.need(self.line_h)
            xx = x0 + width - int(font.getlength(line)) if right else x0
            self.draw.text((xx, self.y), line, fill=20, font=font)
            self.y += self.line_h

    def gap(self, factor: float = 0.5) -> None:
        self.y += int(self.line_h * factor)


def _table(p: _Pager, t: Table) -> None:
    rel = t.widths or tuple(1.0 for _ in t.headers)
    inner = p.w - 2 * p.margin
    xs, acc = [], p.margin
    for w in rel:
        xs.append(acc)
        acc += int(inner * w / sum(rel))
    widths = [xs[i + 1] - xs[i] if i + 1 < len(xs) else p.margin + inner - xs[i] for i in range(len(xs))]
    pad = p.px(3)

    def row(cells, font, line_after: bool) -> None:
        wrapped = [p.wrap(c, font, w - 2 * pad) or [""] for c, w in zip(cells, widths)]
        height = max(len(w) for w in wrapped) * p.line_h
        p.need(height + pad)
        for x, w, lines, numeric in zip(xs, widths, wrapped, t.numeric):
            for i, line in enumerate(lines):
                xx = x + w - pad - int(font.getlength(line)) if numeric else x + pad
                p.draw.text((xx, p.y + i * p.line_h), line, fill=20, font=font)
        p.y += height
        if line_after:
            p.draw.line((p.margin, p.y, p.margin + inner, p.y), fill=60, width=max(1, p.px(0.8)))
            p.y += pad

    row(t.headers, p.bold, True)
    for r in t.rows:
        row(r, p.body, False)
    p.draw.line((p.margin, p.y, p.margin + inner, p.y), fill=60, width=max(1, p.px(0.8)))
    p.gap()


def layout_pages(spec: DocSpec, dpi: int = 300) -> list[Image.Image]:
    """Clean page images of the spec (white paper, black text), before any scan effects."""
    p = _Pager(dpi)
    first = True
    for b in spec.blocks:
        if isinstance(b, Heading):
            size = TITLE_PT if first else H2_PT
            p.text(b.text, _font(p.px(size), True))
            p.gap(0.6 if first else 0.2)
            first = False
        elif isinstance(b, Lines):
            if b.title:
                p.text(b.title, p.bold)
            for i, line in enumerate(b.lines):
                p.text(line, p.bold if (i == 0 and b.key) else p.body)
            p.gap()
        elif isinstance(b, Fields):
            col = p.margin + int((p.w - 2 * p.margin) * 0.34)
            for _, label, value in b.rows:
                p.need(p.line_h)
                y = p.y
                p.text(label + ":", p.bold, width=col - p.margin - p.px(4))
                y_after = p.y
                p.y = y
                p.text(value, p.body, x=col)
                p.y = max(p.y, y_after)
            p.gap()
        elif isinstance(b, Table):
            _table(p, b)
        elif isinstance(b, Totals):
            for i, (_, label, value) in enumerate(b.rows):
                p.text(label_value(label, value), p.bold if i == len(b.rows) - 1 else p.body, right=True)
            p.gap()
        elif isinstance(b, Paragraph):
            p.text(b.text)
            p.gap(0.3)
        elif isinstance(b, PageBreak):
            p.new_page()
    return p.pages


def _scan_effects(page: Image.Image, rng: np.random.Generator, poor: bool) -> Image.Image:
    """Skew, dust and (poor) blur plus heavy noise; deterministic for the generator."""
    angle = float(rng.uniform(0.3, 1.2) * rng.choice([-1, 1]))
    if poor:
        angle *= 2
    # nearest is 5x cheaper than bilinear on a 300-dpi page and OCRs as well (conf ~93)
    page = page.rotate(angle, resample=Image.BILINEAR if poor else Image.NEAREST, fillcolor=255)
    arr = np.asarray(page, dtype=np.int16).copy()
    h, w = arr.shape
    if poor:
        arr = np.asarray(Image.fromarray(arr.astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8)), dtype=np.int16).copy()
        arr = arr * 3 // 4 + 50  # faded toner on grey paper
        arr += rng.normal(0, 18, size=arr.shape).astype(np.int16)
    else:
        n = (h * w) // 4000  # dust specks
        ys, xs = rng.integers(0, h, n), rng.integers(0, w, n)
        arr[ys, xs] = rng.integers(0, 120, n)
        arr[:, : max(2, w // 300)] -= 60  # a darker scanner edge
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="L")


def scan_pages(spec: DocSpec) -> tuple[list[Image.Image], int]:
    """The spec as scanned page images and their dpi (300 clean, 100 poor)."""
    poor = spec.quality == "poor"
    dpi = 100 if poor else 300
    rng = np.random.default_rng(derive_seed("scan", spec.index, spec.name, spec.quality))
    return [_scan_effects(pg, rng, poor) for pg in layout_pages(spec, dpi)], dpi


def _scan_time(spec: DocSpec) -> time.struct_time:
    """The (fixed) moment the page was scanned: Pillow would stamp the current time."""
    return dt.datetime(spec.doc_date.year, spec.doc_date.month, spec.doc_date.day, 16, 5, 0).timetuple()


def render_png(spec: DocSpec) -> bytes:
    """The first page as a grayscale PNG (a phone or flatbed scan)."""
    pages, dpi = scan_pages(spec)
    buf = io.BytesIO()
    pages[0].save(buf, "PNG", dpi=(dpi, dpi), optimize=False, compress_level=6)
    return buf.getvalue()


def render_tiff(spec: DocSpec) -> bytes:
    """All pages in one multi-page TIFF (deflate), the classic fax/archive format."""
    pages, dpi = scan_pages(spec)
    buf = io.BytesIO()
    pages[0].save(buf, "TIFF", save_all=True, append_images=pages[1:], compression="tiff_deflate", dpi=(dpi, dpi))
    return zero_tiff_padding(buf.getvalue())


_TYPE_SIZE = {3: 2, 4: 4}


def zero_tiff_padding(data: bytes) -> bytes:
    """Zero the alignment gap between a page's last strip and its IFD.

    libtiff leaves that byte uninitialised when it word-aligns the directory, which made
    multi-page TIFFs differ from run to run by one byte; zeroing it makes them reproducible.
    """
    if data[:4] != b"II*\x00":
        return data
    out = bytearray(data)
    u16 = lambda o: struct.unpack_from("<H", data, o)[0]  # noqa: E731
    u32 = lambda o: struct.unpack_from("<I", data, o)[0]  # noqa: E731
    ifd, seen = u32(4), set()
    while ifd and ifd not in seen and ifd + 2 <= len(data):
        seen.add(ifd)
        count = u16(ifd)
        tags = {}
        for i in range(count):
            entry = ifd + 2 + 12 * i
            tag, typ, n = u16(entry), u16(entry + 2), u32(entry + 4)
            size = _TYPE_SIZE.get(typ)
            if tag in (273, 279) and size:
                where = entry + 8 if n * size <= 4 else u32(entry + 8)
                fmt = "<H" if size == 2 else "<I"
                tags[tag] = [struct.unpack_from(fmt, data, where + k * size)[0] for k in range(n)]
        if 273 in tags and 279 in tags:
            end = max(o + c for o, c in zip(tags[273], tags[279]))
            if end < ifd and ifd - end < 4:
                out[end:ifd] = bytes(ifd - end)
        ifd = u32(ifd + 2 + 12 * count)
    return bytes(out)


def render_scan_pdf(spec: DocSpec) -> bytes:
    """An image-only PDF: JPEG pages, no text layer (what a copier's scan-to-PDF makes)."""
    pages, dpi = scan_pages(spec)
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi), quality=80,
                  title=spec.title, producer="ScanStation 4.2", creator="ScanStation 4.2",
                  creationDate=_scan_time(spec), modDate=_scan_time(spec))
    return buf.getvalue()
