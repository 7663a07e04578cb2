"""Fine-tuning JSONL in three shapes (``--finetune-format``), split into train and validation.

Which records: the admission policy's training rows (completed, with text, neither an exact
nor a near-duplicate; admission.is_training_row). The text is always the publishable (masked)
text.

- ``text`` (default, continued pretraining): ``{"text": ..., "meta": {...}}``; ``meta`` holds
  what a data team filters and weighs by (and ``split`` with ``--split``).
- ``chat``: ``{"messages": [system, user, assistant]}``, the shape Hugging Face chat templates
  (``tokenizer.apply_chat_template``, TRL's SFTTrainer) and OpenAI-style fine-tuning accept.
  The user turn is the masked text; the assistant turn is the target of ``--finetune-task``:
  ``fields`` (the record's typed fields as one JSON object, null for a field not found) or
  ``classify`` (its doc_type).
- ``instruct``: ``{"instruction", "input", "output"}`` (Alpaca-style) for the same tasks.

Chat and instruct lines hold only those keys (OpenAI's validator refuses extra ones); a row
whose target is missing or under ``--finetune-min-confidence`` is left out
(admission.finetune_skip; the profile counts them by code). Train and validation are separate
file sets, ``finetune/train-*.jsonl`` and ``finetune/validation-*.jsonl``, by the stable hash
of ``document_id`` (split.py, as the hf sink); without ``--split`` everything is ``train-*``.
"""
from __future__ import annotations

import functools
import json
from typing import Callable, Optional, Union

import apache_beam as beam

from flexorch_beam.admission import finetune_skip, is_training_row
from flexorch_beam.classify import DOC_TYPES
from flexorch_beam.config import FINETUNE_FORMATS, OutputOptions, ProcessingConfig
from flexorch_beam.sinks.base import FolderSink
from flexorch_beam.sinks.escape import json_line
from flexorch_beam.sinks.lines import WriteLines
from flexorch_beam.training_split import TRAIN, VALIDATION, check_fraction, split_of

META_KEYS = (
    "id", "document_id", "source_uri", "file_name", "format", "doc_type", "language",
    "page_count", "ocr_used", "quality_score", "quality_grade", "token_count", "pii_types",
    "privacy_applied", "run_id",
)
CLASSIFY_INSTRUCTION = (
    "Classify this business document. Answer with exactly one of: "
    + ", ".join(DOC_TYPES) + "."
)
SYSTEM_PROMPT = "You read business documents and answer exactly as asked, nothing else."


def fields_instruction(row: dict) -> str:
    """The extraction instruction: names the fields of the record's type, so a model learns
    the schema per type."""
    names = [f["name"] for f in row.get("fields") or []]
    doc_type = row.get("doc_type") or "document"
    return (
        f"Extract these fields from this {doc_type.replace('_', ' ')}: {', '.join(names)}. "
        "Answer with one JSON object with exactly these keys; use null for a field the "
        "document does not show."
    )


def fields_target(row: dict) -> str:
    return json.dumps(
        {f["name"]: f["value"] for f in row.get("fields") or []}, ensure_ascii=False
    )


def task_prompt(row: dict, task: str) -> tuple[str, str]:
    """``(instruction, target)`` of ``row`` for ``task`` (fields or classify)."""
    if task == "classify":
        return CLASSIFY_INSTRUCTION, row["doc_type"]
    return fields_instruction(row), fields_target(row)


def text_example(row: dict, split: Optional[float] = None) -> dict:
    meta = {key: row.get(key) for key in META_KEYS}
    meta["fields"] = {f["name"]: f["value"] for f in row.get("fields") or []}
    if split is not None:
        meta["split"] = split_of(row, split)
    return {"text": row["text"], "meta": meta}


def chat_example(row: dict, task: str) -> dict:
    instruction, target = task_prompt(row, task)
    return {
        "messages": [
            {"role": "system", "content": f"{SYSTEM_PROMPT} {instruction}"},
            {"role": "user", "content": row["text"]},
            {"role": "assistant", "content": target},
        ]
    }


def instruct_example(row: dict, task: str) -> dict:
    instruction, target = task_prompt(row, task)
    return {"instruction": instruction, "input": row["text"], "output": target}


def finetune_example(
    row: dict, split: Optional[float] = None, fmt: str = "text", task: str = "fields"
) -> dict:
    """The training example of one training row in format ``fmt``."""
    if fmt == "chat":
        return chat_example(row, task)
    if fmt == "instruct":
        return instruct_example(row, task)
    return text_example(row, split)


def finetune_line(row: dict, split: Optional[float], fmt: str, task: str) -> str:
    return json_line(finetune_example(row, split, fmt, task))


def check_finetune(config: OutputOptions) -> None:
    """The finetune settings a run can work with (ValueError otherwise)."""
    from flexorch_beam.admission import FINETUNE_TASKS

    if config.finetune_format not in FINETUNE_FORMATS:
        raise ValueError(
            f"--finetune-format must be one of {', '.join(FINETUNE_FORMATS)}, "
            f"got {config.finetune_format!r}"
        )
    if config.finetune_task not in FINETUNE_TASKS:
        raise ValueError(
            f"--finetune-task must be one of {', '.join(FINETUNE_TASKS)}, "
            f"got {config.finetune_task!r}"
        )
    if not 0.0 <= config.finetune_min_confidence <= 1.0:
        raise ValueError(
            "--finetune-min-confidence must be between 0 and 1, "
            f"got {config.finetune_min_confidence:g}"
        )


def is_finetune_row(row: dict, config: OutputOptions) -> bool:
    """A dataset row the finetune sink writes."""
    return is_training_row(row) and finetune_skip(
        row, config.finetune_target, config.finetune_min_confidence
    ) is None


class _WriteExamples(WriteLines):
    folder = "finetune"
    suffix = ".jsonl"
    default_name = TRAIN

    def line_fn(self) -> Callable[[dict], str]:
        config = self._config
        return functools.partial(
            finetune_line,
            split=check_fraction(config.split),
            fmt=config.finetune_format,
            task=config.finetune_task,
        )


class WriteFinetune(FolderSink):
    """Dataset rows -> ``finetune/train-*.jsonl`` (and ``validation-*.jsonl`` with --split);
    outputs the final file paths."""

    folder = _WriteExamples.folder
    default_name = TRAIN

    def __init__(self, output_dir: str, config: Union[OutputOptions, ProcessingConfig, None] = None,
                 name: Optional[str] = None) -> None:
        super().__init__(output_dir, config, name)
        check_finetune(self._config)
        self._split = check_fraction(self._config.split)

    def expand(self, rows):  # noqa: ANN001
        config, split = self._config, self._split
        examples = rows | "TrainingRows" >> beam.Filter(is_finetune_row, config)
        if split is None:
            return examples | "Train" >> _WriteExamples(self._output_dir, config, self._name)
        train, validation = examples | "Split" >> beam.Partition(
            lambda row, _n: int(split_of(row, split) == VALIDATION), 2
        )
        return (
            train | "Train" >> _WriteExamples(self._output_dir, config, TRAIN),
            validation | "Validation" >> _WriteExamples(self._output_dir, config, VALIDATION),
        ) | "Files" >> beam.Flatten()

    def display_data(self) -> dict:
        return {
            "finetune_format": str(self._config.finetune_format),
            "finetune_task": str(self._config.finetune_task),
            "finetune_min_confidence": self._config.finetune_min_confidence,
            "split": self._split or 0.0,
        }
