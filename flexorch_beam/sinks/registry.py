"""``--formats`` id -> sink PTransform class (each takes ``(output_dir, config)`` and a
PCollection of ``record.to_row`` dicts)."""
from __future__ import annotations

from flexorch_beam.sinks.csvfile import WriteCsv
from flexorch_beam.sinks.finetune import WriteFinetune
from flexorch_beam.sinks.hf import WriteHf
from flexorch_beam.sinks.jsonl import WriteJsonl
from flexorch_beam.sinks.markdown import WriteMarkdown
from flexorch_beam.sinks.parquet import WriteParquet
from flexorch_beam.sinks.xlsx import WriteXlsx
from flexorch_beam.sinks.xmlfile import WriteXml


def sink_path(output_dir: str, *parts: str) -> str:
    """Join output paths for local folders and URLs alike (fsspec/Beam paths use '/')."""
    return "/".join([output_dir.rstrip("/"), *parts])


SINKS = {
    "jsonl": WriteJsonl,
    "csv": WriteCsv,
    "parquet": WriteParquet,
    "hf": WriteHf,
    "markdown": WriteMarkdown,
    "xml": WriteXml,
    "xlsx": WriteXlsx,
    "finetune": WriteFinetune,
}
