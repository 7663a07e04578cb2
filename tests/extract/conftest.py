"""Fixtures shared by the extraction tests: a fast config and images of rendered text."""
from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw, ImageFont

from flexorch_beam.config import ExtractOptions


@pytest.fixture()
def config() -> ExtractOptions:
    """In-process extraction, English OCR only (three languages triple tesseract's time)."""
    return ExtractOptions(sandbox=False, ocr_langs="eng", ocr_dpi=150)


def text_image(lines: list[str], size: tuple[int, int] = (900, 300), font_size: int = 36) -> Image.Image:
    """Black text on white, large enough for tesseract to read reliably."""
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", font_size)
    y = 30
    for line in lines:
        draw.text((30, y), line, fill=0, font=font)
        y += int(font_size * 1.6)
    return image


def image_bytes(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


@pytest.fixture()
def make_text_image():
    """Factory fixture (test modules cannot import conftest under --import-mode=importlib)."""
    return text_image


@pytest.fixture()
def encode_image():
    return image_bytes


@pytest.fixture(scope="session")
def slow_ocr_png() -> bytes:
    """A real pathological input: a page of dense random words keeps tesseract busy for
    ~10 s with three languages (measured here), far past the 1-2 s test timeouts."""
    import random
    import string

    rng = random.Random(1)
    image = Image.new("L", (1200, 1000), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 18)
    alphabet = string.ascii_letters + string.digits
    for y in range(10, 990, 24):
        words = ("".join(rng.choice(alphabet) for _ in range(rng.randint(2, 9))) for _ in range(16))
        draw.text((10, y), " ".join(words), fill=0, font=font)
    return image_bytes(image, "PNG")


def grey_noise_scan(image: Image.Image, seed: int = 3) -> Image.Image:
    """A poor scan as the sample generator makes it: faded toner on grey paper plus seeded
    Gaussian grey noise (sigma 18)."""
    import random

    rng = random.Random(seed)
    pixels = image.convert("L").tobytes()
    noisy = bytes(min(255, max(0, p * 3 // 4 + 50 + round(rng.gauss(0, 18)))) for p in pixels)
    return Image.frombytes("L", image.size, noisy)


@pytest.fixture()
def make_noisy_scan():
    return grey_noise_scan
