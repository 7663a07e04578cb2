"""Parquet sink under the record schema (loads with pandas and pyarrow as-is)."""
from __future__ import annotations

import apache_beam as beam

from flexorch_beam.record import SCHEMA
from flexorch_beam.sinks.base import FolderSink

# Beam's WriteToParquet keeps a bundle's rows in Arrow until they fill its row-group buffer
# (64 MiB by default). Bundles are as big as the runner makes them (a DirectRunner worker gets
# its whole share of the corpus as one), so that buffer is memory per corpus up to its size.
# 8 MiB row groups bound it and still suit readers (pyarrow, pandas, DuckDB and HF datasets
# read a file row group by row group).
ROW_GROUP_BYTES = 8 << 20
RECORD_BATCH_ROWS = 256


class WriteParquet(FolderSink):
    folder = "parquet"

    def expand(self, rows):  # noqa: ANN001 - PCollection[dict]
        return rows | "WriteParquet" >> beam.io.WriteToParquet(
            f"{self.folder_path}/{self._name}",
            SCHEMA,
            file_name_suffix=".parquet",
            codec="zstd",
            row_group_buffer_size=ROW_GROUP_BYTES,
            record_batch_size=RECORD_BATCH_ROWS,
        )
