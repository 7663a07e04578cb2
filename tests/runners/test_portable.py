"""PortableRunner against Beam's own Python job service, with the SDK workers started by an
external worker pool in separate processes: the pipeline must carry everything it needs in
its pickled graph and options (no hidden main-process state)."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flexorch_beam.cli import run
from flexorch_beam.transforms import read as read_transform


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"port {port} not listening after {timeout_s}s:\n{log.read_text()[-2000:]}")


def _start(args: list[str], log: Path) -> subprocess.Popen:
    env = dict(os.environ)
    # The pool starts each worker with the `python` first on PATH: it must be this venv's.
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    with log.open("wb") as handle:
        return subprocess.Popen(
            [sys.executable, "-m", *args],
            stdout=handle,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,  # its own process group: workers are stopped with it
        )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def portable_services(tmp_path):
    """(job endpoint, worker pool endpoint, pool log) on free loopback ports."""
    job_port, pool_port = _free_port(), _free_port()
    job_log, pool_log = tmp_path / "job_service.log", tmp_path / "worker_pool.log"
    job_service = _start(
        ["apache_beam.runners.portability.local_job_service_main", "--port", str(job_port),
         "--staging_dir", str(tmp_path / "staging")],
        job_log,
    )
    pool = _start(
        ["apache_beam.runners.worker.worker_pool_main", "--service_port", str(pool_port)],
        pool_log,
    )
    try:
        _wait_for_port(job_port, job_service, job_log)
        _wait_for_port(pool_port, pool, pool_log)
        yield f"localhost:{job_port}", f"localhost:{pool_port}", pool_log
    finally:
        _stop(pool)
        _stop(job_service)


def test_portable_runner_with_external_worker_pool(
    portable_services, runner_corpus, check_outputs, tmp_path, capsys, monkeypatch
) -> None:
    job_endpoint, pool_endpoint, pool_log = portable_services
    pattern, inputs = runner_corpus

    # Were any DoFn to run in this process, every read would now fail with INTERNAL_ERROR.
    def poisoned(*_args, **_kwargs):
        raise RuntimeError("a DoFn ran in the launching process")

    monkeypatch.setattr(read_transform, "read_source", poisoned)

    output = str(tmp_path / "out")
    code = run(
        ["--input", pattern, "--output", output, "--run_id", "portable",
         "--runner", "PortableRunner", "--job_endpoint", job_endpoint,
         "--environment_type", "EXTERNAL", "--environment_config", pool_endpoint]
    )
    assert code == 0
    rows = check_outputs(output, inputs)
    assert not [row for row in rows["jsonl"] if row["failure_reason"] == "INTERNAL_ERROR"]
    assert "Starting worker with command" in pool_log.read_text()
    summary = capsys.readouterr().out
    assert re.search(rf"^files\s+{len(inputs)}$", summary, re.MULTILINE), summary
    assert re.search(r"^  extract\s+\d+\s+\d+\s+\d+$", summary, re.MULTILINE), summary
