"""The LLM fallback against a real OpenAI-compatible HTTP server on 127.0.0.1.

The server (http.server in a thread) pops one scripted reply per request: (status, headers,
body, delay). Requests are recorded so tests can check what left the machine.
"""
from __future__ import annotations

import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from flexorch_beam.config import FieldsOptions, ProcessingConfig
from flexorch_beam.llm import LlmClient, LlmError, backoff, client_from_config, parse_answer, retry_after


def completion(content: Any) -> bytes:
    text = content if isinstance(content, str) else json.dumps(content)
    return json.dumps({"id": "x", "object": "chat.completion",
                       "choices": [{"index": 0, "message": {"role": "assistant", "content": text}}]}).encode()


class ScriptedServer:
    def __init__(self) -> None:
        self.replies: list[tuple[int, dict[str, str], bytes, float]] = []
        self.requests: list[dict[str, Any]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server API
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                server.requests.append({"path": self.path, "headers": dict(self.headers),
                                        "body": json.loads(body or b"{}")})
                status, headers, payload, delay = (server.replies.pop(0) if server.replies
                                                   else (500, {}, b"no reply scripted", 0.0))
                if delay:
                    time.sleep(delay)
                try:
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def reply(self, status: int = 200, body: bytes = b"", headers: dict | None = None, delay: float = 0.0) -> None:
        self.replies.append((status, headers or {}, body, delay))

    def __enter__(self) -> "ScriptedServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

KEY = "sk-test-SECRET-0123456789"


@pytest.fixture()
def server():
    with ScriptedServer() as s:
        yield s


def make_client(server: ScriptedServer, waits: list, **kw) -> LlmClient:
    return LlmClient(endpoint=server.url, model="m1", timeout_s=kw.pop("timeout_s", 5.0),
                     max_retries=kw.pop("max_retries", 3), sleep=waits.append)


def test_success_sends_model_messages_and_key(server: ScriptedServer, monkeypatch) -> None:
    monkeypatch.setenv("FLEXORCH_LLM_API_KEY", KEY)
    server.reply(200, completion({"total_amount": "12.50"}))
    waits: list = []
    assert make_client(server, waits).chat_json("sys", "user") == {"total_amount": "12.50"}
    request = server.requests[0]
    assert request["path"] == "/v1/chat/completions"
    assert request["headers"]["Authorization"] == f"Bearer {KEY}"
    assert request["body"]["model"] == "m1"
    assert request["body"]["temperature"] == 0
    assert [m["role"] for m in request["body"]["messages"]] == ["system", "user"]
    assert waits == []


def test_429_honours_retry_after(server: ScriptedServer) -> None:
    server.reply(429, b"{}", {"Retry-After": "2"})
    server.reply(200, completion({"a": 1}))
    waits: list = []
    assert make_client(server, waits).chat_json("s", "u") == {"a": 1}
    assert waits == [2.0]
    assert len(server.requests) == 2


def test_500_then_success_backs_off_exponentially(server: ScriptedServer) -> None:
    server.reply(500, b"oops")
    server.reply(502, b"oops")
    server.reply(200, completion({"a": 1}))
    waits: list = []
    assert make_client(server, waits).chat_json("s", "u") == {"a": 1}
    assert waits == [backoff(0), backoff(1)] == [0.5, 1.0]


def test_retries_are_bounded(server: ScriptedServer) -> None:
    for _ in range(5):
        server.reply(503, b"busy")
    waits: list = []
    with pytest.raises(LlmError, match="after 3 attempt"):
        make_client(server, waits, max_retries=2).chat_json("s", "u")
    assert len(server.requests) == 3 and len(waits) == 2


def test_timeout_is_retried_then_reported(server: ScriptedServer) -> None:
    server.reply(200, completion({"a": 1}), delay=1.0)
    server.reply(200, completion({"a": 1}), delay=1.0)
    waits: list = []
    with pytest.raises(LlmError, match="timeout"):
        make_client(server, waits, timeout_s=0.2, max_retries=1).chat_json("s", "u")
    assert waits == [0.5]


def test_garbage_is_not_retried(server: ScriptedServer) -> None:
    server.reply(200, completion("this is not json {"))
    waits: list = []
    with pytest.raises(LlmError, match="not valid JSON"):
        make_client(server, waits).chat_json("s", "u")
    server.reply(200, b"<html>proxy error</html>")
    with pytest.raises(LlmError, match="not a chat completion"):
        make_client(server, waits).chat_json("s", "u")
    assert len(server.requests) == 2 and waits == []


def test_client_error_is_not_retried(server: ScriptedServer) -> None:
    server.reply(401, b"{}")
    with pytest.raises(LlmError, match="HTTP 401"):
        make_client(server, []).chat_json("s", "u")
    assert len(server.requests) == 1


def test_key_never_in_errors_or_logs(server: ScriptedServer, monkeypatch, caplog) -> None:
    monkeypatch.setenv("FLEXORCH_LLM_API_KEY", KEY)
    server.reply(401, b'{"error": "bad key"}')
    caplog.set_level(logging.DEBUG)
    with pytest.raises(LlmError) as info:
        make_client(server, []).chat_json("s", "u")
    assert KEY not in str(info.value) and KEY not in repr(info.value)
    assert KEY not in caplog.text
    assert KEY not in repr(make_client(server, []))


def test_connection_refused_is_an_llm_error() -> None:
    client = LlmClient(endpoint="http://127.0.0.1:9/v1", model="m", timeout_s=1, max_retries=1, sleep=lambda s: None)
    with pytest.raises(LlmError, match="connection error"):
        client.chat_json("s", "u")


def test_helpers() -> None:
    assert retry_after("3") == 3.0
    assert retry_after("9999") == 30.0
    assert retry_after(None) is None and retry_after("soon") is None
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert parse_answer('```json\n{"a": 1}\n```') == {"a": 1}
    with pytest.raises(LlmError):
        parse_answer("[1, 2]")
    assert client_from_config(ProcessingConfig().fields) is None
    assert client_from_config(ProcessingConfig(llm_endpoint="http://x/v1").fields) is None
    client = client_from_config(ProcessingConfig(llm_endpoint="http://x/v1/chat/completions", llm_model="m",
                                                 llm_max_retries=5, llm_timeout_s=7).fields)
    assert (client.url, client.max_retries, client.timeout_s) == ("http://x/v1/chat/completions", 5, 7.0)


# --- the fallback inside the ExtractFields step ------------------------------------------

from flexorch_beam import codes  # noqa: E402
from flexorch_beam.fields.step import extract_fields_record  # noqa: E402
from flexorch_beam.record import Record  # noqa: E402

SPARSE_INVOICE = """INVOICE
Acme Widgets LLC
Contact: billing@acme.example
Invoice No.: INV-2024-0042
Invoice Date: 03/05/2024
Payment to IBAN DE89 3704 0044 0532 0130 00
Total: $1,578.69
"""


def _record(text: str) -> Record:
    return Record(id="job_1", document_id="doc_1", source_uri="mem://a", file_name="a.txt", format="txt",
                     text=text, language="en", doc_type="invoice", doc_type_confidence=0.9)


def _config(server: ScriptedServer) -> FieldsOptions:
    return FieldsOptions(llm_endpoint=server.url, llm_model="m1", llm_timeout_s=2, llm_max_retries=1)


def test_fallback_fills_missing_fields_validated_and_tagged(server: ScriptedServer) -> None:
    server.reply(200, completion({"due_date": "2024-04-04", "customer_name": "Globex Corporation",
                                  "subtotal": "one thousand", "tax_amount": "128.69", "currency": "XXX",
                                  "invoice_number": "WRONG-1"}))
    result = extract_fields_record(_record(SPARSE_INVOICE), _config(server))
    fields = {f.name: f for f in result.fields}
    assert (fields["due_date"].value, fields["due_date"].method) == ("2024-04-04", "llm")
    assert (fields["customer_name"].value, fields["customer_name"].method) == ("Globex Corporation", "llm")
    assert fields["subtotal"].method == "rule"  # "one thousand" was rejected; subtotal derived by the check
    assert fields["subtotal"].value == "1450.00"
    assert fields["currency"].value == "USD" and fields["currency"].method == "rule"
    assert (fields["invoice_number"].value, fields["invoice_number"].method) == ("INV-2024-0042", "rule")
    sent = json.dumps(server.requests[0]["body"])
    assert "billing@acme.example" not in sent and "3704 0044" not in sent
    asked = json.loads(server.requests[0]["body"]["messages"][1]["content"].split("Fields: ")[1].split("\n")[0])
    assert "invoice_number" not in asked and "iban" not in asked and "due_date" in asked


def test_fallback_failure_keeps_rule_values_and_warns(server: ScriptedServer, monkeypatch) -> None:
    monkeypatch.setenv("FLEXORCH_LLM_API_KEY", KEY)
    server.reply(500, b"down")
    server.reply(500, b"down")
    result = extract_fields_record(_record(SPARSE_INVOICE), _config(server))
    assert {f.name: f.value for f in result.fields}["total_amount"] == "1578.69"
    skipped = [w for w in result.warnings if w.field == "llm"]
    assert [w.code for w in skipped] == [codes.VALIDATION_SKIPPED]
    assert KEY not in skipped[0].message and "HTTP 500" in skipped[0].message


def test_fallback_is_off_by_default(server: ScriptedServer) -> None:
    result = extract_fields_record(_record(SPARSE_INVOICE), ProcessingConfig().fields)
    assert server.requests == []
    assert all(f.method == "rule" for f in result.fields)


def test_flags_reach_the_client() -> None:
    from flexorch_beam.options import FlexOrchOptions, to_config

    config = to_config(FlexOrchOptions(["--llm-endpoint", "http://127.0.0.1:1/v1", "--llm-model", "m",
                                        "--llm-timeout", "5", "--llm-max-retries", "1"]))
    client = client_from_config(config.fields)
    assert (client.model, client.timeout_s, client.max_retries) == ("m", 5.0, 1)
    assert client_from_config(to_config(FlexOrchOptions([])).fields) is None
