"""Webhooks through the SDK against a real server: registration, a signed delivery received
by a real local HTTP server, retries with backoff after a failure, the delivery log, and a
job event found by the watcher in the jobs table."""
from __future__ import annotations

import json
import time

import httpx
import pytest
from flexorch_sdk.errors import NotFoundError

from flexorch_beam.server.db import utcnow
from flexorch_beam.server.models import Job
from flexorch_beam.server.webhooks import sign, verify_signature

from .conftest import new_key, running_server
from .receiver import Receiver


def _deliveries(server, key, webhook_id):
    response = httpx.get(f"{server.base_url}/webhooks/{webhook_id}/deliveries", headers={"X-API-KEY": key})
    assert response.status_code == 200
    return response.json()["data"]["items"]


def test_failed_delivery_is_retried_with_backoff_and_signed(tmp_path, database_url):
    with Receiver(fail_first=1) as receiver, running_server(tmp_path / "data", database_url=database_url) as server:
        key_id, key = new_key(server, "hooks")
        client = server.client(key)
        hook = client.webhooks.register(receiver.url, ["job.completed", "job.failed"])
        assert hook.secret and hook.secret.startswith("whsec_")
        listed = client.webhooks.list()
        assert [w.id for w in listed] == [hook.id] and listed[0].secret is None
        # A job finishing in the jobs table (as the queue writes it) is an event.
        with server.app.state.db.session() as session:
            session.add(Job(id="job_hooktest", key_id=key_id, kind="data_process", status="completed",
                            quality_grade="B", quality_score=70.0, pii_findings_count=2,
                            created_at=utcnow(), completed_at=utcnow()))
        started = time.monotonic()
        delivered = receiver.wait_for(lambda r: True, timeout_s=30) and receiver.wait_for(
            lambda r: len(receiver.requests) >= 2, timeout_s=30)
        assert delivered
        first, second = receiver.requests[:2]
        assert time.monotonic() - started >= 0.3  # the backoff waited before the retry
        for headers, body in (first, second):
            assert headers["x-flexorch-event"] == "job.completed"
            assert verify_signature(hook.secret, headers["x-flexorch-timestamp"], body,
                                    headers["x-flexorch-signature"])
            assert not verify_signature("whsec_wrong", headers["x-flexorch-timestamp"], body,
                                        headers["x-flexorch-signature"])
        assert first[0]["x-flexorch-delivery"] == second[0]["x-flexorch-delivery"]  # one delivery, two attempts
        payload = json.loads(second[1])
        assert payload["event"] == "job.completed" and payload["data"]["job_id"] == "job_hooktest"
        assert payload["data"]["quality_grade"] == "B"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            log = _deliveries(server, key, hook.id)
            if log and log[0]["status"] == "delivered":
                break
            time.sleep(0.1)
        assert log[0]["status"] == "delivered" and log[0]["attempts"] == 2
        assert log[0]["last_status_code"] == 204
        # The event is delivered once, however often the watcher looks again.
        server.app.state.webhooks.watch()
        time.sleep(0.5)
        assert len(receiver.requests) == 2

        other = server.client(server.key("other"))
        assert other.webhooks.list() == []
        with pytest.raises(NotFoundError):
            other.webhooks.delete(hook.id)
        client.webhooks.delete(hook.id)
        assert client.webhooks.list() == []


def test_delivery_gives_up_after_max_attempts(tmp_path):
    with Receiver(fail_first=100) as receiver, running_server(tmp_path / "data") as server:
        key_id, key = new_key(server, "hooks")
        hook = server.client(key).webhooks.register(receiver.url, ["dataset.ready"])
        assert server.app.state.webhooks.emit(key_id, "dataset.ready", "dataset:1", {"dataset_id": "1"}) == 1
        assert server.app.state.webhooks.emit(key_id, "dataset.ready", "dataset:1", {"dataset_id": "1"}) == 0
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            log = _deliveries(server, key, hook.id)
            if log and log[0]["status"] == "failed":
                break
            time.sleep(0.1)
        assert log[0]["status"] == "failed" and log[0]["attempts"] == 4  # webhook_max_attempts
        assert log[0]["last_error"] == "HTTP 500" and len(receiver.requests) == 4


def test_registration_is_checked(tmp_path):
    with running_server(tmp_path / "data") as server:
        key = server.key("hooks")
        headers = {"X-API-KEY": key}
        bad = [
            {"url": "ftp://example.com/x", "events": ["job.completed"]},
            {"url": "http://user:pw@example.com/x", "events": ["job.completed"]},
            {"url": "http://example.com/x", "events": ["job.exploded"]},
            {"url": "http://example.com/x", "events": []},
        ]
        for body in bad:
            response = httpx.post(f"{server.base_url}/webhooks", json=body, headers=headers)
            assert response.status_code == 422, body
            assert response.json()["error"]["code"] == "VALIDATION_ERROR"
        response = httpx.post(f"{server.base_url}/webhooks", content=b"{not json", headers={
            **headers, "Content-Type": "application/json"})
        assert response.status_code == 422
        assert httpx.get(f"{server.base_url}/webhooks", headers=headers).json()["data"]["items"] == []


def test_signature_helpers():
    body = b'{"a":1}'
    header = sign("whsec_x", 1700000000, body)
    assert header.startswith("sha256=") and len(header) == 7 + 64
    assert verify_signature("whsec_x", "1700000000", body, header, now=1700000100)
    assert not verify_signature("whsec_x", "1700000000", body, header, now=1700009999)  # stale
    assert not verify_signature("whsec_x", "1700000000", body + b" ", header, now=1700000000)


def test_quota_warning_at_80_and_100_percent(tmp_path):
    from flexorch_beam.server import auth

    with Receiver() as receiver, running_server(tmp_path / "data") as server:
        key_id, key = auth.create_key(server.app.state.db, "quota", credits_limit=10)
        server.client(key).webhooks.register(receiver.url, ["quota.warning"])
        def finish(job_id, credits):
            with server.app.state.db.session() as session:
                session.add(Job(id=job_id, key_id=key_id, kind="data_process", status="completed",
                                credits=credits, created_at=utcnow(), completed_at=utcnow()))
        finish("job_q1", 5)
        time.sleep(1.0)
        assert receiver.requests == []  # 50 %: nothing
        finish("job_q2", 3)
        first = receiver.wait_for(lambda r: True)
        assert json.loads(first[0][1])["data"] == {"credits_used": 8, "credits_limit": 10, "percent": 80}
        finish("job_q3", 4)
        receiver.wait_for(lambda r: json.loads(r[1])["data"]["percent"] == 100)
        time.sleep(0.5)
        assert [json.loads(b)["data"]["percent"] for _, b in receiver.requests] == [80, 100]
