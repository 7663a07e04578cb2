"""Classify: language + document type (with confidences) as a PTransform."""
from __future__ import annotations

from typing import Optional

import apache_beam as beam

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.steps import step_named
from flexorch_beam.transforms.base import ApplyStep


class Classify(beam.PTransform):
    def __init__(self, config: Optional[ProcessingConfig] = None) -> None:
        super().__init__()
        self._config = config or ProcessingConfig()

    def expand(self, executions):  # noqa: ANN001
        return executions | "ClassifyDocument" >> ApplyStep(step_named("classify"), config=self._config)
