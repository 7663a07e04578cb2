"""The server's runners: an upload batch run through a real Beam job service (PortableRunner,
LOOPBACK workers) gives the records a DirectRunner run makes of the same stored files; the
runner options are checked when `flexorch serve` starts (Dataflow's above all, which cannot
run here), and a remote root stages a run's inputs and brings its output back."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flexorch_beam.server import runners
from flexorch_beam.server.records import read_rows

from .conftest import corpus_file, free_port, running_server

VOLATILE = ("created_at", "processing_ms")


@pytest.fixture(scope="module")
def job_service(tmp_path_factory):
    """Beam's Python job service on a loopback port (its own process group)."""
    folder = tmp_path_factory.mktemp("job_service")
    port = free_port()
    log = folder / "job_service.log"
    with log.open("wb") as handle:
        process = subprocess.Popen(
            [sys.executable, "-m", "apache_beam.runners.portability.local_job_service_main",
             "--port", str(port), "--staging_dir", str(folder / "staging")],
            stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.skip(f"Beam's job service could not start: {log.read_text()[-500:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.skip("Beam's job service did not listen within 60 s")
                time.sleep(0.2)
        yield f"localhost:{port}"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _strip(record: dict) -> dict:
    out = {k: v for k, v in record.items() if k not in VOLATILE}
    out["steps"] = [{k: v for k, v in step.items() if k != "ms"} for step in out.get("steps") or []]
    return out


def test_a_batch_runs_through_a_portable_job_service_with_direct_runner_records(
        job_service, corpus, tmp_path):
    args = ("--job_endpoint=" + job_service, "--environment_type=LOOPBACK")
    runners.check("PortableRunner", args)
    files = [corpus_file(corpus, "*.txt"), corpus_file(corpus, "*.html")]
    with running_server(tmp_path / "data", runner="PortableRunner", pipeline_args=args,
                        poll_interval_s=0.2, batch_quiet_s=0.2) as server:
        client = server.client(server.key())
        jobs = [client.process(path) for path in files]
        done = [job.wait(timeout=300, poll_interval=1) for job in jobs]
        assert [job.status for job in done] == ["completed", "completed"]
        runs = sorted(p for p in (tmp_path / "data" / "runs").iterdir() if p.is_dir())
    logs = "".join(p.read_text(errors="replace") for p in (tmp_path / "data" / "runs").glob("*.log"))
    assert "PortableRunner" in logs and "runner: PortableRunner" in logs
    portable = {row["sha256"]: row for run in runs for row in read_rows(str(run))}
    assert len(portable) == 2
    # The same stored files, the same run ids, on the DirectRunner (the server's default).
    direct = {}
    for run in runs:
        out = tmp_path / "direct" / run.name
        subprocess.run([sys.executable, "-m", "flexorch_beam.cli", "--manifest",
                        str(run.parent / f"{run.name}.manifest.json"), "--output", str(out),
                        "--run-id", run.name, "--formats", "jsonl,parquet", "--progress=false",
                        "--runner", "DirectRunner"], check=True, capture_output=True, timeout=600)
        direct.update({row["sha256"]: row for row in read_rows(str(out))})
    assert set(direct) == set(portable)
    for sha, row in portable.items():
        assert _strip(json.loads(json.dumps(row, default=str))) == \
            _strip(json.loads(json.dumps(direct[sha], default=str)))


DATAFLOW = ["--project=demo-project", "--region=europe-west1", "--temp_location=gs://demo/tmp",
            "--sdk_container_image=europe-docker.pkg.dev/demo-project/flexorch/worker:1"]


@pytest.mark.parametrize("runner, args, root, wanted", [
    ("PortableRunner", [], None, "--job_endpoint"),
    ("PortableRunner", ["--job_endpoint=localhost:1", "--environment_type=EXTERNAL"], None,
     "--environment_config"),
    ("PortableRunner", ["--job_endpoint=localhost:1", "--environment_type=NOPE"], None,
     "--environment_type must be one of"),
    ("DataflowRunner", DATAFLOW[1:], "gs://demo/flexorch", "--project"),
    ("DataflowRunner", [a for a in DATAFLOW if "region" not in a], "gs://demo/flexorch", "--region"),
    ("DataflowRunner", [*DATAFLOW[:2], "--temp_location=/tmp/x", DATAFLOW[3]], "gs://demo/f",
     "--temp_location=gs://"),
    ("DataflowRunner", DATAFLOW[:3], "gs://demo/flexorch", "worker image"),
    ("DataflowRunner", DATAFLOW, None, "--remote-root gs://"),
    ("DataflowRunner", DATAFLOW, "/local/folder", "--remote-root gs://"),
    ("DirectRunner", ["--output=x"], None, "set by the server"),
])
def test_runner_options_are_refused_with_what_is_missing(runner, args, root, wanted):
    with pytest.raises(runners.RunnerConfigError) as caught:
        runners.check(runner, args, root)
    assert wanted in str(caught.value)


def test_serve_refuses_an_incomplete_dataflow_setup_before_starting(tmp_path):
    flexorch = Path(sys.executable).parent / "flexorch"
    done = subprocess.run([str(flexorch), "serve", "--data-dir", str(tmp_path), "--port",
                           str(free_port()), "--runner", "DataflowRunner",
                           "--pipeline-arg=--project=p"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "--region" in done.stderr and "--temp_location=gs://" in done.stderr
    assert "--remote-root" in done.stderr and not (tmp_path / "flexorch.db").exists()


def test_the_dataflow_command_line_the_server_launches(tmp_path):
    """Complete options pass; the run's command is `flexorch run`'s job on Dataflow over the
    staged gs:// inputs, writing under the remote root (not the server's disk)."""
    runners.check("DataflowRunner", DATAFLOW, "gs://demo/flexorch")
    argv = runners.process_argv("DataflowRunner", DATAFLOW, "/d/runs/run_1.manifest.json",
                                runners.remote_run_url("gs://demo/flexorch", "run_1") + "/output",
                                "run_1", 50, ["--jurisdictions", "EU,GLOBAL"])
    assert argv[:3] == [sys.executable, "-m", "flexorch_beam.cli"]
    pos = {item: i for i, item in enumerate(argv)}
    assert argv[pos["--runner"] + 1] == "DataflowRunner"
    assert argv[pos["--output"] + 1] == "gs://demo/flexorch/run_1/output"
    assert argv[pos["--run-id"] + 1] == "run_1"
    assert all(flag in argv for flag in DATAFLOW)
    assert argv[-2:] == ["--jurisdictions", "EU,GLOBAL"]
    # The job's own parser takes the whole command line (Beam's Dataflow flags included).
    from apache_beam.options.pipeline_options import GoogleCloudOptions, PipelineOptions

    from flexorch_beam.options import FlexOrchOptions

    options = PipelineOptions(argv[3:])
    assert options.view_as(FlexOrchOptions).output == "gs://demo/flexorch/run_1/output"
    cloud = options.view_as(GoogleCloudOptions)
    assert (cloud.project, cloud.region, cloud.temp_location) == ("demo-project", "europe-west1",
                                                                  "gs://demo/tmp")
    # That very command, plus --dry_run=True: Beam builds and checks the Dataflow job graph
    # from the staged manifest (nothing is submitted, no GCS call with a gs:// temp_location).
    manifest = tmp_path / "run_1.manifest.json"
    manifest.write_text(json.dumps({"files": [{
        "path": "gs://demo/flexorch/run_1/inputs/0/inv_0000.pdf", "original_name": "inv_0000.pdf",
        "size_bytes": 1000}]}))
    argv[argv.index("--manifest") + 1] = str(manifest)
    done = subprocess.run([*argv, "--dry_run=True"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "the job graph was built and checked" in done.stdout and "DataflowRunner" in done.stdout


def test_a_remote_root_stages_inputs_and_brings_the_output_back(tmp_path):
    """Through fsspec (a file:// root here; gs:// for Dataflow): the staged manifest names the
    remote copies, and the output comes back with _SUCCESS last."""
    local = tmp_path / "upload" / "a.txt"
    local.parent.mkdir()
    local.write_text("hello")
    root = f"file://{tmp_path / 'remote'}"
    staged = runners.stage_inputs([{"path": str(local), "original_name": "a.txt"}], root, "run_9")
    assert staged[0]["original_name"] == "a.txt"
    remote_file = Path(staged[0]["path"].removeprefix("file://"))
    assert remote_file.read_text() == "hello" and str(tmp_path / "remote" / "run_9") in str(remote_file)
    out = tmp_path / "remote" / "run_9" / "output"
    (out / "parquet").mkdir(parents=True)
    (out / "parquet" / "part-0.parquet").write_bytes(b"x")
    (out / "_SUCCESS").write_text("")
    runners.fetch_output(runners.remote_run_url(root, "run_9") + "/output", tmp_path / "back")
    assert (tmp_path / "back" / "parquet" / "part-0.parquet").read_bytes() == b"x"
    assert (tmp_path / "back" / "_SUCCESS").exists()


def test_a_server_with_a_remote_root_runs_the_batch_from_the_staged_copies(corpus, tmp_path):
    """The whole remote path on this machine: uploads staged under a file:// root, the run
    reading them and writing its output there, the output fetched back and ingested."""
    remote = tmp_path / "remote"
    with running_server(tmp_path / "data", remote_root=f"file://{remote}", poll_interval_s=0.2,
                        batch_quiet_s=0.2) as server:
        client = server.client(server.key())
        job = client.process(corpus_file(corpus, "*.txt")).wait(timeout=300, poll_interval=1)
        assert job.status == "completed" and job.quality_grade
        dataset = job.build_dataset().wait(timeout=300, poll_interval=1).dataset()
        assert dataset.row_count == 1
    runs = [p for p in remote.iterdir() if p.is_dir()]
    assert len(runs) == 1
    assert list((runs[0] / "inputs").rglob("*.txt")) and (runs[0] / "output" / "_SUCCESS").exists()
    local = tmp_path / "data" / "runs" / runs[0].name
    row = read_rows(str(local))[0]
    assert str(remote) in row["source_uri"] and row["status"] == "completed"
    # A server that stopped while the remote run was finishing: the next one fetches the
    # output and ingests it at start, without running the batch again.
    from sqlalchemy import update

    from flexorch_beam.server.db import Database
    from flexorch_beam.server.models import Job, Run

    db = Database(f"sqlite:///{tmp_path / 'data' / 'flexorch.db'}")
    with db.session() as session:
        session.execute(update(Run).where(Run.id == runs[0].name)
                        .values(status="running", instance="a-server-that-died"))
        session.execute(update(Job).where(Job.id == job.id)
                        .values(status="processing", record_id=None, quality_grade=None))
    db.dispose()
    shutil.rmtree(local)
    with running_server(tmp_path / "data", remote_root=f"file://{remote}", start_workers=False) as again:
        with again.app.state.db.session() as session:
            job_row = session.get(Job, job.id)
            assert job_row.status == "completed" and job_row.record_id == row["id"]
            assert session.get(Run, runs[0].name).status == "completed"
    assert (local / "_SUCCESS").exists() and len([p for p in remote.iterdir() if p.is_dir()]) == 1
