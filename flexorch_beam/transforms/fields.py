"""ExtractFields: typed, normalised fields per document type as a PTransform."""
from __future__ import annotations

from flexorch_beam.transforms.base import StepTransform


class ExtractFields(StepTransform):
    STEP = "fields"
    LABEL = "ExtractTypedFields"
