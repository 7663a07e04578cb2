"""SSRF guard: webhook targets and connector endpoint overrides that name internal hosts are
refused with URL_NOT_ALLOWED (and nothing is stored) unless `--allow-private-urls`; a webhook
whose name re-resolves to an internal address after registration (DNS rebinding) is refused
at delivery time, and a delivery connects to the address it checked."""
from __future__ import annotations

import ipaddress
import json
import socket

import httpx
import pytest
from flexorch_sdk import ValidationError

from flexorch_beam.server import urlguard

from .conftest import new_key, running_server
from .receiver import Receiver


@pytest.mark.parametrize("address, kind", [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"),
    ("172.16.0.9", "private"), ("192.168.1.1", "private"), ("fc00::5", "private"),
    ("169.254.10.1", "link-local"), ("fe80::1", "link-local"), ("224.0.0.251", "multicast"),
    ("ff02::1", "multicast"), ("169.254.169.254", "metadata"), ("fd00:ec2::254", "metadata"),
    ("100.100.100.200", "metadata"), ("::ffff:127.0.0.1", "loopback"),
    ("64:ff9b::a9fe:a9fe", "metadata"), ("2002:a00:1::", "private"), ("0.0.0.0", "unspecified"),
    ("100.64.0.1", "public"), ("192.0.2.10", "public"),
])
def test_internal_addresses_are_refused(address, kind):
    reason = urlguard.refusal(ipaddress.ip_address(address))
    assert reason is not None
    if kind == "metadata":
        assert reason == "a cloud metadata address"
        assert urlguard.refusal(ipaddress.ip_address(address), allow_private=True) == reason
    elif kind != "public":  # shared/documentation ranges: "not a public address"
        assert kind in reason
        assert urlguard.refusal(ipaddress.ip_address(address), allow_private=True) is None


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address):
    assert urlguard.refusal(ipaddress.ip_address(address)) is None


def test_names_are_resolved_and_every_address_counts(monkeypatch):
    with pytest.raises(urlguard.UrlNotAllowed, match="loopback"):
        urlguard.check_url("http://localhost:8080/x")  # /etc/hosts: no network needed
    with pytest.raises(urlguard.UrlNotAllowed, match="does not resolve"):
        urlguard.check_url("https://no-such-host.invalid/x")
    both = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 443)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", 443))]
    monkeypatch.setattr(urlguard.socket, "getaddrinfo", lambda *a, **k: both)
    with pytest.raises(urlguard.UrlNotAllowed, match="private"):
        urlguard.check_url("https://split.test/x")  # one internal answer is enough
    assert urlguard.check_url("https://split.test/x", allow_private=True) == []
    assert urlguard.pinned_url("https://hooks.test:8443/a?b=1", ipaddress.ip_address("::1")) == (
        "https://[::1]:8443/a?b=1", "hooks.test:8443", "hooks.test")


def test_webhooks_and_connector_endpoints_on_internal_hosts_are_refused(tmp_path):
    with running_server(tmp_path / "data", allow_private_urls=False) as server:
        key = server.key("ssrf")
        client = server.client(key)
        headers = {"X-API-KEY": key}
        for url in ("http://127.0.0.1:9/hook", "http://localhost/hook", "http://10.0.0.1/hook",
                    "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/",
                    "http://[::ffff:192.168.0.1]/", "http://224.0.0.1/", "https://[fe80::1]/"):
            with pytest.raises(ValidationError) as caught:
                client.webhooks.register(url, ["job.completed"])
            assert caught.value.error_code == "URL_NOT_ALLOWED", url
        assert httpx.get(f"{server.base_url}/webhooks", headers=headers).json()["data"]["items"] == []
        # A public address is accepted (a literal: registration looks nothing up).
        hook = client.webhooks.register("https://93.184.216.34/hook", ["job.completed"])
        assert hook.id
        refused = [
            ("s3", {"bucket": "b", "endpoint_url": "http://127.0.0.1:9000"}),
            ("s3", {"bucket": "b", "endpoint_url": "http://169.254.169.254"}),
            ("gcs", {"bucket": "b", "endpoint_url": "http://192.168.10.2:4443"}),
            ("azure_blob", {"container": "c", "connection_string":
                            "DefaultEndpointsProtocol=http;AccountName=a;AccountKey=k;"
                            "BlobEndpoint=http://10.9.8.7:10000/a;"}),
            ("azure_blob", {"container": "c", "connection_string": "UseDevelopmentStorage=true"}),
        ]
        for type_, config in refused:
            with pytest.raises(ValidationError) as caught:
                client.connectors.create("c", type_, config)
            assert caught.value.error_code == "URL_NOT_ALLOWED", (type_, config)
        assert client.connectors.list() == []


def test_the_allow_switch_lets_loopback_through_but_not_metadata(tmp_path):
    with Receiver() as receiver, running_server(tmp_path / "data", allow_private_urls=True) as server:
        client = server.client(server.key("allowed"))
        assert client.webhooks.register(receiver.url, ["job.completed"]).id
        assert client.connectors.create("c", "s3", {"bucket": "b", "endpoint_url": "http://127.0.0.1:9"}).id
        for url in ("http://169.254.169.254/latest", "http://[fd00:ec2::254]/"):
            with pytest.raises(ValidationError) as caught:
                client.webhooks.register(url, ["job.completed"])
            assert caught.value.error_code == "URL_NOT_ALLOWED"


def _resolving(monkeypatch, answers: dict[str, str]) -> None:
    real = socket.getaddrinfo

    def fake(host, port, *args, **kwargs):  # noqa: ANN001
        if host in answers:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answers[host], port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(urlguard.socket, "getaddrinfo", fake)


def test_dns_rebinding_is_refused_at_delivery(tmp_path, monkeypatch):
    """The name resolved to a public address when registered, to loopback when sent."""
    with Receiver() as receiver, running_server(tmp_path / "data", allow_private_urls=False,
                                                start_workers=False) as server:
        key_id, key = new_key(server, "rebind")
        port = receiver.url.split(":")[2].split("/")[0]
        _resolving(monkeypatch, {"hooks.rebind.test": "93.184.216.34"})
        hook = server.client(key).webhooks.register(f"http://hooks.rebind.test:{port}/hook",
                                                    ["job.completed"])
        _resolving(monkeypatch, {"hooks.rebind.test": "127.0.0.1"})
        dispatcher = server.app.state.webhooks
        assert dispatcher.emit(key_id, "job.completed", "job:x", {"job_id": "x"}) == 1
        assert dispatcher.send_next()
        log = httpx.get(f"{server.base_url}/webhooks/{hook.id}/deliveries",
                        headers={"X-API-KEY": key}).json()["data"]["items"]
        assert log[0]["status"] == "failed" and log[0]["last_error"].startswith("URL_NOT_ALLOWED")
        assert receiver.requests == []


def test_a_delivery_connects_to_the_address_it_checked(tmp_path, monkeypatch):
    """The name is looked up once, by the guard; the request goes to that address with the
    name in Host (here the guard is told loopback is fine, and the name exists nowhere else)."""
    with Receiver() as receiver, running_server(tmp_path / "data", allow_private_urls=False,
                                                start_workers=False) as server:
        key_id, key = new_key(server, "pinned")
        port = receiver.url.split(":")[2].split("/")[0]
        _resolving(monkeypatch, {"hooks.pinned.test": "127.0.0.1"})
        real_refusal = urlguard.refusal
        monkeypatch.setattr(urlguard, "refusal", lambda address, allow_private=False: None
                            if str(address) == "127.0.0.1" else real_refusal(address, allow_private))
        server.client(key).webhooks.register(f"http://hooks.pinned.test:{port}/hook", ["job.completed"])
        dispatcher = server.app.state.webhooks
        assert dispatcher.emit(key_id, "job.completed", "job:y", {"job_id": "y"}) == 1
        assert dispatcher.send_next()
        headers, body = receiver.wait_for(lambda r: True, timeout_s=10)[0]
        assert headers["host"] == f"hooks.pinned.test:{port}"
        assert json.loads(body)["data"] == {"job_id": "y"}


def test_a_connector_is_checked_again_when_used(tmp_path):
    """Made while internal hosts were allowed; the server restarted without the switch: the
    connection test (and every other use) is refused, and says why."""
    data = tmp_path / "data"
    with running_server(data, allow_private_urls=True) as server:
        key = server.key("later")
        connector = server.client(key).connectors.create(
            "c", "s3", {"bucket": "b", "endpoint_url": "http://127.0.0.1:9"})
    with running_server(data, allow_private_urls=False) as server:
        with pytest.raises(ValidationError) as caught:
            server.client(key).connectors.test(connector.id)
        assert caught.value.error_code == "URL_NOT_ALLOWED"


def test_a_name_that_stops_resolving_is_retried_not_refused(tmp_path, monkeypatch):
    with running_server(tmp_path / "data", allow_private_urls=False, start_workers=False) as server:
        key_id, key = new_key(server, "dns")
        _resolving(monkeypatch, {"hooks.flaky.test": "93.184.216.34"})
        hook = server.client(key).webhooks.register("http://hooks.flaky.test/hook", ["job.completed"])
        monkeypatch.undo()  # the name resolves nowhere now (no DNS here)
        dispatcher = server.app.state.webhooks
        assert dispatcher.emit(key_id, "job.completed", "job:z", {"job_id": "z"}) == 1
        assert dispatcher.send_next()
        log = httpx.get(f"{server.base_url}/webhooks/{hook.id}/deliveries",
                        headers={"X-API-KEY": key}).json()["data"]["items"]
        assert (log[0]["status"], log[0]["attempts"]) == ("pending", 1)
        assert log[0]["last_error"] == "the host does not resolve"
