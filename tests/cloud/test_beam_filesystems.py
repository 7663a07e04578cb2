"""Beam's own filesystems reach the emulators through pipeline options alone (no client
environment variables): what a runner's workers get when only the job's flags travel.

- s3://   Beam's boto3 client: --s3_endpoint_url, --s3_access_key_id, --s3_secret_access_key,
          --s3_region_name.
- azfs:// Beam's Azure filesystem (azfs://ACCOUNT/CONTAINER/path): --azure_connection_string.
  The az:// URLs that fsspec/adlfs use are served by flexorch_beam.fsspec_filesystem instead.
"""
from __future__ import annotations

import os

import apache_beam as beam
from apache_beam.io.filesystems import FileSystems
from apache_beam.options.pipeline_options import PipelineOptions

BUCKET = "flexorch-test"  # the bucket tests/cloud/conftest.py creates
LINES = [f"line {index}" for index in range(5)]


def _write_and_read(prefix: str, flags: list[str]) -> list[str]:
    options = PipelineOptions(["--runner", "DirectRunner", *flags])
    with beam.Pipeline(options=options) as pipe:
        pipe | beam.Create(LINES) | beam.io.WriteToText(prefix, file_name_suffix=".txt")
    FileSystems.set_options(options)
    try:
        matched = FileSystems.match([prefix + "*"])[0].metadata_list
        lines = []
        for item in matched:
            with FileSystems.open(item.path) as handle:
                lines += handle.read().decode().splitlines()
    finally:
        FileSystems.set_options(PipelineOptions([]))
    return sorted(lines)


def test_beam_s3_filesystem_with_pipeline_options(s3_store, monkeypatch) -> None:
    endpoint = os.environ["AWS_ENDPOINT_URL"]
    for name in ("AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(name)
    flags = ["--s3_endpoint_url", endpoint, "--s3_access_key_id", "testing",
             "--s3_secret_access_key", "testing", "--s3_region_name", "us-east-1"]
    assert _write_and_read(f"s3://{BUCKET}/beam-native/part", flags) == LINES


def test_beam_azfs_filesystem_with_connection_string(azure_store, monkeypatch) -> None:
    connection = os.environ["AZURE_STORAGE_CONNECTION_STRING"]
    monkeypatch.delenv("AZURE_STORAGE_CONNECTION_STRING")
    flags = ["--azure_connection_string", connection]
    assert _write_and_read(f"azfs://devstoreaccount1/{BUCKET}/beam-native/part", flags) == LINES
