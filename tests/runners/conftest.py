"""Shared inputs and output readers for the runner tests: a small generated corpus (every
format family, one scanned page) plus one corrupt file, so every runner shows one record per
input file, failures included."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest


def generate_corpus(folder: Path, count: int, seed: int) -> list[str]:
    """The sample generator's documents plus one corrupt PDF; returns every input path."""
    subprocess.run(
        [sys.executable, "-m", "flexorch_samples", str(folder), "--count", str(count),
         "--seed", str(seed)],
        check=True,
        capture_output=True,
    )
    broken = folder / "docs" / "broken" / "truncated.pdf"
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R")
    return sorted(str(path) for path in (folder / "docs").rglob("*") if path.is_file())


def read_outputs(output: str) -> dict[str, list[dict]]:
    """Rows of the dataset (jsonl, parquet) and rejected outputs under a local folder."""
    root = Path(output)
    rows: dict[str, list[dict]] = {"jsonl": [], "parquet": [], "rejected": []}
    for path in sorted(root.glob("jsonl/*.jsonl")):
        rows["jsonl"] += [json.loads(line) for line in path.read_text().splitlines() if line]
    for path in sorted(root.glob("rejected/*.jsonl")):
        rows["rejected"] += [json.loads(line) for line in path.read_text().splitlines() if line]
    for path in sorted(root.glob("parquet/*.parquet")):
        rows["parquet"] += pq.read_table(path).to_pylist()
    return rows


def assert_one_record_per_input(rows: dict[str, list[dict]], inputs: list[str]) -> None:
    """Every input file is exactly one record in each dataset sink (failures included, as
    no --min-grade is set); rejected/ holds exactly the failed ones, with their code."""
    assert sorted(row["source_uri"] for row in rows["jsonl"]) == sorted(inputs)
    assert sorted(row["source_uri"] for row in rows["parquet"]) == sorted(inputs)
    failed = sorted(row["source_uri"] for row in rows["jsonl"] if row["status"] == "failed")
    assert sorted(row["source_uri"] for row in rows["rejected"]) == failed
    broken = [row for row in rows["jsonl"] if row["source_uri"].endswith("truncated.pdf")]
    assert [(row["status"], row["failure_reason"]) for row in broken] == [
        ("failed", "CORRUPT_FILE")
    ]


@pytest.fixture(scope="session")
def runner_corpus(tmp_path_factory) -> tuple[str, list[str]]:
    """(glob, input paths) of the corpus every runner test processes."""
    folder = tmp_path_factory.mktemp("runner_corpus")
    inputs = generate_corpus(folder, count=8, seed=11)
    return str(folder / "docs" / "**"), inputs


@pytest.fixture(scope="session")
def check_outputs():
    """``check(output_dir, inputs) -> rows``: read the outputs and assert one record per input."""

    def check(output: str, inputs: list[str]) -> dict[str, list[dict]]:
        rows = read_outputs(output)
        assert_one_record_per_input(rows, inputs)
        return rows

    return check
