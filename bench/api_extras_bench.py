"""FlexOrch API extras benchmark (not a test): a scheduled corpus build through a connector,
first over most of the sample corpus and then, incrementally, over the whole of it; search
over the built dataset; webhook delivery; the compliance report. One run, one data dir:

    .venv/bin/python bench/api_extras_bench.py [--count 60] [--new 6] [--queries 200]

Measured:
- sync: wall time of the first scheduled run (COUNT-NEW files) and of the second (COUNT files,
  NEW of them new, the rest skipped through --history), side by side, and their ratio;
- webhook: seconds from a sync log's completion to the signed dataset.ready at a local
  receiver (its signature verified);
- index: seconds to index the second run's dataset (records, chunks, index bytes);
- privacy: every PII value the pipeline found (read from raw_text at the findings' spans; the
  bench key keeps raw text so the dataset holds it) looked for in the index file's bytes, and
  in the dataset's published text: none may be in the index that is not already published
  (a value the masking missed is in every sink, not only the index);
- search latency: p50/p95 of QUERIES queries (words drawn from the masked text) through the
  SDK (`client.search`, HTTP on loopback) and of the same queries on the index directly;
- compliance report: seconds for JSON and PDF through the SDK.
The server runs in this process (uvicorn thread, SQLite, DirectRunner, one worker).
"""
from __future__ import annotations

import argparse
import glob
import json
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pyarrow.parquet as pq
import uvicorn

from flexorch_beam.server import auth
from flexorch_beam.server.app import create_app
from flexorch_beam.server.db import Database, migrate
from flexorch_beam.server.search import SearchIndex
from flexorch_beam.server.settings import Settings
from flexorch_beam.server.webhooks import verify_signature

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "server" / "extras"))
from receiver import Receiver  # noqa: E402  (the tests' local webhook receiver)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def wait_logs(client, connector_id: str, schedule_id: str, count: int, timeout_s: float = 3600):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        done = [log for log in client.connectors.schedule_logs(connector_id, schedule_id)
                if log.status in ("completed", "failed")]
        if len(done) >= count:
            return done[0]
        time.sleep(0.5)
    raise SystemExit("sync did not finish")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--new", type=int, default=6)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--workdir", default="/tmp/flexorch_api_extras_bench")
    args = parser.parse_args()
    work = Path(args.workdir)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    subprocess.run([sys.executable, "-m", "flexorch_samples", str(work / "corpus"), "--count",
                    str(args.count), "--seed", str(args.seed)], check=True, capture_output=True)
    files = sorted(Path(p) for p in glob.glob(str(work / "corpus" / "docs" / "**" / "*"), recursive=True)
                   if Path(p).is_file())
    data_dir = work / "data"
    inbox = data_dir / "sources" / "inbox"
    inbox.mkdir(parents=True)
    first_files, new_files = files[: len(files) - args.new], files[len(files) - args.new:]
    for path in first_files:
        shutil.copy(path, inbox / f"{path.parent.name}_{path.name}")

    settings = Settings(data_dir=data_dir, rate_limit_per_minute=1_000_000, allow_private_urls=True,
                        extra={"scheduler_tick_s": 1.0, "webhook_tick_s": 0.2})
    db = Database(settings.db_url)
    migrate(db.engine)
    db.dispose()
    app = create_app(settings)
    port = __import__("socket").socket()
    port.bind(("127.0.0.1", 0))
    number = port.getsockname()[1]
    port.close()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=number, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{number}/v1"
    key = auth.create_key(app.state.db, "bench", privacy_profile="raw")[1]
    from flexorch_sdk import FlexOrchClient

    client = FlexOrchClient(key, base_url=base, max_retries=1, timeout=120)
    results: dict = {"files": len(files)}
    with Receiver() as receiver:
        hook = client.webhooks.register(receiver.url, ["dataset.ready"])
        response = httpx.post(f"{base}/connectors", headers={"X-API-KEY": key}, json={
            "name": "inbox", "type": "local", "config": {"path": str(inbox)}})
        connector_id = response.json()["data"]["id"]
        schedule = client.connectors.create_schedule(connector_id, "0 2 * * *")

        started = time.monotonic()
        client.connectors.trigger_schedule(connector_id, schedule.id)
        first = wait_logs(client, connector_id, schedule.id, 1)
        results["sync1_s"] = time.monotonic() - started
        results["sync1"] = (first.files_found, first.files_new, first.files_skipped, first.files_failed)

        for path in new_files:
            shutil.copy(path, inbox / f"{path.parent.name}_{path.name}")
        started = time.monotonic()
        client.connectors.trigger_schedule(connector_id, schedule.id)
        second = wait_logs(client, connector_id, schedule.id, 2)
        results["sync2_s"] = time.monotonic() - started
        results["sync2"] = (second.files_found, second.files_new, second.files_skipped, second.files_failed)
        logs = httpx.get(f"{base}/connectors/{connector_id}/schedules/{schedule.id}/logs",
                         headers={"X-API-KEY": key}).json()["data"]
        dataset_id = logs[0]["dataset_id"]
        hits = receiver.wait_for(lambda r: json.loads(r[1])["data"]["dataset_id"] == dataset_id)
        headers, body = hits[0]
        assert verify_signature(hook.secret, headers["x-flexorch-timestamp"], body, headers["x-flexorch-signature"])
        received_at = receiver.received_at[receiver.requests.index(hits[0])]
        from datetime import datetime, timezone
        done_at = datetime.fromisoformat(logs[0]["completed_at"].rstrip("Z")).replace(tzinfo=timezone.utc).timestamp()
        results["webhook_after_s"] = received_at - done_at

    dataset = client.datasets.get(dataset_id)
    started = time.monotonic()
    dataset.index()
    while dataset.index_status()["status"] == "indexing":
        time.sleep(0.05)
    results["index_s"] = time.monotonic() - started
    status = dataset.index_status()
    index_path = data_dir / "search" / "key_1.sqlite"
    results["index"] = (status["records_indexed"], status["chunks_indexed"], index_path.stat().st_size)

    # Privacy: every found value, read from raw_text at its span, must be absent from the index.
    from flexorch_beam.server.models import Dataset as DatasetRow
    with app.state.db.session() as session:
        folder = Path(session.get(DatasetRow, int(dataset_id)).path)
    values: set[str] = set()
    texts: list[str] = []
    for shard in sorted((folder / "parquet").glob("*.parquet")):
        for row in pq.read_table(shard, columns=["raw_text", "text", "pii_findings"]).to_pylist():
            texts.append(row["text"] or "")
            for finding in row["pii_findings"] or []:
                value = (row["raw_text"] or "")[finding["start"]:finding["end"]].strip()
                if len(value) >= 4:
                    values.add(value)
    blob = b"".join(p.read_bytes() for p in index_path.parent.glob("key_1.sqlite*"))
    leaked = [v for v in values if v.encode("utf-8") in blob]
    published = "\n".join(texts)
    results["pii_values"] = len(values)
    results["pii_leaked"] = len(leaked)
    # A value in the index that is also in the dataset's published (masked) text is a masking
    # miss upstream, in every sink; one that is not would be the index's own leak.
    results["pii_index_only"] = len([v for v in leaked if v not in published])

    words = sorted({w for t in texts for w in re.findall(r"[a-zA-Z]{5,}", t)})
    rng = random.Random(args.seed)
    queries = [" ".join(rng.sample(words, 2)) for _ in range(args.queries)]
    api_ms, direct_ms, hits_count = [], [], 0
    index = SearchIndex(index_path)
    for query in queries:
        started = time.perf_counter()
        found = client.search(query, top_k=10)
        api_ms.append((time.perf_counter() - started) * 1000)
        hits_count += bool(found)
        started = time.perf_counter()
        index.search(query, top_k=10)
        direct_ms.append((time.perf_counter() - started) * 1000)
    results["search_api_ms"] = (pct(api_ms, 0.5), pct(api_ms, 0.95))
    results["search_direct_ms"] = (pct(direct_ms, 0.5), pct(direct_ms, 0.95))
    results["queries_with_hits"] = hits_count
    started = time.monotonic()
    report = dataset.compliance_report()
    results["report_json_s"] = time.monotonic() - started
    started = time.monotonic()
    pdf = dataset.compliance_report("pdf")
    results["report_pdf_s"] = time.monotonic() - started
    results["report"] = (report["findings_total"], len(report["by_type"]), len(pdf))
    server.should_exit = True
    time.sleep(1)

    r = results
    print(f"files: {r['files']} (first sync {r['files'] - args.new}, then {args.new} new)")
    print(f"sync 1: {r['sync1_s']:.1f} s  found/new/skipped/failed {r['sync1']}")
    print(f"sync 2: {r['sync2_s']:.1f} s  found/new/skipped/failed {r['sync2']}  "
          f"ratio sync2/sync1 {r['sync2_s'] / r['sync1_s']:.2f}")
    print(f"webhook dataset.ready after the sync completed: {r['webhook_after_s']:.2f} s (signature verified)")
    print(f"index: {r['index_s']:.2f} s  records/chunks/bytes {r['index']}")
    print(f"privacy: {r['pii_values']} distinct PII values found by the pipeline, {r['pii_leaked']} in the index, "
          f"{r['pii_leaked'] - r['pii_index_only']} of them already in the dataset's published text, "
          f"{r['pii_index_only']} in the index only")
    print(f"search via SDK p50/p95 ms: {r['search_api_ms'][0]:.1f} / {r['search_api_ms'][1]:.1f}; "
          f"index alone: {r['search_direct_ms'][0]:.2f} / {r['search_direct_ms'][1]:.2f}; "
          f"{r['queries_with_hits']}/{len(queries)} queries with hits")
    print(f"compliance report: json {r['report_json_s']:.2f} s, pdf {r['report_pdf_s']:.2f} s; "
          f"findings/types/pdf bytes {r['report']}")
    return 0 if r["pii_index_only"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
