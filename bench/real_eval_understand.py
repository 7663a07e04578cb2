"""Document understanding on the real development set: classes, e-invoice fields, language.

    .venv/bin/python bench/real_eval_understand.py [../shared/corpus/real] \\
        [--cache /tmp/real-extract.json] [--show 40]

Runs the real Extract step (``ProcessingConfig(sandbox=False)``, real tesseract) on every
file listed in ``truth/doc_labels.csv``, then the real Classify and ExtractFields steps, and
reports:

* classification on completed documents (extraction did not fail): accuracy, confusion
  matrix, per-class precision and recall, subtype agreement, and a reliability table
  (``doc_type_confidence`` per bin against the share correct, and the expected calibration
  error);
* EN16931 fields (``truth/en16931_fields.csv``) per field, scored only where the truth value
  passes its own checksum (VAT ids: python-stdnum's EU VAT / national validators; IBANs:
  mod 97); amounts compared as numbers, names with whitespace squashed and case folded,
  ids compact (no spaces, dots, dashes);
* language: every record whose language contradicts the script of its text (Han, Kana,
  Hangul, Hebrew, Arabic, Cyrillic, Greek text tagged with a Latin-script language) or the
  expected language of the files in :data:`EXPECTED_LANGUAGE` (read by a person), listed.

``--cache`` keeps the extracted text (and the e-document reading) between runs, keyed by
the file's sha256 and the code's extract version; OCR is the slow part.
"""
from __future__ import annotations

import argparse
import csv
import dataclasses
import hashlib
import json
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from flexorch_beam.classify import classify_record  # noqa: E402
from flexorch_beam.codes import ProcessingError  # noqa: E402
from flexorch_beam.config import ProcessingConfig  # noqa: E402
from flexorch_beam.extract_step import extract_record  # noqa: E402
from flexorch_beam.fields.step import extract_fields_record  # noqa: E402
from flexorch_beam.record import Record  # noqa: E402
from flexorch_beam.sniff import sniff_format  # noqa: E402

try:  # absent before the e-document reader existed (the "before" run)
    from flexorch_beam.edoc import Structured  # noqa: E402
except ImportError:  # pragma: no cover
    Structured = None  # type: ignore[assignment,misc]

CONFIG = ProcessingConfig(sandbox=False)
LABELS = {"payroll": "payroll_slip"}
CLASSES = ("invoice", "receipt", "purchase_order", "payroll_slip", "bank_statement", "contract", "other")

# truth column -> field name (fields/specs.py)
EN16931 = {
    "invoice_id": "invoice_number", "issue_date": "invoice_date", "due_date": "due_date",
    "currency": "currency", "supplier_name": "vendor_name", "supplier_tax_id": "vendor_tax_id",
    "customer_name": "customer_name", "customer_tax_id": "customer_tax_id",
    "tax_exclusive_amount": "subtotal", "tax_amount": "tax_amount",
    "tax_inclusive_amount": "total_amount", "payable_amount": "amount_due", "payee_iban": "iban",
    "uuid": "document_uuid",
}
# doc_labels.csv subtype text -> our doc_subtype
SUBTYPE_WORDS = (("credit note", "credit_note"), ("order change", "order_change"),
                 ("order response", "order_response"), ("order confirmation", "order_response"))
AMOUNTS = {"tax_exclusive_amount", "tax_amount", "tax_inclusive_amount", "payable_amount"}

# Files whose language a person read (the rest are judged by script only).
EXPECTED_LANGUAGE = {
    "unstructured__img__chi_sim_image.jpeg": "zh",
    "unstructured__img__jpn-vert.jpeg": "ja",
    "unstructured__pdf__korean-text-with-tables.pdf": "ko",
    # extracted as the base64 it is stored in: no language can be named from that text
    "unstructured__hebrew-text-base64-iso88598i.txt": "unknown",
    "unstructured__language-docs__fr_olap.pdf": "fr",
    "invoice2data__NetpresseInvoice.pdf": "fr",
    "invoice2data__free_fiber.pdf": "fr",
    "invoice2data__coolblue1.pdf": "nl",
    "invoice2data__coolblue2.pdf": "nl",
    "invoice2data__QualityHosting.pdf": "de",
    "invoice2data__Orlen.txt": "pl",
    "en16931__FT_G2G_TD01_con_Allegato__Bonifico_e_Split_Payment.xml": "it",
    "unstructured__eml__fake-email.eml": "en",
    "unstructured__fake-text.txt": "en",
    "unstructured__book-war-and-peace-1p.txt": "en",
}
NON_LATIN = {
    "Han": ("zh", "ja"), "Kana": ("ja",), "Hangul": ("ko",), "Hebrew": ("he", "yi"),
    "Arabic": ("ar", "fa", "ur"), "Cyrillic": ("ru", "uk", "bg", "sr", "mk", "be"), "Greek": ("el",),
}

NON_LATIN_CODES = {code for codes in NON_LATIN.values() for code in codes}


def script_of(char: str) -> str:
    name = unicodedata.name(char, "")
    if "CJK" in name:
        return "Han"
    for script in ("HIRAGANA", "KATAKANA"):
        if name.startswith(script):
            return "Kana"
    for script in ("Hangul", "Hebrew", "Arabic", "Cyrillic", "Greek"):
        if name.startswith(script.upper()):
            return script
    return "Latin" if char.isalpha() and ord(char) < 0x250 else "other"


def main_script(text: str) -> str:
    counts = Counter(script_of(c) for c in (text or "")[:5000] if c.isalpha())
    return counts.most_common(1)[0][0] if counts else "none"


def _struct_dict(structured) -> dict | None:  # noqa: ANN001
    return dataclasses.asdict(structured) if structured is not None else None


def extract(path: Path, cache: dict) -> dict:
    content = path.read_bytes()
    key = hashlib.sha256(content).hexdigest()
    fmt = sniff_format(content, path.name)
    if key in cache and not (cache[key].get("ocr_used") and "ocr_confidence" not in cache[key]):
        entry = cache[key]
        if Structured is not None and not entry.get("error"):
            # The structure is cheap to read: always from the bytes, with the current reader
            # (only the text, the slow part, comes from the cache).
            from flexorch_beam.edoc import read_structured
            entry = {**entry, "structured": _struct_dict(read_structured(content, fmt))}
        return entry
    record = Record(id=key[:12], document_id=None, source_uri=str(path), file_name=path.name,
                          format=fmt, content=content)
    try:
        result = extract_record(record, CONFIG.extract)
        entry = {"text": result.text, "format": fmt, "ocr_used": result.ocr_used,
                 "ocr_confidence": result.ocr_confidence, "error": None}
        if Structured is not None:
            entry["structured"] = _struct_dict(result.structured)
    except ProcessingError as error:
        entry = {"text": None, "format": fmt, "ocr_used": False, "error": error.code}
    except Exception as error:  # noqa: BLE001 - a bench reports, it does not stop
        entry = {"text": None, "format": fmt, "ocr_used": False, "error": type(error).__name__}
    cache[key] = entry
    return entry


def run_steps(entry: dict, name: str) -> Record:
    extra = {}
    if Structured is not None and entry.get("structured"):
        extra["structured"] = Structured(**entry["structured"])
    record = Record(id="bench", document_id=None, source_uri="", file_name=name,
                          format=entry["format"], text=entry["text"], ocr_used=entry.get("ocr_used", False),
                          ocr_confidence=entry.get("ocr_confidence"), **extra)
    record = classify_record(record)
    return extract_fields_record(record, CONFIG.fields)


def truth_checks(column: str, value: str) -> bool:
    """Does the truth value pass its own checksum (tax ids, IBANs)?"""
    from stdnum import iban as std_iban
    from stdnum.eu import vat as eu_vat

    if column.endswith("tax_id"):
        compact = re.sub(r"[\s.\-]", "", value).upper()
        if compact[:2] == "NO" and compact.endswith("MVA"):  # Norway: orgnr + MVA
            from stdnum.no import mva
            return mva.is_valid(compact)
        return eu_vat.is_valid(compact)
    if column == "payee_iban":
        return std_iban.is_valid(value)
    return True


def same(column: str, truth: str, predicted: str | None) -> bool:
    if predicted is None:
        return False
    if column in AMOUNTS:
        try:
            return Decimal(truth) == Decimal(predicted)
        except InvalidOperation:
            return False
    if column.endswith("tax_id") or column in ("payee_iban", "invoice_id", "uuid"):
        squash = lambda v: re.sub(r"[\s.\-]", "", v).upper()  # noqa: E731
        return squash(truth) == squash(predicted)
    return re.sub(r"\s+", " ", truth).strip().casefold() == re.sub(r"\s+", " ", predicted).strip().casefold()


def reliability(pairs: list[tuple[float, bool]], bins: tuple[float, ...] = (0, .5, .7, .8, .9, .95, 1.0001)) -> list[str]:
    lines = ["| confidence | n | mean confidence | accuracy |", "|---|---|---|---|"]
    ece = 0.0
    for lo, hi in zip(bins, bins[1:]):
        inside = [(c, ok) for c, ok in pairs if lo <= c < hi]
        if not inside:
            continue
        mean = sum(c for c, _ in inside) / len(inside)
        acc = sum(ok for _, ok in inside) / len(inside)
        ece += len(inside) / len(pairs) * abs(mean - acc)
        lines.append(f"| [{lo:.2f}, {min(hi, 1):.2f}) | {len(inside)} | {mean:.3f} | {acc:.3f} |")
    lines.append(f"expected calibration error: {ece:.3f}")
    return lines


def evaluate(root: Path, cache: dict, show: int) -> list[str]:
    labels = list(csv.DictReader(open(root / "truth" / "doc_labels.csv", encoding="utf-8")))
    en_path = root / "truth" / "en16931_fields.csv"  # a set without e-invoices may not have it
    en_rows = {r["doc_path"]: r for r in csv.DictReader(open(en_path, encoding="utf-8"))} if en_path.exists() else {}
    out: list[str] = []
    confusion: Counter = Counter()
    pairs: list[tuple[float, bool]] = []
    errors: list[str] = []
    failed = Counter()
    language_errors: list[str] = []
    field_ok: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    field_errors: list[str] = []
    subtypes = Counter()
    for row in labels:
        path = root / row["path"]
        name = path.name
        entry = extract(path, cache)
        truth = LABELS.get(row["label"], row["label"])
        if entry["error"]:
            failed[entry["error"]] += 1
            continue
        record = run_steps(entry, name)
        predicted = record.doc_type or "other"
        confusion[(truth, predicted)] += 1
        pairs.append((record.doc_type_confidence or 0.0, predicted == truth))
        if predicted != truth:
            errors.append(f"{row['path']}: truth {truth}, predicted {predicted} "
                          f"({record.doc_type_confidence})")
        subtype = getattr(record, "doc_subtype", None)
        wanted = next((ours for words, ours in SUBTYPE_WORDS if words in row.get("subtype", "").lower()), None)
        if wanted:
            subtypes[(wanted, subtype)] += 1
        # language
        script = main_script(entry["text"])
        language = record.language
        expected = EXPECTED_LANGUAGE.get(name)
        wrong = None
        if expected and language != expected and not (expected in NON_LATIN_CODES and language == "unknown"):
            # a non-Latin text that OCR read without the script's model may be "unknown"
            wrong = f"expected {expected}"
        elif script in NON_LATIN and language not in NON_LATIN[script] + (None, "unknown"):
            wrong = f"{script} script"
        if wrong:
            language_errors.append(f"{name}: {language} ({wrong}; languages {list(getattr(record, 'languages', ()))})")
        # en16931 fields
        truth_fields = en_rows.get(row["path"])
        if truth_fields:
            values = {f.name: f.value for f in record.fields}
            for column, field in EN16931.items():
                value = truth_fields.get(column, "")
                if not value or not truth_checks(column, value):
                    continue
                ok = same(column, value, values.get(field))
                field_ok[field][0] += ok
                field_ok[field][1] += 1
                if not ok:
                    field_errors.append(f"{name} {field}: truth {value!r}, got {values.get(field)!r}")
    completed = sum(confusion.values())
    correct = sum(n for (t, p), n in confusion.items() if t == p)
    out.append(f"completed documents: {completed} of {len(labels)} (failed: {dict(failed)})")
    out.append(f"classification accuracy on completed: {correct}/{completed} = {correct / max(completed, 1):.3f}")
    present = [c for c in CLASSES if any(t == c or p == c for t, p in confusion)]
    out.append("")
    out.append("| truth \\ predicted | " + " | ".join(present) + " |")
    out.append("|---" * (len(present) + 1) + "|")
    for t in present:
        out.append(f"| {t} | " + " | ".join(str(confusion[(t, p)]) for p in present) + " |")
    out.append("")
    out.append("| class | precision | recall | n |")
    out.append("|---|---|---|---|")
    for c in present:
        tp = confusion[(c, c)]
        predicted_n = sum(n for (t, p), n in confusion.items() if p == c)
        truth_n = sum(n for (t, p), n in confusion.items() if t == c)
        prec = f"{tp / predicted_n:.3f}" if predicted_n else "-"
        rec = f"{tp / truth_n:.3f}" if truth_n else "-"
        out.append(f"| {c} | {prec} | {rec} | {truth_n} |")
    if subtypes:
        out.append(f"subtypes (truth, predicted): {dict(subtypes)}")
    out.append("")
    out.append("Reliability of doc_type_confidence (completed documents):")
    out.extend(reliability(pairs))
    out.append("")
    out.append("EN16931 fields (truth values that pass their own checksum):")
    out.append("| field | correct | scored | accuracy |")
    out.append("|---|---|---|---|")
    for field, (ok, n) in field_ok.items():
        out.append(f"| {field} | {ok} | {n} | {ok / n:.3f} |")
    out.append("")
    out.append(f"language errors: {len(language_errors)}")
    out.extend("  " + e for e in language_errors)
    if show:
        out.append("")
        out.append(f"classification errors ({len(errors)}):")
        out.extend("  " + e for e in errors[:show])
        out.append(f"field errors ({len(field_errors)}):")
        out.extend("  " + e for e in field_errors[:show])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    repo = Path(__file__).resolve().parents[1]
    default = next((p / "shared" / "corpus" / "real" for p in (repo.parent, repo.parent.parent)
                    if (p / "shared" / "corpus" / "real").is_dir()), repo.parent / "shared" / "corpus" / "real")
    parser.add_argument("root", nargs="?", type=Path, default=default)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--show", type=int, default=40)
    args = parser.parse_args(argv)
    if not (args.root / "truth" / "doc_labels.csv").exists():
        print(f"no real corpus at {args.root}", file=sys.stderr)
        return 2
    cache = json.loads(args.cache.read_text()) if args.cache and args.cache.exists() else {}
    try:
        lines = evaluate(args.root, cache, args.show)
    finally:
        if args.cache:
            args.cache.write_text(json.dumps(cache))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
