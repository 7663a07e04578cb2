"""A clean scanned page OCRs well with the real tesseract; a poor one measurably worse."""
from __future__ import annotations

import csv
import io
import os
import subprocess

from flexorch_samples import build_spec, render



def _ocr(png: bytes) -> tuple[str, float]:
    out = subprocess.run(["tesseract", "stdin", "stdout", "-l", "eng+tur+deu", "tsv"], input=png,
                         capture_output=True, check=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"}).stdout
    rows = [r for r in csv.DictReader(io.StringIO(out.decode("utf-8")), delimiter="\t", quoting=csv.QUOTE_NONE)
            if r.get("text", "").strip()]
    confs = [float(r["conf"]) for r in rows if float(r["conf"]) >= 0]
    return " ".join(r["text"] for r in rows), sum(confs) / max(1, len(confs))


def test_clean_scan_ocrs_fields_and_poor_scan_scores_lower():
    clean = build_spec(0, "invoice", "de", "png", "clean", 1)
    text, conf = _ocr(render(clean))
    assert clean.fields["invoice_number"] in text
    assert "Rechnung" in text or "RECHNUNG" in text
    total = clean.fields["total_amount"]
    whole, cents = total.split(".")
    assert f"{int(whole):,}".replace(",", ".") + "," + cents in text
    iban = clean.fields.get("iban")
    if iban:
        assert iban[-4:] in text.replace(" ", "")
    assert conf > 80
    poor = build_spec(0, "invoice", "de", "png", "poor", 1)
    _, poor_conf = _ocr(render(poor))
    assert poor_conf < conf - 10
