"""The pipeline reads an input glob from a bucket and writes its outputs back to the bucket,
on real emulators: S3 (moto + s3fs + Beam's boto3 filesystem), GCS (gcp-storage-emulator +
gcsfs + Beam's GCS client), Azure Blob (azurite + adlfs, written through the fsspec-backed
Beam filesystem for az://). The outputs are read back from the bucket and hold one record per
input file."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from flexorch_beam.cli import run


@pytest.fixture(scope="module")
def local_corpus(tmp_path_factory) -> list[Path]:
    """A few generated documents (several formats) and one corrupt file."""
    folder = tmp_path_factory.mktemp("cloud_corpus")
    subprocess.run(
        [sys.executable, "-m", "flexorch_samples", str(folder), "--count", "5", "--seed", "21"],
        check=True,
        capture_output=True,
    )
    broken = folder / "docs" / "broken" / "truncated.pdf"
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    return sorted(path for path in (folder / "docs").rglob("*") if path.is_file())


def _read_jsonl(fs, paths) -> list[dict]:  # noqa: ANN001
    rows = []
    for path in paths:
        rows += [json.loads(line) for line in fs.cat_file(path).decode().splitlines() if line]
    return rows


@pytest.mark.parametrize("store_fixture", ["s3_store", "gcs_store", "azure_store"])
def test_bucket_in_bucket_out(store_fixture, local_corpus, request) -> None:
    store = request.getfixturevalue(store_fixture)
    fs = store.fs()
    docs = next(parent for parent in local_corpus[0].parents if parent.name == "docs")
    inputs = []
    for path in local_corpus:
        url = store.url(f"in/{path.relative_to(docs).as_posix()}")
        fs.pipe_file(url, path.read_bytes())
        inputs.append(url)

    code = run(
        ["--input", store.url("in/**"), "--output", store.url("out"), "--formats",
         "jsonl,parquet", "--run_id", f"cloud-{store.scheme}"]
    )
    assert code == 0

    fs.invalidate_cache()
    written = [store.scheme + "://" + name for name in fs.find(store.url("out"))]
    jsonl = [p for p in written if "/out/jsonl/" in p and p.endswith(".jsonl")]
    parquet = [p for p in written if "/out/parquet/" in p and p.endswith(".parquet")]
    rejected = [p for p in written if "/out/rejected/" in p and p.endswith(".jsonl")]
    assert jsonl and parquet and rejected, written
    assert not [p for p in written if "beam-temp" in p or ".tmp-" in p], "temp files left"

    dataset_rows = _read_jsonl(fs, jsonl)
    rejected_rows = _read_jsonl(fs, rejected)
    parquet_rows = []
    for path in parquet:
        with fs.open(path, "rb") as handle:
            parquet_rows += pq.read_table(handle).to_pylist()

    # One record per input file in each dataset sink (no --min-grade: failures included);
    # rejected/ holds exactly the failed ones.
    assert sorted(row["source_uri"] for row in dataset_rows) == sorted(inputs)
    assert sorted(row["source_uri"] for row in parquet_rows) == sorted(inputs)
    failed = sorted(row["source_uri"] for row in dataset_rows if row["status"] == "failed")
    assert sorted(row["source_uri"] for row in rejected_rows) == failed
    broken = [row for row in dataset_rows if row["source_uri"].endswith("truncated.pdf")]
    assert [row["failure_reason"] for row in broken] == ["CORRUPT_FILE"]
    assert {row["run_id"] for row in dataset_rows} == {f"cloud-{store.scheme}"}

    # _SUCCESS, written last, lists exactly the dataset's objects (relative to the output)
    success = json.loads(fs.cat_file(store.url("out/_SUCCESS")))
    assert success["run_id"] == f"cloud-{store.scheme}"
    listed = {entry["path"] for entry in success["files"]}
    out_prefix = store.url("out") + "/"
    on_store = {p[len(out_prefix):] for p in written if p.startswith(out_prefix)}
    assert listed == on_store - {"_SUCCESS", "_STARTED"}, (listed, on_store)

    # another run into the same bucket folder: refused, then replaced with --overwrite
    again = ["--input", store.url("in/**"), "--output", store.url("out"), "--formats", "jsonl",
             "--run_id", f"again-{store.scheme}"]
    assert run(again) == 2
    if store.scheme == "s3":
        return  # the replacing run: on GCS (Beam's client) and az:// (our fsspec filesystem)
    assert run([*again, "--overwrite"]) == 0
    fs.invalidate_cache()
    success = json.loads(fs.cat_file(store.url("out/_SUCCESS")))
    now = {p[len(out_prefix):] for p in (store.scheme + "://" + n for n in fs.find(store.url("out")))}
    assert success["run_id"] == f"again-{store.scheme}"
    assert {entry["path"] for entry in success["files"]} == now - {"_SUCCESS", "_STARTED"}
    assert not [p for p in now if p.startswith("parquet/")]  # the old run's sink is gone
