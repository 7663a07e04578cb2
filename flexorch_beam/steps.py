"""The processing steps as one ordered list: what ProcessDocuments wires, what the benches'
plain loop runs, and what the metrics are named after.

A :class:`Step` is plain data around a pure function ``(Record, options) -> Record`` (no
Beam import here), where ``options`` is its own capability's options object
(``config.ExtractOptions`` for extract, ``FieldsOptions``, ``PIIOptions``; None for a step
without settings): its warm-up (reference data loaded once per worker, before any document),
the resource it holds for its whole life on a worker (extract's sandbox pool: opened in
``DoFn.setup``, closed in ``teardown``), the launcher-side check of its settings, and the
Beam counters a finished record adds to. Adding a step is one entry below.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Optional

from flexorch_beam.config import BY_PART, ExtractOptions, ProcessingConfig
from flexorch_beam.record import Record

StepFunction = Callable[..., Record]  # (record, options) or (record, options, resource)


@dataclass(frozen=True)
class Resource:
    """Something a step keeps open on a worker: ``open(options)`` in setup (None: nothing to
    hold), ``close(handle)`` in teardown. ``starts(handle)`` counts restarts for a metric."""

    open: Callable[[Any], Any]
    close: Callable[[Any], None]
    starts: Callable[[Any], int] = lambda handle: 0  # noqa: E731 - replaced where it matters


@dataclass(frozen=True)
class Step:
    name: str
    function: StepFunction
    warm_up: Optional[Callable[[Any], None]] = None
    resource: Optional[Resource] = None
    # Settings checked on the launcher, before any document is read (raises ValueError).
    check: Optional[Callable[[Any], None]] = None
    # Names of the counters one finished record adds 1 to (ids and codes only, never values).
    counters: Optional[Callable[[Record], Iterable[str]]] = None
    # Runs under --step-timeout-s in the worker's thread; extract has its own process timeout.
    budgeted: bool = True
    # Applied to a record that failed before or in this step (``function`` never saw it, or
    # gave up on it): the PII step masks file names and paths of failed records too.
    on_failed: Optional[StepFunction] = None
    # The capability whose options the step reads (config.PARTS: "extract", "pii"...): its
    # fields are what the step's public transform takes as keyword arguments
    # (``DetectPII(mask_mode="indexed")``) and shows in its display data. None: no settings.
    part: Optional[str] = None

    @property
    def settings(self) -> tuple[str, ...]:
        """The names of the settings the step reads: its options' fields."""
        if self.part is None:
            return ()
        return tuple(item.name for item in dataclasses.fields(BY_PART[self.part]))

    def options(self, config: Any = None) -> Any:
        """The step's own options: the part of a ProcessingConfig, the options object itself,
        or the defaults for None (a step without settings gets None). An options object of
        another capability is a TypeError."""
        if self.part is None:
            return None if isinstance(config, ProcessingConfig) else config
        if config is None:
            return BY_PART[self.part]()
        if isinstance(config, ProcessingConfig):
            return config.part(self.part)
        wanted = BY_PART[self.part]
        if not isinstance(config, wanted):
            raise TypeError(f"step {self.name} takes {wanted.__name__}, not "
                            f"{type(config).__name__}")
        return config

    def apply(self, record: Record, options: Any, handle: Any = None) -> Record:
        if self.resource is not None:
            return self.function(record, options, handle)
        return self.function(record, options)


def _open_pool(options: ExtractOptions) -> Any:
    """Extract's sandbox: a long-lived child process (extract/sandbox.py), or none."""
    if not options.sandbox:
        return None
    from flexorch_beam.extract.sandbox import SandboxPool

    pool = SandboxPool(options.doc_timeout_s, options.doc_memory_mb)
    pool.start()
    return pool


def _close_pool(pool: Any) -> None:
    if pool is not None:
        pool.close()


def _pool_starts(pool: Any) -> int:
    return pool.starts if pool is not None else 0


SANDBOX = Resource(_open_pool, _close_pool, _pool_starts)


def _pii_counters(record: Record) -> Iterable[str]:
    for finding in record.pii_findings:
        yield f"pii_{finding.type}"
    if record.privacy_applied:
        yield "pii_privacy_applied"


BUDGET_SETTINGS = ("step_timeout_s",)  # every budgeted step's (RunOptions)


def _build() -> tuple[Step, ...]:
    from flexorch_beam import language
    from flexorch_beam.classify import classify_record
    from flexorch_beam.extract_step import extract_record
    from flexorch_beam.fields.step import extract_fields_record
    from flexorch_beam.pii import step as pii_step
    from flexorch_beam.quality import score_record

    return (
        Step("extract", extract_record, resource=SANDBOX, budgeted=False, part="extract"),
        Step("classify", classify_record, warm_up=language.warm_up),
        # The LLM fallback's prompt is masked with the PII step's types before it leaves
        # (FieldsOptions shares them with PIIOptions).
        Step("fields", extract_fields_record, part="fields"),
        Step("pii", pii_step.detect_pii_record, warm_up=pii_step.warm_up,
             check=pii_step.check_config, counters=_pii_counters,
             on_failed=pii_step.mask_names, part="pii"),
        Step("quality", score_record),
    )


STEPS: tuple[Step, ...] = _build()
"""Extract -> Classify -> ExtractFields -> DetectPII -> ScoreQuality. Fields come before PII
so rules read the raw text; DetectPII then masks the text and any field holding a detected
value. Quality is scored last, on what will be published."""


def step_named(name: str) -> Step:
    for step in STEPS:
        if step.name == name:
            return step
    raise KeyError(f"no step named {name!r} (steps: {', '.join(s.name for s in STEPS)})")
