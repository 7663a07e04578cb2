"""Parquet sink under the record schema (loads with pandas and pyarrow as-is)."""
from __future__ import annotations

from typing import Union

import apache_beam as beam

from flexorch_beam.config import OutputOptions, ProcessingConfig
from flexorch_beam.record import SCHEMA

# Beam's WriteToParquet keeps a bundle's rows in Arrow until they fill its row-group buffer
# (64 MiB by default). Bundles are as big as the runner makes them (a DirectRunner worker gets
# its whole share of the corpus as one), so that buffer is memory per corpus up to its size.
# 8 MiB row groups bound it and still suit readers (pyarrow, pandas, DuckDB and HF datasets
# read a file row group by row group).
ROW_GROUP_BYTES = 8 << 20
RECORD_BATCH_ROWS = 256


class WriteParquet(beam.PTransform):
    folder = "parquet"

    def __init__(self, output_dir: str, config: Union[OutputOptions, ProcessingConfig, None] = None,
                 name: str = "records") -> None:
        super().__init__()
        self._prefix = "/".join([output_dir.rstrip("/"), self.folder, name])

    def expand(self, rows):  # noqa: ANN001 - PCollection[dict]
        return rows | "WriteParquet" >> beam.io.WriteToParquet(
            self._prefix,
            SCHEMA,
            file_name_suffix=".parquet",
            codec="zstd",
            row_group_buffer_size=ROW_GROUP_BYTES,
            record_batch_size=RECORD_BATCH_ROWS,
        )
