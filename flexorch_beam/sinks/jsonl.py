"""JSONL sink: one record per line, keys in schema order.

Lines are UTF-8 JSON with U+2028/U+2029/U+0085 escaped (escape.json_line), so JavaScript and
``str.splitlines`` readers see one record per line too. Values are raw (no formula escaping).
"""
from __future__ import annotations

from flexorch_beam.sinks.escape import json_line
from flexorch_beam.sinks.lines import WriteLines


def row_to_json_line(row: dict) -> str:
    return json_line(row)


class WriteJsonl(WriteLines):
    folder = "jsonl"
    suffix = ".jsonl"
    to_line = staticmethod(row_to_json_line)
