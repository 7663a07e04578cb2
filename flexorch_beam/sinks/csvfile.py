"""CSV sink: one flat row per record (nested columns as JSON), a header in every shard.

Each shard is a complete CSV file (RFC 4180 quoting, so multi-line text stays one field);
booleans are ``true``/``false``, missing values empty.
"""

from __future__ import annotations

import csv
import io

import apache_beam as beam

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.sinks.flat import COLUMNS, flatten_row


def _csv_line(values: list) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(
        ["true" if v is True else "false" if v is False else v for v in values]
    )
    return buffer.getvalue()


HEADER = _csv_line(list(COLUMNS))


def row_to_csv_line(row: dict) -> str:
    return _csv_line(flatten_row(row))


class WriteCsv(beam.PTransform):
    def __init__(self, output_dir: str, config: ProcessingConfig, name: str = "records") -> None:
        super().__init__()
        self._prefix = "/".join([output_dir.rstrip("/"), "csv", name])

    def expand(self, rows):  # noqa: ANN001 - PCollection[dict]
        return (
            rows
            | "ToCsvLine" >> beam.Map(row_to_csv_line)
            | "WriteCsv"
            >> beam.io.WriteToText(self._prefix, file_name_suffix=".csv", header=HEADER)
        )
