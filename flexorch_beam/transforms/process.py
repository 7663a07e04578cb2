"""ProcessDocuments: the fixed chain of steps after reading, as one composite."""
from __future__ import annotations

from typing import Optional

import apache_beam as beam

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.transforms.extract import Extract


class ProcessDocuments(beam.PTransform):
    def __init__(self, config: Optional[ProcessingConfig] = None) -> None:
        super().__init__()
        self._config = config or ProcessingConfig()

    def expand(self, executions):  # noqa: ANN001
        return executions | "Extract" >> Extract(self._config)
