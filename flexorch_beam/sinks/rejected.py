"""What the dataset sinks leave out, and why: nothing disappears silently.

Failed records and records under ``--min-grade`` go to ``OUTPUT/rejected/`` (JSONL): the full
record row with ``reject_code`` and a human ``reject_reason`` in front. Which rows, and why:
the admission policy (flexorch_beam/admission.py).
"""
from __future__ import annotations

from typing import Optional

import apache_beam as beam

from flexorch_beam.admission import (  # noqa: F401 - the rules live in admission.py
    BELOW_MIN_GRADE,
    FAILED,
    NOT_GRADED,
    in_dataset,
    reject_reason,
)
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.sinks.escape import json_line


def rejected_line(row: dict, min_grade: Optional[str]) -> str:
    code, reason = reject_reason(row, min_grade) or ("", "")
    out = {"reject_code": code, "reject_reason": reason, **row}
    return json_line(out)


class WriteRejected(beam.PTransform):
    def __init__(self, output_dir: str, config: ProcessingConfig, name: str = "rejected") -> None:
        super().__init__()
        self._prefix = "/".join([output_dir.rstrip("/"), "rejected", name])
        self._min_grade = config.min_grade

    def expand(self, rows):  # noqa: ANN001
        min_grade = self._min_grade
        return (
            rows
            | "ToRejectedLine" >> beam.Map(rejected_line, min_grade)
            | "WriteRejected" >> beam.io.WriteToText(self._prefix, file_name_suffix=".jsonl")
        )
