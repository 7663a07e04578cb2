"""OpenAI-compatible chat-completions client for the field fallback (off by default).

Used only when ``config.llm_endpoint`` and ``config.llm_model`` are both set. The API key is
read from the environment (``FLEXORCH_LLM_API_KEY``) at call time, sent only in the
Authorization header, and never appears in a log line, an exception or a record.

Resilience: a per-request timeout (``config.llm_timeout_s``), at most
``config.llm_max_retries`` retries on 429, 5xx, timeouts and connection errors, with
exponential backoff (0.5 s, 1 s, 2 s, ... capped at 8 s) or the server's ``Retry-After``
(seconds or HTTP date, capped at 30 s) on 429/503. Other 4xx and an answer that is not a
JSON object are not retried: asking again would not change them.

Stdlib only (urllib): the request is one small POST, and the Beam workers already have it.
"""
from __future__ import annotations

import email.utils
import json
import os
import re
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from flexorch_beam.jsontext import json_object

API_KEY_ENV = "FLEXORCH_LLM_API_KEY"
BACKOFF_BASE_S = 0.5
BACKOFF_MAX_S = 8.0
RETRY_AFTER_MAX_S = 30.0
MAX_ANSWER_BYTES = 1_000_000


class LlmError(Exception):
    """The fallback failed; the message says how (status, attempts), never the key or text."""


@dataclass
class LlmClient:
    endpoint: str
    model: str
    timeout_s: float = 30.0
    max_retries: int = 3
    api_key_env: str = API_KEY_ENV
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)

    @property
    def url(self) -> str:
        base = self.endpoint.rstrip("/")
        return base if base.endswith("/chat/completions") else base + "/chat/completions"

    def chat_json(self, system: str, user: str) -> dict[str, Any]:
        """One chat completion whose answer must be a JSON object; returns that object."""
        body = json.dumps({
            "model": self.model,
            "temperature": 0,
            "response_format": {"type": "json_object"},
            "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
        }).encode("utf-8")
        content = self._post_with_retries(body)
        return parse_answer(content)

    def _post_with_retries(self, body: bytes) -> str:
        attempts = self.max_retries + 1
        last_problem = "no attempt made"
        for attempt in range(attempts):
            try:
                return self._post(body)
            except _Retryable as problem:
                last_problem = problem.reason
                if attempt + 1 >= attempts:
                    break
                self.sleep(problem.wait if problem.wait is not None else backoff(attempt))
        raise LlmError(f"LLM request failed after {attempts} attempt(s): {last_problem}")

    def _post(self, body: bytes) -> str:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        key = os.environ.get(self.api_key_env)
        if key:
            headers["Authorization"] = f"Bearer {key}"
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:  # noqa: S310
                raw = response.read(MAX_ANSWER_BYTES + 1)
        except urllib.error.HTTPError as error:
            status = error.code
            wait = retry_after(error.headers.get("Retry-After")) if status in (429, 503) else None
            error.close()
            if status == 429 or status >= 500:
                raise _Retryable(f"HTTP {status}", wait) from None
            raise LlmError(f"LLM endpoint answered HTTP {status}") from None
        except (TimeoutError, socket.timeout):
            raise _Retryable(f"timeout after {self.timeout_s:g} s", None) from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, (TimeoutError, socket.timeout)):
                raise _Retryable(f"timeout after {self.timeout_s:g} s", None) from None
            raise _Retryable(f"connection error ({type(error.reason).__name__})", None) from None
        except (ConnectionError, OSError) as error:
            raise _Retryable(f"connection error ({type(error).__name__})", None) from None
        if len(raw) > MAX_ANSWER_BYTES:
            raise LlmError("LLM answer too large")
        try:
            envelope = json.loads(raw.decode("utf-8"))
            content = envelope["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            raise LlmError("LLM endpoint answered something that is not a chat completion") from None
        if not isinstance(content, str):
            raise LlmError("LLM answer has no text content")
        return content


class _Retryable(Exception):
    def __init__(self, reason: str, wait: Optional[float]) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


def backoff(attempt: int) -> float:
    """0.5 s, 1 s, 2 s, 4 s, 8 s, 8 s ... (deterministic: no jitter, one worker per call)."""
    return min(BACKOFF_MAX_S, BACKOFF_BASE_S * (2 ** attempt))


def retry_after(value: Optional[str]) -> Optional[float]:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), capped."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        return min(RETRY_AFTER_MAX_S, float(value))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, min(RETRY_AFTER_MAX_S, when.timestamp() - time.time()))


def parse_answer(content: str) -> dict[str, Any]:
    """The JSON object in a model answer (tolerates a ```json fence around it)."""
    text = content.strip()
    fenced = re.fullmatch(r"```(?:json)?\s*(.*?)\s*```", text, re.S)
    if fenced:
        text = fenced.group(1)
    try:
        return json_object(text, "LLM answer")
    except ValueError as error:
        raise LlmError(str(error)) from None


def client_from_config(config: Any) -> Optional[LlmClient]:
    """A client when both endpoint and model are configured, else None (fallback off).
    ``config`` is the fields step's options (``config.FieldsOptions``)."""
    endpoint = config.llm_endpoint
    model = config.llm_model
    if not endpoint or not model:
        return None
    return LlmClient(
        endpoint=endpoint,
        model=model,
        timeout_s=float(config.llm_timeout_s),
        max_retries=max(0, int(config.llm_max_retries)),
    )
