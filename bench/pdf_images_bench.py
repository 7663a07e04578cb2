"""What reading the words inside images of text-layer PDF pages costs: side by side, in one run.

    .venv/bin/python bench/pdf_images_bench.py [../shared/corpus/real/docs/pdf] [--rounds 2]

Every PDF is extracted (``flexorch_beam.extract.pdf.extract``, real tesseract for scanned
pages and images) twice per round, alternating document by document: with image words
(the default, :mod:`flexorch_beam.extract.pdf_images`) and with the image budget set to 0.
GC is paused while timing. Reports the total time of each side, the ratio, the documents
that got image words and how many tesseract calls the images took. Ratios are the claim.
"""
from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

os.environ["OMP_THREAD_LIMIT"] = "1"

from flexorch_beam.codes import ProcessingError  # noqa: E402
from flexorch_beam.config import ProcessingConfig  # noqa: E402
from flexorch_beam.extract import pdf, pdf_images  # noqa: E402

CONFIG = ProcessingConfig(sandbox=False)


def timed(content: bytes, images: bool) -> tuple[float, int]:
    saved = pdf_images.MAX_IMAGES
    pdf_images.MAX_IMAGES = saved if images else 0
    try:
        gc.disable()
        start = time.perf_counter()
        try:
            result = pdf.extract(content, CONFIG)
            ocr_words = sum(1 for w in result.words if w.ocr)
        except ProcessingError:
            ocr_words = 0
        return time.perf_counter() - start, ocr_words
    finally:
        gc.enable()
        pdf_images.MAX_IMAGES = saved


def main(argv: list[str] | None = None) -> int:
    default = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "real" / "docs" / "pdf"
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=default)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    files = sorted(args.folder.glob("*.pdf"))
    if not files:
        print(f"no PDFs in {args.folder}", file=sys.stderr)
        return 2
    with_images = without = 0.0
    got: dict[str, int] = {}
    for round_ in range(args.rounds):
        for index, path in enumerate(files):
            content = path.read_bytes()
            order = (True, False) if (index + round_) % 2 == 0 else (False, True)
            for images in order:
                seconds, words = timed(content, images)
                if images:
                    with_images += seconds
                    if words:
                        got[path.name] = words
                else:
                    without += seconds
    print(f"{len(files)} PDFs x {args.rounds} rounds")
    print("| side | seconds | ratio |\n|---|---:|---:|")
    print(f"| text layer + scanned pages (image budget 0) | {without:.2f} | 1.00 |")
    print(f"| + words inside images (budget {pdf_images.MAX_IMAGES}) | {with_images:.2f} | {with_images / without:.2f} |")
    print(f"\n{len(got)} documents got image words:")
    for name, words in sorted(got.items()):
        print(f"  {name}: {words} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
