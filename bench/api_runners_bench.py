"""One upload batch through `flexorch serve` on the DirectRunner and on the PortableRunner
(Beam's Python job service on loopback, LOOPBACK workers), side by side in one run: the time
from the upload to the last job completed, and whether the records are the same.

    .venv/bin/python bench/api_runners_bench.py [--count 12] [--seed 7]
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.server.conftest import free_port, running_server  # noqa: E402

from flexorch_beam.server.records import read_rows  # noqa: E402

VOLATILE = ("created_at", "processing_ms", "run_id", "id", "steps", "source_uri", "document_id")


def job_service(folder: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    log = (folder / "job_service.log").open("wb")
    process = subprocess.Popen([sys.executable, "-m",
                                "apache_beam.runners.portability.local_job_service_main",
                                "--port", str(port)], stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process, f"localhost:{port}"
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("the job service did not start")
            time.sleep(0.2)


def batch(folder: Path, files: list[Path], **settings) -> tuple[float, dict]:
    with running_server(folder, poll_interval_s=0.2, batch_quiet_s=0.5, **settings) as server:
        client = server.client(server.key("bench"))
        started = time.monotonic()
        jobs = [client.process(path) for path in files]
        done = [job.wait(timeout=1800, poll_interval=0.5) for job in jobs]
        elapsed = time.monotonic() - started
    assert all(job.status in ("completed", "failed") for job in done)
    rows = {}
    for run in (folder / "runs").iterdir():
        if run.is_dir():
            for row in read_rows(str(run)):
                rows[row["sha256"]] = {k: v for k, v in json.loads(json.dumps(row, default=str)).items()
                                       if k not in VOLATILE}
    return elapsed, rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=12)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        subprocess.run([sys.executable, "-m", "flexorch_samples", str(root / "corpus"), "--count",
                        str(args.count), "--seed", str(args.seed)], check=True, capture_output=True)
        files = sorted(Path(p) for p in glob.glob(str(root / "corpus" / "docs" / "**" / "*.*"),
                                                   recursive=True))
        process, endpoint = job_service(root)
        try:
            direct_s, direct = batch(root / "direct", files)
            portable_s, portable = batch(root / "portable", files, runner="PortableRunner",
                                         pipeline_args=(f"--job_endpoint={endpoint}",
                                                        "--environment_type=LOOPBACK"))
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
    print(f"{len(files)} documents, one upload batch each way")
    print("| runner | upload to last job done, s | ratio |\n|---|---|---|")
    print(f"| DirectRunner | {direct_s:.1f} | 1.00 |")
    print(f"| PortableRunner (job service, LOOPBACK) | {portable_s:.1f} | {portable_s / direct_s:.2f} |")
    same = direct == portable
    print(f"records equal (apart from ids, run ids, timings): {same} ({len(direct)} / {len(portable)})")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
