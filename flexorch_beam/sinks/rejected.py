"""What the dataset sinks leave out, and why: nothing disappears silently.

Records with negative feedback, failed records and records under ``--min-grade`` go to ``OUTPUT/rejected/`` (JSONL): the full
record row with ``reject_code`` and a human ``reject_reason`` in front. Which rows, and why:
the admission policy (flexorch_beam/admission.py).
"""
from __future__ import annotations

import functools
from typing import Callable, Optional

from flexorch_beam.admission import (  # noqa: F401 - the rules live in admission.py
    BELOW_MIN_GRADE,
    FAILED,
    NEGATIVE_FEEDBACK,
    Feedback,
    NOT_GRADED,
    in_dataset,
    reject_reason,
)
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.sinks.escape import json_line
from flexorch_beam.sinks.lines import WriteLines


def rejected_line(row: dict, min_grade: Optional[str], feedback: Optional[Feedback] = None) -> str:
    code, reason = reject_reason(row, min_grade, feedback) or ("", "")
    out = {"reject_code": code, "reject_reason": reason, **row}
    return json_line(out)


class WriteRejected(WriteLines):
    """Rows the admission policy leaves out -> ``rejected/rejected-*.jsonl``, reason first."""

    folder = "rejected"
    suffix = ".jsonl"
    default_name = "rejected"

    def __init__(
        self,
        output_dir: str,
        config: Optional[ProcessingConfig] = None,
        name: Optional[str] = None,
        feedback: Optional[Feedback] = None,
    ) -> None:
        super().__init__(output_dir, config, name)
        self._feedback = dict(feedback or {})

    def line_fn(self) -> Callable[[dict], str]:
        return functools.partial(
            rejected_line, min_grade=self._config.min_grade, feedback=self._feedback
        )
