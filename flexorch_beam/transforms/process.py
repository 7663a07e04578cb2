"""ProcessDocuments: the fixed chain of steps after reading, as one composite.

The chain is :data:`flexorch_beam.steps.STEPS` (Extract -> Classify -> ExtractFields ->
DetectPII -> ScoreQuality), the same list the benches' plain loop runs: one place to add a
step. Every step's settings are checked when the composite is built, on the launcher. It holds
the whole ProcessingConfig and hands each step its own part only.
"""
from __future__ import annotations

from typing import Optional

import apache_beam as beam

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.progress import PROCESSED
from flexorch_beam.steps import STEPS
from flexorch_beam.transforms.base import ApplyStep
from flexorch_beam.transforms.progress import CountProgress

# Graph labels of the steps (kept from the first release: Dataflow update and the metrics
# users filter on refer to them).
LABELS = {"extract": "Extract", "classify": "Classify", "fields": "ExtractFields",
          "pii": "DetectPII", "quality": "ScoreQuality"}


class ProcessDocuments(beam.PTransform):
    def __init__(self, config: Optional[ProcessingConfig] = None) -> None:
        super().__init__()
        self._config = config or ProcessingConfig()
        for step in STEPS:
            if step.check is not None:
                step.check(step.options(self._config))

    def display_data(self) -> dict:
        return {"steps": " -> ".join(step.name for step in STEPS),
                "run_id": self._config.run.run_id, "sandbox": self._config.extract.sandbox}

    def expand(self, records):  # noqa: ANN001
        for step in STEPS:
            label = LABELS.get(step.name, step.name)
            records = records | label >> ApplyStep(step, config=self._config)
        return records | "CountProgress" >> CountProgress(PROCESSED)
