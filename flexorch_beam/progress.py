"""Progress while the job runs: documents listed, read, processed and failed, rate and ETA.

The counts are Beam counters in the ``flexorch`` namespace (``progress_listed``,
``progress_read``, ``progress_processed``, ``progress_failed``), so the Dataflow UI and
Flink show them like every other job counter. A runner only hands counters back when the
job ends, though (the DirectRunner's ``pipe.run()`` returns when everything is done), so
for a run in this process the same increments also go to Beam's process-wide metrics
container, which :class:`ProgressReporter` reads from a thread every few seconds. That
live copy is switched on only by a reporter in this process: remote workers never touch it.
"""
from __future__ import annotations

import threading
import time
from typing import IO, Callable, Mapping, Optional

from apache_beam.metrics import Metrics
from apache_beam.metrics.execution import MetricsEnvironment
from apache_beam.metrics.metricbase import MetricName

NAMESPACE = "flexorch"  # transforms.base.NAMESPACE, without importing the steps here
LISTED = "progress_listed"
READ = "progress_read"
PROCESSED = "progress_processed"
FAILED = "progress_failed"
NAMES = (LISTED, READ, PROCESSED, FAILED)

_live = threading.Event()  # set while a reporter in this process wants live counts


def _live_cell(name: str):  # noqa: ANN202 - a Beam CounterCell
    return MetricsEnvironment.process_wide_container().get_counter(MetricName(NAMESPACE, name))


class ProgressCounter:
    """One progress counter, used inside a DoFn: the job's Beam counter, plus the live
    process-wide copy when a local reporter is watching. Picklable."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._counter = Metrics.counter(NAMESPACE, name)

    def inc(self, amount: int = 1) -> None:
        self._counter.inc(amount)
        if _live.is_set():
            _live_cell(self.name).inc(amount)


def live_counts() -> dict[str, int]:
    return {name: int(_live_cell(name).get_cumulative()) for name in NAMES}


def progress_wanted(setting: str, stream: IO[str]) -> bool:
    """--progress: true, false, or auto (a line only when the stream is a terminal)."""
    if setting in ("true", "false"):
        return setting == "true"
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def progress_line(counts: Mapping[str, int], elapsed_s: float) -> str:
    """``progress 0:00:12  listed 40  read 40  processed 12  failed 1  1.0 docs/s  ETA 0:00:28``.

    Rate is processed documents per second since the start; the ETA is the documents listed
    but not processed yet at that rate (listing is finished before the first read)."""
    listed = counts.get(LISTED, 0)
    processed = counts.get(PROCESSED, 0)
    rate = processed / elapsed_s if elapsed_s > 0 else 0.0
    if rate > 0 and listed >= processed:
        eta = _clock((listed - processed) / rate)
    else:
        eta = "?"
    return (
        f"progress {_clock(elapsed_s)}  listed {listed}  read {counts.get(READ, 0)}  "
        f"processed {processed}  failed {counts.get(FAILED, 0)}  {rate:.1f} docs/s  ETA {eta}"
    )


class ProgressReporter:
    """A daemon thread printing :func:`progress_line` to ``stream`` every ``interval_s``.

    ``counts`` reads the job's counters from a runner that reports them while the job runs
    (Dataflow, Flink: ``result.metrics()``); without it the live counters of a run in this
    process are read, relative to the moment it starts (the process-wide cells outlive a
    run, e.g. in tests).
    """

    def __init__(
        self,
        stream: IO[str],
        interval_s: float = 5.0,
        counts: Optional[Callable[[], Mapping[str, int]]] = None,
    ) -> None:
        self._stream = stream
        self._interval = interval_s
        self._counts = counts  # None: the live process-wide counters of a local run
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None
        self._baseline: dict[str, int] = {}
        self._started = 0.0
        self.lines = 0

    def start(self) -> None:
        if self._counts is None:
            _live.set()
            self._baseline = live_counts()
        self._started = time.monotonic()
        self._thread = threading.Thread(target=self._run, name="flexorch-progress", daemon=True)
        self._thread.start()

    def current(self) -> str:
        now = live_counts() if self._counts is None else dict(self._counts())
        counts = {name: now.get(name, 0) - self._baseline.get(name, 0) for name in NAMES}
        return progress_line(counts, time.monotonic() - self._started)

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                print(self.current(), file=self._stream, flush=True)
                self.lines += 1
            except (OSError, ValueError):  # a closed stream must not kill the job
                return

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self._interval + 1)
        if self._counts is None:
            _live.clear()
