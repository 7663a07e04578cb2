"""What the dataset sinks leave out, and why: nothing disappears silently.

Failed records and records under ``--min-grade`` go to ``OUTPUT/rejected/`` (JSONL): the full
record row with ``reject_code`` and a human ``reject_reason`` in front.
"""
from __future__ import annotations

from typing import Optional

import apache_beam as beam

from flexorch_beam import codes
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.quality import grade_at_least
from flexorch_beam.sinks.escape import json_line

FAILED = "FAILED"
BELOW_MIN_GRADE = "BELOW_MIN_GRADE"
NOT_GRADED = "NOT_GRADED"


def reject_reason(row: dict, min_grade: Optional[str]) -> Optional[tuple[str, str]]:
    """``(code, reason)`` when a row stays out of the dataset sinks, else None."""
    if row.get("status") == codes.STATUS_FAILED:
        return FAILED, f"failed with {row.get('failure_reason')}: {row.get('processing_summary')}"
    if min_grade is None:
        return None
    grade = row.get("quality_grade")
    if grade is None:
        return NOT_GRADED, f"no quality grade, and --min-grade {min_grade} is set"
    if not grade_at_least(grade, min_grade):
        return BELOW_MIN_GRADE, f"quality grade {grade} is below --min-grade {min_grade}"
    return None


def in_dataset(row: dict, min_grade: Optional[str]) -> bool:
    """Whether the dataset sinks (``--formats``) hold this row."""
    return min_grade is None or reject_reason(row, min_grade) is None


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
