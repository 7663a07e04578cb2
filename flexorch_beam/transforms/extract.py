"""Extract: the first processing step as a PTransform."""
from __future__ import annotations

from typing import Optional

import apache_beam as beam

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.extract.step import extract_execution
from flexorch_beam.transforms.base import ApplyStep


class Extract(beam.PTransform):
    def __init__(self, config: Optional[ProcessingConfig] = None) -> None:
        super().__init__()
        self._config = config or ProcessingConfig()

    def expand(self, executions):  # noqa: ANN001
        return executions | "ExtractText" >> ApplyStep("extract", extract_execution, self._config)
