"""OCR with the real tesseract through pytesseract.

A page is cleaned up first (:mod:`preprocess`: borders, background, scale, skew) and read
once with :func:`read_page`. Only a page that reads badly pays for more: a first pass with
low mean confidence or few words asks tesseract's orientation and script detection (OSD,
``--psm 0``, ~1 s a page, so not on every page) and is read again turned upright and/or with
the model of the script it found. With the default languages (``auto``) a Latin page whose
text the language detector places in another supported language is read again with that
language's model; the better-confident reading is kept. A fixed ``--ocr-langs`` is used as
given, with no language switching.

``image_to_data`` returns words with their confidences in one pass, so lines are rebuilt
from its block/paragraph/line numbers instead of calling tesseract a second time for the
text. Tesseract runs with ``OMP_THREAD_LIMIT=1``: its OpenMP threads fight Beam's workers
for the cores (2.0 s vs 15.6 s per page here, see DESIGN field notes).
"""
from __future__ import annotations

import functools
import os
import re
import tempfile
from dataclasses import dataclass
from typing import Optional

import pytesseract
from PIL import Image, ImageChops, ImageFilter

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.extract import head_language, preprocess
from flexorch_beam.extract.words import Word


@dataclass(frozen=True)
class OcrPage:
    text: str
    confidences: tuple[float, ...]  # one per recognised word (conf >= 0)
    # Each word with its box in the prepared image (page 0; the caller numbers pages).
    words: tuple[Word, ...] = ()


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
    boxes: dict[int, list[Word]] = {}
    for i, word in enumerate(data.get("text", ())):
        page = int(data["page_num"][i])
        pages.setdefault(page, {})
        confs.setdefault(page, [])
        boxes.setdefault(page, [])
        word = (word or "").strip()
        if not word:
            continue
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        pages[page].setdefault(key, []).append(word)
        if "left" in data:
            left, top = float(data["left"][i]), float(data["top"][i])
            boxes[page].append(Word(0, left, top, left + float(data["width"][i]),
                                    top + float(data["height"][i]), word))
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
        result.append(OcrPage("\n".join(parts), tuple(confs[page]), tuple(boxes[page])))
    return result


def mean_confidence(pages: list[OcrPage]) -> Optional[float]:
    values = [c for page in pages for c in page.confidences]
    return round(sum(values) / len(values), 2) if values else None


# --- the page pipeline -------------------------------------------------------------------

AUTO = "auto"  # the default --ocr-langs: English first, then the page's own language
FIRST_PASS_LANG = "eng"
# tesseract OSD script name -> the model that reads it (Debian tesseract-ocr-<lang>)
SCRIPT_LANGS = {
    "Cyrillic": "rus", "Greek": "ell", "Arabic": "ara", "Hebrew": "heb", "Han": "chi_sim",
    "Japanese": "jpn", "Katakana": "jpn", "Hiragana": "jpn", "Hangul": "kor",
}
# language detector's ISO 639-1 code -> tesseract model, for the Latin-script languages
LATIN_LANGS = {
    "en": "eng", "tr": "tur", "de": "deu", "fr": "fra", "nl": "nld", "es": "spa",
    "it": "ita", "pl": "pol", "pt": "por",
}
WEAK_CONFIDENCE = 60.0  # a first pass under this mean word confidence gets OSD
WEAK_WORDS = 5  # ... and so does one with fewer words
MIN_OSD_CONFIDENCE = 1.0  # tesseract's orientation confidence needed to turn the page
# (a named non-Latin script is tried at any confidence: OSD's script confidence on a short
# Chinese page was 0.45-1.43 depending on the scale, and the better reading is kept anyway)
MIN_LANGUAGE_CONFIDENCE = 0.5
NARROW_PAGE = 0.75  # width/height under this: a receipt-like column, read as one block
_OSD_SIDE = 1600  # long side of the copy OSD runs on (its cost grows with the page)


@dataclass(frozen=True)
class Osd:
    rotate: int  # degrees clockwise that make the page upright
    orientation_confidence: float
    script: str
    script_confidence: float


def tesseract_page(image: Image.Image, langs: str, dpi: int = 300, psm: int = 3) -> OcrPage:
    """One tesseract pass over a prepared (greyscale) page."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    if image.mode not in ("L", "RGB"):
        image = image.convert("L")
    with tempfile.NamedTemporaryFile(suffix=".pgm" if image.mode == "L" else ".ppm") as handle:
        image.save(handle, format="PPM")
        handle.flush()
        try:
            data = pytesseract.image_to_data(
                handle.name, lang=langs, config=f"--psm {psm} --dpi {int(dpi)}",
                output_type=pytesseract.Output.DICT,
            )
        except pytesseract.TesseractError:
            raise ProcessingError(codes.CORRUPT_FILE, "tesseract could not read the image") from None
    pages = pages_from_data(data)
    return pages[0] if pages else OcrPage("", ())


_OSD_FIELD = re.compile(r"^(Rotate|Orientation confidence|Script|Script confidence):\s*(.+)$", re.M)


def detect_osd(image: Image.Image) -> Optional[Osd]:
    """Tesseract's orientation and script detection, or None when it finds too little."""
    if "osd" not in _installed_languages():
        return None
    os.environ["OMP_THREAD_LIMIT"] = "1"
    ratio = max(image.size) / _OSD_SIDE
    if ratio > 1:
        image = image.resize((round(image.width / ratio), round(image.height / ratio)),
                             Image.Resampling.BOX)
    with tempfile.NamedTemporaryFile(suffix=".pgm") as handle:
        image.convert("L").save(handle, format="PPM")
        handle.flush()
        try:
            out = pytesseract.image_to_osd(handle.name, config="--psm 0 --dpi 300")
        except pytesseract.TesseractError:
            return None  # "Too few characters": nothing to orient
    fields = dict(_OSD_FIELD.findall(out))
    try:
        return Osd(int(fields["Rotate"]) % 360, float(fields["Orientation confidence"]),
                   fields["Script"].strip(), float(fields["Script confidence"]))
    except (KeyError, ValueError):
        return None


def _score(page: OcrPage) -> float:
    """Which of two readings to keep: each word's confidence above 50, summed. A reading
    with more words at the same confidence read more of the page, while the many
    low-confidence "words" tesseract finds in a sideways page or the wrong script add
    nothing (a plain sum preferred 100 such words at 30 to 30 real ones at 90)."""
    return sum(max(0.0, c - 50.0) for c in page.confidences)


def _weak(page: OcrPage) -> bool:
    confidences = page.confidences
    return len(confidences) < WEAK_WORDS or sum(confidences) / len(confidences) < WEAK_CONFIDENCE


def _installed(lang: str) -> bool:
    return lang in _installed_languages()


@dataclass(frozen=True)
class PageReading:
    page: OcrPage
    rotated: int  # degrees clockwise the page was turned
    langs: str
    prepared: preprocess.Prepared


def read_page(image: Image.Image, langs: str = AUTO, noisy: bool = False,
              head_languages: bool = True) -> PageReading:
    """Prepare and OCR one page (see module docstring): upright, in its own language.
    ``noisy`` pages (see :func:`speckle_share`) are median-filtered after scaling. With
    ``auto`` languages, the header lines of a receipt-like page (psm 6) that are in another
    language are read again with its model (:mod:`head_language`; ``head_languages=False``
    leaves that out, for the bench)."""
    auto = langs == AUTO
    first = FIRST_PASS_LANG if auto and _installed(FIRST_PASS_LANG) else resolve_langs(
        "eng+tur+deu" if auto else langs
    )
    denoise = despeckle if noisy else None
    prepared = preprocess.prepare(image, denoise=denoise)
    psm = _psm(prepared.image)
    page = tesseract_page(prepared.image, first, psm=psm)
    rotated, used = 0, first
    script_switched = False
    if _weak(page):
        osd = detect_osd(preprocess.prepare(image, denoise=denoise, soften=False).image)
        if osd and osd.rotate and osd.orientation_confidence >= MIN_OSD_CONFIDENCE:
            turned = image.rotate(-osd.rotate, expand=True, fillcolor=_white(image))
            upright = preprocess.prepare(turned, denoise=denoise)
            candidate = tesseract_page(upright.image, first, psm=_psm(upright.image))
            if _score(candidate) > _score(page):
                page, prepared, rotated = candidate, upright, osd.rotate
                psm = _psm(prepared.image)
        script_lang = SCRIPT_LANGS.get(osd.script) if osd else None
        if auto and script_lang and _installed(script_lang):  # any confidence: the pick guards
            candidate = tesseract_page(prepared.image, script_lang, psm=psm)
            if _score(candidate) > _score(page):
                page, used, script_switched = candidate, script_lang, True
    if auto and not script_switched:
        lang = _latin_language(page.text)
        if lang and lang != used and _installed(lang):
            candidate = tesseract_page(prepared.image, lang, psm=psm)
            if _score(candidate) >= _score(page):
                page, used = candidate, lang
    if auto and head_languages and psm == 6:
        text, words = head_language.reread(
            prepared.image, page.text, page.words, page.confidences, used,
            lambda crop, model: _lines(tesseract_page(crop, model, psm=6)), _installed)
        page = OcrPage(text, page.confidences, words)
    return PageReading(page, rotated, used, prepared)


def _lines(page: OcrPage) -> list[list[tuple[Word, float]]]:
    """A reading's lines of (word, confidence); a reading whose confidences do not pair up
    with its words (a word tesseract gave no confidence) gives none."""
    if len(page.confidences) != len(page.words):
        return []
    return [[(page.words[i], page.confidences[i]) for i in line]
            for line in head_language.page_lines(page.text, page.words)]


def _psm(image: Image.Image) -> int:
    """Receipt-like narrow columns read best as one uniform block (psm 6: 0.766 against
    0.728 with automatic layout on the SROIE receipts); wider pages keep tesseract's layout
    analysis (psm 3), which keeps columns apart."""
    return 6 if image.width < NARROW_PAGE * image.height else 3


def _white(image: Image.Image):  # noqa: ANN202 - a fill colour for the image's mode
    return 255 if image.mode in ("L", "P", "1") else (255,) * len(image.getbands())


def _latin_language(text: str) -> Optional[str]:
    """The tesseract model of the text's language, when the detector is sure enough."""
    from flexorch_beam.language import detect_language

    code, confidence = detect_language(text)
    if code is None or confidence is None or confidence < MIN_LANGUAGE_CONFIDENCE:
        return None
    return LATIN_LANGS.get(code)
