"""The one DoFn shape every per-document step shares.

A step (flexorch_beam/steps.py) is a pure function ``(Record, options) -> Record`` over its
own capability's options object, with its warm-up and resources. :class:`StepFn` adds what Beam is for and nothing
else: failed records pass through untouched, a ProcessingError becomes a failed record with
its code, an unexpected exception becomes INTERNAL_ERROR (logged by type only, never with
content), a step past its per-document budget fails with TIMEOUT, and time is counted per step.
"""
from __future__ import annotations

import enum
import logging
import time
from typing import Any, Callable, Iterator, Optional, Union

import apache_beam as beam
from apache_beam.metrics import Metrics

from flexorch_beam import codes
from flexorch_beam.budget import StepOverrun, time_budget
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ProcessingConfig, RunOptions
from flexorch_beam.record import Record, StepEntry, evolve, fail
from flexorch_beam.steps import BUDGET_SETTINGS, Step, step_named

NAMESPACE = "flexorch"
LOG = logging.getLogger("flexorch_beam")

StepFunction = Callable[[Record, Any], Record]
WarmUp = Callable[[Any], None]
DEFAULT_BUDGET_S = RunOptions().step_timeout_s


def budget_of(config: Any) -> float:
    """--step-timeout-s: the run's, from a ProcessingConfig; the default otherwise."""
    return config.run.step_timeout_s if isinstance(config, ProcessingConfig) else DEFAULT_BUDGET_S


def run_step(
    step: str,
    function: StepFunction,
    record: Record,
    options: Any,
    budget_s: Optional[float] = None,
) -> Record:
    """Apply ``function`` with the failure rules above; pure apart from the clock.

    ``budget_s`` bounds the step's time on this document (flexorch_beam/budget.py): past it
    the record fails with TIMEOUT naming the step, and the worker goes on. The step adds its
    entry to the record's ledger (``steps``); a failed record passes untouched, so its ledger
    ends with the step that failed it.
    """
    if record.failed:
        return record
    started = time.perf_counter()
    try:
        with time_budget(budget_s):
            result = function(record, options)
    except StepOverrun:
        LOG.warning("step %s ran past its %.0f s budget on %s", step, budget_s, record.id)
        result = fail(
            record,
            codes.TIMEOUT,
            f"{step} took longer than its {budget_s:g} s budget for one document",
        )
    except ProcessingError as error:
        result = fail(record, error.code, error.summary)
    except Exception as error:  # noqa: BLE001 - one bad document must not stop the job
        LOG.warning("step %s failed on %s: %s", step, record.id, type(error).__name__)
        result = fail(
            record,
            codes.INTERNAL_ERROR,
            f"{step} failed unexpectedly ({type(error).__name__})",
        )
    elapsed_ms = int((time.perf_counter() - started) * 1000)
    entry = StepEntry(
        step,
        codes.STATUS_FAILED if result.failed else codes.STATUS_COMPLETED,
        elapsed_ms,
        methods=result.step_methods,
        warnings=_added_codes(record, result),
    )
    return evolve(result, processing_ms=record.processing_ms + elapsed_ms,
                  steps=record.steps + (entry,), step_methods=())


def _added_codes(before: Record, after: Record) -> tuple[str, ...]:
    """The codes of the warnings a step added (steps append to the record's warnings)."""
    known = len(before.warnings)
    added = after.warnings[known:] if after.warnings[:known] == before.warnings else tuple(
        warning for warning in after.warnings if warning not in before.warnings)
    return tuple(warning.code for warning in added)


def run_declared(step: Step, record: Record, options: Any, handle: Any = None,
                 budget_s: Optional[float] = None) -> Record:
    """One declared step on one record, as the pipeline runs it: its resource ``handle``,
    its time budget, the failure rules of :func:`run_step`, then its ``on_failed`` for a record
    that is failed after it. StepFn and the benches' plain loop both call this. ``options``
    is the step's own options (a ProcessingConfig gives its part and its budget)."""
    if budget_s is None:
        budget_s = budget_of(options)
    options = step.options(options)
    budget = budget_s if step.budgeted else None
    result = run_step(step.name, lambda e, o: step.apply(e, o, handle), record, options, budget)
    if result.failed and step.on_failed is not None:
        result = step.on_failed(result, options)
    return result


@beam.typehints.with_input_types(Record)
@beam.typehints.with_output_types(Record)
class StepFn(beam.DoFn):
    """One step on a worker: warm-up and resource in ``setup``, the resource closed in
    ``teardown``, the failure rules per record, time and the step's counters as metrics."""

    def __init__(self, step: Step, options: Any = None, budget_s: Optional[float] = None) -> None:
        self._step = step
        self._budget_s = budget_of(options) if budget_s is None else budget_s
        self._options = step.options(options)  # its own part only, never the whole config
        self._handle: Any = None
        self._starts = 0
        self._step_ms = Metrics.distribution(NAMESPACE, f"step_ms_{step.name}")
        self._restarts = Metrics.counter(NAMESPACE, f"{step.name}_sandbox_starts")

    @property
    def step(self) -> Step:
        return self._step

    def setup(self) -> None:
        # Reference data the step would load lazily (models, tables) is loaded once per
        # worker, before any document: no document pays for it, and the worker's memory
        # does not creep up with every new kind of value the corpus brings.
        if self._step.warm_up is not None:
            self._step.warm_up(self._options)
        if self._step.resource is not None:
            self._handle = self._step.resource.open(self._options)
            self._count_restarts()

    def _count_restarts(self) -> None:
        starts = self._step.resource.starts(self._handle) if self._step.resource else 0
        if starts > self._starts:
            self._restarts.inc(starts - self._starts)
            self._starts = starts

    def process(self, record: Record) -> Iterator[Record]:
        result = run_declared(self._step, record, self._options, self._handle, self._budget_s)
        if self._step.resource is not None:
            self._count_restarts()
        if not record.failed:
            self._step_ms.update(result.steps[-1].ms)  # the summary's step times: the ledger's
            if self._step.counters is not None and not result.failed:
                for name in self._step.counters(result):
                    Metrics.counter(NAMESPACE, name).inc()
        yield result

    def teardown(self) -> None:
        if self._step.resource is not None and self._handle is not None:
            self._step.resource.close(self._handle)
            self._handle = None

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_handle"] = None  # a live resource (a process pool) never travels with the DoFn
        state["_starts"] = 0
        return state


class ApplyStep(beam.PTransform):
    """``pcoll | ApplyStep(step_named("classify"), options)``; also takes a bare function:
    ``ApplyStep("demo", function, options, warm_up)`` (tests, users' own steps). ``config``
    is the step's own options, or a ProcessingConfig it takes its part and budget from."""

    def __init__(
        self,
        step: Union[Step, str],
        function: Optional[StepFunction] = None,
        config: Any = None,
        warm_up: Optional[WarmUp] = None,
        budget_s: Optional[float] = None,
    ) -> None:
        super().__init__(label=None)
        if isinstance(step, str):
            if function is None:
                raise ValueError("ApplyStep(name, ...) needs the step's function")
            step = Step(step, function, warm_up=warm_up)
        self._step = step
        self._budget_s = budget_of(config) if budget_s is None else budget_s
        self._options = step.options(config)
        if step.check is not None:
            step.check(self._options)

    @property
    def options(self) -> Any:
        """The step's own options (its capability's part)."""
        return self._options

    @property
    def budget_s(self) -> float:
        return self._budget_s

    def expand(self, records):  # noqa: ANN001 - PCollection[Record]
        return records | beam.ParDo(StepFn(self._step, self._options, self._budget_s))

    def display_data(self) -> dict:
        return {
            "step": self._step.name,
            "time_budget_s": self._budget_s if self._step.budgeted else 0.0,
            "worker_resource": self._step.resource is not None,
        }


class StepTransform(beam.PTransform):
    """The public transform of one declared step, Beam style: ``docs | Classify()``,
    ``docs | DetectPII(mask_mode="indexed", pii_types=("IBAN",))``, or its options object
    (``DetectPII(PIIOptions(...))``, or a ProcessingConfig, of which it keeps its part) with
    keyword arguments over it. It takes the settings its step reads (the fields of its
    options, ``Step.settings``, and ``step_timeout_s``) and nothing else. A subclass names its
    step and the label of the step's ParDo (kept from the first release)."""

    STEP: str = ""
    LABEL: str = ""

    def __init__(self, options: Any = None, **settings: Any) -> None:
        super().__init__()
        step = step_named(self.STEP)
        self._settings = step.settings + (BUDGET_SETTINGS if step.budgeted else ())
        unknown = sorted(set(settings) - set(self._settings))
        if unknown:
            raise TypeError(f"{type(self).__name__} takes no setting {', '.join(unknown)} "
                            f"(its settings: {', '.join(self._settings) or 'none'})")
        budget = settings.pop("step_timeout_s", None)
        if budget is None:
            budget = budget_of(options)
        try:
            part = step.options(options)
        except TypeError:
            raise TypeError(f"{type(self).__name__} takes {type(step.options()).__name__} "
                            f"or a ProcessingConfig, not {type(options).__name__}") from None
        if settings:
            part = part.replace(**{
                name: tuple(value) if isinstance(getattr(part, name), tuple) else value
                for name, value in settings.items()})
        self._apply = ApplyStep(step, config=part, budget_s=budget)  # checks on the launcher

    @property
    def options(self) -> Any:
        """The step's own options, keyword arguments applied."""
        return self._apply.options

    def expand(self, records):  # noqa: ANN001 - PCollection[Record]
        return records | self.LABEL >> self._apply

    def display_data(self) -> dict:
        shown = self._apply.display_data()
        for name in self._settings:
            value = self._apply.budget_s if name == "step_timeout_s" else getattr(
                self.options, name)
            if isinstance(value, enum.Enum):
                value = value.value
            shown[name] = ",".join(value) if isinstance(value, tuple) else (
                "" if value is None else value)
        return shown
