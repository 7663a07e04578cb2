"""Extract: the first processing step as a PTransform.

With ``config.sandbox`` (the default) every document is extracted in a long-lived child
process (see flexorch_beam/extract/sandbox.py for why not Beam's own subprocess handling):
the pool is started in ``setup()``, reused across bundles, replaced after a timeout or a
crash, and stopped in ``teardown()``. ``sandbox=False`` extracts in-process (tests,
benchmarks). Either way the failure rules of transforms/base.py apply: failed records pass
through untouched, a ProcessingError becomes a failed record with its code.
"""
from __future__ import annotations

from typing import Iterator, Optional

import apache_beam as beam
from apache_beam.metrics import Metrics

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.extract.sandbox import SandboxPool
from flexorch_beam.extract.step import extract_execution
from flexorch_beam.record import Execution
from flexorch_beam.transforms.base import NAMESPACE, run_step


class ExtractFn(beam.DoFn):
    def __init__(self, config: ProcessingConfig) -> None:
        self._config = config
        self._pool: Optional[SandboxPool] = None
        self._step_ms = Metrics.distribution(NAMESPACE, "step_ms_extract")
        self._restarts = Metrics.counter(NAMESPACE, "extract_sandbox_starts")

    def setup(self) -> None:
        if self._config.sandbox:
            self._pool = SandboxPool(self._config.doc_timeout_s, self._config.doc_memory_mb)
            self._pool.start()
            self._restarts.inc()

    def _extract(self, execution: Execution, config: ProcessingConfig) -> Execution:
        return extract_execution(execution, config, self._pool)

    def process(self, execution: Execution) -> Iterator[Execution]:
        before = execution.processing_ms
        starts = self._pool.starts if self._pool is not None else 0
        result = run_step("extract", self._extract, execution, self._config)
        if self._pool is not None and self._pool.starts > starts:
            self._restarts.inc(self._pool.starts - starts)
        if not execution.failed:
            self._step_ms.update(result.processing_ms - before)
        yield result

    def teardown(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_pool"] = None  # a live pool never travels with the DoFn
        return state


class Extract(beam.PTransform):
    def __init__(self, config: Optional[ProcessingConfig] = None) -> None:
        super().__init__()
        self._config = config or ProcessingConfig()

    def expand(self, executions):  # noqa: ANN001
        return executions | "ExtractText" >> beam.ParDo(ExtractFn(self._config))
