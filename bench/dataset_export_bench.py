"""Export vs build: what `flexorch export` costs against the build that made the dataset.

Side by side in one run, each step a fresh `flexorch` process (same interpreter start and
Beam import): generate N sample documents (python -m flexorch_samples; not timed in the
ratio), build them (`flexorch run`, default flags: jsonl,parquet, DirectRunner), then export
the dataset from its Parquet to every sink format, and to jsonl alone; also `records list`
and `profile` over the same dataset. Prints one JSON object; the ratios are wall times over
the build's.

    .venv/bin/python bench/dataset_export_bench.py --count 1000 --work /tmp/export-bench
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from flexorch_beam.sinks.registry import ALL_FORMATS


def _flexorch(*args: str) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "flexorch_beam.commands", *args],
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"flexorch {args[0]} failed ({done.returncode}): {done.stderr[-3000:]}")
    return wall


def _size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", default="/tmp/flexorch-export-bench")
    args = parser.parse_args(argv)
    work = Path(args.work)
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    subprocess.run([sys.executable, "-m", "flexorch_samples", str(work / "corpus"),
                    "--count", str(args.count), "--seed", str(args.seed)], check=True,
                   capture_output=True)
    build = work / "build"
    out = {"documents": args.count, "cpus": os.cpu_count()}
    out["build_s"] = _flexorch("run", "--input", f"{work}/corpus/docs/**", "--output", str(build),
                               "--run_id", "bench", "--progress=false")
    success = json.loads((build / "_SUCCESS").read_text())
    out["records"] = success["record_count"]
    out["export_all_formats_s"] = _flexorch("export", str(build), "--output", str(work / "all"),
                                            "--formats", ",".join(ALL_FORMATS), "--split", "0.1")
    out["export_jsonl_s"] = _flexorch("export", str(build), "--output", str(work / "jsonl"),
                                      "--formats", "jsonl")
    out["records_list_s"] = _flexorch("records", "list", str(build), "--json")
    out["profile_s"] = _flexorch("profile", str(build))
    exported = json.loads((work / "all" / "_SUCCESS").read_text())
    assert exported["record_count"] == out["records"], (exported["record_count"], out["records"])
    out["export_all_formats_mb"] = round(_size(work / "all") / 1e6, 1)
    for key in ("export_all_formats_s", "export_jsonl_s", "records_list_s", "profile_s"):
        out[key.replace("_s", "_over_build")] = round(out[key] / out["build_s"], 3)
    for key in [k for k in out if k.endswith("_s")]:
        out[key] = round(out[key], 1)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
