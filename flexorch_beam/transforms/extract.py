"""Extract: the first processing step as a PTransform.

With ``ExtractOptions.sandbox`` (the default) every document is extracted in a long-lived child
process (see flexorch_beam/extract/sandbox.py for why not Beam's own subprocess handling):
the pool is the step's resource (flexorch_beam/steps.py), started in ``setup()``, reused
across bundles, replaced after a timeout or a crash, and stopped in ``teardown()``.
``sandbox=False`` extracts in-process (tests, benchmarks). Either way the failure rules of
transforms/base.py apply: failed records pass through untouched, a ProcessingError becomes a
failed record with its code.
"""
from __future__ import annotations

from typing import Union

from flexorch_beam.config import ExtractOptions, ProcessingConfig
from flexorch_beam.steps import step_named
from flexorch_beam.transforms.base import StepFn, StepTransform


def ExtractFn(options: Union[ExtractOptions, ProcessingConfig]) -> StepFn:  # noqa: N802 - its DoFn
    return StepFn(step_named("extract"), options)


class Extract(StepTransform):
    STEP = "extract"
    LABEL = "ExtractText"
