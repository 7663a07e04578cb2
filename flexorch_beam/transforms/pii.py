"""DetectPII: findings + masking as a PTransform (after ExtractFields, before ScoreQuality)."""
from __future__ import annotations

from typing import Iterator, Optional

import apache_beam as beam
from apache_beam.metrics import Metrics

from flexorch_beam.config import MASK_MODES, ProcessingConfig
from flexorch_beam.pii.catalog import select
from flexorch_beam.pii.step import detect_pii_execution, masker_for, warm_up
from flexorch_beam.record import Execution
from flexorch_beam.transforms.base import NAMESPACE, ApplyStep


def check_config(config: ProcessingConfig) -> None:
    """Fail on the launcher, before any document is read: unknown types, modes, missing key."""
    select(tuple(config.pii_types), tuple(config.jurisdictions))
    if config.mask_mode not in MASK_MODES:
        raise ValueError(f"unknown mask mode {config.mask_mode!r} (choose from {', '.join(MASK_MODES)})")
    if config.mask:
        masker_for(config)


class _CountFindings(beam.DoFn):
    """Counters per PII type id (ids only: no value ever reaches a metric)."""

    def process(self, execution: Execution) -> Iterator[Execution]:
        if not execution.failed:
            for finding in execution.pii_findings:
                Metrics.counter(NAMESPACE, f"pii_{finding.type}").inc()
            if execution.privacy_applied:
                Metrics.counter(NAMESPACE, "pii_privacy_applied").inc()
        yield execution


class DetectPII(beam.PTransform):
    def __init__(self, config: Optional[ProcessingConfig] = None) -> None:
        super().__init__()
        self._config = config or ProcessingConfig()
        check_config(self._config)

    def expand(self, executions):  # noqa: ANN001
        return (
            executions
            | "DetectAndMask" >> ApplyStep("pii", detect_pii_execution, self._config, warm_up)
            | "CountPii" >> beam.ParDo(_CountFindings())
        )
