"""Fine-tuning JSONL: ``{"text": ..., "meta": {...}}`` per line, training-ready.

Only records worth training on: completed, with text, not an exact duplicate and not a
near-duplicate (the first copy of a text stays). ``text`` is the publishable (masked) text.
``meta`` holds what a data team filters and weighs by; ``split`` is present when
``--split`` is set (the same stable hash as the hf sink).
"""
from __future__ import annotations

import json
from typing import Optional

import apache_beam as beam

from flexorch_beam import codes
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.sinks.split import split_of

META_KEYS = (
    "id", "document_id", "source_uri", "file_name", "format", "doc_type", "language",
    "page_count", "ocr_used", "quality_score", "quality_grade", "token_count", "pii_types",
    "privacy_applied", "run_id",
)


def is_training_row(row: dict) -> bool:
    return (
        row.get("status") == codes.STATUS_COMPLETED
        and bool(row.get("text"))
        and not row.get("is_duplicate")
        and not row.get("is_near_duplicate")
    )


def finetune_example(row: dict, split: Optional[float] = None) -> dict:
    meta = {key: row.get(key) for key in META_KEYS}
    meta["fields"] = {f["name"]: f["value"] for f in row.get("fields") or []}
    if split is not None:
        meta["split"] = split_of(row, split)
    return {"text": row["text"], "meta": meta}


class WriteFinetune(beam.PTransform):
    def __init__(self, output_dir: str, config: ProcessingConfig, name: str = "train") -> None:
        super().__init__()
        self._prefix = "/".join([output_dir.rstrip("/"), "finetune", name])
        self._split = config.split

    def expand(self, rows):  # noqa: ANN001
        split = self._split
        return (
            rows
            | "TrainingRows" >> beam.Filter(is_training_row)
            | "ToExample"
            >> beam.Map(
                lambda row: json.dumps(
                    finetune_example(row, split), ensure_ascii=False, separators=(",", ":")
                )
            )
            | "WriteFinetune" >> beam.io.WriteToText(self._prefix, file_name_suffix=".jsonl")
        )
