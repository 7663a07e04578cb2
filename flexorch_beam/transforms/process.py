"""ProcessDocuments: the fixed chain of steps after reading, as one composite."""
from __future__ import annotations

from typing import Optional

import apache_beam as beam

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.progress import PROCESSED
from flexorch_beam.transforms.classify import Classify
from flexorch_beam.transforms.extract import Extract
from flexorch_beam.transforms.fields import ExtractFields
from flexorch_beam.transforms.pii import DetectPII
from flexorch_beam.transforms.progress import CountProgress
from flexorch_beam.transforms.quality import ScoreQuality


class ProcessDocuments(beam.PTransform):
    """Extract -> Classify -> ExtractFields -> DetectPII -> ScoreQuality.

    Fields come before PII so rules read the raw text; DetectPII then masks the text and any
    field holding a detected value. Quality is scored last, on what will be published.
    """

    def __init__(self, config: Optional[ProcessingConfig] = None) -> None:
        super().__init__()
        self._config = config or ProcessingConfig()

    def expand(self, executions):  # noqa: ANN001
        config = self._config
        return (
            executions
            | "Extract" >> Extract(config)
            | "Classify" >> Classify(config)
            | "ExtractFields" >> ExtractFields(config)
            | "DetectPII" >> DetectPII(config)
            | "ScoreQuality" >> ScoreQuality(config)
            | "CountProgress" >> CountProgress(PROCESSED)
        )
