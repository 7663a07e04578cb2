"""End-to-end benchmark (not a test): the Beam pipeline against a plain Python loop over the
same core functions, 2 workers against 1, and peak RSS per worker as the corpus grows.

    .venv/bin/python bench/e2e_bench.py [--base 12] [--seed 7] [--workdir /tmp/flexorch_e2e]

The corpus at scale k is k generated corpora of ``--base`` documents each
(``flexorch_samples``, seeds ``--seed`` .. ``--seed + k - 1``): the generator's mix is
set by slot, so every copy has the same formats, document types, languages and scan
qualities, only other values. 1x, 4x and 16x therefore differ in the number of documents
alone, which is what a flat-memory claim has to be measured against. Every measurement runs in a fresh child process (same imports, same warm-up), and
the numbers that matter are ratios measured side by side in this one run:

- docs/s and pages/s end to end (DirectRunner: one process, and 2 worker processes; 16x);
- Beam / plain loop wall time, one process, 16x (target: overhead <= 10%), and per added
  document (16x minus 1x), which separates Beam's fixed start-up cost from per-document cost;
- 1 worker / 2 workers, DirectRunner multi_processing, 16x wall time and per added document
  (target >= 1.7x on 2 cores);
- peak RSS per SDK worker process (and per extraction sandbox child) at 1x, 4x, 16x (target:
  flat);
- why 2 workers scale as they do: per-document work (the loop's wall ms per step), the
  speed-up perfect balance would allow, the one the DirectRunner's static split allows
  (simulated), and the CPU each SDK worker really used (with its sandbox and tesseracts),
  which stays meaningful when other people's jobs share the cores.

Both children import the same modules (and build the graph once) before their timer starts.
The plain loop runs the same core functions as ``pipeline.build()``: read, exact duplicates,
extract, classify, fields, PII, quality, near-duplicates, completed duplicates, and the
JSONL, Parquet, rejected and profile outputs; it checks that the graph's step DoFns are
exactly its five steps. ``--costs-only`` runs just the 16x loop and the work analysis.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
SCALES = (1, 4, 16)


# --------------------------------------------------------------------------- corpus


def make_corpora(workdir: Path, base: int, seed: int, copies: int) -> list[list[Path]]:
    """``copies`` corpora of ``base`` documents, one per seed, each of the same mix."""
    corpora = []
    for offset in range(copies):
        corpus = workdir / f"corpus_{base}_{seed + offset}"
        if not (corpus / ".complete").exists():
            subprocess.run(
                [sys.executable, "-m", "flexorch_samples", str(corpus), "--count",
                 str(base), "--seed", str(seed + offset)],
                check=True, stdout=subprocess.DEVNULL,
            )
        corpora.append(sorted(path for path in (corpus / "docs").rglob("*") if path.is_file()))
    return corpora


def listing_order(files: list[Path], seed: int) -> list[Path]:
    """The files in a seeded random order. The copies repeat one pattern of ``--base`` files,
    and the DirectRunner deals a stage's elements to its workers round-robin in arrival order
    (the Reshuffle's random keys do not reorder them there): in name order every copy's
    heaviest document would go to the same worker, an artefact of a corpus made of copies."""
    import random

    shuffled = list(files)
    random.Random(seed).shuffle(shuffled)
    return shuffled


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

    pipe = beam.Pipeline(runner="DirectRunner")
    pipeline_module.build(pipe, config, "/nonexistent/out", manifest=[SourceFile("/x", "x")],
                          check_output=False)  # inspected, never run
    found: list[str] = []

    class Visitor(PipelineVisitor):
        def visit_transform(self, node) -> None:  # noqa: ANN001
            fn = getattr(node.transform, "fn", None)
            if isinstance(fn, StepFn) and fn.step.name not in found:
                found.append(fn.step.name)

    pipe.visit(Visitor())
    return found


def _core_functions():  # noqa: ANN202
    """Step name -> the Step the pipeline wires (flexorch_beam/steps.py): the loop runs the
    same list, so a new or renamed step cannot be left out of the comparison."""
    from flexorch_beam.steps import STEPS

    return {step.name: step for step in STEPS}


def child_loop(manifest: Path, output: Path) -> dict:
    """The plain loop, in this one process, over the same core functions as build():
    read -> exact duplicates -> extract, classify, fields, pii, quality -> near-duplicates ->
    complete duplicates -> JSONL + Parquet + rejected + profile/report. Also writes
    ``doc_costs.json`` (wall ms per document and step) next to its output."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from flexorch_beam.pii.step import mask_names
    from flexorch_beam import dedup
    from flexorch_beam.config import ProcessingConfig
    from flexorch_beam.record import SCHEMA, to_row
    from flexorch_beam.sinks.jsonl import row_to_json_line
    from flexorch_beam.sinks.profile import profile_rows, write_profile
    from flexorch_beam.admission import in_dataset, reject_reason
    from flexorch_beam.sinks.rejected import rejected_line
    from flexorch_beam.sources import parse_manifest, read_error, read_source, release_bytes
    from flexorch_beam.transforms.base import run_declared

    config = ProcessingConfig(run_id="bench")
    steps = wired_steps(config)
    functions = _core_functions()
    if sorted(steps) != sorted(functions):
        raise SystemExit(f"pipeline steps {steps} differ from the loop's {sorted(functions)}")
    started = time.perf_counter()
    with manifest.open() as handle:
        sources = parse_manifest(handle)
    handles = {name: step.resource.open(step.options(config)) for name, step in functions.items()
               if step.resource is not None}
    processed, duplicates, costs = [], [], []
    try:
        records = []
        for source in sources:
            try:
                records.append(release_bytes(read_source(source, config.input)))  # as Read
            except Exception as error:  # noqa: BLE001 - as ReadDocuments: never lose a file
                records.append(read_error(source, config.input, error))
        decisions = dedup.exact_duplicates_of(records)
        for index, record in enumerate(records):
            records[index] = None  # let each document's bytes go once it is processed
            if record.id in decisions:
                duplicates.append(dedup.mark_duplicate(record, decisions[record.id]))
                continue
            cost = {"path": record.source_uri, "format": record.format}
            for step in steps:
                before = time.perf_counter()
                record = run_declared(functions[step], record, config, handles.get(step))
                cost[step] = round((time.perf_counter() - before) * 1000, 1)
            cost["pages"] = record.page_count or 0
            costs.append(cost)
            processed.append(record)
    finally:
        for name, handle in handles.items():
            functions[name].resource.close(handle)
    near = dedup.near_duplicates_of(processed)
    processed = [dedup.mark_near_duplicate(e, near[e.id]) if e.id in near else e
                 for e in processed]
    by_id = {e.id: e for e in processed}
    completed = [mask_names(dedup.complete_duplicate(d, by_id.get(d.original_job_id), config.dedup),
                            config.pii)
                 for d in duplicates]  # as CompleteDuplicates: a duplicate's own names masked
    rows = [to_row(e) for e in processed + completed]
    pages = sum(row.get("page_count") or 0 for row in rows)
    output.mkdir(parents=True, exist_ok=True)
    kept = [row for row in rows if in_dataset(row, config.output.min_grade)]
    with (output / "records.jsonl").open("w") as handle:
        for row in kept:
            handle.write(row_to_json_line(row) + "\n")
    pq.write_table(pa.Table.from_pylist(kept, schema=SCHEMA), output / "records.parquet",
                   compression="zstd")
    (output / "rejected").mkdir(exist_ok=True)
    with (output / "rejected" / "rejected.jsonl").open("w") as handle:
        for row in rows:
            if reject_reason(row, config.output.min_grade) is not None:
                handle.write(rejected_line(row, config.output.min_grade) + "\n")
    write_profile(profile_rows(rows, config.output.min_grade), str(output), config.run.run_id)
    seconds = time.perf_counter() - started
    (output / "doc_costs.json").write_text(json.dumps(costs))
    return {"seconds": seconds, "docs": len(rows), "pages": pages, "steps": steps}


def child_beam(manifest: Path, output: Path, mode: str, workers: int) -> dict:
    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions

    from flexorch_beam import pipeline as pipeline_module
    from flexorch_beam.options import to_config
    from flexorch_beam.sources import parse_manifest
    from flexorch_beam.summary import counters_from_result
    from flexorch_beam.worker_memory import use_system_arrow_pool

    from flexorch_beam.config import ProcessingConfig

    wired_steps(ProcessingConfig(run_id="bench"))  # the same imports as the loop, untimed
    argv = ["--runner", "DirectRunner", f"--direct_running_mode={mode}", "--run_id", "bench",
            "--output", str(output)]
    if mode == "multi_processing":
        argv.append(f"--direct_num_workers={workers}")
    if os.environ.get("E2E_FORMATS"):  # diagnosis only: which sinks a worker's memory goes to
        argv.append(f"--formats={os.environ['E2E_FORMATS']}")
    argv += os.environ.get("E2E_BEAM_ARGS", "").split()  # diagnosis: e.g. --experiments=...
    started = time.perf_counter()
    options = PipelineOptions(argv)
    use_system_arrow_pool()  # as the CLI does
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
        argv = process.cmdline()
    except (psutil.Error, OSError):
        return "other"
    if argv and Path(argv[0]).name in ("sh", "bash", "dash"):
        return "other"  # the runner starts each SDK worker through `/bin/sh -c`
    cmd = " ".join(argv)
    if "sdk_worker_main" in cmd or "SdkHarness" in cmd:
        return "worker"
    if "flexorch_beam.extract" in cmd or "sandbox" in cmd:
        return "sandbox"
    return "other"


def _cpu_seconds(process: psutil.Process, role: str) -> float:
    """CPU of a process; a sandbox child adds the tesseracts it has waited for (an SDK
    worker does not: its sandbox children are polled themselves)."""
    t = process.cpu_times()
    own = t.user + t.system
    return own + t.children_user + t.children_system if role == "sandbox" else own


def run_child(args: list[str]) -> dict:
    """Run one measurement in a fresh process; poll its process tree (every 0.1 s) for peak
    RSS by role and for the CPU each SDK worker used with its sandbox child."""
    command = [sys.executable, __file__, *args]
    errors = tempfile.TemporaryFile()  # kept for a failure's message, not printed otherwise
    process = psutil.Popen(command, stdout=subprocess.PIPE, stderr=errors,
                           env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    peaks: dict[int, tuple[str, int]] = {}
    cpu: dict[int, float] = {}  # pid -> last CPU seconds seen
    owner: dict[int, int] = {}  # pid -> the SDK worker it belongs to (itself for a worker)
    while process.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
        except psutil.Error:
            tree = [process]
        for member in tree:
            role = "main" if member.pid == process.pid else _role(member)
            old = peaks.get(member.pid, (role, 0))
            role = role if role != "other" else old[0]
            try:
                rss = member.memory_info().rss
                used = _cpu_seconds(member, role)
            except psutil.Error:
                continue
            peaks[member.pid] = (role, max(old[1], rss))
            if member.pid not in owner and role in ("worker", "sandbox"):
                if role == "worker":
                    owner[member.pid] = member.pid
                else:
                    try:
                        parents = {parent.pid for parent in member.parents()}
                    except psutil.Error:
                        parents = set()
                    workers = [pid for pid, (r, _) in peaks.items() if r == "worker"]
                    found = [pid for pid in workers if pid in parents]
                    if found or not workers:  # in_memory: no SDK worker; else retry later
                        owner[member.pid] = found[0] if found else -1
            cpu[member.pid] = max(cpu.get(member.pid, 0.0), used)
        time.sleep(0.1)
    out = process.stdout.read().decode()
    if process.returncode != 0:
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
        raise SystemExit(f"child {args} failed ({process.returncode}):\n{out[-3000:]}\n"
                         f"{stderr[-6000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    for role in ("main", "worker", "sandbox"):
        values = [rss for r, rss in peaks.values() if r == role]
        result[f"rss_{role}_mib"] = round(max(values) / 1048576, 1) if values else None
        result[f"n_{role}"] = len(values)
    workers = sorted(pid for pid, (r, _) in peaks.items() if r == "worker")
    result["worker_cpu_s"] = [
        round(sum(cpu.get(pid, 0.0) for pid, w in owner.items() if w == worker), 1)
        for worker in workers
    ]
    # The DirectRunner's own process (it moves every element between stages) shares the
    # cores with the workers here; on Dataflow or Flink it runs elsewhere.
    result["launcher_cpu_s"] = round(cpu.get(process.pid, 0.0), 1)
    return result


def _split_speedup(work: list[float], parts: list[list[int]]) -> float:
    """Speed-up over one worker when worker k processes the documents ``parts[k]``."""
    return sum(work) / max(sum(work[i] for i in part) for part in parts)


def cost_lines(costs: list[dict], seed: int) -> list[str]:
    """Per-document work (the plain loop's wall ms per step) and what it allows two workers:
    perfect balance (longest-first greedy) against the DirectRunner's static split, which
    hands each worker every other element of a stage's input, in an order set by the
    Reshuffle's random keys (simulated here with 2000 shuffles)."""
    import random
    import statistics

    work = [sum(v for k, v in c.items() if k not in ("path", "format", "pages")) / 1000
            for c in costs]
    extract = sum(c.get("extract", 0) for c in costs) / 1000
    total = sum(work)
    order = sorted(range(len(work)), key=lambda i: -work[i])
    lines = [
        f"| per-document work, 16x ({len(work)} processed docs): total / extract (s) | "
        f"{total:.1f} / {extract:.1f} |",
        f"| per-document work: median / p90 / max (s) | {statistics.median(work):.2f} / "
        f"{sorted(work)[int(0.9 * (len(work) - 1))]:.2f} / {max(work):.2f} |",
    ]
    for rank, i in enumerate(order[:3], 1):
        lines.append(f"| heaviest #{rank}: {Path(costs[i]['path']).name} ({costs[i]['format']}, "
                     f"{costs[i]['pages']} p) | {work[i]:.1f} s = {100 * work[i] / total:.0f}% |")
    loads = [0.0, 0.0]
    parts: list[list[int]] = [[], []]
    for i in order:
        k = loads.index(min(loads))
        loads[k] += work[i]
        parts[k].append(i)
    lines.append(f"| 2 workers, perfect balance of that work (upper bound) | "
                 f"{_split_speedup(work, parts):.2f}x |")
    rng = random.Random(seed)
    shuffled = []
    for _ in range(2000):
        ids = list(range(len(work)))
        rng.shuffle(ids)
        shuffled.append(_split_speedup(work, [ids[0::2], ids[1::2]]))
    shuffled.sort()
    lines.append(f"| 2 workers, static every-other split in random order: median / 10th pct | "
                 f"{statistics.median(shuffled):.2f}x / {shuffled[len(shuffled) // 10]:.2f}x |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=12, help="documents at 1x (16x = base*16)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", default="/tmp/flexorch_e2e")
    parser.add_argument("--child", choices=["loop", "in_memory", "multi_processing"])
    parser.add_argument("--manifest")
    parser.add_argument("--output")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--rss-scales", default=",".join(map(str, SCALES)),
                        help="corpus sizes (x base) for peak RSS with 2 workers, e.g. 1,4,16,64")
    parser.add_argument("--costs-only", action="store_true",
                        help="only the plain loop at 16x and its per-document work")
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
    rss_scales = sorted({int(value) for value in args.rss_scales.split(",")} | {1, 16})
    corpora = make_corpora(workdir, args.base, args.seed, max(rss_scales))
    files = [path for corpus in corpora for path in corpus]
    manifests = {
        scale: write_manifest(listing_order([p for corpus in corpora[:scale] for p in corpus],
                                            args.seed),
                              workdir / f"manifest_{scale}x.json")
        for scale in rss_scales
    }
    runs = workdir / f"runs_{int(time.time())}"

    def measure(name: str, child: str, scale: int, workers: int = 1) -> dict:
        result = run_child(["--child", child, "--manifest", str(manifests[scale]), "--output",
                            str(runs / name), "--workers", str(workers)])
        print(f"{name:<24} {json.dumps(result)}", flush=True)
        return result

    load_before = os.getloadavg()[0]
    if args.costs_only:
        loop = measure("loop_16x", "loop", 16)
        for line in cost_lines(json.loads((runs / "loop_16x" / "doc_costs.json").read_text()),
                               args.seed):
            print(line)
        return
    loop_1x = measure("loop_1x", "loop", 1)
    beam_1p_1x = measure("beam_in_memory_1x", "in_memory", 1)
    loop = measure("loop_16x", "loop", 16)
    beam_1p = measure("beam_in_memory_16x", "in_memory", 16)
    mp1_1x = measure("beam_mp1_1x", "multi_processing", 1, workers=1)
    mp1 = measure("beam_mp1_16x", "multi_processing", 16, workers=1)
    rss = {scale: measure(f"beam_mp2_{scale}x", "multi_processing", scale, workers=2)
           for scale in rss_scales}
    mp2 = rss[16]

    def rate(result: dict, key: str) -> float:
        return result[key] / result["seconds"] if result["seconds"] else 0.0

    print()
    print(f"corpus: {len(files)} documents ({len(corpora)} x {args.base}, seeds {args.seed}-"
          f"{args.seed + len(corpora) - 1}); "
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
    for line in cost_lines(json.loads((runs / "loop_16x" / "doc_costs.json").read_text()),
                           args.seed):
        print(line)
    for name, item in (("1 worker", mp1), ("2 workers", mp2)):
        print(f"| Beam multi_processing {name}, 16x: CPU s per SDK worker (with its sandbox) / "
              f"launcher CPU s / wall (s) | {item['worker_cpu_s']} / {item['launcher_cpu_s']} / "
              f"{item['seconds']:.1f} |")
    if mp2["worker_cpu_s"] and max(mp2["worker_cpu_s"]) > 0:
        # Free of the machine's load: with a core per worker the 2-worker wall time is the
        # busiest worker's CPU, the 1-worker one is their sum (one start-up too many, so a
        # slight overestimate).
        print(f"| 2 workers vs 1 from the 2-worker run's CPU split (sum / busiest worker) | "
              f"{sum(mp2['worker_cpu_s']) / max(mp2['worker_cpu_s']):.2f}x |")
    print(f"| load average (1 min) before / after | {load_before:.1f} / {os.getloadavg()[0]:.1f} |")
    for scale in rss_scales:
        item = rss[scale]
        print(f"| {scale}x ({item['docs']} docs): peak RSS per worker / sandbox child / "
              f"launcher (MiB) | {item['rss_worker_mib']} / {item['rss_sandbox_mib']} / "
              f"{item['rss_main_mib']} |")


if __name__ == "__main__":
    main()
