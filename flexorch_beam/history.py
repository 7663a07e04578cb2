"""Reading earlier runs' Parquet outputs (``--history``) for incremental builds.

A scheduled run over a growing folder should process only what is new. Earlier runs' Parquet
files (written by sinks/parquet.py under record.SCHEMA) are read with pyarrow through fsspec,
so history can sit in any bucket the job reads from. Two reads, both column-projected:

- references (sha256, id, status, original_job_id, run_id, created_at) for every completed
  row, to decide which documents are already done;
- full rows, only for the jobs this run needs to copy results from.

History is about *earlier* runs. A scheduler retry re-runs the same run id into the same
folder with a glob that also matches that folder, so the current run's own output never
counts: files inside this run's output folder are not read (:func:`history_files`
``exclude_dir``) and rows carrying this run's id are skipped (``exclude_run_id``).
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional, Sequence

import fsspec
import pyarrow.parquet as pq
from fsspec.core import url_to_fs

from flexorch_beam import codes
from flexorch_beam.record import COLUMNS, SCHEMA, Record, from_row

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


def _where(path: str) -> tuple[str, str]:
    """(protocol, normalised path) to compare locations across spellings of one path."""
    fs, stripped = url_to_fs(path)
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    if protocol in ("file", "local"):
        return "file", os.path.realpath(stripped)
    return protocol, stripped.rstrip("/")


def inside(path: str, folder: str) -> bool:
    """Whether ``path`` is ``folder`` or lies under it (local or any fsspec URL)."""
    where, folder_where = _where(path), _where(folder)
    return where[0] == folder_where[0] and (
        where[1] == folder_where[1] or where[1].startswith(folder_where[1].rstrip("/") + "/")
    )


def history_files(globs: Sequence[str], exclude_dir: Optional[str] = None) -> list[str]:
    """The Parquet files the globs match now (sorted), without those inside ``exclude_dir``
    (this run's own output); none is not an error: the first scheduled run has no history
    yet."""
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
    if exclude_dir:
        own = {f for f in files if inside(f, exclude_dir)}
        if own:
            LOG.info("history: %d file(s) in this run's output folder are not history", len(own))
        files -= own
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


def ref_from_row(row: dict, exclude_run_id: Optional[str] = None) -> Optional[HistoryRef]:
    """Only completed rows with a hash, of another run than ``exclude_run_id``, count as
    already processed."""
    if row.get("status") != codes.STATUS_COMPLETED or not row.get("sha256"):
        return None
    if exclude_run_id is not None and row.get("run_id") == exclude_run_id:
        return None
    origin = row.get("original_job_id") if row.get("is_duplicate") else None
    return HistoryRef(
        created_at=row.get("created_at") or "",
        row_id=row["id"],
        sha256=row["sha256"],
        origin_job_id=origin or row["id"],
        run_id=row.get("run_id") or "",
    )


def read_refs(path: str, exclude_run_id: Optional[str] = None) -> Iterator[HistoryRef]:
    for row in read_rows(path, REF_COLUMNS):
        ref = ref_from_row(row, exclude_run_id)
        if ref is not None:
            yield ref


def earliest(refs: Iterable[HistoryRef]) -> Optional[HistoryRef]:
    refs = list(refs)
    return min(refs) if refs else None


def record_from_history(row: dict) -> Record:
    """A full history row as a Record (columns a file lacks are left empty)."""
    full = {name: row.get(name) for name in SCHEMA.names}
    return from_row(full)
