"""Reading earlier runs' Parquet outputs (``--history``) for incremental builds.

A scheduled run over a growing folder should process only what is new. Earlier runs' Parquet
files (written by sinks/parquet.py under record.SCHEMA) are read with pyarrow through fsspec,
so history can sit in any bucket the job reads from. Two reads, both column-projected:

- references (sha256, id, status, original_job_id, run_id, created_at) for every completed
  row, to decide which documents are already done;
- full rows, only for the jobs this run needs to copy results from.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional, Sequence

import fsspec
import pyarrow.parquet as pq
from fsspec.core import url_to_fs

from flexorch_beam import codes
from flexorch_beam.record import COLUMNS, SCHEMA, Execution, from_row

LOG = logging.getLogger("flexorch_beam.history")

REF_COLUMNS: tuple[str, ...] = (
    "id", "sha256", "status", "is_duplicate", "original_job_id", "run_id", "created_at",
)
_BATCH_ROWS = 1024


@dataclass(frozen=True, order=True)
class HistoryRef:
    """A completed document of an earlier run; ordering picks the earliest deterministically."""

    created_at: str
    row_id: str
    sha256: str
    origin_job_id: str  # the job that really processed it (a duplicate row points further)
    run_id: str


def history_files(globs: Sequence[str]) -> list[str]:
    """The Parquet files the globs match now (sorted); none is not an error: the first
    scheduled run has no history yet."""
    files: set[str] = set()
    for pattern in globs:
        fs, path = url_to_fs(pattern)
        matches = fs.glob(path) if any(ch in path for ch in "*?[") else (
            [path] if fs.exists(path) else []
        )
        for match in matches:
            if fs.isdir(match):
                matches_in_dir = fs.glob(match.rstrip("/") + "/**/*.parquet")
                files.update(_qualify(fs, m, pattern) for m in matches_in_dir)
            else:
                files.add(_qualify(fs, match, pattern))
    if globs and not files:
        LOG.warning("history globs match no Parquet file yet; every document is new")
    return sorted(files)


def _qualify(fs: fsspec.AbstractFileSystem, path: str, pattern: str) -> str:
    return fs.unstrip_protocol(path) if "://" in pattern else path


def read_rows(path: str, columns: Optional[Sequence[str]] = None) -> Iterator[dict]:
    """Rows of one history file, projected to ``columns`` that the file has."""
    with fsspec.open(path, "rb") as handle:
        parquet = pq.ParquetFile(handle)
        present = set(parquet.schema_arrow.names)
        wanted = [c for c in (columns or COLUMNS) if c in present]
        for batch in parquet.iter_batches(batch_size=_BATCH_ROWS, columns=wanted):
            yield from batch.to_pylist()


def ref_from_row(row: dict) -> Optional[HistoryRef]:
    """Only completed rows with a hash count as already processed."""
    if row.get("status") != codes.STATUS_COMPLETED or not row.get("sha256"):
        return None
    origin = row.get("original_job_id") if row.get("is_duplicate") else None
    return HistoryRef(
        created_at=row.get("created_at") or "",
        row_id=row["id"],
        sha256=row["sha256"],
        origin_job_id=origin or row["id"],
        run_id=row.get("run_id") or "",
    )


def read_refs(path: str) -> Iterator[HistoryRef]:
    for row in read_rows(path, REF_COLUMNS):
        ref = ref_from_row(row)
        if ref is not None:
            yield ref


def earliest(refs: Iterable[HistoryRef]) -> Optional[HistoryRef]:
    refs = list(refs)
    return min(refs) if refs else None


def execution_from_history(row: dict) -> Execution:
    """A full history row as an Execution (columns a file lacks are left empty)."""
    full = {name: row.get(name) for name in SCHEMA.names}
    return from_row(full)
