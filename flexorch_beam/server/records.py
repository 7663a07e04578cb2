"""Reading a run's or a dataset's records back (pyarrow, no Beam): the Parquet sink's shards."""
from __future__ import annotations

import glob
import json
import os
from typing import Any, Iterable, Optional

import pyarrow.parquet as pq


def parquet_files(folder: str) -> list[str]:
    return sorted(glob.glob(os.path.join(folder, "parquet", "*.parquet")))


def read_rows(folder: str, ids: Optional[Iterable[str]] = None) -> list[dict[str, Any]]:
    """Every record row of the Parquet sink under ``folder`` (only ``ids`` when given)."""
    wanted = set(ids) if ids is not None else None
    rows: list[dict[str, Any]] = []
    for path in parquet_files(folder):
        for row in pq.read_table(path).to_pylist():
            if wanted is None or row.get("id") in wanted:
                rows.append(row)
    return rows


def public_row(row: dict[str, Any], keep_raw_text: bool) -> dict[str, Any]:
    """A row as the API shows it: masked text only unless the key keeps raw text."""
    out = {k: v for k, v in row.items() if keep_raw_text or k != "raw_text"}
    return json.loads(json.dumps(out, default=str))
