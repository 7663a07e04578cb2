"""WriteDataset: records -> rows under the one schema -> every selected sink."""
from __future__ import annotations

from typing import Optional

import apache_beam as beam

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.record import to_row
from flexorch_beam.sinks import SINKS


class WriteDataset(beam.PTransform):
    def __init__(self, output_dir: str, config: Optional[ProcessingConfig] = None) -> None:
        super().__init__()
        self._output_dir = output_dir
        self._config = config or ProcessingConfig()

    def expand(self, executions):  # noqa: ANN001
        rows = executions | "ToRow" >> beam.Map(to_row)
        results = {}
        for fmt in self._config.formats:
            results[fmt] = rows | f"Write_{fmt}" >> SINKS[fmt](self._output_dir, self._config)
        return results
