"""The admission policy: where a record row goes (rejected/, the dataset sinks, the training
split). Pure: no Beam import, one place for the rules that WriteDataset, the profile, the
``flexorch`` dataset commands and the benches all read, so they can never disagree.

- :func:`reject_reason`: ``(code, reason)`` when a row goes to ``rejected/``: a record with
  negative feedback (the feedback is the reason); failed records always; with
  ``--min-grade``, completed records without a grade or under it.
- :func:`in_dataset`: whether the dataset sinks (``--formats``) hold a row. Without
  ``--min-grade`` they hold every record, failed ones too (one input file, one record), but
  never one with negative feedback.
- :func:`is_training_row`: whether a dataset row is a training example (finetune sink, the
  profile's ``training_count``): completed, with text, neither an exact nor a
  near-duplicate, no negative feedback.

``feedback`` is a mapping of content hash (the record's ``sha256``) to the latest
:class:`flexorch_beam.feedback.Verdict` for it (``feedback.latest_verdicts``); feedback on a
document follows it into every later build and export, whatever its record id.
"""
from __future__ import annotations

from typing import Mapping, Optional

from flexorch_beam import codes
from flexorch_beam.feedback import Verdict
from flexorch_beam.quality import grade_at_least

FAILED = "FAILED"
BELOW_MIN_GRADE = "BELOW_MIN_GRADE"
NOT_GRADED = "NOT_GRADED"
NEGATIVE_FEEDBACK = "NEGATIVE_FEEDBACK"
REJECT_CODES: tuple[str, ...] = (NEGATIVE_FEEDBACK, FAILED, BELOW_MIN_GRADE, NOT_GRADED)

Feedback = Mapping[str, Verdict]


def verdict_of(row: dict, feedback: Optional[Feedback]) -> Optional[Verdict]:
    """The latest feedback on the row's document (by content hash), or None."""
    if not feedback or not row.get("sha256"):
        return None
    return feedback.get(row["sha256"])


def _negative(row: dict, feedback: Optional[Feedback]) -> Optional[Verdict]:
    verdict = verdict_of(row, feedback)
    return verdict if verdict is not None and not verdict.positive else None


def reject_reason(
    row: dict, min_grade: Optional[str], feedback: Optional[Feedback] = None
) -> Optional[tuple[str, str]]:
    """``(code, reason)`` when a row goes to ``rejected/``, else None."""
    negative = _negative(row, feedback)
    if negative is not None:
        return NEGATIVE_FEEDBACK, negative.reason()
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


def in_dataset(row: dict, min_grade: Optional[str], feedback: Optional[Feedback] = None) -> bool:
    """Whether the dataset sinks (``--formats``) hold this row."""
    if _negative(row, feedback) is not None:
        return False
    return min_grade is None or reject_reason(row, min_grade) is None


def is_training_row(row: dict, feedback: Optional[Feedback] = None) -> bool:
    """Whether a dataset row is worth training on (the finetune sink's rows)."""
    return (
        _negative(row, feedback) is None
        and row.get("status") == codes.STATUS_COMPLETED
        and bool(row.get("text"))
        and not row.get("is_duplicate")
        and not row.get("is_near_duplicate")
    )


# The fine-tuning corpus (--finetune-format chat|instruct) trains a model to give a target:
# the record's fields (task "fields") or its class (task "classify"). A training row whose
# target is missing or not confident enough would teach the model a wrong answer, so it stays
# out of the finetune sink (counted in the profile's finetune_skipped by these codes).
FINETUNE_TASKS: tuple[str, ...] = ("fields", "classify")
NO_FIELDS = "NO_FIELDS"
LOW_FIELD_CONFIDENCE = "LOW_FIELD_CONFIDENCE"
NO_CLASS = "NO_CLASS"
LOW_CLASS_CONFIDENCE = "LOW_CLASS_CONFIDENCE"
FINETUNE_SKIP_CODES: tuple[str, ...] = (
    NO_FIELDS, LOW_FIELD_CONFIDENCE, NO_CLASS, LOW_CLASS_CONFIDENCE,
)


def finetune_skip(row: dict, task: Optional[str], min_confidence: float) -> Optional[str]:
    """Why a training row (:func:`is_training_row`) has no usable target for ``task``, or None.

    ``task`` None (the plain-text format) has no target, so nothing is skipped. Task
    ``fields``: at least one field has a value, and every field with a value has a confidence
    of at least ``min_confidence`` (a field not found is a null in the target, not a guess).
    Task ``classify``: a doc_type with a confidence of at least ``min_confidence``."""
    if task is None:
        return None
    if task == "classify":
        if not row.get("doc_type"):
            return NO_CLASS
        if float(row.get("doc_type_confidence") or 0.0) < min_confidence:
            return LOW_CLASS_CONFIDENCE
        return None
    found = [f for f in row.get("fields") or [] if f.get("value") is not None]
    if not found:
        return NO_FIELDS
    if any(float(f.get("confidence") or 0.0) < min_confidence for f in found):
        return LOW_FIELD_CONFIDENCE
    return None
