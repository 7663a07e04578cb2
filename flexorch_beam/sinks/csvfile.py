"""CSV sink: one flat row per record (nested columns as JSON), a header in every shard.

Each shard is a complete CSV file with RFC 4180 quoting: every field holding a quote, a comma,
CR or LF is quoted, so multi-line text stays one field. Python's csv module only quotes line
breaks it finds in its own ``lineterminator``, so the line is written with ``\r\n`` and that
terminator is cut off again (Beam's WriteToText adds the record separator). Booleans are
``true``/``false``, missing values empty. String cells that a spreadsheet would evaluate as a
formula are neutralised (escape.neutralise_cell; ``restore_cell`` gives the original back).
"""

from __future__ import annotations

import csv
import io

from flexorch_beam.flat_rows import COLUMNS, flatten_row
from flexorch_beam.sinks.escape import neutralise_cell
from flexorch_beam.sinks.lines import WriteLines

_TERMINATOR = "\r\n"


def _csv_line(values: list) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=_TERMINATOR, quoting=csv.QUOTE_MINIMAL).writerow(
        ["true" if v is True else "false" if v is False else neutralise_cell(v) for v in values]
    )
    return buffer.getvalue()[: -len(_TERMINATOR)]


HEADER = _csv_line(list(COLUMNS))


def row_to_csv_line(row: dict) -> str:
    return _csv_line(flatten_row(row))


class WriteCsv(WriteLines):
    folder = "csv"
    suffix = ".csv"
    header = HEADER
    to_line = staticmethod(row_to_csv_line)
