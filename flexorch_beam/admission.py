"""The admission policy: where a record row goes (rejected/, the dataset sinks, the training
split). Pure: no Beam import, one place for the rules that WriteDataset, the profile, the
``flexorch`` dataset commands and the benches all read, so they can never disagree.

- :func:`reject_reason`: ``(code, reason)`` when a row goes to ``rejected/``: failed records
  always; with ``--min-grade``, completed records without a grade or under it.
- :func:`in_dataset`: whether the dataset sinks (``--formats``) hold a row. Without
  ``--min-grade`` they hold every record, failed ones too (one input file, one record).
- :func:`is_training_row`: whether a dataset row is a training example (finetune sink, the
  profile's ``training_count``): completed, with text, neither an exact nor a
  near-duplicate.
"""
from __future__ import annotations

from typing import Optional

from flexorch_beam import codes
from flexorch_beam.quality import grade_at_least

FAILED = "FAILED"
BELOW_MIN_GRADE = "BELOW_MIN_GRADE"
NOT_GRADED = "NOT_GRADED"
REJECT_CODES: tuple[str, ...] = (FAILED, BELOW_MIN_GRADE, NOT_GRADED)


def reject_reason(row: dict, min_grade: Optional[str]) -> Optional[tuple[str, str]]:
    """``(code, reason)`` when a row goes to ``rejected/``, else None."""
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


def is_training_row(row: dict) -> bool:
    """Whether a dataset row is worth training on (the finetune sink's rows)."""
    return (
        row.get("status") == codes.STATUS_COMPLETED
        and bool(row.get("text"))
        and not row.get("is_duplicate")
        and not row.get("is_near_duplicate")
    )
