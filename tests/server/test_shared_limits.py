"""Two server processes' worth of apps on one database see ONE rate limit and one quota per key
(the counters live in the database), on SQLite and on a real PostgreSQL; the SDK still gets
429 with Retry-After and the X-RateLimit-* headers."""
from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from flexorch_sdk import QuotaError, RateLimitError

from flexorch_beam.server.auth import authenticate
from flexorch_beam.server.db import utcnow
from flexorch_beam.server.models import Job

from .conftest import corpus_file, running_server


@pytest.fixture(params=["sqlite", "postgresql"])
def two_servers(request, tmp_path):
    database_url = None
    if request.param == "postgresql":
        database_url = request.getfixturevalue("postgres").create_database(
            f"flexorch_limits_{uuid.uuid4().hex[:12]}")
    data_dir = tmp_path / "data"
    with running_server(data_dir, database_url=database_url, start_workers=False) as first, \
            running_server(data_dir, database_url=database_url, start_workers=False) as second:
        assert first.app.state.limiter is not second.app.state.limiter
        yield first, second


def test_one_rate_limit_across_servers_on_one_database(two_servers):
    first, second = two_servers
    key = first.key("shared", rate_limit_per_minute=6)
    headers = {"X-API-KEY": key}
    urls = [first.base_url, second.base_url] * 5  # 10 concurrent requests, 6 allowed

    def get(base: str) -> httpx.Response:
        return httpx.get(f"{base}/jobs", headers=headers, timeout=60)

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(get, urls))
    codes = sorted(r.status_code for r in answers)
    assert codes == [200] * 6 + [429] * 4, codes
    refused = next(r for r in answers if r.status_code == 429)
    assert refused.json()["error"]["code"] == "RATE_LIMIT_EXCEEDED"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.headers["X-RateLimit-Limit"] == "6" and refused.headers["X-RateLimit-Remaining"] == "0"
    # Both servers report the same window; the SDK raises its error with the retry time.
    for server in (first, second):
        window = httpx.get(f"{server.base_url}/usage/rate-limits", headers=headers).json()["data"]
        assert (window["limit"], window["used"], window["remaining"]) == (6, 6, 0)
        with pytest.raises(RateLimitError) as caught:
            server.client(key).jobs.list()
        assert caught.value.retry_after >= 1
    # Another key has its own window.
    assert httpx.get(f"{second.base_url}/jobs", headers={"X-API-KEY": second.key("other")}).status_code == 200


def test_one_quota_across_servers_on_one_database(two_servers, corpus):
    first, second = two_servers
    key = first.key("quota", credits_limit=3)
    key_id = authenticate(first.app.state.db, key).key_id
    with first.app.state.db.session() as session:  # 3 credits used, as a finished job records
        session.add(Job(id="job_quota_test", key_id=key_id, status="completed", credits=3,
                        created_at=utcnow(), completed_at=utcnow()))
    path = corpus_file(corpus, "*.txt")
    for server in (second, first):
        with pytest.raises(QuotaError):
            server.client(key).process(path)
        assert server.client(key).usage.current().credits_used == 3
