"""JSONL sink: one record per line, keys in schema order.

Lines are UTF-8 JSON with U+2028/U+2029/U+0085 escaped (escape.json_line), so JavaScript and
``str.splitlines`` readers see one record per line too. Values are raw (no formula escaping).
"""
from __future__ import annotations

import apache_beam as beam

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.sinks.escape import json_line


def row_to_json_line(row: dict) -> str:
    return json_line(row)


class WriteJsonl(beam.PTransform):
    def __init__(self, output_dir: str, config: ProcessingConfig, name: str = "records") -> None:
        super().__init__()
        self._prefix = "/".join([output_dir.rstrip("/"), "jsonl", name])

    def expand(self, rows):  # noqa: ANN001 - PCollection[dict]
        return (
            rows
            | "ToJsonLine" >> beam.Map(row_to_json_line)
            | "WriteJsonl" >> beam.io.WriteToText(self._prefix, file_name_suffix=".jsonl")
        )
