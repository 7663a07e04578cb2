"""Classify: language + document type (with confidences) as a PTransform."""
from __future__ import annotations

from flexorch_beam.transforms.base import StepTransform


class Classify(StepTransform):
    STEP = "classify"
    LABEL = "ClassifyDocument"
