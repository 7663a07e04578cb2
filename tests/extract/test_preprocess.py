"""Page clean-up before OCR, on generated pages: borders, background, size, skew."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from flexorch_beam.extract import preprocess

LINES = ["TAX INVOICE 10293", "Cashier: ANNA", "Total 15.90", "Thank you, come again"] * 3


def test_dark_border_is_cut_off(make_text_image):
    page = make_text_image(LINES[:4], size=(700, 360), font_size=28)
    framed = Image.new("L", (700, 420), 10)
    framed.paste(page, (0, 60))  # a black band along the top, as a scanner lid leaves it
    trimmed = preprocess.trim_dark_borders(framed)
    assert 340 <= trimmed.height <= 372 and trimmed.width == 700
    assert np.asarray(trimmed)[:3].mean() > 200


def test_uneven_light_is_flattened(make_text_image):
    page = np.asarray(make_text_image(LINES[:4], size=(700, 360), font_size=28), dtype=np.float32)
    shade = np.linspace(0.45, 1.0, page.shape[1])[None, :]  # paper darkens towards the left
    lit = Image.fromarray((page * shade).astype(np.uint8))
    flat = np.asarray(preprocess.flatten_background(lit))
    paper = flat[np.asarray(lit) > 90]
    assert np.percentile(np.asarray(lit)[np.asarray(lit) > 90], 10) < 150  # before: grey
    assert np.percentile(paper, 10) > 200  # after: white paper everywhere


@pytest.mark.parametrize("font_size,grows", [(12, True), (90, False)])
def test_scale_follows_the_measured_line_height(font_size, grows, make_text_image):
    size = (60 * font_size // 2 + 100, 16 * font_size + 60)
    page = make_text_image(LINES[:8], size=size, font_size=font_size)
    prepared = preprocess.prepare(page)
    assert prepared.line_px is not None
    assert abs(prepared.line_px - font_size) < 0.5 * font_size  # ink run ~ the type size
    assert (prepared.scale > 1.5) if grows else (prepared.scale < 0.6)


def test_small_skew_is_levelled(make_text_image):
    page = make_text_image(LINES, size=(900, 1000), font_size=28)
    skewed = page.rotate(-3, expand=True, fillcolor=255)  # 3 degrees clockwise
    assert abs(preprocess.skew_angle(preprocess.ink_mask(skewed)) - 3.0) <= 0.5
    assert abs(preprocess.skew_angle(preprocess.ink_mask(page))) <= 0.25
    assert abs(preprocess.prepare(skewed).skew_deg - 3.0) <= 0.5


def test_otsu_splits_two_levels():
    values = np.array([30] * 500 + [220] * 500, dtype=np.uint8)
    assert 30 <= preprocess.otsu_threshold(values) < 220


def test_blank_page_is_left_alone():
    blank = Image.new("L", (500, 400), 255)
    prepared = preprocess.prepare(blank)
    assert prepared.line_px is None and prepared.scale == 1.0 and prepared.skew_deg == 0.0
