"""Template-free fields on the real development set: invoice2data's invoices and SROIE receipts.

    .venv/bin/python bench/real_eval_fields.py [../shared/corpus/real] \\
        [--cache /tmp/real-fields-cache.json] [--show 20] [--gold-ocr]

Runs the real Extract step (``ProcessingConfig(sandbox=False)``, real tesseract; the text and
the transient word boxes are cached by sha256, OCR is the slow part), then ExtractFields with
the file's TRUE type from ``truth/doc_labels.csv`` (invoice / receipt), so the fields are
judged on their own, not through a classification error; the classifier's type is reported
beside them.

Truth and mapping (one value per key present in the truth file):

* ``truth/invoice2data/*.json`` (PDF, PNG render and TXT of each invoice are scored as
  separate documents): issuer -> vendor_name, invoice_number -> invoice_number, date ->
  invoice_date, date_due -> due_date, amount -> total_amount, amount_untaxed -> subtotal,
  amount_tax -> tax_amount, currency -> currency, iban -> iban, vat/static_vat ->
  vendor_tax_id. The other keys (partner_*, lines, narration, ...) have no field here.
* ``truth/sroie/*.json``: company -> merchant_name, date -> date, address -> address,
  total -> total_amount.

Comparison: amounts as numbers (``RM4.00`` = ``4.00``); dates as dates (the truth string is
parsed day first, as SROIE and invoice2data print them); identifiers compact (no spaces,
dots, dashes, leading ``#``), case folded; currency codes equal; names and addresses
normalised (case folded, every non-alphanumeric run one space) and, for names only, legal
forms dropped (Inc, Ltd, B.V., GmbH, AG, SA, Sdn Bhd, S/B, spolka akcyjna, ...) and a
match when one side's words are a leading run of the other's ("Amazon Web Services" /
"Amazon Web Services, Inc."). Addresses must be equal after normalisation; a second column shows names and
addresses within two character edits of the truth after normalisation (the right lines, an
OCR misreading or two).

``--gold-ocr`` reads the SROIE receipts from their truth transcripts (``*.box.txt``, words
with boxes) instead of tesseract: the rules' score with OCR errors taken out.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import os
import re
import sys
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from flexorch_beam.classify import classify_record  # noqa: E402
from flexorch_beam.codes import ProcessingError  # noqa: E402
from flexorch_beam.config import ProcessingConfig  # noqa: E402
from flexorch_beam.extract_step import extract_record  # noqa: E402
from flexorch_beam.fields.step import extract_fields_record  # noqa: E402
from flexorch_beam.record import Record, evolve  # noqa: E402
from flexorch_beam.sniff import sniff_format  # noqa: E402

try:  # absent before word boxes reached the fields step (the "before" run)
    from flexorch_beam.extract.words import Word  # noqa: E402
except ImportError:  # pragma: no cover
    Word = None  # type: ignore[assignment,misc]

CONFIG = ProcessingConfig(sandbox=False)
CACHE_VERSION = "fields-2"

INVOICE2DATA = {
    "issuer": "vendor_name", "invoice_number": "invoice_number", "date": "invoice_date",
    "date_due": "due_date", "amount": "total_amount", "amount_untaxed": "subtotal",
    "amount_tax": "tax_amount", "currency": "currency", "iban": "iban", "vat": "vendor_tax_id",
    "static_vat": "vendor_tax_id",
}
SROIE = {"company": "merchant_name", "date": "date", "address": "address", "total": "total_amount"}
KIND = {"amount": "amount", "amount_untaxed": "amount", "amount_tax": "amount", "total": "amount",
        "date": "date", "date_due": "date", "issuer": "name", "company": "name", "address": "address",
        "currency": "code", "invoice_number": "id", "iban": "id", "vat": "id", "static_vat": "id"}

_LEGAL = re.compile(
    r"\b(?:inc|incorporated|ltd|limited|llc|plc|corp|corporation|co|company|bv|b v|nv|gmbh|ag|kg|"
    r"sa|sas|sarl|srl|spa|s p a|sdn bhd|sdn|bhd|s b|sp z o o|spolka akcyjna|spolka z o o|as|ab|oy)\b"
)


def fold_name(value: str) -> str:
    import unicodedata
    value = unicodedata.normalize("NFKD", value)
    value = "".join(c for c in value if not unicodedata.combining(c)).casefold().replace("ł", "l")
    return re.sub(r"[^0-9a-z]+", " ", value).strip()


def truth_date(value: str) -> dt.date | None:
    from flexorch_beam.fields import dates
    return dates.parse_date(value, None, "dmy")


def same(kind: str, truth: object, predicted: str | None) -> bool:
    if predicted is None or truth is None:
        return False
    text = str(truth)
    if kind == "amount":
        number = re.search(r"\d[\d,]*(?:\.\d+)?", text)
        try:
            return number is not None and Decimal(number.group(0).replace(",", "")) == Decimal(predicted)
        except InvalidOperation:
            return False
    if kind == "date":
        return (truth_date(text) or text) == _iso(predicted)
    if kind == "code":
        return text.upper() == predicted.upper()
    if kind == "id":
        squash = lambda v: re.sub(r"[\s.\-#]", "", v).upper()  # noqa: E731
        return squash(text) == squash(predicted)
    if kind == "address":
        return fold_name(text) == fold_name(predicted)
    a, b = (_LEGAL.sub(" ", fold_name(v)).split() for v in (text, predicted))
    if not a or not b:
        return fold_name(text) == fold_name(predicted)
    shorter, longer = sorted((a, b), key=len)
    return longer[:len(shorter)] == shorter


# Truth values that are not what the document prints as that key (scored as given; shown
# beside the miss). Read by a person from the rendered pages.
TRUTH_NOTES = {
    ("invoice2data__Orlen.txt", "invoice_number"):
        "truth 'F' is the template's capture of the series letter; the number printed is 'F 1234K20/1234/12'",
    ("invoice2data__AzureInterior.pdf", "iban"):
        "'US1234567890' is printed after 'Bank Account:' and is no IBAN (fails ISO 13616 mod 97)",
    ("invoice2data__FlipkartInvoice.pdf", "issuer"):
        "truth names the marketplace of the 'Ordered Through: flipkart' logo; the page's 'Sold By' seller is given",
    ("invoice2data__FlipkartInvoice.png", "issuer"):
        "truth names the marketplace of the 'Ordered Through: flipkart' logo; the page's 'Sold By' seller is given",
    ("invoice2data__oyo.pdf", "issuer"):
        "truth names the brand in the logo; the payee printed ('in favor of', bank block) is given",
    ("invoice2data__oyo.png", "issuer"):
        "truth names the brand in the logo; the payee printed ('in favor of', bank block) is given",
}

NEAR_EDITS = 2


def near(kind: str, truth: object, predicted: str | None) -> bool:
    """Names and addresses within :data:`NEAR_EDITS` character edits after normalisation:
    the right span of the slip, with an OCR misreading or two (reported beside the exact score)."""
    if kind not in ("name", "address") or predicted is None or truth is None:
        return same(kind, truth, predicted)
    from rapidfuzz.distance import Levenshtein
    return Levenshtein.distance(fold_name(str(truth)), fold_name(predicted)) <= NEAR_EDITS or same(kind, truth, predicted)


def _iso(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _word_dicts(words) -> list | None:  # noqa: ANN001
    return [list(w) for w in words] if words else None


def extract(path: Path, cache: dict) -> dict:
    content = path.read_bytes()
    key = CACHE_VERSION + ":" + hashlib.sha256(content).hexdigest()
    if key in cache:
        return cache[key]
    fmt = sniff_format(content, path.name)
    record = Record(id=key[:12], document_id=None, source_uri=str(path), file_name=path.name,
                          format=fmt, content=content)
    try:
        result = extract_record(record, CONFIG.extract)
        entry = {"text": result.text, "format": fmt, "ocr_used": result.ocr_used,
                 "ocr_confidence": result.ocr_confidence, "error": None,
                 "words": _word_dicts(getattr(result, "words", None))}
    except ProcessingError as error:
        entry = {"text": None, "format": fmt, "error": error.code}
    cache[key] = entry
    return entry


def gold_entry(box_path: Path) -> dict:
    """A SROIE receipt read from its transcript: one word box per truth line (x1,y1,...,x4,y4,text)."""
    words, lines = [], []
    for raw in box_path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = raw.split(",", 8)
        if len(parts) < 9 or not parts[8].strip():
            continue
        xs, ys = [int(p) for p in parts[0:8:2]], [int(p) for p in parts[1:8:2]]
        words.append([1, min(xs), min(ys), max(xs), max(ys), parts[8].strip()])
        lines.append(parts[8].strip())
    return {"text": "\n".join(lines), "format": "jpg", "ocr_used": True, "ocr_confidence": 90.0,
            "error": None, "words": words}


def run_fields(entry: dict, name: str, doc_type: str) -> tuple[dict[str, str | None], str | None]:
    extra = {}
    if Word is not None and entry.get("words"):
        extra["words"] = tuple(Word(*w) for w in entry["words"])
    record = Record(id="bench", document_id=None, source_uri="", file_name=name,
                          format=entry["format"], text=entry["text"], ocr_used=entry.get("ocr_used", False),
                          ocr_confidence=entry.get("ocr_confidence"), **extra)
    classified = classify_record(record)
    typed = evolve(classified, doc_type=doc_type)
    result = extract_fields_record(typed, CONFIG.fields)
    return {f.name: f.value for f in result.fields}, classified.doc_type


def evaluate(root: Path, cache: dict, show: int, gold_ocr: bool) -> list[str]:
    labels = {row["path"]: row["label"] for row in csv.DictReader((root / "truth/doc_labels.csv").open())}
    scores: dict[tuple[str, str], list[bool]] = defaultdict(list)
    nears: dict[tuple[str, str], list[bool]] = defaultdict(list)
    misses: list[str] = []
    misclassified = 0
    docs = 0
    noted: dict[tuple[str, str], int] = defaultdict(int)
    for rel, label in sorted(labels.items()):
        name = Path(rel).name
        stem = Path(rel).stem
        if name.startswith("invoice2data__"):
            truth = json.loads((root / "truth/invoice2data" / f"{stem}.json").read_text())[0]
            mapping, source = INVOICE2DATA, "invoice2data"
        elif name.startswith("sroie__"):
            truth = json.loads((root / "truth/sroie" / f"{stem}.json").read_text())
            mapping, source = SROIE, "sroie"
        else:
            continue
        if gold_ocr and source == "sroie":
            entry = gold_entry(root / "truth/sroie" / f"{stem}.box.txt")
        else:
            entry = extract(root / rel, cache)
        docs += 1
        if entry.get("error") or not entry.get("text"):
            values, predicted_type = {}, None
        else:
            values, predicted_type = run_fields(entry, name, label)
        misclassified += predicted_type != label
        for key, field_name in mapping.items():
            if key not in truth:
                continue
            ok = same(KIND[key], truth[key], values.get(field_name))
            scores[(source, key)].append(ok)
            nears[(source, key)].append(near(KIND[key], truth[key], values.get(field_name)))
            if not ok:
                note = TRUTH_NOTES.get((name, key))
                misses.append(f"{name}: {key}: truth {str(truth[key])[:100]!r} got {str(values.get(field_name))[:100]!r}"
                              + (f"  [truth note: {note}]" if note else ""))
                noted[(source, key)] += note is not None
    out = [f"documents: {docs}; classifier disagrees with the true type on {misclassified}", "",
           "| source | key | our field | correct | n | share | within 2 edits (names, addresses) | misses with a truth note |",
           "|---|---|---|---|---|---|---|---|"]
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (source, key), oks in sorted(scores.items()):
        mapping = INVOICE2DATA if source == "invoice2data" else SROIE
        close = nears[(source, key)]
        shown = f"{sum(close) / len(close):.2f}" if KIND[key] in ("name", "address") else ""
        out.append(f"| {source} | {key} | {mapping[key]} | {sum(oks)} | {len(oks)} | {sum(oks) / len(oks):.2f} | {shown} "
                   f"| {noted[(source, key)] or ''} |")
        totals[source][0] += sum(oks)
        totals[source][1] += len(oks)
    out.append("")
    for source, (ok, n) in sorted(totals.items()):
        out.append(f"{source}: {ok} of {n} values ({ok / n:.2f})")
    if show:
        out += ["", f"misses (first {show}):"] + misses[:show]
    return out


def main(argv: list[str] | None = None) -> int:
    default = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "real"
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("root", nargs="?", type=Path, default=default)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--show", type=int, default=20)
    parser.add_argument("--gold-ocr", action="store_true")
    args = parser.parse_args(argv)
    if not (args.root / "truth/doc_labels.csv").exists():
        print(f"no real corpus at {args.root}", file=sys.stderr)
        return 2
    cache = json.loads(args.cache.read_text()) if args.cache and args.cache.exists() else {}
    try:
        lines = evaluate(args.root, cache, args.show, args.gold_ocr)
    finally:
        if args.cache:
            args.cache.write_text(json.dumps(cache))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
