"""DetectPII: findings + masking as a PTransform (after ExtractFields, before ScoreQuality).

The step's settings are checked when the transform is built, on the launcher, before any
document is read; its counters per PII type id (ids only: no value ever reaches a metric) are
the step's own (flexorch_beam/steps.py).
"""
from __future__ import annotations

from typing import Optional

import apache_beam as beam

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.pii.step import check_config
from flexorch_beam.steps import step_named
from flexorch_beam.transforms.base import ApplyStep

__all__ = ["DetectPII", "check_config"]


class DetectPII(beam.PTransform):
    def __init__(self, config: Optional[ProcessingConfig] = None) -> None:
        super().__init__()
        self._config = config or ProcessingConfig()
        check_config(self._config)

    def expand(self, executions):  # noqa: ANN001
        return executions | "DetectAndMask" >> ApplyStep(step_named("pii"), config=self._config)
