"""The background threads of the run queue and the scheduler, and the processes they start.

Why one base: both keep worker threads that sleep until woken or until their poll time,
start worker processes (pipeline runs, dataset builds, scheduled syncs) that a stopping
server must end, and stop the same way; the two copies had drifted apart once already.
"""
from __future__ import annotations

import subprocess
import threading
from pathlib import Path
from typing import Iterable


class WorkerThreads:
    """Threads running ``self._loop`` and the worker processes they spawn."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._threads: list[threading.Thread] = []
        self._procs: set[subprocess.Popen] = set()
        self._lock = threading.Lock()

    def _loop(self) -> None:  # pragma: no cover - each subclass has its own
        raise NotImplementedError

    def _start_threads(self, names: Iterable[str]) -> None:
        for name in names:
            thread = threading.Thread(target=self._loop, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        """End the loops and every worker process still running; wait for the threads."""
        self._stop.set()
        self._wake.set()
        with self._lock:
            for proc in list(self._procs):
                proc.terminate()
        for thread in self._threads:
            thread.join(timeout=30)

    def wake(self) -> None:
        self._wake.set()

    def spawn(self, argv: list[str], env: dict[str, str], log_path: Path) -> int:
        """Run a worker process with its output in ``log_path``, tracked while it runs so that
        :meth:`stop` can end it; its exit code. Tesseract inside it keeps to one thread
        (OMP_THREAD_LIMIT, see DESIGN field notes)."""
        env.setdefault("OMP_THREAD_LIMIT", "1")
        with open(log_path, "ab") as log:
            proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=env,
                                    stdin=subprocess.DEVNULL)
            with self._lock:
                self._procs.add(proc)
            try:
                return proc.wait()
            finally:
                with self._lock:
                    self._procs.discard(proc)
