"""DetectPII: findings + masking as a PTransform (after ExtractFields, before ScoreQuality).

The step's settings are checked when the transform is built, on the launcher, before any
document is read; its counters per PII type id (ids only: no value ever reaches a metric) are
the step's own (flexorch_beam/steps.py).
"""
from __future__ import annotations

from flexorch_beam.pii.step import check_config
from flexorch_beam.transforms.base import StepTransform

__all__ = ["DetectPII", "check_config"]


class DetectPII(StepTransform):
    STEP = "pii"
    LABEL = "DetectAndMask"
