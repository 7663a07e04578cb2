"""Extraction benchmark (a script, not a test): ``python bench/extract_bench.py [--quick]``.

Measures, side by side in one run on this machine:

1. pages/s and MB/s per format on a generated corpus (``python -m flexorch_samples``
   when it is available, else documents generated here with the real libraries);
2. the digital-PDF text path against a plain pdfplumber ``page.extract_text()`` loop on the
   same pages (speed ratio, character similarity), on the generated corpus and on
   /work/shared/corpus/pdfplumber-tests;
3. OCR seconds per page against the tesseract CLI on the same 300-dpi images.

Timings alternate between the two sides document by document, so load from other users of
the machine hits both alike. Ratios are the claim; absolute numbers vary run to run.
"""
from __future__ import annotations

import argparse
import collections
import gc
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ["OMP_THREAD_LIMIT"] = "1"

import pdfplumber  # noqa: E402

from flexorch_beam.codes import ProcessingError  # noqa: E402
from flexorch_beam.config import ExtractOptions  # noqa: E402
from flexorch_beam.extract import ocr, pdf  # noqa: E402
from flexorch_beam.extract.registry import extract_content  # noqa: E402
from flexorch_beam.sniff import sniff_format  # noqa: E402

PLUMBER_CORPUS = Path("/work/shared/corpus/pdfplumber-tests")


def similarity(a: str, b: str) -> float:
    """Character-level similarity of whitespace-normalised texts: 2*LCS/(len a + len b), the
    quantity difflib's ratio approximates, computed exactly (and fast) by rapidfuzz."""
    from rapidfuzz.distance import Indel

    a, b = " ".join(a.split()), " ".join(b.split())
    if not a and not b:
        return 1.0
    return Indel.normalized_similarity(a, b)


# --- corpus -----------------------------------------------------------------------------


def samples_corpus(out: Path, count: int) -> list[tuple[Path, bool]] | None:
    """(path, scanned) from the shared sample generator, or None when it is not usable."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "flexorch_samples", str(out), "--count", str(count), "--seed", "7"],
            capture_output=True, text=True, timeout=1800,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0 or not (out / "docs").is_dir():
        print(f"samples generator unavailable ({done.stderr.strip()[-200:]}); generating here", file=sys.stderr)
        return None
    files = []
    for path in sorted((out / "docs").rglob("*")):
        if path.is_file():
            truth = out / "truth" / path.relative_to(out / "docs")
            truth = truth.with_name(truth.name + ".json")
            scanned = False
            if truth.exists():
                scanned = bool(json.loads(truth.read_text()).get("scanned"))
            files.append((path, scanned))
    return files


def own_corpus(out: Path, count: int) -> list[tuple[Path, bool]]:
    """Fallback generator: invoices in every format family, written by the real libraries."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table

    out.mkdir(parents=True, exist_ok=True)
    styles = getSampleStyleSheet()
    files = []
    for n in range(count):
        story = []
        for page in range(1 + n % 4):
            story.append(Paragraph(f"Invoice INV-2024-{n:04d} page {page + 1}", styles["Title"]))
            story.append(Paragraph("Vendor: Acme GmbH, Hauptstrasse 1, 10115 Berlin. " * 8, styles["Normal"]))
            story.append(Table([["Item", "Qty", "Price"]] + [[f"Item {i}", str(i), f"{i * 3}.50"] for i in range(12)]))
            story.append(Paragraph(f"Total due: {n * 17 + page}.00 EUR. Payment within 30 days.", styles["Normal"]))
            story.append(PageBreak())
        path = out / f"inv_{n:04d}.pdf"
        SimpleDocTemplate(str(path), pagesize=A4).build(story)
        files.append((path, False))
    return files


def extra_formats(out: Path, count: int) -> list[tuple[Path, bool]]:
    """Formats the sample generator does not write (PPTX, ODT, RTF, EPUB, CSV, JSON, MD),
    written here by their real libraries, plus the real Outlook files of the shared corpus."""
    from ebooklib import epub
    from odf.opendocument import OpenDocumentText
    from odf.text import P
    from pptx import Presentation

    out.mkdir(parents=True, exist_ok=True)
    files: list[tuple[Path, bool]] = []
    body = "Invoice INV-{n:04d} from Acme GmbH, total {n}.50 EUR, due in 30 days. " * 20
    for n in range(count):
        deck = Presentation()
        for slide_no in range(3):
            slide = deck.slides.add_slide(deck.slide_layouts[1])
            slide.shapes.title.text = f"Report {n} slide {slide_no}"
            slide.placeholders[1].text = body.format(n=n)[:400]
        deck.save(out / f"deck_{n}.pptx")
        document = OpenDocumentText()
        for _ in range(5):
            document.text.addElement(P(text=body.format(n=n)))
        document.save(str(out / f"letter_{n}.odt"))
        rtf = "{\\rtf1\\ansi " + "\\par ".join([body.format(n=n)] * 5) + "}"
        (out / f"contract_{n}.rtf").write_text(rtf)
        book = epub.EpubBook()
        book.set_identifier(f"b{n}")
        book.set_title(f"Handbook {n}")
        chapters = []
        for c in range(3):
            chapter = epub.EpubHtml(title=f"c{c}", file_name=f"c{c}.xhtml")
            chapter.content = f"<html><body><h1>Chapter {c}</h1><p>{body.format(n=n)}</p></body></html>"
            book.add_item(chapter)
            chapters.append(chapter)
        book.spine = chapters
        book.add_item(epub.EpubNcx())
        epub.write_epub(str(out / f"book_{n}.epub"), book)
        (out / f"ledger_{n}.csv").write_text("date,amount\n" + "".join(f"2024-03-{d:02d},{d}.50\n" for d in range(1, 29)))
        (out / f"data_{n}.json").write_text(json.dumps({"invoice": f"INV-{n}", "lines": list(range(50))}))
        (out / f"notes_{n}.md").write_text("# Notes\n\n" + body.format(n=n))
    files = [(path, False) for path in sorted(out.iterdir())]
    files += [(path, False) for path in sorted(Path("/work/shared/corpus/msg").glob("*.msg"))]
    return files


# --- 1. per format ----------------------------------------------------------------------


def per_format(files: list[tuple[Path, bool]], config: ExtractOptions) -> dict:
    stats: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for path, scanned in files:
        content = path.read_bytes()
        fmt = sniff_format(content, path.name)
        key = f"{fmt}{' (scanned)' if scanned else ''}"
        started = time.perf_counter()
        try:
            result = extract_content(content, fmt, config)
            pages = result.page_count or 1
        except ProcessingError as error:
            stats[key][f"failed_{error.code}"] += 1
            pages = 0
        stats[key]["seconds"] += time.perf_counter() - started
        stats[key]["docs"] += 1
        stats[key]["pages"] += pages
        stats[key]["bytes"] += len(content)
    return stats


# --- 2. digital PDFs against pdfplumber -------------------------------------------------


def plumber_text(content: bytes) -> tuple[str, int]:
    with pdfplumber.open(io.BytesIO(content)) as document:
        texts = [page.extract_text() or "" for page in document.pages]
    return "\n\n".join(texts), len(texts)


def _timed(function, *args):  # noqa: ANN001, ANN202
    """Time one call with the cyclic GC paused, as timeit does: a collection triggered by
    pdfplumber's garbage must not land inside a 1 ms PDFium call (nor the reverse)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        started = time.perf_counter()
        value = function(*args)
        return value, time.perf_counter() - started
    finally:
        if enabled:
            gc.enable()


def pdf_versus_pdfplumber(paths: list[Path], config: ExtractOptions, repeats: int = 5) -> dict:
    """Per document, side by side: a warm-up of each side, then each side ``repeats`` times
    in a row, keeping its best time (as timeit does: the minimum is the run least disturbed
    by the other engineers' jobs on this shared 2-core machine; both sides get the same
    treatment, and pdfplumber's 30-400 ms pages are far less sensitive to it than PDFium's
    ~1 ms ones)."""
    ours = theirs = 0.0
    pages = 0
    sims: list[tuple[float, str]] = []
    methods: collections.Counter = collections.Counter()
    skipped: dict[str, str] = {}
    for path in paths:
        content = path.read_bytes()
        try:
            result, _ = _timed(pdf.extract, content, config)
        except ProcessingError as error:
            skipped[path.name] = error.code
            continue
        if "ocr" in result.page_methods:
            skipped[path.name] = "has scanned pages (OCR)"
            continue
        try:
            (reference, count), _ = _timed(plumber_text, content)
        except Exception as error:  # noqa: BLE001
            skipped[path.name] = f"pdfplumber failed ({type(error).__name__})"
            continue
        our_time = min(_timed(pdf.extract, content, config)[1] for _ in range(repeats))
        their_time = min(_timed(plumber_text, content)[1] for _ in range(repeats))
        ours += our_time
        theirs += their_time
        pages += count
        methods.update(result.page_methods)
        sims.append((similarity(result.text, reference), path.name))
    values = [s for s, _ in sims]
    return {
        "docs": len(sims),
        "pages": pages,
        "ours_s": ours,
        "pdfplumber_s": theirs,
        "ours_pages_per_s": pages / ours if ours else 0.0,
        "pdfplumber_pages_per_s": pages / theirs if theirs else 0.0,
        "ratio": theirs / ours if ours else 0.0,
        "similarity_mean": statistics.fmean(values) if values else 0.0,
        "similarity_median": statistics.median(values) if values else 0.0,
        "similarity_min": min(sims) if sims else None,
        "below_095": sorted(name for s, name in sims if s < 0.95),
        "page_methods": dict(methods),
        "skipped": skipped,
    }


# --- 3. OCR against the tesseract CLI ---------------------------------------------------


def ocr_versus_cli(pages: int, langs: str, dpi: int, repeats: int = 2) -> dict:
    """Scanned pages rendered at ``dpi``: tesseract CLI vs our OCR on the same PNG, and vs
    our whole scanned-PDF page path (render + OCR)."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 40)
    cli = ours_png = ours_pdf = render = 0.0
    config = ExtractOptions(ocr_langs=langs, ocr_dpi=dpi)
    confidences = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(pages):
            # a scanned A4 invoice: a picture of text inside a PDF, no text layer
            scan = Image.new("L", (2480, 3508), 255)
            draw = ImageDraw.Draw(scan)
            for line in range(30):
                draw.text((150, 200 + line * 100), f"Line {line:02d} invoice INV-{n:04d} amount {line * 13.5:.2f} EUR", fill=0, font=font)
            buffer = io.BytesIO()
            sheet = canvas.Canvas(buffer, pagesize=(595.27, 841.89))
            sheet.drawImage(ImageReader(scan), 0, 0, width=595.27, height=841.89)
            sheet.showPage()
            sheet.save()
            content = buffer.getvalue()
            document = pdf.open_document(content)
            started = time.perf_counter()
            image, used_dpi = pdf.render_for_ocr(document[0], dpi)
            render += time.perf_counter() - started
            document.close()
            png = os.path.join(tmp, f"page{n}.png")
            image.save(png, dpi=(used_dpi, used_dpi))

            def run_cli() -> None:
                subprocess.run(
                    ["tesseract", png, os.path.join(tmp, f"cli{n}"), "-l", langs, "--dpi", str(used_dpi)],
                    check=True, capture_output=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"},
                )

            best = {"cli": float("inf"), "png": float("inf"), "pdf": float("inf")}
            for _ in range(repeats):  # interleaved, best of each: load hits all three alike
                best["cli"] = min(best["cli"], _timed(run_cli)[1])
                result, took = _timed(ocr.ocr_file, png, ocr.resolve_langs(langs), used_dpi)
                best["png"] = min(best["png"], took)
                extracted, took = _timed(pdf.extract, content, config)
                best["pdf"] = min(best["pdf"], took)
            cli += best["cli"]
            ours_png += best["png"]
            ours_pdf += best["pdf"]
            confidences.append(extracted.ocr_confidence or 0.0)
            assert result and extracted.ocr_used
    return {
        "pages": pages,
        "langs": langs,
        "dpi": dpi,
        "cli_s_per_page": cli / pages,
        "ours_png_s_per_page": ours_png / pages,
        "ours_pdf_page_s_per_page": ours_pdf / pages,
        "render_s_per_page": render / pages,
        "ratio_png": ours_png / cli,
        "ratio_pdf_page": ours_pdf / cli,
        "ratio_pdf_page_without_render": (ours_pdf - render) / cli,
        "mean_confidence": statistics.fmean(confidences),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=60, help="documents in the generated corpus")
    parser.add_argument("--ocr-pages", type=int, default=3)
    parser.add_argument("--ocr-langs", default="eng+tur+deu")
    parser.add_argument("--quick", action="store_true", help="20 documents, 2 OCR pages")
    parser.add_argument(
        "--sections", default="formats,pdf,plumber,ocr",
        help="comma list of: formats (per-format throughput), pdf (generated digital PDFs vs "
        "pdfplumber), plumber (the pdfplumber-tests corpus), ocr (vs the tesseract CLI)",
    )
    args = parser.parse_args()
    if args.quick:
        args.count, args.ocr_pages = 20, 2
    args.sections = set(args.sections.split(","))
    config = ExtractOptions(sandbox=False, ocr_langs=args.ocr_langs)
    with tempfile.TemporaryDirectory() as tmp:
        files = samples_corpus(Path(tmp) / "samples", args.count)
        source = "flexorch_samples"
        if not files:
            files, source = own_corpus(Path(tmp) / "own", args.count), "bench-generated reportlab PDFs"
        files += extra_formats(Path(tmp) / "extra", max(2, args.count // 10))
        print(f"## corpus: {len(files)} documents from {source} + other formats generated here")
        if "formats" in args.sections:
            stats = per_format(files, config)
            print(f"{'format':18s} {'docs':>5s} {'pages':>6s} {'pages/s':>9s} {'MB/s':>7s}  failures")
            for fmt, s in sorted(stats.items()):
                fails = {k: v for k, v in s.items() if k.startswith("failed_")}
                print(f"{fmt:18s} {s['docs']:5d} {s['pages']:6d} {s['pages'] / s['seconds']:9.1f} "
                      f"{s['bytes'] / 1e6 / s['seconds']:7.2f}  {fails or ''}")
        digital = [p for p, scanned in files if not scanned and sniff_format(p.read_bytes()[:8192]) == "pdf"]
        if "pdf" in args.sections:
            report = pdf_versus_pdfplumber(digital, config)
            print(f"\n## digital PDFs of the corpus ({source}) vs plain pdfplumber extract_text() loop")
            print(json.dumps(report, indent=1, default=str))
            multipage = [p for p, _ in own_corpus(Path(tmp) / "multipage", max(8, args.count // 3))]
            report = pdf_versus_pdfplumber(multipage, config)
            print("\n## multi-page reportlab invoices (1-4 pages, tables) vs plain pdfplumber loop")
            print(json.dumps(report, indent=1, default=str))
    if "plumber" in args.sections and PLUMBER_CORPUS.is_dir():
        report = pdf_versus_pdfplumber(sorted(PLUMBER_CORPUS.glob("*.pdf")), config)
        print("\n## /work/shared/corpus/pdfplumber-tests vs plain pdfplumber extract_text() loop")
        print(json.dumps(report, indent=1, default=str))
    if "ocr" in args.sections:
        print(f"\n## OCR vs tesseract CLI ({args.ocr_langs}, 300 dpi, OMP_THREAD_LIMIT=1)")
        print(json.dumps(ocr_versus_cli(args.ocr_pages, args.ocr_langs, 300), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
