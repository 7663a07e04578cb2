"""Connectors of flexorch serve against the object-store emulators: each is configured only
from its connector config (the emulator's environment variables are removed), tested, listed
under its prefix, and turned into the environment a `flexorch run` worker process gets."""
from __future__ import annotations

import json

import pytest

from flexorch_beam.server import connectors

from .conftest import AZURITE_ACCOUNT, AZURITE_KEY, BUCKET

CLOUD_ENV = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL",
             "AZURE_STORAGE_CONNECTION_STRING", "STORAGE_EMULATOR_HOST", "GOOGLE_APPLICATION_CREDENTIALS")


def _put(store, names):
    fs = store.fs()
    for name in names:
        fs.pipe(store.url(name), b"payment terms net 30")


def _check(type_, config, monkeypatch, tmp_path):
    endpoint_env = {v: __import__("os").environ.get(v) for v in CLOUD_ENV}
    for name in CLOUD_ENV:  # the connector's own config must be enough
        monkeypatch.delenv(name, raising=False)
    public, secret = connectors.split_config(type_, config)
    for value in secret.values():
        assert value not in json.dumps(public)
    target = connectors.target(type_, public, secret, allow_private=True)  # emulators on loopback
    result = connectors.test_connection(target)
    assert result["success"], result
    files = connectors.list_files(target, prefix_filter="2026/")
    assert [f["key"] for f in files] == ["2026/a.txt", "2026/b.txt"]
    assert all(f["size"] == 20 for f in files)
    env = connectors.pipeline_env(target, tmp_path)
    return files, env, endpoint_env


def test_s3_connector(s3_store, monkeypatch, tmp_path):
    _put(s3_store, ["conn/2026/a.txt", "conn/2026/b.txt", "conn/2025/c.txt", "other/d.txt"])
    import os
    endpoint = os.environ["AWS_ENDPOINT_URL"]
    files, env, _ = _check("s3", {"bucket": BUCKET, "prefix": "conn", "endpoint_url": endpoint,
                                  "region": "us-east-1", "access_key_id": "testing",
                                  "secret_access_key": "testing"}, monkeypatch, tmp_path)
    assert files[0]["url"] == f"s3://{BUCKET}/conn/2026/a.txt"
    assert env == {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                   "AWS_ENDPOINT_URL": endpoint, "AWS_DEFAULT_REGION": "us-east-1"}


def test_azure_connector(azure_store, monkeypatch, tmp_path):
    _put(azure_store, ["conn/2026/a.txt", "conn/2026/b.txt", "conn/2025/c.txt"])
    import os
    connection = os.environ["AZURE_STORAGE_CONNECTION_STRING"]
    files, env, _ = _check("azure_blob", {"container": BUCKET, "prefix": "conn",
                                          "connection_string": connection}, monkeypatch, tmp_path)
    assert files[0]["url"] == f"az://{BUCKET}/conn/2026/a.txt"
    assert env == {"AZURE_STORAGE_CONNECTION_STRING": connection}
    assert AZURITE_ACCOUNT in connection and AZURITE_KEY  # the emulator's public dev account


def test_gcs_connector(gcs_store, monkeypatch, tmp_path):
    _put(gcs_store, ["conn/2026/a.txt", "conn/2026/b.txt", "conn/2025/c.txt"])
    import os
    endpoint = os.environ["STORAGE_EMULATOR_HOST"]
    files, env, _ = _check("gcs", {"bucket": BUCKET, "prefix": "conn", "endpoint_url": endpoint,
                                   "project": "demo-project"}, monkeypatch, tmp_path)
    assert files[0]["url"] == f"gs://{BUCKET}/conn/2026/a.txt"
    assert env["STORAGE_EMULATOR_HOST"] == endpoint


def test_unreachable_store_fails_the_test_without_leaking(tmp_path):
    target = connectors.target("s3", {"bucket": "b", "endpoint_url": "http://127.0.0.1:9"},
                               {"access_key_id": "AKIAEXAMPLE", "secret_access_key": "s3cr3t-value"},
                               allow_private=True)
    result = connectors.test_connection(target)
    assert not result["success"] and "s3cr3t" not in result["message"]


@pytest.mark.parametrize("config", [{"path": "/etc"}, {"path": "/tmp/../etc"}])
def test_local_connector_outside_the_roots_is_refused(config, tmp_path):
    public, secret = connectors.split_config("local", config)
    with pytest.raises(connectors.ConnectorError):
        connectors.target("local", public, secret, connectors.allowed_local_roots(tmp_path))


def test_a_connectors_credentials_replace_the_servers_in_the_worker_env(tmp_path):
    base = {"PATH": "/bin", "AWS_ACCESS_KEY_ID": "server", "AWS_SECRET_ACCESS_KEY": "server",
            "AWS_SESSION_TOKEN": "server-token", "AZURE_STORAGE_CONNECTION_STRING": "server-az"}
    own = connectors.target("s3", {"bucket": "b"}, {"access_key_id": "conn", "secret_access_key": "conn"})
    env = connectors.subprocess_env(base, own, tmp_path)
    assert env["AWS_ACCESS_KEY_ID"] == "conn" and "AWS_SESSION_TOKEN" not in env  # no mixing
    assert env["AZURE_STORAGE_CONNECTION_STRING"] == "server-az" and env["PATH"] == "/bin"
    role = connectors.target("s3", {"bucket": "b"}, {})  # no credentials: the server's role/env
    assert connectors.subprocess_env(base, role, tmp_path)["AWS_SESSION_TOKEN"] == "server-token"
    gcs = connectors.target("gcs", {"bucket": "b"}, {"credentials_json": '{"type": "service_account"}'})
    env = connectors.subprocess_env(base, gcs, tmp_path)
    path = env["GOOGLE_APPLICATION_CREDENTIALS"]
    assert json.loads(open(path).read()) == {"type": "service_account"}
    assert oct(__import__("os").stat(path).st_mode & 0o777) == "0o600"
