"""One small dataset built by the real job (`flexorch run`) for the dataset command tests:
generated text documents (an invoice with an e-mail address, a receipt, a letter in German,
a byte-identical copy) and a corrupt PDF that fails."""
import pytest

from flexorch_beam.commands.main import main

DOCS = {
    "invoice.txt": "INVOICE\nInvoice number: INV-2024-0042\nInvoice date: 2024-03-05\n"
    "Bill to: ACME Corp, contact billing@acme-example.com\nSubtotal: 100.00 EUR\nVAT: 19.00 EUR\n"
    "Total amount due: 119.00 EUR\nPayment due within 30 days.\n",
    "invoice_copy.txt": None,  # the same bytes as invoice.txt
    "receipt.txt": "RECEIPT\nCorner Shop\nDate: 2024-04-01\n2 x coffee 3.20\n1 x bagel 2.10\n"
    "TOTAL 5.30 EUR\nPaid by card. Thank you for your purchase!\n",
    "brief.txt": "Sehr geehrte Damen und Herren,\nvielen Dank für Ihre Anfrage vom letzten Monat. "
    "Wir freuen uns, Ihnen mitteilen zu können, dass die Lieferung nächste Woche erfolgt. "
    "Mit freundlichen Grüßen\nIhr Kundenservice\n",
    "broken.pdf": "%PDF-1.7\nthis is not really a pdf at all\n",
}


def write_docs(folder):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in DOCS.items():
        (folder / name).write_text(text if text is not None else DOCS["invoice.txt"], encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """(dataset folder, {file_name: row}) of a dataset built once: jsonl + parquet, no
    --min-grade (failed records are in the dataset and in rejected/)."""
    import glob
    import json

    root = tmp_path_factory.mktemp("dataset-commands")
    docs = write_docs(root / "inbox")
    out = root / "ds"
    code = main(["run", "--input", f"{docs}/*", "--output", str(out), "--formats", "jsonl,parquet",
                 "--run_id", "day1", "--no_sandbox", "--progress=false"])
    assert code == 0
    rows = {}
    for part in sorted(glob.glob(f"{out}/jsonl/*.jsonl")):
        for line in open(part, encoding="utf-8"):
            row = json.loads(line)
            rows[row["file_name"]] = row
    assert len(rows) == len(DOCS)
    return out, rows
