"""The progress line: its text, when it is shown, and both ways of getting counts."""
from __future__ import annotations

import io
import time

from flexorch_beam.progress import (
    LISTED,
    PROCESSED,
    READ,
    ProgressCounter,
    ProgressReporter,
    progress_line,
    progress_wanted,
)


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_line_has_counts_rate_and_eta():
    line = progress_line({LISTED: 40, READ: 40, PROCESSED: 12, "progress_failed": 1}, 12.0)
    assert line == ("progress 0:00:12  listed 40  read 40  processed 12  failed 1  "
                    "1.0 docs/s  ETA 0:00:28")
    assert progress_line({}, 0.0).endswith("0.0 docs/s  ETA ?")


def test_auto_means_a_terminal():
    assert progress_wanted("auto", _Tty()) and not progress_wanted("auto", io.StringIO())
    assert progress_wanted("true", io.StringIO()) and not progress_wanted("false", _Tty())


def test_reporter_reads_live_counters_only_while_it_runs():
    counter = ProgressCounter(READ)
    counter.inc(5)  # before the reporter: not live, not counted
    stream = io.StringIO()
    reporter = ProgressReporter(stream, interval_s=0.05)
    reporter.start()
    counter.inc(3)
    time.sleep(0.3)
    reporter.stop()
    assert "read 3 " in stream.getvalue().splitlines()[-1]


def test_reporter_polls_a_remote_runners_counts():
    stream = io.StringIO()
    polled = iter(range(1, 1000))
    reporter = ProgressReporter(stream, 0.05, counts=lambda: {LISTED: 10, PROCESSED: next(polled)})
    reporter.start()
    time.sleep(0.3)
    reporter.stop()
    lines = stream.getvalue().splitlines()
    assert len(lines) >= 2 and "listed 10" in lines[0] and lines[0] != lines[-1]
