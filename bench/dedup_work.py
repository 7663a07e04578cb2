"""Work grows with unique documents, not files: the same pipeline over 16 unique files against
16 files of which 8 are byte-identical copies (and, for incremental runs, against a rerun of
the 16 with the first run's Parquet as --history).

    .venv/bin/python bench/dedup_work.py [--count 16] [--repeat 2]

Runs alternate (unique, copies, history) so load on the shared machine hits them alike;
prints extract-step records and median wall times as ratios to the all-unique run.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import apache_beam as beam
from apache_beam.metrics.metric import MetricsFilter

from flexorch_beam import pipeline as pipeline_module
from flexorch_beam.config import ProcessingConfig


def run(folder: Path, out: Path, run_id: str, history: tuple[str, ...] = ()) -> tuple[float, int]:
    config = ProcessingConfig(run_id=run_id, history=history)
    started = time.perf_counter()
    pipe = beam.Pipeline()
    pipeline_module.build(pipe, config, str(out), globs=[str(folder / "**")])
    result = pipe.run()
    result.wait_until_finish()
    wall = time.perf_counter() - started
    extracted = result.metrics().query(MetricsFilter().with_name("step_ms_extract"))
    return wall, sum(d.committed.count for d in extracted["distributions"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dedup-bench-"))
    try:
        subprocess.run([sys.executable, "-m", "flexorch_samples", str(work / "corpus"),
                        "--count", str(args.count), "--seed", "7"], check=True, capture_output=True)
        docs = sorted(p for p in (work / "corpus" / "docs").rglob("*") if p.is_file())
        unique, copies = work / "unique", work / "copies"
        unique.mkdir()
        copies.mkdir()
        for i, path in enumerate(docs):
            shutil.copy(path, unique / f"{i:03d}_{path.name}")
        half = docs[: len(docs) // 2]
        for i, path in enumerate(half):
            shutil.copy(path, copies / f"{i:03d}_{path.name}")
            shutil.copy(path, copies / f"{i:03d}_copy_{path.name}")
        first_out = work / "out-first"
        run(unique, first_out, "first")  # the earlier run the history case reads
        history = (str(first_out / "parquet" / "*.parquet"),)
        times: dict[str, list[float]] = {"unique": [], "copies": [], "history": []}
        extracts: dict[str, int] = {}
        for r in range(args.repeat):
            for name, folder, hist in (("unique", unique, ()), ("copies", copies, ()),
                                       ("history", unique, history)):
                wall, count = run(folder, work / f"out-{name}-{r}", f"{name}{r}", hist)
                times[name].append(wall)
                extracts[name] = count
        base = statistics.median(times["unique"])
        files = {"unique": len(docs), "copies": 2 * len(half), "history": len(docs)}
        for name in ("unique", "copies", "history"):
            med = statistics.median(times[name])
            print(f"{name:8s} files={files[name]:3d} extracted={extracts[name]:3d} "
                  f"wall median {med:6.2f} s  ratio {med / base:4.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
