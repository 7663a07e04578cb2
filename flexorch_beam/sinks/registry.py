"""``--formats`` id -> sink PTransform class."""
from __future__ import annotations

from flexorch_beam.sinks.jsonl import WriteJsonl
from flexorch_beam.sinks.parquet import WriteParquet


def sink_path(output_dir: str, *parts: str) -> str:
    """Join output paths for local folders and URLs alike (fsspec/Beam paths use '/')."""
    return "/".join([output_dir.rstrip("/"), *parts])


SINKS = {
    "jsonl": WriteJsonl,
    "parquet": WriteParquet,
}
