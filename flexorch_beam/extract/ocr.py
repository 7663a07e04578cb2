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
