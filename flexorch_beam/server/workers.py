"""The background threads of the run queue, the scheduler and the webhook sender, and the
processes they start.

Why one base: all keep worker threads that work in rounds and sleep until woken or until
their poll time, survive a failed round, and stop the same way; the queue and the scheduler
start worker processes (pipeline runs, dataset builds, scheduled syncs) that a stopping
server must end. The copies had drifted apart once already.
"""
from __future__ import annotations

import logging
import subprocess
import threading
from pathlib import Path
from typing import Iterable


class WorkerThreads:
    """Threads running ``self._loop`` and the worker processes they spawn. A subclass says
    what one round of work is (``_round``), its name in logs (``role``) and its poll time
    (``tick_s``)."""

    role = "worker"
    tick_s = 1.0

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._threads: list[threading.Thread] = []
        self._procs: set[subprocess.Popen] = set()
        self._lock = threading.Lock()

    def _round(self) -> bool:  # pragma: no cover - each subclass has its own
        """One round of work; True when there may be more right away (no sleep)."""
        raise NotImplementedError

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                busy = self._round()
            except Exception as error:  # noqa: BLE001 - the loop must survive; logged by type
                logging.getLogger(type(self).__module__).error("%s step failed: %s", self.role,
                                                               type(error).__name__)
                busy = False
            if not busy:
                self._wake.wait(self.tick_s)
                self._wake.clear()

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
