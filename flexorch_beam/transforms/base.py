"""The one DoFn shape every per-document step shares.

A step is a pure function ``(Execution, ProcessingConfig) -> Execution``. :class:`ApplyStep`
adds what Beam is for and nothing else: failed records pass through untouched, a
ProcessingError becomes a failed record with its code, an unexpected exception becomes
INTERNAL_ERROR (logged by type only, never with content), and time is counted per step.
"""
from __future__ import annotations

import logging
import time
from typing import Callable, Iterator, Optional

import apache_beam as beam
from apache_beam.metrics import Metrics

from flexorch_beam import codes
from flexorch_beam.budget import StepOverrun, time_budget
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.record import Execution, evolve, fail

NAMESPACE = "flexorch"
LOG = logging.getLogger("flexorch_beam")

StepFunction = Callable[[Execution, ProcessingConfig], Execution]


def run_step(
    step: str,
    function: StepFunction,
    execution: Execution,
    config: ProcessingConfig,
    budget_s: Optional[float] = None,
) -> Execution:
    """Apply ``function`` with the failure rules above; pure apart from the clock.

    ``budget_s`` bounds the step's time on this document (flexorch_beam/budget.py): past it
    the record fails with TIMEOUT naming the step, and the worker goes on.
    """
    if execution.failed:
        return execution
    started = time.perf_counter()
    try:
        with time_budget(budget_s):
            result = function(execution, config)
    except StepOverrun:
        LOG.warning("step %s ran past its %.0f s budget on %s", step, budget_s, execution.id)
        result = fail(
            execution,
            codes.TIMEOUT,
            f"{step} took longer than its {budget_s:g} s budget for one document",
        )
    except ProcessingError as error:
        result = fail(execution, error.code, error.summary)
    except Exception as error:  # noqa: BLE001 - one bad document must not stop the job
        LOG.warning("step %s failed on %s: %s", step, execution.id, type(error).__name__)
        result = fail(
            execution,
            codes.INTERNAL_ERROR,
            f"{step} failed unexpectedly ({type(error).__name__})",
        )
    elapsed_ms = int((time.perf_counter() - started) * 1000)
    return evolve(result, processing_ms=execution.processing_ms + elapsed_ms)


WarmUp = Callable[[ProcessingConfig], None]


class StepFn(beam.DoFn):
    def __init__(self, step: str, function: StepFunction, config: ProcessingConfig,
                 warm_up: Optional[WarmUp] = None) -> None:
        self._step = step
        self._function = function
        self._config = config
        self._warm_up = warm_up
        self._step_ms = Metrics.distribution(NAMESPACE, f"step_ms_{step}")

    def setup(self) -> None:
        # Reference data the step would load lazily (models, tables) is loaded once per
        # worker, before any document: no document pays for it, and the worker's memory
        # does not creep up with every new kind of value the corpus brings.
        if self._warm_up is not None:
            self._warm_up(self._config)

    def process(self, execution: Execution) -> Iterator[Execution]:
        before = execution.processing_ms
        result = run_step(self._step, self._function, execution, self._config,
                          self._config.step_timeout_s)
        if not execution.failed:
            self._step_ms.update(result.processing_ms - before)
        yield result


class ApplyStep(beam.PTransform):
    """``pcoll | ApplyStep("classify", classify_execution, config)``."""

    def __init__(
        self,
        step: str,
        function: StepFunction,
        config: Optional[ProcessingConfig] = None,
        warm_up: Optional[WarmUp] = None,
    ) -> None:
        super().__init__(label=None)
        self._step = step
        self._function = function
        self._config = config or ProcessingConfig()
        self._warm_up = warm_up

    def expand(self, executions):  # noqa: ANN001 - PCollection[Execution]
        return executions | beam.ParDo(
            StepFn(self._step, self._function, self._config, self._warm_up))
