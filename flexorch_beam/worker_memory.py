"""Settings that keep an SDK worker's memory from growing with the corpus.

Measured on DirectRunner workers (``bench/e2e_bench.py``; bench/RESULTS.md), where a stage's
whole share of the corpus is one bundle, so anything a worker keeps per bundle is per corpus:
pyarrow's default jemalloc pool kept the Parquet writer's freed buffers (+10-13 MiB at the
end of a 16x run); the system allocator gives them back. A user's own
``ARROW_DEFAULT_MEMORY_POOL`` wins.

Not used, on purpose: Beam's ``data_buffer_time_limit_ms`` experiment, which flushes a
worker's outputs on a timer. It kept a worker's level flat through the processing stage
(Beam otherwise holds up to 10 MB of finished records per output until the bundle ends), but
its timer thread flushes the stream without the writer's lock (``get()`` then ``_clear()``
in ``data_plane.SizeBasedBufferingClosableOutputStream.flush``, Beam 2.77), so an element
written in between can be cut or dropped; one 64x bench run failed with it on.
"""
from __future__ import annotations

import os
from typing import MutableMapping

ARROW_POOL_VARIABLE = "ARROW_DEFAULT_MEMORY_POOL"
ARROW_POOL = "system"


def use_system_arrow_pool(environ: MutableMapping[str, str] = os.environ) -> None:
    """Point pyarrow at the system allocator unless the user picked a pool. Local SDK
    workers inherit this process's environment; the worker image sets it too (Dockerfile)."""
    environ.setdefault(ARROW_POOL_VARIABLE, ARROW_POOL)
