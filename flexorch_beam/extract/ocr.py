"""OCR with the real tesseract through pytesseract: one tesseract call per image.

``image_to_data`` returns words with their confidences in one pass, so lines are rebuilt
from its block/paragraph/line numbers instead of calling tesseract a second time for the
text. Tesseract runs with ``OMP_THREAD_LIMIT=1``: its OpenMP threads fight Beam's workers
for the cores (2.0 s vs 15.6 s per page here, see DESIGN field notes).
"""
from __future__ import annotations

import functools
import os
import tempfile
from dataclasses import dataclass
from typing import Optional

import pytesseract
from PIL import Image, ImageChops, ImageFilter

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError


@dataclass(frozen=True)
class OcrPage:
    text: str
    confidences: tuple[float, ...]  # one per recognised word (conf >= 0)


@functools.lru_cache(maxsize=1)
def _installed_languages() -> frozenset[str]:
    try:
        return frozenset(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, OSError):
        raise ProcessingError(codes.INTERNAL_ERROR, "tesseract is not installed") from None


def resolve_langs(langs: str) -> str:
    """``eng+tur+deu`` restricted to the installed traineddata (tesseract fails otherwise)."""
    wanted = [lang for lang in langs.split("+") if lang]
    available = [lang for lang in wanted if lang in _installed_languages()]
    if not available:
        raise ProcessingError(
            codes.INTERNAL_ERROR, f"none of the OCR languages '{langs}' is installed"
        )
    return "+".join(available)


def ocr_file(path: str, langs: str, dpi: Optional[int] = None) -> list[OcrPage]:
    """OCR an image file (all frames of a multi-page TIFF in the same call)."""
    os.environ["OMP_THREAD_LIMIT"] = "1"  # inherited by the tesseract child
    options = "--psm 3" + (f" --dpi {int(dpi)}" if dpi else "")
    try:
        data = pytesseract.image_to_data(
            path, lang=resolve_langs(langs), config=options, output_type=pytesseract.Output.DICT
        )
    except pytesseract.TesseractError:
        raise ProcessingError(codes.CORRUPT_FILE, "tesseract could not read the image") from None
    return pages_from_data(data)


def ocr_pil(image, langs: str, dpi: int) -> OcrPage:  # noqa: ANN001 - a PIL image
    """OCR a rendered page. PGM is written uncompressed: encoding PNG costs more than it saves."""
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    suffix = ".pgm" if image.mode == "L" else ".ppm"
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        image.save(handle, format="PPM")
        handle.flush()
        pages = ocr_file(handle.name, langs, dpi)
    return pages[0] if pages else OcrPage("", ())


# Share of isolated specks: pixels that stand out by more than _SPECKLE_DELTA grey levels
# from their 3x3 median, where that median is flat and no neighbour stands out too. Stroke
# pixels fail one of the two (edges: median not flat; 1-px strokes: neighbours on the
# stroke), so dense small clean text is not mistaken for noise. Clean 300-dpi scans measure
# ~0.0003, poor 100-dpi grey-noise scans ~0.01 on the sample corpus.
_SPECKLE_DELTA = 40
NOISY_SPECKLE_SHARE = 0.004
_NEIGHBOURS = ImageFilter.Kernel((3, 3), (1, 1, 1, 1, 0, 1, 1, 1, 1), scale=1)


def speckle_share(image: Image.Image) -> float:
    """Cheap noise measure of a greyscale page at its scanned resolution (before upscaling,
    where one speck is still one pixel): the share of isolated specks (see above)."""
    grey = image if image.mode == "L" else image.convert("L")
    median = grey.filter(ImageFilter.MedianFilter(3))
    spread = ImageChops.subtract(median.filter(ImageFilter.MaxFilter(3)),
                                 median.filter(ImageFilter.MinFilter(3)))
    flat = spread.point(lambda v: 255 if v < _SPECKLE_DELTA else 0)
    stands_out = ImageChops.difference(grey, median).point(lambda v: 1 if v >= _SPECKLE_DELTA else 0)
    alone = stands_out.filter(_NEIGHBOURS).point(lambda v: 255 if v == 0 else 0)
    specks = ImageChops.darker(ImageChops.darker(flat, alone), stands_out.point(lambda v: v * 255))
    return specks.histogram()[255] / max(grey.width * grey.height, 1)


def despeckle(image: Image.Image, scale: float = 1.0) -> Image.Image:
    """Median-filter a noisy page before OCR. Tesseract's layout analysis treats every speck
    as a candidate component: an almost blank 100-dpi grey-noise page upscaled 3x took it
    30-39 s and yielded 3 words; filtered first, 0.9 s and 49 words. The window covers a
    speck blown up by ``scale`` (5x5 after a 2x+ upscale, else 3x3) and stays narrower than
    a text stroke at that size."""
    size = 5 if scale >= 2.0 else 3
    return image.filter(ImageFilter.MedianFilter(size))


def pages_from_data(data: dict) -> list[OcrPage]:
    """Rebuild text (blocks -> blank line, lines -> newline) and word confidences per page."""
    pages: dict[int, dict[tuple[int, int, int], list[str]]] = {}
    confs: dict[int, list[float]] = {}
    for i, word in enumerate(data.get("text", ())):
        page = int(data["page_num"][i])
        pages.setdefault(page, {})
        confs.setdefault(page, [])
        word = (word or "").strip()
        if not word:
            continue
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        pages[page].setdefault(key, []).append(word)
        conf = float(data["conf"][i])
        if conf >= 0:
            confs[page].append(conf)
    result = []
    for page in sorted(pages):
        parts: list[str] = []
        previous: Optional[tuple[int, int]] = None
        for (block, par, _line), words in pages[page].items():
            if previous is not None and previous != (block, par):
                parts.append("")
            parts.append(" ".join(words))
            previous = (block, par)
        result.append(OcrPage("\n".join(parts), tuple(confs[page])))
    return result


def mean_confidence(pages: list[OcrPage]) -> Optional[float]:
    values = [c for page in pages for c in page.confidences]
    return round(sum(values) / len(values), 2) if values else None
