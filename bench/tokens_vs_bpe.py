"""How far the offline token estimator (flexorch_beam/tokens.py) is from real BPE tokenizers.

Reference: the npm package ``gpt-tokenizer`` (pure JS, ships the cl100k_base and o200k_base
merge tables, so it runs offline). Install it once in a scratch folder and point to it:

    mkdir -p /tmp/gptok && (cd /tmp/gptok && npm install gpt-tokenizer@3)
    .venv/bin/python bench/tokens_vs_bpe.py --node-modules /tmp/gptok/node_modules

Texts: every readable PDF of the real corpus (../shared/corpus/pdfplumber-tests, text by
pypdfium2) plus invoice prose in German, Turkish and English. Prints error statistics.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import statistics
import subprocess
import sys

from flexorch_beam.tokens import estimate_tokens

NODE_SCRIPT = r"""
const path = require('path');
const base = process.argv[1];
const cl = require(path.join(base, 'gpt-tokenizer/cjs/encoding/cl100k_base.js'));
const o2 = require(path.join(base, 'gpt-tokenizer/cjs/encoding/o200k_base.js'));
let data = ''; process.stdin.on('data', c => data += c);
process.stdin.on('end', () => {
  const texts = JSON.parse(data);
  const out = texts.map(t => [cl.encode(t).length, o2.encode(t).length]);
  process.stdout.write(JSON.stringify(out));
});
"""


# Business-document prose in the job's three OCR languages (the real corpus is English only).
INVOICE_TEXTS = ["Rechnung Nr. RE-2024-0042 vom 05.03.2024. Sehr geehrte Damen und Herren, wir berechnen Ihnen für die Beratungsleistungen im Februar folgende Positionen: Beratung 10 Std. à 120,00 € = 1.200,00 €. Zwischensumme 1.200,00 €, MwSt. 19 % 228,00 €, Gesamtbetrag 1.428,00 €. Zahlbar innerhalb von 14 Tagen ohne Abzug auf das Konto IBAN DE89 3704 0044 0532 0130 00. Steuernummer 12/345/67890. Mit freundlichen Grüßen, Müller Beratungsgesellschaft mbH, Hauptstraße 5, 10115 Berlin." * 5,
 "Fatura No: FTR-2024-000123 Tarih: 05.03.2024. Sayın Yetkili, Şubat ayı danışmanlık hizmetleri için aşağıdaki tutarlar faturalandırılmıştır: Danışmanlık hizmeti 10 saat × 1.200,00 TL = 12.000,00 TL. Ara toplam 12.000,00 TL, KDV %20 2.400,00 TL, Genel toplam 14.400,00 TL. Ödeme 30 gün içinde TR33 0006 1005 1978 6457 8413 26 numaralı hesaba yapılmalıdır. Vergi Dairesi: Kadıköy, VKN 1234567890. Örnek Yazılım A.Ş., Bağdat Caddesi No: 12, İstanbul." * 5,
 "INVOICE #INV-2024-0001  Date: 2024-03-05  Bill to: ACME Corp., 123 Main Street, Springfield, IL 62701. Description Qty Unit Amount; Consulting services 10 120.00 1,200.00; Travel expenses 1 250.00 250.00. Subtotal 1,450.00 Tax (8.25%) 119.63 Total USD 1,569.63. Payment terms: Net 30. Please remit to routing 021000021 account 123456789. Questions? billing@acme.example or (555) 123-4567." * 5]


def corpus_texts(corpus: str) -> list[tuple[str, str]]:
    import pypdfium2 as pdfium

    texts = []
    for path in sorted(glob.glob(os.path.join(corpus, "pdfplumber-tests", "*.pdf"))):
        try:
            pdf = pdfium.PdfDocument(path)
            text = "\n".join(page.get_textpage().get_text_range() for page in pdf)
        except Exception:  # noqa: BLE001 - unreadable PDFs are simply not part of the sample
            continue
        if len(text.strip()) >= 200:
            texts.append((os.path.basename(path), text[:200_000]))
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--node-modules", required=True)
    parser.add_argument("--corpus", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus"))
    parser.add_argument("--extra", action="append", default=[], help="text files to add")
    args = parser.parse_args()
    texts = corpus_texts(args.corpus)
    texts += [(f"invoice-{lang}", text) for lang, text in zip(("de", "tr", "en"), INVOICE_TEXTS)]
    for path in args.extra:
        with open(path, encoding="utf-8") as handle:
            texts.append((os.path.basename(path), handle.read()))
    result = subprocess.run(
        ["node", "-e", NODE_SCRIPT, os.path.abspath(args.node_modules)],
        input=json.dumps([t for _, t in texts]), capture_output=True, text=True, check=True,
    )
    counts = json.loads(result.stdout)
    rows = []
    for (name, text), (cl100k, o200k) in zip(texts, counts):
        est = estimate_tokens(text)
        rows.append((name, len(text), est, cl100k, o200k))
    for row in rows[-3:]:
        print(f"{row[0]}: estimate {row[2]}, cl100k {row[3]}, o200k {row[4]}")
    for label, index in (("cl100k_base", 3), ("o200k_base", 4)):
        errors = [(r[2] - r[index]) / r[index] for r in rows if r[index]]
        total_est = sum(r[2] for r in rows)
        total_ref = sum(r[index] for r in rows)
        chars4 = [abs(r[1] / 4 - r[index]) / r[index] for r in rows if r[index]]
        print(
            f"{label}: {len(errors)} texts, total estimate/reference = {total_est / total_ref:.3f}; "
            f"per-text relative error median {statistics.median(map(abs, errors)):.3f}, "
            f"p90 {sorted(map(abs, errors))[int(0.9 * (len(errors) - 1))]:.3f}, "
            f"mean signed {statistics.mean(errors):+.3f}; "
            f"(chars/4 baseline: median {statistics.median(chars4):.3f})"
        )
    if "-v" in sys.argv:
        for row in rows:
            print(row)


if __name__ == "__main__":
    main()
