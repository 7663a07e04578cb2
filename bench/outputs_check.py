"""Outputs under reuse and hostile text (issue 17): what readers see, before/after side by side.

Generates the sample corpus plus a few hostile text files, then through the CLI:
1. day1 with the README's ``--history`` pattern (which also matches day1's own folder);
2. the scheduler's retry: day1 again, same folder, same history;
3. a killed run's leftover (a finished shard in Beam's temp folder) and another retry.
After each it prints what a reader gets: records in profile.json, rows pandas reads from CSV
and Parquet, live formula cells in XLSX, fine-tune lines, duplicates.

Run it against another checkout by putting that checkout first on PYTHONPATH:
    PYTHONPATH=/path/to/other .venv/bin/python bench/outputs_check.py --workdir /tmp/x
"""
from __future__ import annotations

import argparse
import glob
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

HOSTILE = {
    "formula.txt": "=cmd|' /C calc'!A0\nplain second line without comma",
    "lines.txt": "first line\nsecond line\nthird line\nfourth line",
    "fence.txt": "text ```` four backticks\n<script>alert(1)</script>\n# fake heading",
    "sep.txt": "JS line\u2028separator and\u2029paragraph in a letter about the meeting",
}


def measure(out: Path) -> dict:
    profile = json.loads((out / "profile.json").read_text()) if (out / "profile.json").exists() else {}
    csv_rows = sum(len(pd.read_csv(f)) for f in glob.glob(f"{out}/csv/*.csv"))
    formulas = 0
    for f in glob.glob(f"{out}/xlsx/*.xlsx"):
        for row in load_workbook(f)["records"].iter_rows(min_row=2):
            formulas += sum(1 for cell in row if cell.data_type == "f")
    parquet = pd.read_parquet(out / "parquet")
    finetune = sum(1 for f in glob.glob(f"{out}/finetune/*.jsonl") for _ in open(f, encoding="utf-8"))
    return {
        "profile_records": profile.get("record_count"),
        "csv_rows": csv_rows,
        "parquet_rows": len(parquet),
        "duplicates": int(parquet["is_duplicate"].sum()),
        "xlsx_formula_cells": formulas,
        "finetune_lines": finetune,
    }


def cli(args: list[str]) -> int:
    from flexorch_beam import cli as cli_module

    return cli_module.run(args)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--count", type=int, default=60)
    args = parser.parse_args()
    work = Path(args.workdir)
    shutil.rmtree(work, ignore_errors=True)
    corpus = work / "corpus"
    subprocess.run([sys.executable, "-m", "flexorch_samples", str(corpus), "--count",
                    str(args.count), "--seed", "17"], check=True, capture_output=True)
    for name, text in HOSTILE.items():
        (corpus / "docs" / name).write_text(text, encoding="utf-8")
    out = work / "dataset" / "day1"
    argv = ["--input", f"{corpus}/docs/**", "--output", str(out), "--run_id", "day1",
            "--formats", "csv,xlsx,parquet,finetune", "--no_sandbox",
            "--history", f"{work}/dataset/*/parquet/*.parquet"]
    print("first run  ", cli(argv), json.dumps(measure(out)), flush=True)
    print("retry      ", cli(argv), json.dumps(measure(out)), flush=True)
    shard = sorted(glob.glob(f"{out}/parquet/*.parquet"))[0]
    temp = out / "parquet" / "beam-temp-records-killed"
    temp.mkdir(exist_ok=True)
    shutil.copy(shard, temp / "leftover.parquet")
    (out / "_SUCCESS").unlink(missing_ok=True)
    print("killed     ", "-", json.dumps(measure(out)), flush=True)
    print("after kill ", cli(argv), json.dumps(measure(out)), flush=True)


if __name__ == "__main__":
    main()
