"""FlexOrch API load benchmark (not a test): 50 concurrent uploads of the sample corpus through
the real flexorch-sdk against `flexorch serve`, side by side with `flexorch run` on the same
files, in one run.

    .venv/bin/python bench/api_bench.py [--count 50] [--seed 7] [--workdir /tmp/flexorch_api_bench]

Measured:
- API throughput: documents/s from the first upload to the last job finished (uploads,
  queueing, the pipeline runs in the worker process, writing back), against `flexorch run`
  over the same files (same runner, one process) as a ratio;
- API latency while a pipeline run is busy: p50/p95 of GET /jobs/{id}, GET /jobs and
  GET /usage sent by a probe thread only while a run is in progress, and of the 50 uploads;
- correctness: no request may fail, no document may be lost (every upload has a job that
  ends completed or failed with its own record).
The server runs as `flexorch serve` in a subprocess (SQLite, DirectRunner, one worker), the
bench key with a rate limit high enough for 50 pollers (the limit is not what is measured).
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from flexorch_sdk import FlexOrchClient

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", default="/tmp/flexorch_api_bench")
    args = parser.parse_args()
    work = Path(args.workdir)
    subprocess.run(["rm", "-rf", str(work)], check=True)
    work.mkdir(parents=True)
    subprocess.run([sys.executable, "-m", "flexorch_samples", str(work / "corpus"), "--count",
                    str(args.count), "--seed", str(args.seed)], check=True, capture_output=True)
    files = sorted(Path(p) for p in glob.glob(str(work / "corpus" / "docs" / "**" / "*"), recursive=True)
                   if Path(p).is_file())
    assert len(files) == args.count, len(files)

    # 1. `flexorch run` over the same files.
    started = time.monotonic()
    subprocess.run([str(BIN / "flexorch"), "run", "--input", str(work / "corpus" / "docs" / "**"),
                    "--output", str(work / "cli_out"), "--progress=false"], check=True,
                   capture_output=True)
    cli_wall = time.monotonic() - started

    # 2. The API: serve in a subprocess, 50 concurrent uploads through the SDK.
    data_dir, port = work / "api_data", free_port()
    key = subprocess.run([str(BIN / "flexorch"), "keys", "create", "--data-dir", str(data_dir),
                          "--name", "bench", "--rate-limit", "1000000"],
                         check=True, capture_output=True, text=True).stdout.strip()
    server = subprocess.Popen([str(BIN / "flexorch"), "serve", "--data-dir", str(data_dir),
                               "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=open(work / "serve.log", "wb"))
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
            if time.monotonic() > deadline:
                raise SystemExit("serve did not start")
        result = drive(base, key, files, data_dir)
    finally:
        server.terminate()
        server.wait(timeout=60)
    result.update(documents=len(files), cli_wall_s=round(cli_wall, 1),
                  cli_docs_per_s=round(len(files) / cli_wall, 3))
    result["api_vs_cli_throughput"] = round(result["api_docs_per_s"] / result["cli_docs_per_s"], 3)
    print(json.dumps(result, indent=2))
    return 0 if result["failed_requests"] == 0 and result["lost_documents"] == 0 else 1


def drive(base: str, key: str, files: list[Path], data_dir: Path) -> dict:
    client = FlexOrchClient(key, base_url=base, max_retries=1, timeout=120)
    failures: list[str] = []
    upload_ms: list[float] = []
    probe_ms: list[float] = []
    busy = threading.Event()
    stop = threading.Event()

    def upload(path: Path):
        t0 = time.monotonic()
        try:
            job = client.process(path)
        except Exception as error:  # noqa: BLE001 - counted, that is the measurement
            failures.append(f"upload {type(error).__name__}")
            return None
        upload_ms.append((time.monotonic() - t0) * 1000)
        return job

    def probe(job_ids: list[str]) -> None:
        headers = {"X-API-KEY": key}
        with httpx.Client(headers=headers, timeout=60) as http:
            index = 0
            while not stop.is_set():
                if not busy.is_set():
                    time.sleep(0.05)
                    continue
                for path in (f"/jobs/{job_ids[index % len(job_ids)]}", "/jobs?page_size=20", "/usage"):
                    t0 = time.monotonic()
                    response = http.get(base + path)
                    elapsed = (time.monotonic() - t0) * 1000
                    if response.status_code != 200:
                        failures.append(f"probe {response.status_code}")
                    elif busy.is_set():
                        probe_ms.append(elapsed)
                index += 1
                time.sleep(0.1)

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(files)) as pool:
        jobs = list(pool.map(upload, files))
    uploaded = time.monotonic()
    live = [job for job in jobs if job is not None]
    prober = threading.Thread(target=probe, args=([j.id for j in live],), daemon=True)
    prober.start()
    pending = {job.id for job in live}
    final: dict[str, object] = {}
    while pending:
        listed = client.jobs.list(page=1, page_size=200)
        states = {job.id: job for job in listed}
        processing = any(job.status == "processing" for job in listed)
        busy.set() if processing else busy.clear()
        for job_id in list(pending):
            job = states.get(job_id)
            if job is not None and job.status in ("completed", "failed"):
                final[job_id] = job
                pending.discard(job_id)
        if time.monotonic() - started > 3600:
            break
        time.sleep(0.5)
    finished = time.monotonic()
    stop.set()
    prober.join(timeout=30)
    records = set()
    for job_id in final:
        data = client._transport.get(f"/jobs/{job_id}")
        record = (data.get("execution_summary") or {}).get("record_id")
        if record:
            records.add(record)
    lost = len(files) - len(records)
    wall = finished - started
    runs = sorted(p.name for p in (data_dir / "runs").iterdir() if p.is_dir())
    return {
        "api_wall_s": round(wall, 1),
        "api_docs_per_s": round(len(files) / wall, 3),
        "upload_phase_s": round(uploaded - started, 2),
        "upload_ms_p50": round(pct(upload_ms, 0.5), 1),
        "upload_ms_p95": round(pct(upload_ms, 0.95), 1),
        "busy_probe_requests": len(probe_ms),
        "busy_latency_ms_p50": round(pct(probe_ms, 0.5), 1),
        "busy_latency_ms_p95": round(pct(probe_ms, 0.95), 1),
        "pipeline_runs": len(runs),
        "completed": sum(1 for j in final.values() if j.status == "completed"),
        "failed_jobs": sum(1 for j in final.values() if j.status == "failed"),
        "failed_requests": len(failures),
        "failure_kinds": sorted(set(failures)),
        "lost_documents": lost,
    }


if __name__ == "__main__":
    sys.exit(main())
