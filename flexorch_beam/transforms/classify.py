"""Classify: language + document type (with confidences) as a PTransform."""
from __future__ import annotations

from typing import Optional

import apache_beam as beam

from flexorch_beam.classify import classify_execution
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.language import warm_up
from flexorch_beam.transforms.base import ApplyStep


class Classify(beam.PTransform):
    def __init__(self, config: Optional[ProcessingConfig] = None) -> None:
        super().__init__()
        self._config = config or ProcessingConfig()

    def expand(self, executions):  # noqa: ANN001
        return executions | "ClassifyDocument" >> ApplyStep("classify", classify_execution, self._config,
                                                               warm_up)
