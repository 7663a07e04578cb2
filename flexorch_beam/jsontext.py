"""JSON text that must hold one object: a model's answer (llm.py), an upload's
``pipeline_config`` (server/runconfig.py). One parser, so both refuse the same things with
the same words."""
from __future__ import annotations

import json
from typing import Any


def json_object(text: str, what: str) -> dict[str, Any]:
    """``text`` as a JSON object; ValueError "``what`` is not valid JSON" or "... is not a JSON
    object" (no part of the text in the message: it may hold PII)."""
    try:
        value = json.loads(text)
    except ValueError:
        raise ValueError(f"{what} is not valid JSON") from None
    if not isinstance(value, dict):
        raise ValueError(f"{what} is not a JSON object")
    return value
