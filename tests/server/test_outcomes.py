"""Outcomes beyond the quick start: a multi-file upload is one execution and one pipeline
run; a document the pipeline cannot read is a failed job with its failure code (JobFailedError
in the SDK); reprocess queues the stored file again; a key with the raw privacy profile gets
raw_text, a masked key never does."""
from __future__ import annotations

import json

import httpx
import pytest
from sqlalchemy import select

from flexorch_sdk import JobFailedError

from flexorch_beam.server.models import Job

from .conftest import corpus_file, running_server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running_server(tmp_path_factory.mktemp("api_outcomes"), poll_interval_s=0.2) as running:
        running.events = []
        running.app.state.queue.listeners.append(lambda event, payload: running.events.append((event, payload)))
        yield running


def test_a_batch_is_one_run_and_a_bad_document_fails_with_its_code(server, corpus):
    key = server.key()
    client = server.client(key)
    good = corpus_file(corpus, "*.txt")
    other = corpus_file(corpus, "*.html")  # other content than `good`: not an exact duplicate
    response = httpx.post(f"{server.base_url}/data-process/async", headers={"X-API-KEY": key},
                          files=[("files", (good.name, good.read_bytes(), "text/plain")),
                                 ("files", ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog", "application/pdf")),
                                 # PII in the name: masked in the record's file_name and source_uri
                                 ("files", ("Jane_Doe_SSN_123-45-6789.html", other.read_bytes(), "text/html"))])
    assert response.status_code == 202
    data = response.json()["data"]
    jobs = [client.jobs.get(j["id"]) for j in data["jobs"]]
    assert len({j.execution_id for j in jobs}) == 1
    jobs[0].wait(timeout=300, poll_interval=1)
    named = jobs.pop().wait(timeout=300, poll_interval=1)  # its record found despite the masking
    assert named.status == "completed"
    with pytest.raises(JobFailedError) as caught:
        jobs[1].wait(timeout=300, poll_interval=1)
    assert caught.value.failure_reason.startswith(("CORRUPT_FILE", "UNPROCESSABLE"))
    with server.app.state.db.session() as session:
        run_ids = set(session.scalars(select(Job.run_id).where(Job.id.in_([j.id for j in jobs]))))
    assert len(run_ids) == 1  # one upload batch, one pipeline run
    # A failed document still has its record in the dataset built from the execution.
    dataset = jobs[0].build_dataset().wait(timeout=300, poll_interval=1).dataset()
    assert dataset.row_count == 3
    statuses = sorted(r["status"] for r in dataset.rows()["rows"])
    assert statuses == ["completed", "completed", "failed"]
    assert "123-45-6789" not in json.dumps(dataset.rows()["rows"])
    assert all("raw_text" not in r for r in dataset.rows()["rows"])  # a masked key
    events = {(event, payload["job_id"]) for event, payload in server.events}
    assert {("job.completed", jobs[0].id), ("job.failed", jobs[1].id)} <= events
    assert any(event == "dataset.ready" and payload["dataset_id"] == int(dataset.id)
               for event, payload in server.events)
    assert all("text" not in payload for _event, payload in server.events)
    # Reprocess: the stored file again, a new job of its own.
    document = client.documents.get(str(jobs[0].document_id))
    again = document.reprocess().wait(timeout=300, poll_interval=1)
    assert again.id != jobs[0].id and again.status == "completed"
    assert again.quality_score == jobs[0].quality_score
    assert client.documents.get(str(jobs[0].document_id)).processing_count == 2


def test_raw_text_only_for_a_key_whose_profile_keeps_it(server, corpus):
    raw_key = server.key("raw", privacy_profile="raw")
    client = server.client(raw_key)
    job = client.process(corpus_file(corpus, "inv_*.pdf")).wait(timeout=300, poll_interval=1)
    dataset = job.build_dataset().wait(timeout=300, poll_interval=1).dataset()
    row = dataset.rows()["rows"][0]
    assert row["raw_text"] and row["privacy_applied"] and row["raw_text"] != row["text"]
