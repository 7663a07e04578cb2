"""Page clean-up before OCR: grey, borders off, even background, a good text size, level.

Photographed receipts (the ICDAR SROIE set) taught each step, measured by word recall in
``bench/ocr_bench.py``:

* **borders** - a black band along an edge (the scanner lid, the table under a photo) makes
  tesseract's global threshold fail: one receipt went from 0 words to 59% recall once its
  top band was cut off;
* **background** - faded thermal print on grey, unevenly lit paper: the page is divided by
  an estimate of its local background (a max filter on a small copy), so ink is dark and
  paper white everywhere, which tesseract's own Otsu threshold then handles;
* **scale** - tesseract's LSTM read these best with ink lines of ~30 px (30: 0.766, 40: 0.759); receipts are
  photographed with lines of 12-20 px and A4 scans at 600 dpi have lines of 60+ px. The line
  height is measured from ink runs in narrow vertical strips (narrow, so a skewed line does
  not merge with its neighbours) and the page is scaled to :data:`TARGET_LINE_PX`;
* **soften** - a 1-px Gaussian blur at the final size joins the dots of dot-matrix print
  and smooths JPEG and upscaling edges (recall 0.766 -> 0.800 on the receipts);
* **skew** - small rotations (under :data:`MAX_SKEW_DEG`) are found by the sharpness of the
  row profile over candidate angles on a small copy.

Everything works on Pillow images with numpy; no other image library is needed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np
from PIL import Image, ImageFilter

TARGET_LINE_PX = 30.0  # ink-run height of a text line after scaling
SOFTEN_RADIUS = 1.0  # Gaussian blur after scaling: joins dot-matrix dots, smooths JPEG edges
MIN_SCALE, MAX_SCALE = 0.33, 3.0
MAX_SKEW_DEG = 5.0
SKEW_STEP_DEG = 0.25
MIN_SKEW_DEG = 0.4  # below this, rotating costs a resample for nothing
_SMALL_SIDE = 700  # long side of the copy the background, size and skew are measured on
_DARK_EDGE_SHARE = 0.5  # an edge row/column this dark is border, not page


@dataclass(frozen=True)
class Prepared:
    """A page ready for tesseract and what was done to it (for tests and the bench)."""

    image: Image.Image
    scale: float
    skew_deg: float
    line_px: Optional[float]  # measured before scaling; None when no text lines were found


def _small(grey: Image.Image) -> tuple[Image.Image, float]:
    ratio = max(grey.size) / _SMALL_SIDE
    if ratio <= 1.0:
        return grey, 1.0
    size = (max(1, round(grey.width / ratio)), max(1, round(grey.height / ratio)))
    return grey.resize(size, Image.Resampling.BOX), ratio


def otsu_threshold(values: np.ndarray) -> int:
    """Otsu's threshold of a uint8 array (the grey level that best splits two classes)."""
    hist = np.bincount(values.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 128
    p = hist / total
    omega = np.cumsum(p)
    mu = np.cumsum(p * np.arange(256))
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mu[-1] * omega - mu) ** 2 / (omega * (1.0 - omega))
    between = np.nan_to_num(between, nan=0.0, posinf=0.0)
    return int(np.argmax(between))


def trim_dark_borders(grey: Image.Image) -> Image.Image:
    """Cut rows and columns along the edges that are mostly dark (scanner lid, table)."""
    small, ratio = _small(grey)
    arr = np.asarray(small)
    dark = arr < min(otsu_threshold(arr), 160)
    rows, cols = dark.mean(axis=1), dark.mean(axis=0)

    def run(share: np.ndarray) -> int:
        n = 0
        while n < len(share) // 3 and share[n] > _DARK_EDGE_SHARE:
            n += 1
        return n

    top, bottom = run(rows), run(rows[::-1])
    left, right = run(cols), run(cols[::-1])
    if not (top or bottom or left or right):
        return grey
    box = (
        int(left * ratio), int(top * ratio),
        grey.width - int(right * ratio), grey.height - int(bottom * ratio),
    )
    return grey.crop(box)


def _max_filter(arr: np.ndarray, size: int) -> np.ndarray:
    """Separable max filter (rows, then columns): 2*size numpy maxima, not size^2 per pixel
    as Pillow's rank filter does."""
    half = size // 2
    out = arr
    for axis in (0, 1):
        padded = np.pad(out, [(half, half) if a == axis else (0, 0) for a in (0, 1)], mode="edge")
        length = out.shape[axis]
        result = padded.take(range(0, length), axis=axis)
        for shift in range(1, size):
            np.maximum(result, padded.take(range(shift, shift + length), axis=axis), out=result)
        out = result
    return out


def flatten_background(grey: Image.Image) -> Image.Image:
    """Divide by the local paper brightness: even light, dark ink, white paper. The paper is
    the local maximum over a window wider than any stroke, on a small copy, then blurred."""
    small, _ratio = _small(grey)
    window = max(5, round(min(small.size) / 40)) | 1
    paper_small = Image.fromarray(_max_filter(np.asarray(small), window)).filter(
        ImageFilter.BoxBlur(window // 2)
    )
    paper_img = paper_small.resize(grey.size, Image.Resampling.BILINEAR) if paper_small.size != grey.size else paper_small
    page = np.asarray(grey, dtype=np.float32)
    paper = np.maximum(np.asarray(paper_img, dtype=np.float32), 1.0)
    flat = np.minimum(page * (255.0 / paper), 255.0)
    return Image.fromarray(flat.astype(np.uint8))


def ink_mask(grey: Image.Image) -> np.ndarray:
    arr = np.asarray(grey)
    return arr < otsu_threshold(arr)


def line_height(ink: np.ndarray, strip: Optional[int] = None) -> Optional[float]:
    """Median height of ink runs in the row profiles of narrow vertical strips: one run per
    text line per strip. Runs of 1-2 px (rules, specks) and huge blocks (logos, photos)
    are left out."""
    strip = strip or max(16, min(48, ink.shape[1] // 12))
    heights: list[int] = []
    for x in range(0, max(1, ink.shape[1] - strip // 2), strip):
        profile = ink[:, x : x + strip].sum(axis=1) > 0
        if not profile.any():
            continue
        padded = np.concatenate(([False], profile, [False]))
        edges = np.flatnonzero(padded[1:] != padded[:-1])
        runs = edges[1::2] - edges[::2]
        heights.extend(int(r) for r in runs if 3 <= r <= ink.shape[0] // 8)
    if len(heights) < 4:
        return None
    return float(np.median(heights))


def skew_angle(ink: np.ndarray) -> float:
    """Degrees to rotate (counter-clockwise) so lines are level: the angle whose row
    profile is sharpest (largest sum of squares), searched within +-MAX_SKEW_DEG. A small
    rotation is a vertical shear here (y + x*tan(a)), so each candidate is one bincount of
    the ink pixels' rows, not an image rotation."""
    ys, xs = np.nonzero(ink)
    if len(ys) < 50:
        return 0.0
    xs = xs - ink.shape[1] / 2.0
    offset = ink.shape[1] * np.tan(np.radians(MAX_SKEW_DEG)) + 1

    def sharpness(angle: float) -> float:
        rows = np.round(ys - xs * np.tan(np.radians(angle)) + offset).astype(np.int64)
        profile = np.bincount(rows).astype(np.float64)
        return float(np.dot(profile, profile))

    coarse = np.arange(-MAX_SKEW_DEG, MAX_SKEW_DEG + 1e-9, 1.0)
    best = max(coarse, key=sharpness)
    fine = np.arange(best - 0.75, best + 0.75 + 1e-9, SKEW_STEP_DEG)
    return float(max(fine, key=sharpness))


def prepare(
    image: Image.Image,
    deskew: bool = True,
    target_line_px: float = TARGET_LINE_PX,
    denoise: Optional[Callable[[Image.Image, float], Image.Image]] = None,
    soften: bool = True,
) -> Prepared:
    """The page as tesseract should see it (greyscale), with what was done to it.

    Size and skew are measured on a small flattened copy; the full page is resized before
    its background is flattened, so a 35-megapixel scan is shrunk first, not filtered first.
    ``denoise(page, scale)`` runs on a noisy page right after scaling (a median filter sized
    for specks blown up by ``scale``). ``soften=False`` leaves the blur out: tesseract's
    script detection (OSD) misjudges blurred CJK as Latin."""
    grey = image if image.mode == "L" else image.convert("L")
    grey = trim_dark_borders(grey)
    small, ratio = _small(grey)
    ink = ink_mask(flatten_background(small))
    measured = line_height(ink)
    line_px = measured * ratio if measured is not None else None
    angle = skew_angle(ink) if deskew else 0.0
    scale = 1.0
    if line_px:
        scale = min(MAX_SCALE, max(MIN_SCALE, target_line_px / line_px))
        if 0.8 <= scale <= 1.25:
            scale = 1.0  # close enough: a resample would only blur
    if scale != 1.0:
        size = (max(1, round(grey.width * scale)), max(1, round(grey.height * scale)))
        method = Image.Resampling.LANCZOS if scale > 1 else Image.Resampling.BOX
        grey = grey.resize(size, method)
    if denoise is not None:
        grey = denoise(grey, scale)
    grey = flatten_background(grey)
    if soften:
        grey = grey.filter(ImageFilter.GaussianBlur(SOFTEN_RADIUS))
    if abs(angle) >= MIN_SKEW_DEG:
        grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    else:
        angle = 0.0
    return Prepared(grey, scale, angle, line_px)
