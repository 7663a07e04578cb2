"""Fine-tuning JSONL: ``{"text": ..., "meta": {...}}`` per line, training-ready.

Only records worth training on: completed, with text, not an exact duplicate and not a
near-duplicate (the first copy of a text stays). ``text`` is the publishable (masked) text.
``meta`` holds what a data team filters and weighs by. With ``--split`` the examples go to two
file sets, ``finetune/train-*.jsonl`` and ``finetune/validation-*.jsonl`` (the same stable
hash as the hf sink; ``meta.split`` says it too); without it everything is ``train-*``.
"""
from __future__ import annotations

from typing import Optional

import apache_beam as beam

from flexorch_beam import codes
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.sinks.escape import json_line
from flexorch_beam.training_split import TRAIN, VALIDATION, check_fraction, split_of

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
    """Training rows -> ``finetune/train-*.jsonl`` (and ``validation-*.jsonl`` with --split);
    outputs the final file paths."""

    def __init__(self, output_dir: str, config: ProcessingConfig, name: str = TRAIN) -> None:
        super().__init__()
        self._folder = "/".join([output_dir.rstrip("/"), "finetune"])
        self._name = name
        self._split = check_fraction(config.split)

    def expand(self, rows):  # noqa: ANN001
        split = self._split
        examples = (
            rows
            | "TrainingRows" >> beam.Filter(is_training_row)
            | "ToExample" >> beam.Map(finetune_example, split)
        )
        if split is None:
            return examples | "Train" >> _WriteExamples(f"{self._folder}/{self._name}")
        train, validation = examples | "Split" >> beam.Partition(
            lambda example, _n: int(example["meta"]["split"] == VALIDATION), 2
        )
        return (
            train | "Train" >> _WriteExamples(f"{self._folder}/{TRAIN}"),
            validation | "Validation" >> _WriteExamples(f"{self._folder}/{VALIDATION}"),
        ) | "Files" >> beam.Flatten()


class _WriteExamples(beam.PTransform):
    def __init__(self, prefix: str) -> None:
        super().__init__()
        self._prefix = prefix

    def expand(self, examples):  # noqa: ANN001
        return (
            examples
            | "ToLine" >> beam.Map(json_line)
            | "Write" >> beam.io.WriteToText(self._prefix, file_name_suffix=".jsonl")
        )
