"""Fixtures of the API extras (connectors, webhooks, search, compliance): one real dataset
built by the Beam pipeline (in-process DirectRunner, no sandbox: fast) over documents that
hold PII, with --keep-raw-text so the raw values sit in the dataset's raw_text column: the
index and the report must still never see them."""
from __future__ import annotations

import apache_beam as beam
import pytest

from flexorch_beam import pipeline as pipeline_module
from flexorch_beam.config import ProcessingConfig

# Values the PII step finds (an e-mail, a checksummed IBAN, a US SSN with its context word).
RAW_EMAIL = "ayse.yilmaz@example.com"
RAW_IBAN = "DE89 3704 0044 0532 0130 00"
RAW_SSN = "536-22-8726"

DOCUMENTS = {
    "invoice.txt": (
        "INVOICE INV-2041\nVendor: Northwind Traders GmbH\nContact: " + RAW_EMAIL + "\n"
        "Pay to IBAN " + RAW_IBAN + " within thirty days.\n\n"
        "Payment terms: net 30. Late payment interest applies after the due date.\n"
        "Total amount due: 1,250.00 EUR\n"
    ),
    "memo.txt": (
        "Internal memo about the warehouse delivery schedule for spring.\n\n"
        "Trucks arrive on Mondays; pallets are counted and signed for at the gate.\n"
    ),
    "hr.txt": (
        "Employee record update. SSN: " + RAW_SSN + "\n"
        "The employee moved to the logistics department in March.\n"
    ),
}


def build_dataset(folder, out, run_id="extras", **config):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    settings = ProcessingConfig(run_id=run_id, sandbox=False, formats=("jsonl", "parquet"), **config)
    pipe = beam.Pipeline()
    pipeline_module.build(pipe, settings, str(out), globs=[str(folder / "*.txt")])
    pipe.run().wait_until_finish()
    return out


@pytest.fixture(scope="session")
def built_dataset(tmp_path_factory):
    """A finished dataset folder (with raw_text kept) over DOCUMENTS."""
    root = tmp_path_factory.mktemp("extras-dataset")
    return build_dataset(root / "inbox", root / "out", keep_raw_text=True)


# -- a real server on loopback, driven by the real flexorch-sdk (tests/server/conftest.py) ----
import socket  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402
from contextlib import contextmanager  # noqa: E402

from ..conftest import RunningServer, free_port  # noqa: E402
from flexorch_beam.server.settings import Settings  # noqa: E402

# Short ticks so schedules, webhooks and their retries run within a test.
FAST = {"scheduler_tick_s": 0.3, "webhook_tick_s": 0.1, "webhook_backoff_s": 0.3,
        "webhook_max_attempts": 4, "webhook_timeout_s": 5.0}


def new_key(server, name: str) -> tuple[int, str]:
    """A key and its id (the webhook tests emit events for a key id)."""
    from flexorch_beam.server import auth

    return auth.create_key(server.app.state.db, name)


@contextmanager
def running_server(data_dir, **settings):
    """The core tests' server, with fast ticks, a rate limit the polling tests stay under, and
    loopback URLs allowed (`flexorch serve --allow-private-urls`)."""
    settings["extra"] = {**FAST, **settings.get("extra", {})}
    settings.setdefault("rate_limit_per_minute", 100_000)
    settings.setdefault("allow_private_urls", True)  # receivers and emulators on loopback
    server = RunningServer(Settings(data_dir=data_dir, **settings)).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def moto_s3():
    """A moto S3 server on loopback; its endpoint and keys go in connector configs only (the
    environment of the tests and of the server stays without AWS settings)."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/moto-api/reset",
                                                  method="POST")).close()
    config = {"bucket": "flexorch-inbox", "region": "us-east-1",
              "endpoint_url": f"http://127.0.0.1:{port}",
              "access_key_id": "testing", "secret_access_key": "testing"}
    import s3fs

    fs = s3fs.S3FileSystem(key="testing", secret="testing", endpoint_url=config["endpoint_url"],
                           skip_instance_cache=True)
    fs.mkdir(config["bucket"])
    try:
        yield config, fs
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request):
    """None (SQLite in the data dir) or a fresh database on the core tests' PostgreSQL."""
    if request.param == "sqlite":
        return None
    import uuid

    return request.getfixturevalue("postgres").create_database(f"extras_{uuid.uuid4().hex[:12]}")
