"""Run extraction in a reusable child process with a time limit and a memory cap.

Why not Beam's ``ParDo(...).with_exception_handling(use_subprocess=True, timeout=...)``
(apache_beam/transforms/core.py, ``_SubprocessDoFn``)? It was weighed and rejected:

* its pool is a ``concurrent.futures.ProcessPoolExecutor(1)``, which forks the SDK harness
  (a process full of gRPC threads) with Python's default start method; this pool starts a
  fresh interpreter (``python -m flexorch_beam.extract.worker``) instead;
* on a timeout it kills the worker process only: a tesseract grandchild keeps burning a
  core. Here the child leads its own process group and the whole group is killed;
* it has no memory cap; here the child runs under RLIMIT_AS = ``doc_memory_mb``;
* a failure leaves as a dead-letter ``(element, exception)`` on a second output, so the
  pipeline would need a branch and a merge to keep "one input -> one record", and the
  cause (timeout vs crash vs out-of-memory) is only an exception string. Here each outcome
  is a failure code on the record itself (TIMEOUT, UNPROCESSABLE, CORRUPT_FILE) and failed
  records pass through like every other step's;
* it sleeps a fixed second after every kill.

The pool is one long-lived child per DoFn instance (Beam already runs one instance per
worker thread/process, which is where parallelism comes from), started in ``setup()`` and
stopped in ``teardown()``; a child that timed out or died is replaced on the next call.
It is pure Python state built on the worker, so the DoFn stays picklable and works on the
DirectRunner (any mode) and on a PortableRunner worker alike.
"""
from __future__ import annotations

import os
import pickle
import selectors
import signal
import subprocess
import sys
import threading
import time
from typing import Any, Callable, Optional

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.extract.worker import HEADER

STARTUP_TIMEOUT_S = 120.0
_CRASH_SIGNALS = {signal.SIGSEGV, signal.SIGBUS, signal.SIGILL, signal.SIGFPE}


class _Deadline(Exception):
    pass


class _Died(Exception):
    pass


class SandboxPool:
    """``pool.call(function, *args)`` runs ``function`` in the child; failures become
    :class:`ProcessingError` with a code. ``function`` and ``args`` must be picklable."""

    def __init__(self, timeout_s: float, memory_mb: int) -> None:
        self.timeout_s = timeout_s
        self.memory_mb = memory_mb
        self._process: Optional[subprocess.Popen] = None
        self._lock = threading.Lock()
        self.starts = 0  # how many children were started (tests, metrics)

    # -- lifecycle ------------------------------------------------------------------------

    def start(self) -> None:
        with self._lock:
            self._ensure_started()

    def close(self) -> None:
        with self._lock:
            self._stop()

    @property
    def pid(self) -> Optional[int]:
        return None if self._process is None else self._process.pid

    def _environment(self) -> dict[str, str]:
        env = dict(os.environ)
        env["OMP_THREAD_LIMIT"] = "1"
        paths = [p for p in sys.path if p]
        if env.get("PYTHONPATH"):
            paths.append(env["PYTHONPATH"])
        env["PYTHONPATH"] = os.pathsep.join(paths)
        return env

    def _ensure_started(self) -> subprocess.Popen:
        if self._process is not None and self._process.poll() is None:
            return self._process
        self._stop()
        process = subprocess.Popen(
            [sys.executable, "-m", "flexorch_beam.extract.worker", str(self.memory_mb)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # library warnings may quote document content
            env=self._environment(),
            start_new_session=True,  # its own process group: a kill reaches tesseract too
            close_fds=True,
        )
        self._process = process
        self.starts += 1
        try:
            reply = self._receive(process, time.monotonic() + STARTUP_TIMEOUT_S)
        except (_Deadline, _Died):
            self._stop()
            raise ProcessingError(
                codes.INTERNAL_ERROR, "extraction sandbox process failed to start"
            ) from None
        if not (isinstance(reply, tuple) and reply[:1] == ("ready",)):
            self._stop()
            raise ProcessingError(codes.INTERNAL_ERROR, "extraction sandbox spoke out of turn")
        return process

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        for stream in (process.stdin, process.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()

    # -- calls ----------------------------------------------------------------------------

    def call(self, function: Callable[..., Any], *args: Any) -> Any:
        with self._lock:
            process = self._ensure_started()
            payload = pickle.dumps((function, args), protocol=pickle.HIGHEST_PROTOCOL)
            deadline = time.monotonic() + self.timeout_s
            try:
                process.stdin.write(HEADER.pack(len(payload)))
                process.stdin.write(payload)
                process.stdin.flush()
                reply = self._receive(process, deadline)
            except _Deadline:
                self._stop()
                raise ProcessingError(
                    codes.TIMEOUT,
                    f"extraction did not finish within {self.timeout_s:g} s and was stopped",
                ) from None
            except (_Died, BrokenPipeError, OSError):
                raise self._death() from None
        kind = reply[0]
        if kind == "ok":
            return reply[1]
        raise ProcessingError(reply[1], reply[2])

    def _death(self) -> ProcessingError:
        """The child died mid-document: say how, replace it on the next call."""
        process = self._process
        returncode = None
        if process is not None:
            try:
                returncode = process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        self._stop()
        if returncode is not None and returncode < 0 and -returncode in _CRASH_SIGNALS:
            name = signal.Signals(-returncode).name
            return ProcessingError(
                codes.CORRUPT_FILE, f"the extractor crashed ({name}) on this file"
            )
        how = (
            f"signal {signal.Signals(-returncode).name}"
            if returncode is not None and returncode < 0
            else f"exit status {returncode}"
        )
        return ProcessingError(
            codes.UNPROCESSABLE,
            f"the extraction process died ({how}); the document may exceed the "
            f"{self.memory_mb} MB memory cap",
        )

    @staticmethod
    def _receive(process: subprocess.Popen, deadline: float) -> Any:
        """One length-prefixed pickle from the child, or _Deadline / _Died."""
        fd = process.stdout.fileno()
        selector = selectors.DefaultSelector()
        selector.register(fd, selectors.EVENT_READ)
        try:

            def read_exactly(count: int) -> bytes:
                chunks: list[bytes] = []
                while count > 0:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0 or not selector.select(remaining):
                        raise _Deadline()
                    chunk = os.read(fd, min(count, 1 << 20))
                    if not chunk:
                        raise _Died()
                    chunks.append(chunk)
                    count -= len(chunk)
                return b"".join(chunks)

            (length,) = HEADER.unpack(read_exactly(HEADER.size))
            return pickle.loads(read_exactly(length))
        finally:
            selector.close()

    def __del__(self) -> None:  # best effort: teardown() is the real cleanup
        try:
            self._stop()
        except Exception:  # noqa: BLE001
            pass
