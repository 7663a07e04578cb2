"""Receipt header re-read (issue 13, SROIE address): fields and OCR cost, side by side.

    PYTHONPATH=. .venv/bin/python bench/ocr_address_bench.py [../shared/corpus/real] [--show]
    AFTER=vote PYTHONPATH=. .venv/bin/python bench/ocr_address_bench.py ...   # the vote experiment

Each SROIE receipt of the development set is read by the image pipeline twice, alternating
which side goes first: ``ocr.read_page`` without the header language re-read
(``head_languages=False``, the code before) and as it is now (after; the default,
:mod:`flexorch_beam.extract.head_language`). ``AFTER=vote`` makes the after side the
experiment that was not taken instead: the header read twice more (1.33x, psm 4) and voted
character by character (``bench/receipt_head_vote.py``). Both
readings go through the fields step with the receipt type, scored exactly as
``bench/real_eval_fields.py`` scores SROIE (company, date, address, total; names and
addresses also within two edits). CPU: the tesseract children's user+system seconds
(``getrusage``) and this process's own (page preparation, voting), per side; the machine is
shared, so only the ratios mean something. Word recall as ``bench/ocr_bench.py`` defines it.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import resource
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ocr_bench import words as bench_words  # noqa: E402
from real_eval_fields import KIND, SROIE, near, run_fields, same  # noqa: E402

import receipt_head_vote  # noqa: E402

from flexorch_beam.extract import image as image_extract  # noqa: E402
from flexorch_beam.extract import ocr  # noqa: E402

SIDES = ("before", "after")


def _cpu() -> tuple[float, float]:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = resource.getrusage(resource.RUSAGE_SELF)
    return children.ru_utime + children.ru_stime, own.ru_utime + own.ru_stime


def _lines(page: ocr.OcrPage) -> list[list]:
    return [[page.words[i] for i in line] for line in receipt_head_vote.page_lines(page.text, page.words)]


def read(path: str, side: str) -> tuple[dict, float, float]:
    frame = image_extract._frames(image_extract.open_image(Path(path).read_bytes()))[0]
    noisy = ocr.speckle_share(frame) > ocr.NOISY_SPECKLE_SHARE
    c0, s0 = _cpu()
    variant = os.environ.get("AFTER", "head_language") if side == "after" else "before"
    reading = ocr.read_page(frame, ocr.AUTO, noisy=noisy, head_languages=variant == "head_language")
    page = reading.page
    if variant == "vote" and ocr._psm(reading.prepared.image) == 6:
        text, words = receipt_head_vote.reread(
            reading.prepared.image, page.text, page.words,
            lambda crop, psm: _lines(ocr.tesseract_page(crop, reading.langs, psm=psm)))
        page = ocr.OcrPage(text, page.confidences, words)
    c1, s1 = _cpu()
    entry = {"text": page.text, "format": "jpg", "ocr_used": True,
             "ocr_confidence": ocr.mean_confidence([page]), "error": None,
             "words": [list(w) for w in page.words]}
    return entry, c1 - c0, s1 - s0


def truth_words(root: Path, stem: str) -> list[str]:
    out: list[str] = []
    for line in (root / "truth/sroie" / f"{stem}.box.txt").read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split(",", 8)
        if len(parts) == 9:
            out += bench_words(parts[8])
    return out


def main(argv: list[str] | None = None) -> int:
    default = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "real"
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("root", nargs="?", type=Path, default=default)
    parser.add_argument("--show", action="store_true", help="print each address that differs")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args(argv)
    files = sorted(glob.glob(str(args.root / "docs/jpg/sroie__*.jpg")))
    if args.limit:
        files = files[:args.limit]
    if not files:
        print(f"no SROIE receipts under {args.root}", file=sys.stderr)
        return 2
    exact = {s: Counter() for s in SIDES}
    close = {s: Counter() for s in SIDES}
    tess = dict.fromkeys(SIDES, 0.0)
    own = dict.fromkeys(SIDES, 0.0)
    recall = {s: [0, 0] for s in SIDES}
    started = time.time()
    for n, path in enumerate(files):
        stem = Path(path).stem
        truth = json.loads((args.root / "truth/sroie" / f"{stem}.json").read_text())
        tw = Counter(truth_words(args.root, stem))
        got = {}
        for side in (SIDES if n % 2 == 0 else SIDES[::-1]):
            entry, children, self_cpu = read(path, side)
            tess[side] += children
            own[side] += self_cpu
            values, _ = run_fields(entry, Path(path).name, "receipt")
            got[side] = values
            ours = Counter(bench_words(entry["text"]))
            recall[side][0] += sum((tw & ours).values())
            recall[side][1] += sum(tw.values())
            for key, field in SROIE.items():
                exact[side][key] += same(KIND[key], truth[key], values.get(field))
                close[side][key] += near(KIND[key], truth[key], values.get(field))
        if args.show:
            for key, field in SROIE.items():
                a, b = (got[s].get(field) for s in SIDES)
                if a != b:
                    print(f"{stem} {key}: truth {truth[key]!r}\n  before {a!r}\n  after  {b!r}", flush=True)
    n = len(files)
    print(f"{n} receipts, {time.time() - started:.0f} s wall")
    print("| side | company | date | address | total | address within 2 edits | word recall | tesseract CPU s | own CPU s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for side in SIDES:
        print(f"| {side} | " + " | ".join(f"{exact[side][k] / n:.2f}" for k in SROIE)
              + f" | {close[side]['address'] / n:.2f} | {recall[side][0] / max(recall[side][1], 1):.3f}"
              + f" | {tess[side]:.1f} | {own[side]:.1f} |")
    ratio = tess["after"] / max(tess["before"], 1e-9)
    total = (tess["after"] + own["after"]) / max(tess["before"] + own["before"], 1e-9)
    print(f"CPU after/before: tesseract {ratio:.2f}x, tesseract + own {total:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
