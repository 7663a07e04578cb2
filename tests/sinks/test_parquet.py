"""Parquet sink read back with pyarrow and pandas under the one schema."""
import glob

import pandas as pd
import pyarrow.parquet as pq

from flexorch_beam.record import SCHEMA


def test_parquet_has_the_schema_and_the_rows(dataset):
    out, _records, kept, _rejected = dataset
    files = sorted(glob.glob(f"{out}/parquet/records-*.parquet"))
    tables = [pq.read_table(f) for f in files]
    assert all(t.schema.remove_metadata() == SCHEMA for t in tables)
    rows = [row for t in tables for row in t.to_pylist()]
    assert {row["id"]: row for row in rows} == kept
    frame = pd.read_parquet(files[0])
    assert set(frame.columns) == set(SCHEMA.names)
