"""Real object-store emulators on free loopback ports, started and stopped by the tests:
S3 (moto's server), GCS (gcp-storage-emulator), Azure Blob (azurite from npm, installed into
``.tools/azurite`` by ``make tools``). Each fixture sets the usual environment variables the
clients read (AWS_*, STORAGE_EMULATOR_HOST + Google ADC, AZURE_STORAGE_CONNECTION_STRING)
for one test module and restores them after (each module gets fresh servers)."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import fsspec
import pytest

REPO = Path(__file__).resolve().parents[2]
AZURITE = REPO / ".tools" / "azurite" / "node_modules" / ".bin" / "azurite-blob"
# Azurite's documented development account (public, fixed, not a secret).
AZURITE_ACCOUNT = "devstoreaccount1"
AZURITE_KEY = (
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
)
BUCKET = "flexorch-test"


@dataclass(frozen=True)
class Store:
    """One emulated object store, by URL scheme (its clients configured from the env)."""

    scheme: str

    def url(self, path: str) -> str:
        return f"{self.scheme}://{BUCKET}/{path}"

    def fs(self) -> fsspec.AbstractFileSystem:
        return fsspec.filesystem(self.scheme, skip_instance_cache=True)


def _fresh_clients() -> None:
    """fsspec caches filesystem instances, and with them the endpoint they were built with."""
    for protocol in ("s3", "gs", "az"):
        fsspec.get_filesystem_class(protocol).clear_instance_cache()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, what: str, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} is not listening on 127.0.0.1:{port} after {timeout_s}s")


@pytest.fixture(scope="module")
def s3_store():
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    _wait_for_port(port, "moto")
    # moto keeps its state per process, across servers: start each module from empty.
    urllib.request.urlopen(
        urllib.request.Request(f"http://127.0.0.1:{port}/moto-api/reset", method="POST")
    ).close()
    with pytest.MonkeyPatch.context() as patch:
        # Read by s3fs (through botocore) and by Beam's boto3 client alike.
        patch.setenv("AWS_ACCESS_KEY_ID", "testing")
        patch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        patch.setenv("AWS_DEFAULT_REGION", "us-east-1")
        patch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{port}")
        patch.delenv("AWS_PROFILE", raising=False)
        _fresh_clients()
        store = Store("s3")
        store.fs().mkdir(BUCKET)
        try:
            yield store
        finally:
            _fresh_clients()
            server.stop()


@pytest.fixture(scope="module")
def gcs_store(tmp_path_factory):
    from gcp_storage_emulator.server import create_server

    port = _free_port()
    server = create_server("127.0.0.1", port, in_memory=True, default_bucket=BUCKET)
    server.start()
    _wait_for_port(port, "gcp-storage-emulator")
    # Google's ADC accepts an authorized_user file with a token that never expires: no
    # refresh, so no call to Google's token endpoint; the emulator ignores the header.
    # Without it Beam's GCS client retries google.auth.default() for ~30 s per process.
    adc = tmp_path_factory.mktemp("gcs") / "adc.json"
    adc.write_text(json.dumps({
        "type": "authorized_user", "client_id": "emulator", "client_secret": "emulator",
        "refresh_token": "emulator", "token": "emulator", "expiry": "2999-01-01T00:00:00Z",
    }))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STORAGE_EMULATOR_HOST", f"http://127.0.0.1:{port}")
        patch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(adc))
        patch.setenv("GOOGLE_CLOUD_PROJECT", "demo-project")
        # gcsfs >= 2025.x asks the Storage Control gRPC API for the bucket layout first; an
        # emulator has none, and the lookup times out after 60 s. The core class skips it.
        patch.setenv("GCSFS_EXPERIMENTAL_ZB_HNS_SUPPORT", "false")
        import gcsfs.core

        previous = fsspec.get_filesystem_class("gs")
        fsspec.register_implementation("gs", gcsfs.core.GCSFileSystem, clobber=True)
        _fresh_clients()
        try:
            yield Store("gs")
        finally:
            _fresh_clients()
            fsspec.register_implementation("gs", previous, clobber=True)
            server.stop()


@pytest.fixture(scope="module")
def azure_store(tmp_path_factory):
    if not AZURITE.exists():
        pytest.fail(f"azurite is not installed at {AZURITE}: run `make tools` (npm install)")
    node = shutil.which("node")
    assert node, "node is required to run azurite"
    port = _free_port()
    log = tmp_path_factory.mktemp("azurite") / "azurite.log"
    with log.open("wb") as handle:
        process = subprocess.Popen(
            [str(AZURITE), "--blobHost", "127.0.0.1", "--blobPort", str(port),
             "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--silent"],
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for_port(port, "azurite")
        connection = (
            f"DefaultEndpointsProtocol=http;AccountName={AZURITE_ACCOUNT};"
            f"AccountKey={AZURITE_KEY};BlobEndpoint=http://127.0.0.1:{port}/{AZURITE_ACCOUNT};"
        )
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("AZURE_STORAGE_CONNECTION_STRING", connection)
            _fresh_clients()
            store = Store("az")
            store.fs().mkdir(BUCKET)
            try:
                yield store
            finally:
                _fresh_clients()
    finally:
        process.terminate()  # in-memory: nothing to flush, so no long graceful wait
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
