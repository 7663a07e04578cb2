"""ScoreQuality: the quality step (score, grade, components, token estimate) as a PTransform."""
from __future__ import annotations

from flexorch_beam.transforms.base import StepTransform


class ScoreQuality(StepTransform):
    STEP = "quality"
    LABEL = "Score"
