"""Parquet sink under the record schema (loads with pandas and pyarrow as-is)."""
from __future__ import annotations

import apache_beam as beam

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.record import SCHEMA


class WriteParquet(beam.PTransform):
    def __init__(self, output_dir: str, config: ProcessingConfig, name: str = "records") -> None:
        super().__init__()
        self._prefix = "/".join([output_dir.rstrip("/"), "parquet", name])

    def expand(self, rows):  # noqa: ANN001 - PCollection[dict]
        return rows | "WriteParquet" >> beam.io.WriteToParquet(
            self._prefix,
            SCHEMA,
            file_name_suffix=".parquet",
            codec="zstd",
            record_batch_size=256,
        )
