"""Image files through OCR: JPEG, PNG, TIFF (every page), BMP, WEBP, GIF (first frame).

Pillow opens the file first: it validates the header and refuses decompression bombs
(more than ``Image.MAX_IMAGE_PIXELS``) before any pixel is decoded. Tesseract then reads
the original file itself - no re-encoding, all TIFF pages in one call. Files leptonica
cannot read (16-bit, CMYK, odd modes) are converted by Pillow and retried once; scans saved
at a low resolution are upscaled to ``config.ocr_dpi`` first (see :func:`upscale_factor`),
and noisy pages on that decoded path are median-filtered (see :func:`ocr.despeckle`).
"""
from __future__ import annotations

import io
import os
import tempfile
import warnings

from PIL import Image, ImageSequence, UnidentifiedImageError

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.extract import ocr
from flexorch_beam.extract.result import ExtractResult, ocr_warnings

_SUFFIX = {"JPEG": ".jpg", "PNG": ".png", "TIFF": ".tif", "BMP": ".bmp", "WEBP": ".webp", "GIF": ".gif"}
MAX_OCR_PIXELS = 40_000_000
_TESSERACT_MODES = frozenset({"1", "L", "P", "RGB", "RGBA", "LA"})


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


def _dpi(image: Image.Image) -> int | None:
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    return int(round(value)) if value >= 30 else None


def upscale_factor(declared_dpi: int | None, size: tuple[int, int], config: ProcessingConfig) -> float:
    """Scans saved at low resolution (100-150 dpi) read far better brought up to
    ``config.ocr_dpi``: tesseract finds no words at all in a 100-dpi receipt it reads well
    at 300. Capped at 4x and at the render pixel budget."""
    if not declared_dpi or declared_dpi >= config.ocr_dpi * 0.66:
        return 1.0
    factor = min(config.ocr_dpi / declared_dpi, 4.0)
    budget = (MAX_OCR_PIXELS / max(size[0] * size[1], 1)) ** 0.5
    return max(1.0, min(factor, budget))


def _ocr_converted(
    image: Image.Image, config: ProcessingConfig, dpi: int, factor: float = 1.0
) -> list[ocr.OcrPage]:
    """Decode every frame with Pillow (under the bomb check), upscale if asked, and OCR it."""
    pages = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            frames = [frame.convert("L") for frame in ImageSequence.Iterator(image)]
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombWarning):
        raise ProcessingError(codes.CORRUPT_FILE, "image data is damaged") from None
    if image.format == "GIF":
        frames = frames[:1]
    for frame in frames:
        noisy = ocr.speckle_share(frame) > ocr.NOISY_SPECKLE_SHARE  # measured before upscaling
        if factor > 1.0:
            size = (int(frame.width * factor), int(frame.height * factor))
            frame = frame.resize(size, Image.Resampling.LANCZOS)
        if noisy:
            frame = ocr.despeckle(frame, factor)
        pages.append(ocr.ocr_pil(frame, config.ocr_langs, int(round(dpi * factor))))
    return pages


def extract(content: bytes, config: ProcessingConfig) -> ExtractResult:
    image = open_image(content)
    frames = getattr(image, "n_frames", 1) if image.format == "TIFF" else 1
    declared = _dpi(image)
    dpi = declared or config.ocr_dpi
    factor = upscale_factor(declared, image.size, config)
    suffix = _SUFFIX.get(image.format or "")
    pages: list[ocr.OcrPage] = []
    direct = suffix is not None and image.mode in _TESSERACT_MODES and factor == 1.0
    if direct:
        fd, path = tempfile.mkstemp(suffix=suffix)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            pages = ocr.ocr_file(path, config.ocr_langs, dpi)
        except ProcessingError:
            pages = []
            direct = False
        finally:
            os.unlink(path)
    if not direct or len(pages) < min(frames, 1):
        pages = _ocr_converted(image, config, dpi, factor)
    confidence = ocr.mean_confidence(pages)
    return ExtractResult(
        text="\n\n".join(page.text for page in pages if page.text.strip()),
        page_count=max(frames, len(pages)),
        ocr_used=True,
        ocr_confidence=confidence,
        warnings=ocr_warnings(True, confidence, config),
    )
