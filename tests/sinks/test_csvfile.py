"""CSV sink read back with the csv module and pandas; nested columns are JSON."""
import csv
import glob
import json

import pandas as pd

from flexorch_beam.record import SCHEMA
from flexorch_beam.sinks.csvfile import row_to_csv_line
from flexorch_beam.flat_rows import NESTED_COLUMNS


def _expected(value, name):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def test_csv_round_trip(dataset):
    out, _records, kept, _rejected = dataset
    files = sorted(glob.glob(f"{out}/csv/records-*.csv"))
    read = {}
    for path in files:
        with open(path, newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            assert reader.fieldnames == SCHEMA.names  # header in every shard
            read.update({row["id"]: row for row in reader})
    assert set(read) == set(kept)
    for job, row in kept.items():
        for name in SCHEMA.names:
            if name in NESTED_COLUMNS:
                cell = read[job][name]
                assert (json.loads(cell) if cell else None) == row[name], name
            else:
                assert read[job][name] == _expected(row[name], name), name
    frame = pd.concat([pd.read_csv(f) for f in files])
    assert len(frame) == len(kept)
    assert frame["is_duplicate"].dtype == bool
    multiline = frame.loc[frame["text"].fillna("").str.contains("\n"), "text"]
    assert len(multiline) == 1


def test_csv_line_is_one_record_even_with_newlines_and_quotes():
    line = row_to_csv_line({"id": "job_1", "text": 'a "b",\nc', "fields": [{"name": "x"}]})
    parsed = next(csv.reader([line]))
    assert parsed[0] == "job_1" and 'a "b",\nc' in parsed
