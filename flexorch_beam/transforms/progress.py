"""CountProgress: one progress counter per document passing by (see flexorch_beam.progress)."""
from __future__ import annotations

from typing import Iterator

import apache_beam as beam

from flexorch_beam.progress import FAILED, ProgressCounter
from flexorch_beam.record import Record


@beam.typehints.with_input_types(Record)
@beam.typehints.with_output_types(Record)
class _CountFn(beam.DoFn):
    def __init__(self, name: str) -> None:
        self._counter = ProgressCounter(name)
        self._failed = ProgressCounter(FAILED)

    def process(self, record: Record) -> Iterator[Record]:
        self._counter.inc()
        if record.failed:
            self._failed.inc()
        yield record


class CountProgress(beam.PTransform):
    """``records | CountProgress(PROCESSED)``: counts each record (and the failed ones)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name

    def expand(self, records):  # noqa: ANN001
        return records | beam.ParDo(_CountFn(self._name))
