"""The published flexorch-sdk against `flexorch serve` on loopback, on SQLite and on a real
PostgreSQL: the SDK README's quick start, rows, profile, feedback, jobs, documents, usage,
per-key isolation, and records equal to `flexorch run` over the same file."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from .conftest import corpus_file, running_server

from flexorch_sdk import AuthError, NotFoundError  # noqa: E402

VOLATILE = ("created_at", "processing_ms")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def api(request, tmp_path_factory, corpus):
    database_url = None
    if request.param == "postgresql":
        database_url = request.getfixturevalue("postgres").create_database("flexorch_sdk_test")
    data_dir = tmp_path_factory.mktemp(f"api_{request.param}")
    with running_server(data_dir, database_url=database_url, poll_interval_s=0.2) as server:
        key = server.key("owner")
        client = server.client(key)
        pdf = corpus_file(corpus, "inv_*.pdf")
        # The SDK README's quick start, verbatim in spirit.
        job = client.process(pdf).wait(timeout=300, poll_interval=1)
        dataset = job.build_dataset().wait(timeout=300, poll_interval=1).dataset()
        exported = data_dir / "output.jsonl"
        dataset.export("jsonl", path=exported)
        yield {"server": server, "client": client, "key": key, "job": job, "dataset": dataset,
               "exported": exported, "pdf": pdf, "backend": request.param}
        client.close()


def test_quick_start_grades_scores_and_exports(api):
    job, dataset = api["job"], api["dataset"]
    assert job.status == "completed"
    assert job.quality_grade in ("A", "B", "C", "D") and 0 <= job.quality_score <= 100
    assert job.execution_id and job.pii_masked and job.pii_findings_count > 0
    assert dataset.row_count == 1 and dataset.status == "ready"
    assert {"jsonl", "parquet", "csv", "xlsx", "markdown", "xml", "hf"} <= set(dataset.available_formats)
    rows = [json.loads(line) for line in api["exported"].read_text().splitlines()]
    assert len(rows) == 1 and rows[0]["file_name"] == api["pdf"].name
    assert rows[0]["raw_text"] is None  # masked text only for a masked key
    assert rows[0]["quality_grade"] == job.quality_grade


def test_records_equal_flexorch_run_over_the_same_file(api, tmp_path):
    """The API's record is the record `flexorch run` makes of the same stored file with the
    same run id (only created_at/processing_ms differ). The database plays no part: SQLite only."""
    if api["backend"] != "sqlite":
        pytest.skip("records do not depend on the metadata database; checked on SQLite")
    row = json.loads(api["exported"].read_text().splitlines()[0])
    stored = httpx.URL(row["source_uri"]).path if "://" in row["source_uri"] else row["source_uri"]
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"files": [{"path": stored, "original_name": row["file_name"]}]}))
    out = tmp_path / "out"
    flexorch = Path(sys.executable).parent / "flexorch"  # the console command
    subprocess.run([str(flexorch), "run", "--manifest", str(manifest), "--output", str(out),
                    "--run-id", row["run_id"], "--progress=false"],
                   check=True, capture_output=True, timeout=600)
    cli_rows = [json.loads(line) for path in sorted((out / "jsonl").glob("*.jsonl"))
                for line in path.read_text().splitlines()]
    assert len(cli_rows) == 1

    def strip(record: dict) -> dict:  # timings differ run to run, nothing else may
        out = {k: v for k, v in record.items() if k not in VOLATILE}
        out["steps"] = [{k: v for k, v in step.items() if k != "ms"} for step in out.get("steps") or []]
        return out

    assert strip(cli_rows[0]) == strip(row)


def test_rows_profile_feedback_and_lists(api):
    client, job, dataset = api["client"], api["job"], api["dataset"]
    rows = dataset.rows(page=1, page_size=10)
    assert rows["pagination"]["total"] == 1 and "text" in rows["columns"]
    assert "raw_text" not in rows["columns"]
    assert dataset.rows(q="no such words anywhere xyz")["pagination"]["total"] == 0
    grade = job.quality_grade
    assert client._transport.get(f"/datasets/{dataset.id}/rows",
                                 params={"quality_grade": grade})["pagination"]["total"] == 1
    profile = dataset.profile()
    assert profile["record_count"] == 1
    assert client.jobs.get_feedback(job.id) is None
    first = client.jobs.submit_feedback(job.id, "down", issue="pii_missed", notes="n")
    second = client.jobs.submit_feedback(job.id, "up")
    assert first.id == second.id  # upsert
    got = client.jobs.get_feedback(job.id)
    assert (got.rating, got.issue) == ("up", None)
    listed = client.jobs.list()
    assert {j.id for j in listed} >= {job.id}
    assert any(j.status == "completed" and j.quality_grade == grade for j in listed)
    documents = client.documents.list()
    assert len(documents) == 1 and documents[0].filename == api["pdf"].name
    document = client.documents.get(documents[0].id)
    assert document.processing_count == 1 and document.related_datasets
    assert [d.id for d in client.datasets.list()] == [dataset.id]


def test_usage_counts_credits_by_the_documented_rule(api):
    usage = api["client"].usage.current()
    job = api["job"]
    from flexorch_beam.server.credits import credits_for

    row = json.loads(api["exported"].read_text().splitlines()[0])
    assert usage.credits_used == credits_for("completed", row["page_count"], row["ocr_used"]) >= 1
    history = api["client"].usage.history("7d")
    assert sum(item.credits_used for item in history) == usage.credits_used
    trend = api["client"].usage.quality_trend()
    assert trend and trend[-1].grade_distribution.get(job.quality_grade) == 1
    limits = api["client"].usage.rate_limits()
    assert limits.limit == 120 and limits.window_seconds == 60


def test_another_key_sees_nothing_and_a_wrong_key_is_refused(api):
    server, job, dataset = api["server"], api["job"], api["dataset"]
    other = server.client(server.key("other"))
    for call in (lambda: other.jobs.get(job.id), lambda: other.datasets.get(dataset.id),
                 lambda: other.documents.get(job.document_id),
                 lambda: other.jobs.get_feedback(job.id),
                 lambda: other.datasets.build_from_execution(job.execution_id)):
        with pytest.raises(NotFoundError) as caught:
            call()
        assert caught.value.error_code == "NOT_FOUND"
    assert other.jobs.list() == [] and other.datasets.list() == [] and other.documents.list() == []
    with pytest.raises(AuthError) as caught:
        server.client("fx_not_a_key").jobs.list()
    assert caught.value.error_code == "AUTH_REQUIRED"
    bearer = httpx.get(f"{server.base_url}/jobs/{job.id}",
                       headers={"Authorization": f"Bearer {api['key']}"})
    assert bearer.status_code == 200 and bearer.json()["data"]["id"] == job.id
    assert httpx.get(f"{server.base_url}/jobs").json()["error"]["code"] == "AUTH_REQUIRED"


def test_every_sink_format_exports(api):
    dataset = api["dataset"]
    server = api["server"]
    for fmt in ("jsonl", "csv", "parquet", "markdown", "md", "xml", "xlsx", "hf", "json"):
        response = httpx.get(f"{server.base_url}/datasets/{dataset.id}/export/{fmt}",
                             headers={"X-API-KEY": api["key"]})
        assert response.status_code == 200, (fmt, response.text[:200])
        assert response.content
    assert json.loads(dataset.export("json"))[0]["id"] == json.loads(
        api["exported"].read_text().splitlines()[0])["id"]
    target = server.settings.exports_dir / "out"
    refused = httpx.post(f"{server.base_url}/datasets/{dataset.id}/export-s3",
                         headers={"X-API-KEY": api["key"]},
                         json={"format": "jsonl", "url": f"file://{server.settings.data_dir}"})
    assert refused.status_code == 422 and not list(server.settings.data_dir.glob("execution-*"))
    unknown = httpx.get(f"{server.base_url}/datasets/{dataset.id}/export/pdf",
                        headers={"X-API-KEY": api["key"]})
    assert unknown.status_code == 422 and unknown.json()["error"]["code"] == "UNSUPPORTED_FORMAT"
    result = httpx.post(f"{server.base_url}/datasets/{dataset.id}/export-s3",
                        headers={"X-API-KEY": api["key"]},
                        json={"format": "jsonl", "url": f"file://{target}", "prefix": "exports"})
    assert result.status_code == 200, result.text
    written = list((target / "exports").iterdir())
    assert len(written) == 1 and written[0].read_bytes() == api["exported"].read_bytes()
    import fsspec  # an object-store URL: the server (in this process) writes to memory://

    result = httpx.post(f"{server.base_url}/datasets/{dataset.id}/export-s3",
                        headers={"X-API-KEY": api["key"]},
                        json={"format": "parquet", "url": f"memory://bucket-{api['backend']}"})
    assert result.status_code == 200, result.text
    key = result.json()["data"]["s3_key"]
    with fsspec.open(key, "rb") as handle:
        assert handle.read(4) == b"PAR1"


def test_negative_feedback_keeps_the_document_out_of_the_next_dataset(api, corpus):
    """POST /jobs/{id}/feedback writes the verdict to the feedback table beside the run's
    records (keyed by content hash); a dataset built afterwards sends the document to
    rejected/ with the feedback as reason, as `flexorch feedback` does."""
    client = api["client"]
    other = next(p for p in sorted(corpus.glob("**/*")) if p.is_file() and p != api["pdf"])
    job = client.process(other).wait(timeout=300, poll_interval=1)
    client.jobs.submit_feedback(job.id, "down", issue="wrong_values", notes="total is wrong")
    dataset = job.build_dataset().wait(timeout=300, poll_interval=1).dataset()
    profile = dataset.profile()
    assert dataset.row_count == 0 and profile["rejected_count"] == 1
    assert profile["reject_counts"] == {"NEGATIVE_FEEDBACK": 1}
    assert profile["feedback_code_counts"] == {"WRONG_FIELDS": 1}
