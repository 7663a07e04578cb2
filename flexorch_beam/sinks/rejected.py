"""What the dataset sinks leave out, and why: nothing disappears silently.

Records with negative feedback, failed records and records under ``--min-grade`` go to ``OUTPUT/rejected/`` (JSONL): the full
record row with ``reject_code`` and a human ``reject_reason`` in front. Which rows, and why:
the admission policy (flexorch_beam/admission.py).
"""
from __future__ import annotations

from typing import Callable, Optional, Union

import apache_beam as beam

from flexorch_beam.admission import (  # noqa: F401 - the rules live in admission.py
    BELOW_MIN_GRADE,
    FAILED,
    NEGATIVE_FEEDBACK,
    Feedback,
    NOT_GRADED,
    in_dataset,
    reject_reason,
)
from flexorch_beam.config import OutputOptions, ProcessingConfig
from flexorch_beam.sinks.escape import json_line
from flexorch_beam.sinks.lines import WriteLines


def with_reason(row: dict, min_grade: Optional[str], feedback: Optional[Feedback] = None) -> dict:
    """The row with ``reject_code`` and ``reject_reason`` in front."""
    code, reason = reject_reason(row, min_grade, feedback) or ("", "")
    return {"reject_code": code, "reject_reason": reason, **row}


def rejected_line(row: dict, min_grade: Optional[str], feedback: Optional[Feedback] = None) -> str:
    return json_line(with_reason(row, min_grade, feedback))


class WriteRejected(WriteLines):
    """Rows the admission policy leaves out -> ``rejected/rejected-*.jsonl``, reason first."""

    folder = "rejected"
    suffix = ".jsonl"
    default_name = "rejected"

    def __init__(
        self,
        output_dir: str,
        config: Union[OutputOptions, ProcessingConfig, None] = None,
        name: Optional[str] = None,
        feedback: Optional[Feedback] = None,
    ) -> None:
        super().__init__(output_dir, config, name)
        # a mapping, or a side input (AsSingleton of one) from WriteDataset
        self._feedback = feedback if feedback is not None else {}

    def line_fn(self) -> Callable[[dict], str]:
        return json_line  # the reason is put in front by expand (it may need a side input)

    def expand(self, rows):  # noqa: ANN001
        reasoned = rows | "WithReason" >> beam.Map(
            with_reason, self._config.min_grade, self._feedback
        )
        return super().expand(reasoned)
