"""What the shared rate limit costs a request: `GET /v1/jobs` latency with the database-backed
limiter (ratelimit.py, shared by every server process) against an in-process sliding window
(the limiter before, kept here only to compare), side by side on one server, alternating
rounds, on SQLite (and PostgreSQL with --database-url).

    .venv/bin/python bench/api_limits_bench.py [--requests 400] [--threads 4] [--rounds 3] [--postgres]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.server.conftest import running_server  # noqa: E402

from flexorch_beam.server.ratelimit import WINDOW_S, Decision  # noqa: E402


class InProcessLimiter:
    """The per-process window the server had before (for comparison only)."""

    def __init__(self) -> None:
        self._hits: dict[int, deque] = {}
        self._lock = threading.Lock()

    def hit(self, key_id: int, limit: int) -> Decision:
        with self._lock:
            now = time.monotonic()
            hits = self._hits.setdefault(key_id, deque())
            while hits and hits[0] <= now - WINDOW_S:
                hits.popleft()
            if len(hits) >= limit:
                return Decision(False, limit, len(hits), 0, 1)
            hits.append(now)
            return Decision(True, limit, len(hits), limit - len(hits), 0)

    def peek(self, key_id: int, limit: int) -> Decision:
        return Decision(True, limit, 0, limit, 0)


def measure(base: str, key: str, requests: int, threads: int) -> list[float]:
    def one(_index: int) -> float:
        started = time.perf_counter()
        response = client.get(f"{base}/jobs", headers={"X-API-KEY": key})
        assert response.status_code == 200, response.status_code
        return (time.perf_counter() - started) * 1000

    with httpx.Client(timeout=60) as client, ThreadPoolExecutor(threads) as pool:
        return list(pool.map(one, range(requests)))


def pct(values: list[float], q: float) -> float:
    return sorted(values)[min(len(values) - 1, int(q * len(values)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--postgres", action="store_true",
                        help="start a PostgreSQL server (Debian's, as the tests do) and use it")
    args = parser.parse_args()
    args.database_url = None
    pg = None
    if args.postgres:
        import os

        from tests.server.conftest import Postgres, tempfile_root

        pg = Postgres(Path(tempfile_root()) / f"flexorch-bench-pg-{os.getpid()}")
        pg.start()
        args.database_url = pg.create_database("bench_limits")
    try:
        return run(args)
    finally:
        if pg is not None:
            pg.stop()
            import shutil

            shutil.rmtree(pg.root, ignore_errors=True)


def run(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory() as folder, \
            running_server(Path(folder), database_url=args.database_url, start_workers=False,
                           rate_limit_per_minute=10_000_000) as server:
        key = server.key("bench")
        shared, local = server.app.state.limiter, InProcessLimiter()
        times: dict[str, list[float]] = {"database (shared)": [], "in-process": []}
        measure(server.base_url, key, 50, args.threads)  # warm-up
        for _round in range(args.rounds):
            for name, limiter in (("database (shared)", shared), ("in-process", local)):
                server.app.state.limiter = limiter
                times[name] += measure(server.base_url, key, args.requests, args.threads)
        print(f"backend: {'PostgreSQL' if args.database_url else 'SQLite'}; "
              f"{args.rounds} x {args.requests} GET /v1/jobs per limiter, {args.threads} threads")
        base = statistics.median(times["in-process"])
        print("| limiter | p50 ms | p95 ms | p50 ratio |\n|---|---|---|---|")
        for name, values in times.items():
            print(f"| {name} | {statistics.median(values):.1f} | {pct(values, 0.95):.1f} | "
                  f"{statistics.median(values) / base:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
