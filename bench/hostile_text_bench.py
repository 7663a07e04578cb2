"""Time of the steps after extraction on pathological texts against a business text of the
same size, for this checkout and (``--vs REF``) an earlier commit, side by side in one run.

    .venv/bin/python bench/hostile_text_bench.py --size 20000 --vs 6f4f1fc

Each case runs in a child process per checkout (the earlier one from a temporary git
worktree) with a time limit, so a quadratic case shows as ">limit" instead of hanging the
bench. Times: classify + fields for every typed class + PII + quality, seconds.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[1] + "/tests/hostile")
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.pii.step import warm_up
_config = ProcessingConfig()
warm_up(getattr(_config, "pii", _config))  # an options part, or an older checkout's flat config
import importlib.util
spec = importlib.util.spec_from_file_location("cases", sys.argv[2])
cases = importlib.util.module_from_spec(spec); spec.loader.exec_module(cases)
size, name = int(sys.argv[3]), sys.argv[4]
text = cases._business_text(size) if name == "business text" else cases.make(name, size)
print(json.dumps(cases._steps_time(text, ProcessingConfig())))
"""

CASES_MODULE = r'''
import random, time
import sys
from flexorch_beam.classify import classify_record
from flexorch_beam.fields.step import extract_fields_record
from flexorch_beam.pii.step import detect_pii_record
from flexorch_beam.quality import score_record
from flexorch_beam.record import Record
TYPED = ("invoice", "payroll_slip", "purchase_order", "receipt", "bank_statement")
SHAPES = {
    "one letter repeated": lambda n: "x" * n,
    "one-letter tokens": lambda n: "a " * (n // 2),
    "letter-spaced words": lambda n: "T o t a l " * (n // 10),
    "bracket never closed": lambda n: "[A" + "_" * n + "!",
    "labels glued by colons": lambda n: "Total:" * (n // 6),
    "labels on one line": lambda n: "Invoice total amount date payment " * (n // 34),
    "digit tokens": lambda n: "1 " * (n // 2),
    "deep nesting": lambda n: "(" * (n // 2) + ")" * (n // 2),
}
def make(name, n): return SHAPES[name](n)
def _business_text(size):
    rng = random.Random(7); lines = []
    while sum(len(l) + 1 for l in lines) < size:
        lines.append(rng.choice((f"Invoice No: INV-{rng.randint(1000, 9999)}",
            f"Date: {rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.2024",
            f"Item {rng.randint(1, 99)}\tWidget\t{rng.randint(1, 9)}\t{rng.randint(10, 999)},{rng.randint(10, 99)} EUR",
            f"Total amount due: {rng.randint(100, 9999)},{rng.randint(10, 99)} EUR",
            "Payment within 30 days to the account below. Thank you for your order.",
            f"Customer: Example GmbH, Hauptstrasse {rng.randint(1, 200)}, 10115 Berlin")))
    return "\n".join(lines)[:size]
def _rec(text, doc_type=None):
    return Record(id="j", document_id="d", source_uri="/x", file_name="x.txt", format="txt",
                     text=text, page_count=1, doc_type=doc_type)
def _steps_time(text, config):
    t = time.perf_counter()
    fields, pii = getattr(config, "fields", config), getattr(config, "pii", config)  # old or new
    classify_record(_rec(text), None)
    for d in TYPED: extract_fields_record(_rec(text, d), fields)
    detect_pii_record(_rec(text), pii)
    score_record(_rec(text), None)
    return time.perf_counter() - t
'''


def run_case(checkout: Path, cases: Path, size: int, name: str, limit: float) -> str:
    try:
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(checkout), str(cases), str(size), name],
            capture_output=True, text=True, timeout=limit, cwd=checkout,
            env={**os.environ, "PYTHONPATH": str(checkout)}, check=True)
        return f"{json.loads(out.stdout.strip().splitlines()[-1]):.2f}"
    except subprocess.TimeoutExpired:
        return f">{limit:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--vs", default=None, help="earlier commit to time beside this checkout")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds per case and checkout")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cases = Path(tmp) / "cases.py"
        cases.write_text(CASES_MODULE)
        checkouts = [("this checkout", REPO)]
        if args.vs:
            old = Path(tmp) / "old"
            subprocess.run(["git", "-C", str(REPO), "worktree", "add", "-q", "--detach", str(old), args.vs],
                           check=True)
            checkouts.insert(0, (args.vs, old))
        names = ["business text", "one letter repeated", "one-letter tokens", "letter-spaced words",
                 "bracket never closed", "labels glued by colons", "labels on one line",
                 "digit tokens", "deep nesting"]
        print(f"| text ({args.size:,} chars) | " + " | ".join(f"{label} s" for label, _ in checkouts) + " |")
        print("|---|" + "---:|" * len(checkouts))
        for name in names:
            cells = [run_case(path, cases, args.size, name, args.limit) for _, path in checkouts]
            print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
        if args.vs:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(old)], check=True)


if __name__ == "__main__":
    main()
