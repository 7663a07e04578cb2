"""Parquet sink read back with pyarrow and pandas under the one schema."""
import glob

import apache_beam as beam
import pandas as pd
import pyarrow.parquet as pq
from apache_beam.testing.test_pipeline import TestPipeline

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.record import SCHEMA, to_row
from flexorch_beam.sinks.parquet import ROW_GROUP_BYTES, WriteParquet

from .conftest import make


def test_parquet_has_the_schema_and_the_rows(dataset):
    out, _records, kept, _rejected = dataset
    files = sorted(glob.glob(f"{out}/parquet/records-*.parquet"))
    tables = [pq.read_table(f) for f in files]
    assert all(t.schema.remove_metadata() == SCHEMA for t in tables)
    rows = [row for t in tables for row in t.to_pylist()]
    assert {row["id"]: row for row in rows} == kept
    frame = pd.read_parquet(files[0])
    assert set(frame.columns) == set(SCHEMA.names)


def test_a_big_bundle_is_written_in_bounded_row_groups(tmp_path):
    """Beam keeps a bundle's rows in Arrow until the row-group buffer fills: ours is bounded
    (8 MiB; a group closes at the first record batch past it), so one bundle of twice that
    is written as two row groups, every row still there. Beam's 64 MiB default gives one."""
    text = "Invoice line with an amount of 12.50 EUR and a due date. " * 500  # ~29 KB
    rows = [to_row(make(i, f"{i} {text}")) for i in range(2 * ROW_GROUP_BYTES // len(text) + 1)]
    with TestPipeline() as pipe:
        _ = (pipe | beam.Create([rows]) | beam.FlatMap(lambda batch: batch)  # one bundle
             | WriteParquet(str(tmp_path), ProcessingConfig(run_id="t")))
    files = sorted(glob.glob(f"{tmp_path}/parquet/records-*.parquet"))
    metadata = [pq.ParquetFile(f).metadata for f in files]
    assert sum(m.num_rows for m in metadata) == len(rows)
    assert sum(m.num_row_groups for m in metadata) >= 2
