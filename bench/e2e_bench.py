"""End-to-end benchmark (not a test): the Beam pipeline against a plain Python loop over the
same core functions, 2 workers against 1, and peak RSS per worker as the corpus grows.

    .venv/bin/python bench/e2e_bench.py [--base 12] [--seed 7] [--workdir /tmp/flexorch_e2e]

One generated corpus of a fixed mix (``flexorch_beam.samples``, ``--base * 16`` documents);
subsets are taken by stride so each keeps the mix: 1x = every 16th file, 4x = every 4th,
16x = all. Every measurement runs in a fresh child process (same imports, same warm-up), and
the numbers that matter are ratios measured side by side in this one run:

- docs/s and pages/s end to end (DirectRunner: one process, and 2 worker processes; 16x);
- Beam / plain loop wall time, one process, 16x (target: overhead <= 10%), and per added
  document (16x minus 1x), which separates Beam's fixed start-up cost from per-document cost;
- 1 worker / 2 workers, DirectRunner multi_processing, 16x wall time and per added document
  (target >= 1.7x on 2 cores);
- peak RSS per SDK worker process (and per extraction sandbox child) at 1x, 4x, 16x (target:
  flat).

Both children import the same modules (and build the graph once) before their timer starts.
The plain loop applies exactly the steps wired into the pipeline: it builds the Beam graph,
reads which step DoFns it holds, and runs their core functions in that order.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
SCALES = (1, 4, 16)


# --------------------------------------------------------------------------- corpus


def make_corpus(workdir: Path, base: int, seed: int) -> list[Path]:
    corpus = workdir / f"corpus_{base * 16}_{seed}"
    if not (corpus / ".complete").exists():
        subprocess.run(
            [sys.executable, "-m", "flexorch_beam.samples", str(corpus), "--count",
             str(base * 16), "--seed", str(seed)],
            check=True,
        )
    return sorted(path for path in (corpus / "docs").rglob("*") if path.is_file())


def write_manifest(files: list[Path], path: Path) -> Path:
    entries = [{"path": str(f), "original_name": f.name, "size_bytes": f.stat().st_size}
               for f in files]
    path.write_text(json.dumps({"files": entries}))
    return path


# --------------------------------------------------------------------------- children


def wired_steps(config) -> list[str]:  # noqa: ANN001
    """Names of the per-document steps in the pipeline graph, in graph order."""
    import apache_beam as beam
    from apache_beam.pipeline import PipelineVisitor

    from flexorch_beam import pipeline as pipeline_module
    from flexorch_beam.sources import SourceFile
    from flexorch_beam.transforms.base import StepFn
    from flexorch_beam.transforms.extract import ExtractFn

    pipe = beam.Pipeline(runner="DirectRunner")
    pipeline_module.build(pipe, config, "/nonexistent/out", manifest=[SourceFile("/x", "x")])
    found: list[str] = []

    class Visitor(PipelineVisitor):
        def visit_transform(self, node) -> None:  # noqa: ANN001
            fn = getattr(node.transform, "fn", None)
            name = "extract" if isinstance(fn, ExtractFn) else getattr(fn, "_step", None)
            if isinstance(fn, (StepFn, ExtractFn)) and name not in found:
                found.append(name)

    pipe.visit(Visitor())
    return found


def _core_functions():  # noqa: ANN202
    """Step name -> core function ``(execution, config, pool) -> execution``."""
    from flexorch_beam.extract.step import extract_execution

    table = {"extract": extract_execution}
    for step, module, name in (
        ("classify", "flexorch_beam.classify", "classify_execution"),
        ("fields", "flexorch_beam.fields.step", "extract_fields_execution"),
        ("pii", "flexorch_beam.pii.step", "detect_pii_execution"),
        ("quality", "flexorch_beam.quality", "score_execution"),
    ):
        try:
            module_obj = __import__(module, fromlist=[name])
            table[step] = getattr(module_obj, name)
        except (ImportError, AttributeError):
            continue
    return table


def child_loop(manifest: Path, output: Path) -> dict:
    """The plain loop: read -> the wired steps -> JSONL + Parquet, in this one process."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from flexorch_beam.config import ProcessingConfig
    from flexorch_beam.extract.sandbox import SandboxPool
    from flexorch_beam.record import SCHEMA, to_row
    from flexorch_beam.sinks.jsonl import row_to_json_line
    from flexorch_beam.sources import parse_manifest, read_source
    from flexorch_beam.transforms.base import run_step

    config = ProcessingConfig(run_id="bench")
    steps = wired_steps(config)
    functions = _core_functions()
    missing = [step for step in steps if step not in functions]
    if missing:
        raise SystemExit(f"no core function known for wired steps {missing}")
    started = time.perf_counter()
    with manifest.open() as handle:
        sources = parse_manifest(handle)
    pool = SandboxPool(config.doc_timeout_s, config.doc_memory_mb) if config.sandbox else None
    if pool is not None:
        pool.start()
    rows, pages = [], 0
    try:
        for source in sources:
            execution = read_source(source, config)
            for step in steps:
                function = functions[step]
                if step == "extract":
                    execution = run_step(
                        step, lambda e, c, f=function: f(e, c, pool), execution, config
                    )
                else:
                    execution = run_step(step, function, execution, config)
            pages += execution.page_count or 0
            rows.append(to_row(execution))
    finally:
        if pool is not None:
            pool.close()
    output.mkdir(parents=True, exist_ok=True)
    with (output / "records.jsonl").open("w") as handle:
        for row in rows:
            handle.write(row_to_json_line(row) + "\n")
    pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMA), output / "records.parquet",
                   compression="zstd")
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "docs": len(rows), "pages": pages, "steps": steps}


def child_beam(manifest: Path, output: Path, mode: str, workers: int) -> dict:
    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions

    from flexorch_beam import pipeline as pipeline_module
    from flexorch_beam.options import to_config
    from flexorch_beam.sources import parse_manifest
    from flexorch_beam.summary import counters_from_result

    from flexorch_beam.config import ProcessingConfig

    wired_steps(ProcessingConfig(run_id="bench"))  # the same imports as the loop, untimed
    argv = ["--runner", "DirectRunner", f"--direct_running_mode={mode}", "--run_id", "bench",
            "--output", str(output)]
    if mode == "multi_processing":
        argv.append(f"--direct_num_workers={workers}")
    started = time.perf_counter()
    options = PipelineOptions(argv)
    with manifest.open() as handle:
        sources = parse_manifest(handle)
    pipe = beam.Pipeline(options=options)
    pipeline_module.build(pipe, to_config(options), str(output), manifest=sources)
    result = pipe.run()
    result.wait_until_finish()
    seconds = time.perf_counter() - started
    counters = counters_from_result(result)
    return {"seconds": seconds, "docs": counters.get("docs", 0), "pages": counters.get("pages", 0)}


# --------------------------------------------------------------------------- parent


def _role(process: psutil.Process) -> str:
    try:
        cmd = " ".join(process.cmdline())
    except (psutil.Error, OSError):
        return "other"
    if "sdk_worker_main" in cmd or "SdkHarness" in cmd:
        return "worker"
    if "flexorch_beam.extract" in cmd or "sandbox" in cmd:
        return "sandbox"
    return "other"


def run_child(args: list[str]) -> dict:
    """Run one measurement in a fresh process; poll its process tree for peak RSS by role."""
    command = [sys.executable, __file__, *args]
    process = psutil.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    peaks: dict[int, tuple[str, int]] = {}
    while process.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
        except psutil.Error:
            tree = [process]
        for member in tree:
            try:
                rss = member.memory_info().rss
            except psutil.Error:
                continue
            role = "main" if member.pid == process.pid else _role(member)
            old = peaks.get(member.pid, (role, 0))
            peaks[member.pid] = (role if role != "other" else old[0], max(old[1], rss))
        time.sleep(0.1)
    out = process.stdout.read().decode()
    if process.returncode != 0:
        raise SystemExit(f"child {args} failed ({process.returncode}):\n{out[-3000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    for role in ("main", "worker", "sandbox"):
        values = [rss for r, rss in peaks.values() if r == role]
        result[f"rss_{role}_mib"] = round(max(values) / 1048576, 1) if values else None
        result[f"n_{role}"] = len(values)
    return result


def _doc_times(output: Path) -> list[int]:
    """processing_ms of every record a run wrote (its JSONL dataset shards)."""
    times = []
    for path in sorted(output.glob("jsonl/*.jsonl")):
        for line in path.read_text().splitlines():
            if line:
                times.append(int(json.loads(line).get("processing_ms") or 0))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=12, help="documents at 1x (16x = base*16)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", default="/tmp/flexorch_e2e")
    parser.add_argument("--child", choices=["loop", "in_memory", "multi_processing"])
    parser.add_argument("--manifest")
    parser.add_argument("--output")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()

    if args.child:
        manifest, output = Path(args.manifest), Path(args.output)
        if args.child == "loop":
            result = child_loop(manifest, output)
        else:
            result = child_beam(manifest, output, args.child, args.workers)
        print(json.dumps(result))
        return

    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    files = make_corpus(workdir, args.base, args.seed)
    manifests = {
        scale: write_manifest(files[:: 16 // scale], workdir / f"manifest_{scale}x.json")
        for scale in SCALES
    }
    runs = workdir / f"runs_{int(time.time())}"

    def measure(name: str, child: str, scale: int, workers: int = 1) -> dict:
        result = run_child(["--child", child, "--manifest", str(manifests[scale]), "--output",
                            str(runs / name), "--workers", str(workers)])
        print(f"{name:<24} {json.dumps(result)}", flush=True)
        return result

    load_before = os.getloadavg()[0]
    loop_1x = measure("loop_1x", "loop", 1)
    beam_1p_1x = measure("beam_in_memory_1x", "in_memory", 1)
    loop = measure("loop_16x", "loop", 16)
    beam_1p = measure("beam_in_memory_16x", "in_memory", 16)
    mp1_1x = measure("beam_mp1_1x", "multi_processing", 1, workers=1)
    mp1 = measure("beam_mp1_16x", "multi_processing", 16, workers=1)
    rss = {scale: measure(f"beam_mp2_{scale}x", "multi_processing", scale, workers=2)
           for scale in SCALES}
    mp2 = rss[16]

    def rate(result: dict, key: str) -> float:
        return result[key] / result["seconds"] if result["seconds"] else 0.0

    print()
    print(f"corpus: {len(files)} documents (base {args.base}, seed {args.seed}); "
          f"16x = {beam_1p['docs']} docs, {beam_1p['pages']} pages; steps wired: "
          f"{', '.join(loop['steps'])}")
    print("| measure | value |")
    print("|---|---|")
    print(f"| plain loop, 16x: docs/s, pages/s | {rate(loop, 'docs'):.2f}, "
          f"{rate(loop, 'pages'):.2f} |")
    print(f"| Beam DirectRunner (1 process), 16x: docs/s, pages/s | {rate(beam_1p, 'docs'):.2f}, "
          f"{rate(beam_1p, 'pages'):.2f} |")
    print(f"| Beam / plain loop wall time (1 process), 16x | {beam_1p['seconds'] / loop['seconds']:.2f}x |")
    marginal_beam = beam_1p["seconds"] - beam_1p_1x["seconds"]
    marginal_loop = loop["seconds"] - loop_1x["seconds"]
    if marginal_loop > 0:
        print(f"| Beam / plain loop per added document (16x minus 1x) | "
              f"{marginal_beam / marginal_loop:.2f}x |")
    print(f"| fixed cost of a Beam run (1x: Beam minus loop, s) | "
          f"{beam_1p_1x['seconds'] - loop_1x['seconds']:.1f} |")
    print(f"| Beam multi_processing 2 workers, 16x: docs/s, pages/s | {rate(mp2, 'docs'):.2f}, "
          f"{rate(mp2, 'pages'):.2f} |")
    print(f"| 2 workers vs 1, 16x wall time | {mp1['seconds'] / mp2['seconds']:.2f}x |")
    added_1 = mp1["seconds"] - mp1_1x["seconds"]
    added_2 = mp2["seconds"] - rss[1]["seconds"]
    if added_2 > 0:
        print(f"| 2 workers vs 1 per added document (16x minus 1x) | {added_1 / added_2:.2f}x |")
    work = _doc_times(runs / "beam_mp1_16x")
    if work:
        total, longest = sum(work), max(work)
        print(f"| per-document work, 16x: total / longest document (s) | "
              f"{total / 1000:.1f} / {longest / 1000:.1f} |")
        print(f"| best possible 2-worker speed-up of that work (perfect balance) | "
              f"{total / max(total / 2, longest):.2f}x |")
    print(f"| load average (1 min) before / after | {load_before:.1f} / {os.getloadavg()[0]:.1f} |")
    for scale in SCALES:
        item = rss[scale]
        print(f"| {scale}x ({item['docs']} docs): peak RSS per worker / sandbox child / "
              f"launcher (MiB) | {item['rss_worker_mib']} / {item['rss_sandbox_mib']} / "
              f"{item['rss_main_mib']} |")


if __name__ == "__main__":
    main()
