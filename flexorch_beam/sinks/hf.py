"""HuggingFace ``datasets`` folder, written from Beam shards; ``datasets.load_from_disk`` opens it.

Workers write Arrow IPC *stream* shards (the format ``save_to_disk`` uses) under the record
schema through ``fileio.WriteToFiles``; once the shards are final, one finalize step writes
``state.json`` (listing the shards) and ``dataset_info.json`` (Features derived from
``record.SCHEMA``, so nested columns keep their types). The transform outputs the paths of
every file it wrote. With ``--split F`` the folder is a
DatasetDict: ``train/`` and ``validation/`` (stable content hash, see split.py) plus
``dataset_dict.json``. An empty input still gives a loadable, empty dataset.
"""
from __future__ import annotations

import hashlib
import json
import posixpath
from typing import BinaryIO, Optional, Union

import apache_beam as beam
import pyarrow as pa
from apache_beam.io import fileio

from flexorch_beam.config import OutputOptions, ProcessingConfig
from flexorch_beam.record import SCHEMA
from flexorch_beam.sinks.base import FolderSink
from flexorch_beam.whole_files import write_atomic
from flexorch_beam.training_split import TRAIN, VALIDATION, check_fraction, split_of

BATCH_ROWS = 512
SHARD_PREFIX = "data"


class ArrowStreamSink(fileio.FileSink):
    """Rows -> record batches in one Arrow IPC stream per shard file."""

    def __init__(self) -> None:
        self._writer: Optional[pa.ipc.RecordBatchStreamWriter] = None
        self._rows: list[dict] = []

    def open(self, fh: BinaryIO) -> None:
        self._writer = pa.ipc.new_stream(fh, SCHEMA)
        self._rows = []

    def write(self, record: dict) -> None:
        self._rows.append(record)
        if len(self._rows) >= BATCH_ROWS:
            self._write_batch()

    def _write_batch(self) -> None:
        if self._rows:
            self._writer.write_batch(pa.RecordBatch.from_pylist(self._rows, schema=SCHEMA))
            self._rows = []

    def flush(self) -> None:
        if self._writer is not None:
            self._write_batch()
            self._writer.close()
            self._writer = None


def _empty_shard() -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, SCHEMA):
        pass
    return sink.getvalue().to_pybytes()


def dataset_info_json() -> bytes:
    from datasets import DatasetInfo, Features  # heavy import: only when finalizing

    info = DatasetInfo(
        description="flexorch_beam records: one per input document (record.SCHEMA).",
        features=Features.from_arrow_schema(SCHEMA),
    )
    import io

    buffer = io.BytesIO()
    info._dump_info(buffer)
    return buffer.getvalue()


def finalize_dataset(folder: str, shard_paths: list[str], split: Optional[str]) -> list[str]:
    """Write state.json + dataset_info.json next to the shards (relative file names);
    returns the paths of every file of the folder."""
    names = sorted(posixpath.basename(p) for p in shard_paths)
    if not names:
        names = [f"{SHARD_PREFIX}-00000-of-00001.arrow"]
        write_atomic(posixpath.join(folder, names[0]), _empty_shard())
    fingerprint = hashlib.sha256(json.dumps([folder, names]).encode("utf-8")).hexdigest()[:16]
    state = {
        "_data_files": [{"filename": name} for name in names],
        "_fingerprint": fingerprint,
        "_format_columns": None,
        "_format_kwargs": {},
        "_format_type": None,
        "_output_all_columns": False,
        "_split": split,
    }
    write_atomic(posixpath.join(folder, "dataset_info.json"), dataset_info_json())
    write_atomic(posixpath.join(folder, "state.json"), json.dumps(state, indent=2).encode("utf-8"))
    return [f"{folder}/{name}" for name in [*names, "dataset_info.json", "state.json"]]


class _WriteHfFolder(beam.PTransform):
    def __init__(self, folder: str, split: Optional[str]) -> None:
        super().__init__()
        self._folder = folder
        self._split = split

    def expand(self, rows):  # noqa: ANN001
        folder, split = self._folder, self._split
        return (
            rows
            | "WriteArrowShards"
            >> fileio.WriteToFiles(
                folder,
                sink=lambda destination: ArrowStreamSink(),
                file_naming=fileio.default_file_naming(SHARD_PREFIX, ".arrow"),
            )
            | "ShardNames" >> beam.Map(lambda result: result.file_name)
            | "AllShards" >> beam.combiners.ToList()
            | "Finalize" >> beam.FlatMap(lambda paths: finalize_dataset(folder, paths, split))
        )


class WriteHf(FolderSink):
    folder = "hf"

    def __init__(self, output_dir: str, config: Union[OutputOptions, ProcessingConfig, None] = None,
                 name: Optional[str] = None) -> None:
        super().__init__(output_dir, config, name)
        self._split = check_fraction(self._config.split)

    def expand(self, rows):  # noqa: ANN001
        if self._split is None:
            return rows | "Dataset" >> _WriteHfFolder(self.folder_path, TRAIN)
        fraction = self._split
        parts = rows | "Split" >> beam.Partition(
            lambda row, _n: 1 if split_of(row, fraction) == VALIDATION else 0, 2
        )
        folder = self.folder_path
        train = parts[0] | "Train" >> _WriteHfFolder(f"{folder}/{TRAIN}", TRAIN)
        validation = parts[1] | "Validation" >> _WriteHfFolder(f"{folder}/{VALIDATION}", VALIDATION)
        files = (train, validation) | "BothSplits" >> beam.Flatten()
        dataset_dict = (
            files
            | "Splits" >> beam.combiners.ToList()
            | "DatasetDict"
            >> beam.Map(
                lambda _done: write_atomic(
                    f"{folder}/dataset_dict.json",
                    json.dumps({"splits": [TRAIN, VALIDATION]}).encode("utf-8"),
                )
            )
        )
        return (files, dataset_dict) | "AllFiles" >> beam.Flatten()
