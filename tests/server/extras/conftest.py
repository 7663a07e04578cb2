"""Fixtures of the API extras (connectors, webhooks, search, compliance): one real dataset
built by the Beam pipeline (in-process DirectRunner, no sandbox: fast) over documents that
hold PII, with --keep-raw-text so the raw values sit in the dataset's raw_text column: the
index and the report must still never see them."""
from __future__ import annotations

import apache_beam as beam
import pytest

from flexorch_beam import pipeline as pipeline_module
from flexorch_beam.config import ProcessingConfig

# Values the PII step finds (an e-mail, a checksummed IBAN, a US SSN with its context word).
RAW_EMAIL = "ayse.yilmaz@example.com"
RAW_IBAN = "DE89 3704 0044 0532 0130 00"
RAW_SSN = "536-22-8726"

DOCUMENTS = {
    "invoice.txt": (
        "INVOICE INV-2041\nVendor: Northwind Traders GmbH\nContact: " + RAW_EMAIL + "\n"
        "Pay to IBAN " + RAW_IBAN + " within thirty days.\n\n"
        "Payment terms: net 30. Late payment interest applies after the due date.\n"
        "Total amount due: 1,250.00 EUR\n"
    ),
    "memo.txt": (
        "Internal memo about the warehouse delivery schedule for spring.\n\n"
        "Trucks arrive on Mondays; pallets are counted and signed for at the gate.\n"
    ),
    "hr.txt": (
        "Employee record update. SSN: " + RAW_SSN + "\n"
        "The employee moved to the logistics department in March.\n"
    ),
}


def build_dataset(folder, out, run_id="extras", **config):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    settings = ProcessingConfig(run_id=run_id, sandbox=False, formats=("jsonl", "parquet"), **config)
    pipe = beam.Pipeline()
    pipeline_module.build(pipe, settings, str(out), globs=[str(folder / "*.txt")])
    pipe.run().wait_until_finish()
    return out


@pytest.fixture(scope="session")
def built_dataset(tmp_path_factory):
    """A finished dataset folder (with raw_text kept) over DOCUMENTS."""
    root = tmp_path_factory.mktemp("extras-dataset")
    return build_dataset(root / "inbox", root / "out", keep_raw_text=True)
