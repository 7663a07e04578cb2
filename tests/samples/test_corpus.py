"""The generated corpus: layout, truth schema, determinism, truth agrees with the documents."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from flexorch_samples import COMPLETE_MARKER, generate_corpus, load_truth, truth_relpath
from flexorch_beam.pii.catalog import BY_ID
from flexorch_samples.mix import DOC_TYPES
from flexorch_beam.sniff import sniff_format

from .conftest import COUNT, SEED
from .doc_text import document_text

FIELDS = {
    "invoice": {"invoice_number", "invoice_date", "due_date", "vendor_name", "vendor_tax_id", "customer_name",
                "currency", "subtotal", "tax_amount", "tax_rate", "total_amount"},
    "payroll_slip": {"employee_name", "employee_id", "employer_name", "period", "gross_pay", "deductions",
                     "net_pay", "currency"},
    "purchase_order": {"po_number", "order_date", "buyer_name", "supplier_name", "delivery_date", "total_amount",
                       "currency"},
    "receipt": {"merchant_name", "date", "total_amount", "currency"},
    "bank_statement": {"account_holder", "period", "opening_balance", "closing_balance"},
    "contract": set(), "other": set(),
}
PII_TYPES = {"TR_TCKN", "TR_VKN", "TR_PHONE", "TR_IBAN", "TR_PASSPORT", "TR_LICENSE_PLATE", "IBAN", "EU_VAT",
             "DE_STEUER_ID", "FR_NIR", "ES_DNI", "ES_NIE", "IT_CODICE_FISCALE", "NL_BSN", "PL_PESEL", "UK_NINO",
             "EU_PHONE", "US_SSN", "US_ITIN", "US_EIN", "US_PASSPORT", "US_ABA_ROUTING", "US_MBI", "US_PHONE",
             "EMAIL", "CREDIT_CARD", "IP_ADDRESS", "MAC_ADDRESS", "SWIFT_BIC", "DATE_OF_BIRTH", "PERSON", "ADDRESS"}


def _files(root: Path, sub: str) -> list[Path]:
    return sorted(p for p in (root / sub).rglob("*") if p.is_file())


def test_layout_docs_only_documents_truth_beside(corpus):
    root, records = corpus
    docs = _files(root, "docs")
    assert len(docs) == len(records) == COUNT
    assert not [p for p in docs if p.suffix == ".json" or p.name.endswith(".tmp")]
    assert (root / COMPLETE_MARKER).exists()
    for rec in records:
        assert (root / rec.path).is_file()
        assert (root / truth_relpath(rec.path)).is_file()
        lang, doc_type = rec.path.split("/")[1:3]
        assert (lang, doc_type) == (rec.language, rec.doc_type)
    assert [r.path for r in load_truth(root)] == sorted(r.path for r in records)


def test_truth_schema_and_format_sniffs(corpus):
    root, records = corpus
    for rec in records:
        raw = json.loads((root / truth_relpath(rec.path)).read_text("utf-8"))
        assert {"path", "doc_type", "language", "format", "scanned", "quality", "fields", "pii",
                "lookalikes"} <= raw.keys()
        assert rec.doc_type in DOC_TYPES and rec.language in ("en", "tr", "de")
        assert rec.quality in ("clean", "poor") and (rec.quality == "clean" or rec.scanned)
        assert FIELDS[rec.doc_type] <= rec.fields.keys(), rec.path
        assert {p["type"] for p in rec.pii} <= PII_TYPES
        assert sniff_format((root / rec.path).read_bytes(), rec.path) == rec.format, rec.path
    assert sum(bool(r.lookalikes) for r in records) >= 5
    assert any(r.format == "pdf" and not r.scanned and r.pages >= 2 for r in records)  # long statement
    assert any(r.format == "tiff" and r.pages >= 2 for r in records)


def _valid(type_id, value):
    """The catalog row's own pattern and validator; names, addresses and birth dates have
    none without their cue, so any text counts."""
    if type_id in ("PERSON", "ADDRESS", "DATE_OF_BIRTH"):
        return bool(value.strip())
    return BY_ID[type_id].accepts(value)


def test_pii_validates_and_lookalikes_do_not(corpus):
    _, records = corpus
    seen = set()
    for rec in records:
        for item in rec.pii:
            assert _valid(item["type"], item["value"]), (rec.path, item)
            seen.add(item["type"])
        for item in rec.lookalikes:
            assert not _valid(item["type"], item["value"]), (rec.path, item)
    # the mix rotates nationalities and letter kinds so 42 documents carry every type
    assert seen == PII_TYPES, sorted(PII_TYPES - seen)


def test_amounts_add_up(corpus):
    _, records = corpus
    for rec in records:
        f = {k: v for k, v in rec.fields.items()}
        if rec.doc_type == "invoice":
            assert Decimal(f["subtotal"]) + Decimal(f["tax_amount"]) == Decimal(f["total_amount"])
            expected = (Decimal(f["subtotal"]) * Decimal(f["tax_rate"]) / 100).quantize(Decimal("0.01"))
            assert abs(expected - Decimal(f["tax_amount"])) <= Decimal("0.01")
        if rec.doc_type == "payroll_slip":
            assert Decimal(f["gross_pay"]) - Decimal(f["deductions"]) == Decimal(f["net_pay"])
        for key, value in f.items():
            if key in ("subtotal", "tax_amount", "total_amount", "gross_pay", "net_pay", "deductions",
                       "opening_balance", "closing_balance"):
                assert Decimal(value).as_tuple().exponent == -2, (rec.path, key, value)


def test_truth_matches_document_text(corpus):
    """Every PII value, look-alike and the key number is in the text of non-scanned documents."""
    root, records = corpus
    checked = 0
    for rec in records:
        if rec.scanned:
            continue
        text = document_text(rec.format, (root / rec.path).read_bytes(), rec.encoding)
        for item in rec.pii + rec.lookalikes:
            assert " ".join(item["value"].split()) in text, (rec.path, item)
        for key in ("invoice_number", "po_number", "employee_id", "merchant_name", "account_holder"):
            if key in rec.fields:
                assert rec.fields[key] in text, (rec.path, key)
        checked += 1
    assert checked >= COUNT * 0.75


def test_some_german_txt_is_a_legacy_windows_export(corpus):
    root, records = corpus
    legacy = [r for r in records if r.encoding == "cp1252"]
    assert legacy and all(r.language == "de" and r.format == "txt" for r in legacy)
    data = (root / legacy[0].path).read_bytes()
    assert b"\r\n" in data
    try:
        data.decode("utf-8")
        raise AssertionError("a cp1252 export with umlauts must not be valid UTF-8")
    except UnicodeDecodeError:
        pass
    assert all(r.encoding == "utf-8" for r in records if r.format == "txt" and r not in legacy)


def test_digital_pdf_text_has_invoice_number_and_localised_total(corpus):
    root, records = corpus
    pdf_invoices = [r for r in records if r.doc_type == "invoice" and r.variant in ("pdf", "eml")]
    assert pdf_invoices
    for rec in records:
        if rec.variant != "pdf":
            continue
        text = document_text("pdf", (root / rec.path).read_bytes())
        total = rec.fields.get("total_amount") or rec.fields.get("net_pay")
        if total:
            whole, cents = total.split(".")
            sep_thousands, sep_dec = (".", ",") if rec.language in ("tr", "de") else (",", ".")
            printed = f"{int(whole):,}".replace(",", sep_thousands) + sep_dec + cents
            assert printed in text, (rec.path, printed)


def test_same_seed_same_bytes_other_seed_other_documents(corpus, tmp_path):
    root, records = corpus
    again = generate_corpus(tmp_path / "again", COUNT, SEED)
    assert [r.to_json() for r in again] == [r.to_json() for r in records]
    for rec in records:
        assert (tmp_path / "again" / rec.path).read_bytes() == (root / rec.path).read_bytes(), rec.path
    other = generate_corpus(tmp_path / "other", 7, SEED + 1)
    assert [r.fields for r in other] != [r.fields for r in records[:7]]


def test_cli_in_a_fresh_process_writes_the_same_bytes(corpus, tmp_path):
    """Another interpreter (other hash seed, cold caches) gives the same documents."""
    import os
    import subprocess
    import sys

    root, records = corpus
    out = tmp_path / "cli"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run([sys.executable, "-m", "flexorch_samples", str(out), "--count", "14", "--seed",
                           str(SEED)], capture_output=True, text=True, env=env, check=True)
    assert "wrote 14 documents" in done.stderr
    assert (out / COMPLETE_MARKER).exists()
    for rec in records[:14]:
        assert (out / rec.path).read_bytes() == (root / rec.path).read_bytes(), rec.path
        assert (out / truth_relpath(rec.path)).read_text("utf-8") == rec.to_json()


def test_rerun_with_fewer_documents_leaves_no_stale_files(tmp_path):
    generate_corpus(tmp_path, 9, 1)
    (tmp_path / "keep.txt").write_text("not ours")
    records = generate_corpus(tmp_path, 3, 1)
    assert len(_files(tmp_path, "docs")) == len(_files(tmp_path, "truth")) == len(records) == 3
    assert (tmp_path / "keep.txt").exists() and (tmp_path / COMPLETE_MARKER).exists()
    assert not (tmp_path / ".partial").exists()
