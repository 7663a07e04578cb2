"""Worker memory defaults: the flush experiment reaches Beam's worker as Beam parses it, a
user's own choice wins, and pyarrow in a freshly started worker uses the system allocator."""
from __future__ import annotations

import os
import subprocess
import sys

from apache_beam.options.pipeline_options import DebugOptions, PipelineOptions
from apache_beam.runners.worker import sdk_worker_main

from flexorch_beam.worker_memory import (
    ARROW_POOL,
    ARROW_POOL_VARIABLE,
    FLUSH_MS,
    keep_workers_flat,
    stream_worker_outputs,
    use_system_arrow_pool,
)


def _worker_flush_ms(options: PipelineOptions) -> int:
    """What an SDK worker started with these options uses (Beam's own parser)."""
    return sdk_worker_main._get_data_buffer_time_limit_ms(  # noqa: SLF001
        options.view_as(DebugOptions).experiments or []
    )


def test_workers_flush_outputs_by_time_by_default() -> None:
    options = PipelineOptions(["--runner", "DirectRunner"])
    assert _worker_flush_ms(options) == 0  # Beam's default: only at 10 MB or bundle end
    stream_worker_outputs(options)
    assert _worker_flush_ms(options) == FLUSH_MS
    stream_worker_outputs(options)  # applying twice adds nothing
    experiments = options.view_as(DebugOptions).experiments
    assert sum(e.startswith("data_buffer_time_limit_ms=") for e in experiments) == 1


def test_a_users_flush_setting_wins_even_zero() -> None:
    for value in ("0", "250"):
        options = PipelineOptions([f"--experiments=data_buffer_time_limit_ms={value}",
                                   "--experiments=use_runner_v2"])
        stream_worker_outputs(options)
        assert _worker_flush_ms(options) == int(value)
        assert "use_runner_v2" in options.view_as(DebugOptions).experiments


def test_arrow_pool_defaults_to_system_but_a_user_choice_stays() -> None:
    environ: dict[str, str] = {}
    use_system_arrow_pool(environ)
    assert environ == {ARROW_POOL_VARIABLE: ARROW_POOL}
    environ = {ARROW_POOL_VARIABLE: "mimalloc"}
    use_system_arrow_pool(environ)
    assert environ[ARROW_POOL_VARIABLE] == "mimalloc"


def test_a_worker_started_afterwards_uses_the_system_allocator(monkeypatch) -> None:
    monkeypatch.setenv(ARROW_POOL_VARIABLE, "")  # so teardown restores the variable as it was
    monkeypatch.delenv(ARROW_POOL_VARIABLE)
    keep_workers_flat(PipelineOptions([]))
    probe = "import pyarrow; print(pyarrow.default_memory_pool().backend_name)"
    child = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                           env=dict(os.environ), check=True)
    assert child.stdout.strip() == "system"
    without = {k: v for k, v in os.environ.items() if k != ARROW_POOL_VARIABLE}
    child = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                           env=without, check=True)
    assert child.stdout.strip() != "system"  # what the setting changes: jemalloc or mimalloc
