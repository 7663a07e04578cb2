"""DataflowRunner job construction with ``--dry_run=True``: the job graph is built and checked,
nothing is submitted, and no connection leaves the machine.

With ``--project`` and a ``gs://`` ``--temp_location`` given, Beam 2.77 builds the job without
touching GCS or credentials; without ``--temp_location`` it looks up (or creates) a default
bucket and retries credentials for minutes — the field note in DESIGN.md.
"""
from __future__ import annotations

import ipaddress
import socket

import apache_beam as beam
import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.portability.api import beam_runner_api_pb2

from flexorch_beam import pipeline as pipeline_module
from flexorch_beam.cli import run
from flexorch_beam.options import FlexOrchOptions, to_config

IMAGE = "europe-docker.pkg.dev/demo-project/flexorch/worker:test"
DATAFLOW_FLAGS = [
    "--runner", "DataflowRunner", "--dry_run=True", "--project", "demo-project",
    "--region", "europe-west1", "--temp_location", "gs://demo-bucket/tmp",
    "--sdk_container_image", IMAGE, "--output", "gs://demo-bucket/out",
]


@pytest.fixture
def no_network(monkeypatch):
    """Fail any connection or DNS lookup that is not loopback; list what was attempted."""
    attempts: list[str] = []
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def _is_loopback(host: str) -> bool:
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return host == "localhost"

    def guarded_connect(sock, address):  # noqa: ANN001
        host = address[0] if isinstance(address, tuple) else str(address)
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(host):
            attempts.append(f"connect {host}")
            raise OSError("network disabled in this test")
        return real_connect(sock, address)

    def guarded_getaddrinfo(host, *args, **kwargs):  # noqa: ANN001
        if host is not None and not _is_loopback(str(host)):
            attempts.append(f"resolve {host}")
            raise socket.gaierror("network disabled in this test")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
    return attempts


def test_dataflow_dry_run_builds_the_job_graph(runner_corpus, no_network) -> None:
    pattern, _inputs = runner_corpus
    options = PipelineOptions(["--input", pattern, *DATAFLOW_FLAGS, "--run_id", "dataflow"])
    flex = options.view_as(FlexOrchOptions)
    pipe = beam.Pipeline(options=options)
    pipeline_module.build(pipe, to_config(options), flex.output, globs=flex.input)
    result = pipe.run()
    result.wait_until_finish()

    job = result.job
    assert job.proto.type_.name == "JOB_TYPE_BATCH"
    graph = job.proto_pipeline
    names = {transform.unique_name for transform in graph.components.transforms.values()}
    for step in ("ReadDocuments", "ProcessDocuments", "CountOutcomes", "WriteDataset",
                 "WriteDataset/Write_jsonl", "WriteDataset/Write_parquet"):
        assert step in names, f"{step} missing from the job graph"
    # Every user-code transform runs in the custom SDK container given on the command line.
    images = {
        beam_runner_api_pb2.DockerPayload.FromString(env.payload).container_image
        for env in graph.components.environments.values()
        if env.urn == "beam:env:docker:v1"
    }
    assert images == {IMAGE}
    # The job carries our flags, so the workers rebuild the same ProcessingConfig.
    carried = job.options.view_as(FlexOrchOptions)
    assert carried.input == [pattern] and carried.output == "gs://demo-bucket/out"
    assert no_network == []


def test_dataflow_dry_run_through_the_cli(runner_corpus, no_network, capsys) -> None:
    pattern, _inputs = runner_corpus
    assert run(["--input", pattern, *DATAFLOW_FLAGS]) == 0
    printed = capsys.readouterr().out
    assert "runner: DataflowRunner" in printed
    assert "dry run" in printed and "files" not in printed  # no summary of a job that never ran
    assert no_network == []
