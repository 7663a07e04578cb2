"""Image files through OCR: JPEG, PNG, TIFF (every page), BMP, WEBP, GIF (first frame).

Pillow opens the file first: it validates the header and refuses decompression bombs
(more than ``Image.MAX_IMAGE_PIXELS``) before any pixel is decoded. Every frame is then
decoded by Pillow in greyscale (any mode, 16-bit or CMYK alike), median-filtered when noisy
(see :func:`ocr.despeckle`) and read by the page pipeline (:func:`ocr.read_page`), which
scales each page by its measured text size - so a declared DPI is no longer needed: it was
missing or wrong on most photographed receipts.
"""
from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ExtractOptions
from flexorch_beam.extract import ocr
from flexorch_beam.extract.result import ExtractResult, ocr_warnings
from flexorch_beam.extract.words import cap

MAX_OCR_PIXELS = 40_000_000  # a larger frame is shrunk to this before OCR


def open_image(content: bytes) -> Image.Image:
    """Open and verify the header; a decompression bomb becomes UNPROCESSABLE."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(content))
            image.size  # noqa: B018 - header parsed
        return image
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ProcessingError(
            codes.UNPROCESSABLE,
            f"image exceeds {Image.MAX_IMAGE_PIXELS} pixels (decompression bomb protection)",
        ) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise ProcessingError(codes.CORRUPT_FILE, "image header cannot be read") from None


LARGE_SIDE = 5000  # JPEGs longer than this decode at half size (a 600-dpi A4 page)


def _frames(image: Image.Image) -> list[Image.Image]:
    """Every frame (GIF: the first) in greyscale, turned as its EXIF says, under the bomb
    check. Very large JPEGs are decoded at half size by libjpeg itself (``draft``): a
    35-megapixel 600-dpi scan costs a quarter to decode and its text is still ~30 px."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            if image.format == "JPEG" and max(image.size) > LARGE_SIDE:
                image.draft("L", (image.width // 2, image.height // 2))
            frames = [ImageOps.exif_transpose(frame.copy()).convert("L")
                      for frame in ImageSequence.Iterator(image)]
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombWarning):
        raise ProcessingError(codes.CORRUPT_FILE, "image data is damaged") from None
    frames = frames[:1] if image.format == "GIF" else frames
    return [_within_budget(frame) for frame in frames]


def _within_budget(frame: Image.Image) -> Image.Image:
    pixels = frame.width * frame.height
    if pixels <= MAX_OCR_PIXELS:
        return frame
    ratio = (MAX_OCR_PIXELS / pixels) ** 0.5
    return frame.resize((max(1, int(frame.width * ratio)), max(1, int(frame.height * ratio))),
                        Image.Resampling.BOX)


def ocr_frame(frame: Image.Image, config: ExtractOptions) -> ocr.OcrPage:
    """The page pipeline: clean-up, orientation, language (:func:`ocr.read_page`). Noise is
    measured at the scanned resolution, where one speck is still one pixel."""
    noisy = ocr.speckle_share(frame) > ocr.NOISY_SPECKLE_SHARE
    return ocr.read_page(frame, config.ocr_langs, noisy=noisy).page


def extract(content: bytes, config: ExtractOptions) -> ExtractResult:
    image = open_image(content)
    pages = [ocr_frame(frame, config) for frame in _frames(image)]
    confidence = ocr.mean_confidence(pages)
    boxes = [word._replace(page=index) for index, page in enumerate(pages) for word in page.words]
    return ExtractResult(
        words=cap(boxes),
        text="\n\n".join(page.text for page in pages if page.text.strip()),
        page_count=len(pages),
        ocr_used=True,
        ocr_confidence=confidence,
        warnings=ocr_warnings(True, confidence, config),
    )
