"""Settings that keep an SDK worker's memory flat however big the corpus is.

Measured on DirectRunner workers (``bench/e2e_bench.py``; bench/RESULTS.md), where a stage's
whole share of the corpus is one bundle, so anything a worker keeps per bundle is per corpus:

- An SDK worker buffers a bundle's output until 10 MB or the bundle's end, then copies it
  several times on the way to the runner (stream, proto, gRPC). With the processing stage's
  output held to its end, a worker's peak grew with the corpus (+20 MiB at 16x, +95 MiB at
  64x the bench corpus). Beam's ``data_buffer_time_limit_ms`` experiment flushes each output
  at least that often, so finished records leave as they are made.
- pyarrow's default jemalloc pool kept the Parquet writer's freed buffers (+10-13 MiB at the
  end of a 16x run); the system allocator gives them back.

Both are defaults a user can override: an explicit ``--experiments
data_buffer_time_limit_ms=N`` (0 turns it off) or ``ARROW_DEFAULT_MEMORY_POOL``.
"""
from __future__ import annotations

import os
from typing import MutableMapping

from apache_beam.options.pipeline_options import DebugOptions, PipelineOptions

FLUSH_EXPERIMENT = "data_buffer_time_limit_ms"
FLUSH_MS = 1000
ARROW_POOL_VARIABLE = "ARROW_DEFAULT_MEMORY_POOL"
ARROW_POOL = "system"


def stream_worker_outputs(options: PipelineOptions) -> None:
    """Ask SDK workers to flush each output every :data:`FLUSH_MS` ms, unless the user
    already chose a limit."""
    debug = options.view_as(DebugOptions)
    chosen = [e for e in (debug.experiments or []) if e.startswith(f"{FLUSH_EXPERIMENT}=")]
    if not chosen:
        debug.add_experiment(f"{FLUSH_EXPERIMENT}={FLUSH_MS}")


def use_system_arrow_pool(environ: MutableMapping[str, str] = os.environ) -> None:
    """Point pyarrow at the system allocator unless the user picked a pool. Local SDK
    workers inherit this process's environment; the worker image sets it too (Dockerfile)."""
    environ.setdefault(ARROW_POOL_VARIABLE, ARROW_POOL)


def keep_workers_flat(options: PipelineOptions) -> None:
    """Both settings, as the CLI applies them before the pipeline is built."""
    stream_worker_outputs(options)
    use_system_arrow_pool()
