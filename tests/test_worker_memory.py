"""Worker memory defaults: pyarrow in a freshly started worker uses the system allocator,
and a user's own choice of pool stays."""
from __future__ import annotations

import os
import subprocess
import sys

from flexorch_beam.worker_memory import ARROW_POOL, ARROW_POOL_VARIABLE, use_system_arrow_pool

PROBE = "import pyarrow; print(pyarrow.default_memory_pool().backend_name)"


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
    use_system_arrow_pool()
    child = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                           env=dict(os.environ), check=True)
    assert child.stdout.strip() == "system"
    without = {k: v for k, v in os.environ.items() if k != ARROW_POOL_VARIABLE}
    child = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                           env=without, check=True)
    assert child.stdout.strip() != "system"  # what the setting changes: jemalloc or mimalloc
