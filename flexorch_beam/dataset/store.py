"""A built dataset on disk (or in a bucket): check that a folder is one, and read its records.

A folder is a dataset when its ``_SUCCESS`` marker (sinks/run_output.py) is there and names a
run id and the files the run wrote; only those files are read. Records come from the
Parquet shards (or the JSONL ones when the run wrote no Parquet) and from ``rejected/``
(records the dataset sinks left out), one row per record id. No Beam import: the records
and feedback commands, and the API server, stay light.
"""
from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field
from typing import Collection, Iterator, Optional

import pyarrow.parquet as pq

from flexorch_beam.sources import filesystem

SUCCESS = "_SUCCESS"
STARTED = "_STARTED"
PROFILE = "profile.json"
_BATCH_ROWS = 256


class DatasetError(ValueError):
    """Bad input about a dataset (not a dataset, an unknown record id, a bad filter): the
    command exits 2 and nothing changed."""


@dataclass(frozen=True)
class Dataset:
    """An opened dataset: its folder, run id and the files its ``_SUCCESS`` lists."""

    path: str
    run_id: str
    files: tuple[str, ...]  # relative to path, as _SUCCESS lists them
    min_grade: Optional[str] = None  # the build's --min-grade (profile.json)
    success: dict = field(default_factory=dict, compare=False, repr=False)

    def join(self, *parts: str) -> str:
        return posixpath.join(self.path.rstrip("/"), *parts)

    def files_in(self, folder: str, suffix: str) -> list[str]:
        return sorted(f for f in self.files if f.startswith(folder + "/") and f.endswith(suffix))

    @property
    def record_files(self) -> list[str]:
        """The dataset rows: the Parquet shards, else the JSONL ones."""
        return self.files_in("parquet", ".parquet") or self.files_in("jsonl", ".jsonl")

    @property
    def rejected_files(self) -> list[str]:
        return self.files_in("rejected", ".jsonl")


def _read_json(path: str) -> Optional[dict]:
    fs, stripped = filesystem(path)
    try:
        with fs.open(stripped, "rb") as handle:
            value = json.loads(handle.read().decode("utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def open_dataset(path: str) -> Dataset:
    """The dataset in ``path``; :class:`DatasetError` when the folder is not one (no folder,
    no ``_SUCCESS``, a run that never finished, a marker that is not ours)."""
    path = path.rstrip("/") or "/"
    fs, stripped = filesystem(path)
    if "://" not in path and not fs.isdir(stripped):
        raise DatasetError(f"{path} is not a dataset: no such folder")
    success = _read_json(posixpath.join(path, SUCCESS))
    if success is None:
        started = fs.exists(posixpath.join(stripped, STARTED))
        why = "its run never finished (_STARTED without _SUCCESS)" if started else "no _SUCCESS marker"
        raise DatasetError(f"{path} is not a dataset: {why}")
    files = success.get("files")
    if not isinstance(success.get("run_id"), str) or not isinstance(files, list):
        raise DatasetError(f"{path} is not a dataset: its _SUCCESS marker lists no run and files")
    rels = tuple(e["path"] for e in files if isinstance(e, dict) and isinstance(e.get("path"), str))
    profile = _read_json(posixpath.join(path, PROFILE)) or {}
    min_grade = profile.get("min_grade") if isinstance(profile.get("min_grade"), str) else None
    return Dataset(path, success["run_id"], rels, min_grade, success)


def _rows_of(path: str, columns: Optional[Collection[str]] = None) -> Iterator[dict]:
    """Rows of one shard; ``columns`` (with ``id``) projects Parquet reads to them."""
    fs, stripped = filesystem(path)
    if path.endswith(".parquet"):
        with fs.open(stripped, "rb") as handle:
            parquet = pq.ParquetFile(handle)
            wanted = None if columns is None else [
                c for c in parquet.schema_arrow.names if c in columns or c == "id"]
            for batch in parquet.iter_batches(batch_size=_BATCH_ROWS, columns=wanted):
                yield from batch.to_pylist()
        return
    with fs.open(stripped, "r", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def iter_records(dataset: Dataset, columns: Optional[Collection[str]] = None) -> Iterator[dict]:
    """Every record of the dataset once: the dataset rows, then the rejected rows the dataset
    sinks left out. A row that went to ``rejected/`` carries its ``reject_code`` and
    ``reject_reason`` (a failed record without ``--min-grade`` is in both places).
    ``columns`` limits what is read from the Parquet shards (listing skips the text)."""
    if not dataset.record_files:  # a build always writes at least one shard per format
        raise DatasetError(
            f"{dataset.path} has no Parquet or JSONL shards to read its records from (it was "
            "built without the parquet and jsonl formats)"
        )
    rejected: dict[str, tuple[str, str]] = {}
    for rel in dataset.rejected_files:
        for row in _rows_of(dataset.join(rel)):
            rejected[row.get("id")] = (row.get("reject_code"), row.get("reject_reason"))
    seen: set[str] = set()
    for rel in dataset.record_files:
        for row in _rows_of(dataset.join(rel), columns):
            seen.add(row.get("id"))
            if row.get("id") in rejected:
                row["reject_code"], row["reject_reason"] = rejected[row["id"]]
            yield row
    if len(seen) < len(rejected) or any(rid not in seen for rid in rejected):
        for rel in dataset.rejected_files:
            for row in _rows_of(dataset.join(rel)):
                if row.get("id") not in seen:
                    seen.add(row.get("id"))
                    yield row


def _wanted(value: Optional[Collection[str] | str]) -> Optional[set[str]]:
    if value is None or value == () or value == []:
        return None
    return {value} if isinstance(value, str) else set(value)


def list_records(
    dataset: Dataset,
    status: Optional[Collection[str] | str] = None,
    doc_type: Optional[Collection[str] | str] = None,
    grade: Optional[Collection[str] | str] = None,
    failure_code: Optional[Collection[str] | str] = None,
    pii_type: Optional[Collection[str] | str] = None,
    language: Optional[Collection[str] | str] = None,
    columns: Optional[Collection[str]] = None,
) -> Iterator[dict]:
    """The records matching every filter given (each: one value or a collection of values;
    ``pii_type`` matches a record holding any of them). ``columns``: read only these (and
    the filtered ones) from Parquet; rows from ``rejected/`` are whole."""
    checks = [("status", _wanted(status)), ("doc_type", _wanted(doc_type)),
              ("quality_grade", _wanted(grade)), ("failure_reason", _wanted(failure_code)),
              ("language", _wanted(language))]
    pii = _wanted(pii_type)
    if columns is not None:
        columns = {*columns, "status", "doc_type", "quality_grade", "failure_reason",
                   "language", "pii_types"}
    for row in iter_records(dataset, columns):
        if any(allowed is not None and row.get(key) not in allowed for key, allowed in checks):
            continue
        if pii is not None and not pii.intersection(row.get("pii_types") or ()):
            continue
        yield row


def get_record(dataset: Dataset, record_id: str) -> dict:
    """One record by id; :class:`DatasetError` when the dataset has none with that id."""
    for row in iter_records(dataset):
        if row.get("id") == record_id:
            return row
    raise DatasetError(f"no record {record_id!r} in the dataset {dataset.path}")
