"""The scheduled corpus build through the real SDK: an S3 connector (moto server on
loopback), a schedule triggered twice (the second run is incremental: --history skips what
the first built), a dataset.ready webhook received and verified, search and RAG chunks over
the synced dataset, its compliance report, an every-minute cron that fires on its own, and
per-key isolation of all of it."""
from __future__ import annotations

import json
import time

import httpx
import pytest
from flexorch_sdk.errors import FlexOrchError, NotFoundError, ValidationError
from sqlalchemy import select
from flexorch_sdk.rag import FlexOrchReader, FlexOrchRetriever

from flexorch_beam.server.webhooks import verify_signature

from .conftest import DOCUMENTS, RAW_EMAIL, RAW_IBAN, running_server
from .receiver import Receiver


def _wait_logs(client, connector_id, schedule_id, count, timeout_s=240):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        logs = client.connectors.schedule_logs(connector_id, schedule_id)
        done = [log for log in logs if log.status in ("completed", "failed")]
        if len(done) >= count:
            return done
        time.sleep(0.5)
    raise AssertionError(f"{count} sync run(s) did not finish in {timeout_s}s: {logs}")


def test_scheduled_sync_webhook_search_and_report(tmp_path, moto_s3):
    config, fs = moto_s3
    bucket = config["bucket"]
    names = list(DOCUMENTS)
    for name in names[:2]:
        fs.pipe(f"{bucket}/inbox/{name}", DOCUMENTS[name].encode())
    fs.pipe(f"{bucket}/elsewhere/ignored.txt", b"Not under the connector prefix.")
    with Receiver() as receiver, running_server(tmp_path / "data") as server:
        client = server.client(server.key("sdk"))
        exports = client.connectors.create("exports", "s3", {**config, "prefix": "exports"})
        hook = client.webhooks.register(receiver.url, ["dataset.ready"], auto_export={
            "connector_id": exports.id, "format": "jsonl", "prefix": "auto/"})

        connector = client.connectors.create("inbox", "s3", {**config, "prefix": "inbox"})
        assert connector.type == "s3" and connector.active
        assert connector.config == {"bucket": bucket, "prefix": "inbox", "region": "us-east-1",
                                    "endpoint_url": config["endpoint_url"]}  # no credential
        assert [c.id for c in client.connectors.list()] == [exports.id, connector.id]
        check = client.connectors.test(connector.id)
        assert check.success and check.latency_ms is not None
        assert client.connectors.get(connector.id).last_tested_at

        # An every-minute cron, on a prefix with no files: it fires by itself (no pipeline run).
        minutely = client.connectors.create_schedule(connector.id, "* * * * *", prefix_filter="none/")
        nightly = client.connectors.create_schedule(connector.id, "0 2 * * *")
        assert nightly.next_run_at and nightly.next_run_at.endswith("02:00:00Z")
        assert {s.id for s in client.connectors.list_schedules(connector.id)} == {minutely.id, nightly.id}

        queued = client.connectors.trigger_schedule(connector.id, nightly.id)
        assert queued.status in ("queued", "running") and queued.schedule_id == nightly.id
        first = _wait_logs(client, connector.id, nightly.id, 1)[0]
        assert first.status == "completed", first.error_message
        assert (first.files_found, first.files_new, first.files_skipped, first.files_failed) == (2, 2, 0, 0)

        # Incremental: one new file; the two built ones come from --history, not processed again.
        fs.pipe(f"{bucket}/inbox/{names[2]}", DOCUMENTS[names[2]].encode())
        client.connectors.trigger_schedule(connector.id, nightly.id)
        second = _wait_logs(client, connector.id, nightly.id, 2)[0]  # newest first
        assert second.id != first.id and second.status == "completed", second.error_message
        assert (second.files_found, second.files_new, second.files_skipped, second.files_failed) == (3, 1, 2, 0)

        # Each finished sync is a dataset of the key, announced by a signed dataset.ready.
        raw_logs = httpx.get(f"{server.base_url}/connectors/{connector.id}/schedules/{nightly.id}/logs",
                             headers={"X-API-KEY": client._transport._client.headers["X-API-KEY"]}).json()["data"]
        dataset_id = raw_logs[0]["dataset_id"]
        hits = receiver.wait_for(lambda r: json.loads(r[1])["data"]["dataset_id"] == dataset_id)
        headers, body = hits[0]
        assert headers["x-flexorch-event"] == "dataset.ready"
        assert verify_signature(hook.secret, headers["x-flexorch-timestamp"], body, headers["x-flexorch-signature"])
        pushed = json.loads(body)["data"]["auto_export"]  # the webhook's auto_export ran first
        assert pushed["files"] == 1 and pushed["url"].startswith(f"s3://{bucket}/exports/auto/")
        assert fs.cat(fs.find(pushed["url"])[0]).count(b"\n") == 3
        dataset = client.datasets.get(dataset_id)
        assert dataset.status == "ready" and dataset.row_count == 3 and dataset.pii_masked

        # Search and RAG over the masked text.
        assert dataset.index_status()["status"] == "not_indexed"
        assert dataset.index()["status"] == "indexing"
        deadline = time.monotonic() + 60
        while dataset.index_status()["status"] == "indexing" and time.monotonic() < deadline:
            time.sleep(0.2)
        status = dataset.index_status()
        assert status["status"] == "ready" and status["chunks_indexed"] == status["total_chunks"] >= 3
        results = client.search("late payment interest", top_k=3)
        assert results and "Late payment interest" in results[0].text
        assert results[0].dataset_id == dataset_id and results[0].metadata["pii_masked"] is True
        assert all(RAW_EMAIL not in r.text and RAW_IBAN not in r.text for r in results)
        assert client.search("warehouse pallets", filters={"pii_masked": False})[0].metadata["doc_type"]
        retriever = FlexOrchRetriever(client, quality_threshold="D", top_k=2)
        assert retriever.invoke("payment terms")[0].metadata["dataset_id"] == dataset_id
        page = dataset.chunks(page=1, page_size=2)
        assert page["total"] == status["total_chunks"] and len(page["items"]) == 2
        documents = FlexOrchReader(client).load_data(dataset_id, min_quality="D", page_size=2)
        assert len(documents) == page["total"] and all(RAW_EMAIL not in d.text for d in documents)

        report = dataset.compliance_report()
        assert {row["type"] for row in report["by_type"]} >= {"EMAIL", "IBAN"}
        assert report["documents"]["masked"] >= 1 and report["by_mask_mode"][0]["mask_mode"] == "placeholder"
        pdf = dataset.compliance_report("pdf")
        assert pdf.startswith(b"%PDF") and RAW_EMAIL.encode() not in pdf

        # The minutely schedule has fired by itself by now, or does so within its minute.
        logs = _wait_logs(client, connector.id, minutely.id, 1, timeout_s=75)
        assert logs[0].status == "completed" and logs[0].files_found == 0
        raw = httpx.get(f"{server.base_url}/connectors/{connector.id}/schedules/{minutely.id}/logs",
                        headers={"X-API-KEY": client._transport._client.headers["X-API-KEY"]}).json()["data"]
        assert raw[-1]["trigger"] == "cron"

        # Export to a second connector (its credentials used, not the environment's).
        written = dataset.export_to_s3(exports.id, "jsonl", prefix="daily/")
        assert written["s3_key"].startswith(f"s3://{bucket}/exports/daily/")
        assert fs.cat(written["s3_key"]).count(b"\n") == 3

        # Another key sees none of it.
        other = server.client(server.key("other"))
        assert other.connectors.list() == []
        for call in (lambda: other.connectors.get(connector.id),
                     lambda: other.connectors.test(connector.id),
                     lambda: other.connectors.trigger_schedule(connector.id, nightly.id),
                     lambda: other.connectors.schedule_logs(connector.id, nightly.id),
                     lambda: other.datasets.get(dataset_id).chunks(),
                     lambda: other._transport.get(f"/datasets/{dataset_id}/compliance-report")):
            with pytest.raises(NotFoundError):
                call()
        assert other.search("late payment interest") == []

        client.connectors.delete_schedule(connector.id, minutely.id)
        assert [s.id for s in client.connectors.list_schedules(connector.id)] == [nightly.id]
        client.connectors.delete(connector.id)
        assert [c.id for c in client.connectors.list()] == [exports.id]
        with pytest.raises(NotFoundError):
            client.connectors.trigger_schedule(connector.id, nightly.id)


def test_bad_connector_and_schedule_input(tmp_path, moto_s3, database_url):
    config, _fs = moto_s3
    with running_server(tmp_path / "data", database_url=database_url) as server:
        key = server.key("sdk")
        client = server.client(key)
        headers = {"X-API-KEY": key}
        for body in (
            {"name": "x", "type": "pinecone", "config": {"api_key": "k"}},  # not served here
            {"name": "x", "type": "s3", "config": {}},  # bucket missing
            {"name": "x", "type": "s3", "config": {"bucket": "a/b"}},
            {"name": "x", "type": "s3", "config": {"bucket": "b", "password": "p"}},  # unknown field
            {"name": "x", "type": "local", "config": {"path": "/etc"}},  # outside the allowed roots
            {"name": "", "type": "s3", "config": {"bucket": "b"}},
            {"name": "x", "type": "s3", "config": {"bucket": {"nested": "b"}}},
            {"name": "x", "type": "s3", "config": "s3://bucket"},
        ):
            response = httpx.post(f"{server.base_url}/connectors", json=body, headers=headers)
            assert response.status_code == 422, body
            assert response.json()["error"]["code"] == "VALIDATION_ERROR"
            assert "p" != response.json()["error"]["message"]
        assert client.connectors.list() == []
        connector = client.connectors.create("no such bucket", "s3", {**config, "bucket": "missing-bucket"})
        check = client.connectors.test(connector.id)
        assert not check.success and "testing" not in check.message and check.latency_ms is not None
        for cron in ("every day", "61 * * * *", "* * * *"):
            with pytest.raises(ValidationError):
                client.connectors.create_schedule(connector.id, cron)
        with pytest.raises(NotFoundError):
            client.connectors.create_schedule("999", "0 2 * * *")
        # A local folder under <data-dir>/sources is allowed (over HTTP: the SDK lists no local type).
        (server.settings.data_dir / "sources" / "inbox").mkdir(parents=True)
        response = httpx.post(f"{server.base_url}/connectors", headers=headers, json={
            "name": "local", "type": "local", "config": {"path": str(server.settings.data_dir / "sources" / "inbox")}})
        assert response.status_code == 201
        assert client.connectors.test(response.json()["data"]["id"]).success


def test_cron_fires_each_due_schedule_once(tmp_path, moto_s3, database_url):
    """The scheduler's firing on both databases: a due schedule queues one cron sync and
    moves to its next time; a second look at the same moment fires nothing."""
    from datetime import timedelta

    from flexorch_beam.server.db import utcnow

    config, _fs = moto_s3
    with running_server(tmp_path / "data", database_url=database_url,
                        start_workers=False) as server:  # no scheduler thread: fire by hand
        client = server.client(server.key("cron"))
        connector = client.connectors.create("inbox", "s3", {**config, "prefix": "none"})
        schedule = client.connectors.create_schedule(connector.id, "*/5 * * * *")
        scheduler = server.app.state.scheduler
        later = utcnow() + timedelta(minutes=5, seconds=1)
        assert scheduler.fire_due(later) == 1
        assert scheduler.fire_due(later) == 0
        moved = client.connectors.list_schedules(connector.id)[0]
        assert moved.next_run_at > schedule.next_run_at and moved.last_run_at
        assert scheduler.run_next() and not scheduler.run_next()
        log = client.connectors.schedule_logs(connector.id, schedule.id)[0]
        assert log.status == "completed" and log.files_found == 0


def test_process_from_s3_fetches_connector_keys_as_uploads(tmp_path, moto_s3):
    """The SDK's process_from_s3: the key's bytes are fetched and queued like an upload
    (workers off: nothing runs, the stored document is checked)."""
    import hashlib

    from flexorch_beam.server.models import Document

    config, fs = moto_s3
    text = DOCUMENTS["memo.txt"].encode()
    fs.pipe(f"{config['bucket']}/src/docs/memo.txt", text)
    with running_server(tmp_path / "data", start_workers=False) as server:
        client = server.client(server.key("src"))
        connector = client.connectors.create("src", "s3", {**config, "prefix": "src"})
        jobs = client.process_from_s3(connector.id, ["docs/memo.txt"])
        assert len(jobs) == 1 and jobs[0].status == "queued"
        with server.app.state.db.session() as session:
            document = session.scalars(select(Document)).one()
            assert document.filename == "memo.txt"
            assert document.sha256 == hashlib.sha256(text).hexdigest()
        for keys in (["../secret.txt"], ["/etc/passwd"], ["s3://other/x"]):
            with pytest.raises(ValidationError):
                client.process_from_s3(connector.id, keys)
        with pytest.raises(FlexOrchError) as missing:
            client.process_from_s3(connector.id, ["docs/missing.txt"])
        assert missing.value.error_code == "DOCUMENT_FILE_NOT_AVAILABLE"
        other = server.client(server.key("other"))
        with pytest.raises(NotFoundError):
            other.process_from_s3(connector.id, ["docs/memo.txt"])
