"""Read the records of a built dataset folder (``flexorch run`` output) for the server's
search index and compliance report.

Parquet first (typed, one read), JSONL when the run wrote no Parquet. ``raw_text`` is never
read: whatever a key's privacy profile keeps, the index and the report see masked text only.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator, Optional, Sequence

# Every column the index and the report use; raw_text is deliberately absent.
COLUMNS: tuple[str, ...] = (
    "id", "document_id", "file_name", "status", "text", "token_count", "doc_type", "language",
    "quality_score", "quality_grade", "privacy_applied", "pii_findings", "pii_findings_count",
    "pii_types", "is_duplicate",
)


class DatasetUnreadable(ValueError):
    """The folder holds no Parquet or JSONL records (not a finished dataset)."""


def _parquet_files(folder: Path) -> list[Path]:
    return sorted((folder / "parquet").glob("*.parquet"))


def _jsonl_files(folder: Path) -> list[Path]:
    return sorted((folder / "jsonl").glob("*.jsonl"))


def read_records(folder: str | Path, columns: Optional[Sequence[str]] = None) -> Iterator[dict]:
    """Yield the dataset's records as dicts with ``columns`` (default ``COLUMNS``)."""
    folder = Path(folder)
    wanted = [c for c in (columns or COLUMNS) if c != "raw_text"]
    parquet = _parquet_files(folder)
    if parquet:
        import pyarrow.parquet as pq

        for path in parquet:
            table = pq.ParquetFile(path)
            present = [c for c in wanted if c in table.schema_arrow.names]
            for batch in table.iter_batches(columns=present, batch_size=256):
                yield from batch.to_pylist()
        return
    jsonl = _jsonl_files(folder)
    if not jsonl:
        raise DatasetUnreadable("the dataset has no parquet or jsonl records")
    for path in jsonl:
        with path.open("r", encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    row = json.loads(line)
                    yield {c: row.get(c) for c in wanted}


def read_profile(folder: str | Path) -> dict:
    """The run's ``profile.json`` (empty when missing)."""
    path = Path(folder) / "profile.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))
