"""Bad input gets its documented code, and nothing is stored (no file, no row). The queue is
off here: none of these requests may reach the pipeline anyway."""
from __future__ import annotations

import os

import httpx
import pytest
from sqlalchemy import func, select

from flexorch_sdk import FlexOrchError, NotFoundError, QuotaError, RateLimitError, ValidationError

from flexorch_beam.server.db import utcnow
from flexorch_beam.server.models import Document, Execution, Job

from .conftest import corpus_file, running_server


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("api_bad")
    with running_server(data_dir, start_workers=False, max_upload_mb=0.05) as server:
        yield server


def stored(server) -> tuple[int, int, list[str]]:
    """(documents, jobs, files under uploads/) right now."""
    with server.app.state.db.session() as session:
        documents = session.scalar(select(func.count()).select_from(Document))
        jobs = session.scalar(select(func.count()).select_from(Job))
    files = [os.path.join(root, name) for root, _dirs, names in os.walk(server.settings.uploads_dir)
             for name in names]
    return documents, jobs, files


def upload(server, key, files, data=None):
    return httpx.post(f"{server.base_url}/data-process/async", headers={"X-API-KEY": key},
                      files=files, data=data or {})


def test_oversized_upload_is_cut_off_and_nothing_stored(api, tmp_path):
    key = api.key()
    big = tmp_path / "big.txt"
    big.write_bytes(b"invoice total 12.00 EUR\n" * 5000)  # ~120 KB > 0.05 MB
    with pytest.raises(FlexOrchError) as caught:
        api.client(key).process(big)
    assert (caught.value.status_code, caught.value.error_code) == (413, "FILE_TOO_LARGE")
    assert stored(api) == (0, 0, [])


def test_unknown_format_is_refused(api, tmp_path):
    key = api.key()
    blob = tmp_path / "blob.bin"
    blob.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(ValidationError) as caught:
        api.client(key).process(blob)
    assert caught.value.error_code == "UNSUPPORTED_FILE"
    assert stored(api) == (0, 0, [])


@pytest.mark.parametrize("name", ["../../evil.txt", "..\\..\\evil.txt", "/etc/cron.d/evil", "..", ""])
def test_path_traversal_names_are_refused(api, name):
    response = upload(api, api.key(), {"files": (name, b"Invoice no 1, total 10.00 EUR", "text/plain")})
    assert response.status_code in (400, 422)
    assert response.json()["error"]["code"] in ("INVALID_FILE_NAME", "MISSING_INPUT")
    assert stored(api) == (0, 0, [])
    assert not (api.settings.data_dir.parent / "evil.txt").exists()


def test_one_bad_file_in_a_batch_is_listed_the_rest_accepted(api, corpus):
    key = api.key()
    good = corpus_file(corpus, "*.txt")
    response = upload(api, key, [("files", (good.name, good.read_bytes(), "text/plain")),
                                 ("files", ("../x.txt", b"hello", "text/plain")),
                                 ("files", ("y.bin", bytes(range(256)) * 4, "application/octet-stream"))])
    assert response.status_code == 202
    data = response.json()["data"]
    assert data["accepted"] == 1 and len(data["jobs"]) == 1 and data["jobs"][0]["status"] == "queued"
    assert sorted(r["code"] for r in data["rejected"]) == ["INVALID_FILE_NAME", "UNSUPPORTED_FILE"]
    documents, jobs, files = stored(api)
    assert (documents, jobs, len(files)) == (1, 1, 1) and files[0].endswith(good.name)
    # clean up for the other tests' "nothing stored" counts
    with api.app.state.db.session() as session:
        for job in session.scalars(select(Job)):
            session.delete(job)
        session.flush()
        for document in session.scalars(select(Document)):
            session.delete(document)
        for execution in session.scalars(select(Execution)):
            session.delete(execution)
    os.remove(files[0])


@pytest.mark.parametrize("config", ["{not json", "[1, 2]", '{"rm -rf": "x"}', '{"mask_mode": "nope"}'])
def test_malformed_pipeline_config_is_refused(api, corpus, config):
    good = corpus_file(corpus, "*.txt")
    response = upload(api, api.key(), {"files": (good.name, good.read_bytes(), "text/plain")},
                      {"pipeline_config": config})
    assert response.status_code == 422 and response.json()["error"]["code"] == "VALIDATION_ERROR"
    assert stored(api) == (0, 0, [])


def test_malformed_json_bodies_and_bad_locale(api, corpus):
    key = api.key()
    headers = {"X-API-KEY": key, "Content-Type": "application/json"}
    for path in ("/jobs/job_x/feedback", "/datasets/build-from-execution/1"):
        response = httpx.post(f"{api.base_url}{path}", headers=headers, content=b"{bad json")
        assert response.status_code == 422 and response.json()["error"]["code"] == "VALIDATION_ERROR"
    good = corpus_file(corpus, "*.txt")
    response = upload(api, key, {"files": (good.name, good.read_bytes(), "text/plain")},
                      {"locale": "../../etc"})
    assert response.json()["error"]["code"] == "VALIDATION_ERROR"
    response = httpx.post(f"{api.base_url}/data-process/async", headers=headers, content=b"{}")
    assert response.status_code == 400 and response.json()["error"]["code"] == "MISSING_INPUT"
    assert stored(api) == (0, 0, [])


def test_unknown_ids_are_not_found(api):
    client = api.client(api.key())
    for call in (lambda: client.jobs.get("job_nope"), lambda: client.documents.get("999"),
                 lambda: client.documents.get("abc"), lambda: client.datasets.get("999"),
                 lambda: client.datasets.build_from_execution(999),
                 lambda: client.jobs.submit_feedback("job_nope", "up")):
        with pytest.raises(NotFoundError) as caught:
            call()
        assert caught.value.error_code == "NOT_FOUND"
    response = httpx.get(f"{api.base_url}/datasets/999/export/jsonl",
                         headers={"X-API-KEY": api.key()})
    assert response.status_code == 404


def test_quota_exceeded(api, corpus):
    key = api.key("quota", credits_limit=1)
    with api.app.state.db.session() as session:  # this key has already spent its one credit
        from flexorch_beam.server.auth import hash_key
        from flexorch_beam.server.models import ApiKey

        key_id = session.scalar(select(ApiKey.id).where(ApiKey.key_hash == hash_key(key)))
        execution = Execution(key_id=key_id, status="completed", locale="und", pipeline_config="{}",
                              created_at=utcnow())
        session.add(execution)
        session.flush()
        session.add(Job(id="job_spent", key_id=key_id, kind="data_process", status="completed",
                        execution_id=execution.id, signature="", options="{}", credits=1,
                        pii_type_summary="{}", warning_codes="[]", created_at=utcnow(),
                        completed_at=utcnow(), ocr_used=False, privacy_applied=False,
                        pii_findings_count=0, attempts=1))
    client = api.client(key)
    with pytest.raises(QuotaError) as caught:
        client.process(corpus_file(corpus, "*.txt"))
    assert caught.value.error_code == "QUOTA_EXCEEDED"
    usage = client.usage.current()
    assert (usage.credits_used, usage.credits_limit, usage.credits_remaining) == (1, 1, 0)
    with api.app.state.db.session() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 0
        session.delete(session.get(Job, "job_spent"))


def test_a_burst_is_rate_limited_with_a_retry_time(api):
    key = api.key("burst", rate_limit_per_minute=5)
    client = api.client(key)
    for _ in range(5):
        client.jobs.list()
    assert client.usage.rate_limits().remaining == 0  # reading the limits uses no slot
    with pytest.raises(RateLimitError) as caught:
        client.jobs.list()
    assert 1 <= caught.value.retry_after <= 60
    response = httpx.get(f"{api.base_url}/jobs", headers={"X-API-KEY": key})
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "RATE_LIMIT_EXCEEDED"
    assert int(response.headers["Retry-After"]) >= 1
    assert response.headers["X-RateLimit-Limit"] == "5"
    assert response.headers["X-RateLimit-Remaining"] == "0"
    other = api.key("calm")  # the limit is per key
    ok = httpx.get(f"{api.base_url}/jobs", headers={"X-API-KEY": other})
    assert ok.status_code == 200 and ok.headers["X-RateLimit-Remaining"] == "119"
