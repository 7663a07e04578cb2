"""JSONL sink: one record per line, keys in schema order."""
from __future__ import annotations

import json

import apache_beam as beam

from flexorch_beam.config import ProcessingConfig


def row_to_json_line(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"))


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
