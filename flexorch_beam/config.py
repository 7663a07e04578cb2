"""Plain settings the pure core reads: no Beam import, picklable, hashable.

``FlexOrchOptions`` (options.py) parses flags; :func:`flexorch_beam.options.to_config` turns them
into this object, which the PTransforms hand to the core functions. Tests and benchmarks build
it directly.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

DEFAULT_FORMATS: tuple[str, ...] = ("jsonl", "parquet")
MASK_MODES: tuple[str, ...] = ("placeholder", "indexed", "hash", "redact")
GRADES: tuple[str, ...] = ("A", "B", "C", "D")
# --finetune-format: text (continued pretraining), chat (messages), instruct (triples).
FINETUNE_FORMATS: tuple[str, ...] = ("text", "chat", "instruct")


@dataclass(frozen=True)
class ProcessingConfig:
    run_id: str = "local"
    max_file_mb: float = 50.0
    max_text_chars: int = 2_000_000
    doc_timeout_s: float = 120.0
    step_timeout_s: float = 60.0  # classify, fields, PII, quality: each, per document
    doc_memory_mb: int = 2048
    sandbox: bool = True
    ocr_langs: str = "auto"  # English first, then each page's own language (extract/ocr.py)
    ocr_dpi: int = 300
    ocr_min_confidence: float = 60.0
    llm_endpoint: Optional[str] = None
    llm_model: Optional[str] = None
    llm_timeout_s: float = 30.0
    llm_max_retries: int = 3
    mask_mode: str = "placeholder"
    mask_key_env: str = "FLEXORCH_MASK_KEY"
    mask: bool = True
    pii_types: tuple[str, ...] = ()  # empty: the whole catalog
    jurisdictions: tuple[str, ...] = ()  # empty: all
    keep_raw_text: bool = False
    min_grade: Optional[str] = None
    formats: tuple[str, ...] = DEFAULT_FORMATS
    history: tuple[str, ...] = ()
    feedback: tuple[str, ...] = ()  # feedback tables (paths, globs, dataset folders) honoured
    reprocess: bool = False
    split: Optional[float] = None  # validation fraction
    overwrite: bool = False  # replace another run's dataset in the output folder
    follow_symlinks: bool = False  # follow links out of the input folder
    exclude_paths: tuple[str, ...] = ()  # folders never listed as input (the run's output)
    finetune_format: str = "text"  # FINETUNE_FORMATS
    finetune_task: str = "fields"  # admission.FINETUNE_TASKS (chat and instruct only)
    finetune_min_confidence: float = 0.5  # a target below it stays out of finetune/
    privacy_profile: Optional[str] = None  # privacy_profiles.PROFILES id, as given
    privacy_overrides: tuple[str, ...] = ()  # flags given over the profile's values
    min_mask_key_bytes: int = 16  # the HMAC key --mask-mode hash needs (a profile may raise it)

    @property
    def finetune_target(self) -> Optional[str]:
        """The task the finetune rows train (None for the plain-text format)."""
        return None if self.finetune_format == "text" else self.finetune_task

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)
