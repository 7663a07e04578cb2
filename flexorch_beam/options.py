"""FlexOrchOptions: every flag of the job, with help text, as Beam PipelineOptions.

Because these are PipelineOptions, the same flags work on DirectRunner, PortableRunner,
Flink and Dataflow (and in a Flex Template's parameters).
"""
from __future__ import annotations

import json
import os
import time
from typing import Optional

from apache_beam.options.pipeline_options import PipelineOptions

from flexorch_beam.config import ALL_FORMATS, GRADES, MASK_MODES, ProcessingConfig


def _csv(value: Optional[str]) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


def _switch(value: str) -> bool:
    """A boolean flag that also takes an explicit value: ``--flag``, ``--flag=true|false``
    (Flex Templates and schedulers pass every parameter as ``--name=value``)."""
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(f"expected true or false, got {value!r}")


class FlexOrchOptions(PipelineOptions):
    @classmethod
    def _add_argparse_args(cls, parser) -> None:  # noqa: ANN001 - Beam's signature
        parser.add_argument(
            "--input",
            action="append",
            default=None,
            help="fsspec glob of documents to process (local path, file://, memory://, gs://, "
            "s3://, az://; '**' recurses). Repeat the flag for several globs.",
        )
        parser.add_argument(
            "--manifest",
            default=None,
            help="'-' to read a code-runtime manifest (JSON: {files:[{path, original_name, "
            "content_type, size_bytes}], metadata:{...}}) from stdin, or a path to one.",
        )
        parser.add_argument(
            "--output", default=None, help="Output folder (any fsspec/Beam path)."
        )
        parser.add_argument(
            "--formats",
            default="jsonl,parquet",
            help=f"Comma-separated dataset sinks: {', '.join(ALL_FORMATS)}.",
        )
        parser.add_argument(
            "--run_id",
            "--run-id",
            dest="run_id",
            default=None,
            help="Identifier of this run (default: a UTC timestamp). Job ids derive from it.",
        )
        parser.add_argument(
            "--max_file_mb",
            "--max-file-mb",
            dest="max_file_mb",
            type=float,
            default=50.0,
            help="Files larger than this fail with FILE_TOO_LARGE without being read.",
        )
        parser.add_argument(
            "--max_text_chars",
            "--max-text-chars",
            dest="max_text_chars",
            type=int,
            default=2_000_000,
            help="Text longer than this is cut, with a TRUNCATED warning.",
        )
        parser.add_argument(
            "--doc_timeout_s",
            "--doc-timeout-s",
            dest="doc_timeout_s",
            type=float,
            default=120.0,
            help="Per-document extraction time limit in seconds (TIMEOUT when exceeded).",
        )
        parser.add_argument(
            "--doc_memory_mb",
            "--doc-memory-mb",
            dest="doc_memory_mb",
            type=int,
            default=2048,
            help="Address-space cap of the extraction child process, in MiB.",
        )
        parser.add_argument(
            "--no_sandbox",
            "--no-sandbox",
            dest="no_sandbox",
            nargs="?",
            const=True,
            type=_switch,
            default=False,
            help="Extract in the worker process itself (faster start, no isolation).",
        )
        parser.add_argument(
            "--ocr_langs",
            "--ocr-langs",
            dest="ocr_langs",
            default="auto",
            help="Tesseract languages, '+'-joined (e.g. eng+deu), or 'auto' (default): each "
            "page is read in English first and read again with its own language's or "
            "script's model when it shows another one.",
        )
        parser.add_argument(
            "--ocr_dpi",
            "--ocr-dpi",
            dest="ocr_dpi",
            type=int,
            default=300,
            help="Rendering resolution for OCR of PDF pages.",
        )
        parser.add_argument(
            "--ocr_min_confidence",
            "--ocr-min-confidence",
            dest="ocr_min_confidence",
            type=float,
            default=60.0,
            help="Mean OCR word confidence (0-100) under which OCR_LOW_CONFIDENCE is raised.",
        )
        parser.add_argument(
            "--llm_endpoint",
            "--llm-endpoint",
            dest="llm_endpoint",
            default=None,
            help="OpenAI-compatible base URL for the field-extraction fallback (off when unset). "
            "The key is read from FLEXORCH_LLM_API_KEY; only masked text is sent.",
        )
        parser.add_argument(
            "--llm_model",
            "--llm-model",
            dest="llm_model",
            default=None,
            help="Model name for the LLM fallback.",
        )
        parser.add_argument(
            "--llm_timeout",
            "--llm-timeout",
            dest="llm_timeout_s",
            type=float,
            default=30.0,
            help="Seconds to wait for one LLM fallback request before retrying.",
        )
        parser.add_argument(
            "--llm_max_retries",
            "--llm-max-retries",
            dest="llm_max_retries",
            type=int,
            default=3,
            help="Retries of an LLM fallback request on 429/5xx/timeouts (exponential backoff, "
            "Retry-After honoured); 0 disables retrying.",
        )
        parser.add_argument(
            "--mask_mode",
            "--mask-mode",
            dest="mask_mode",
            default="placeholder",
            choices=MASK_MODES,
            help="How PII is masked in 'text': placeholder [IBAN], indexed <PERSON_1>, hash "
            "(keyed HMAC, key from the env var named by --mask-key-env), redact.",
        )
        parser.add_argument(
            "--mask_key_env",
            "--mask-key-env",
            dest="mask_key_env",
            default="FLEXORCH_MASK_KEY",
            help="Name of the environment variable holding the HMAC key for --mask-mode hash.",
        )
        parser.add_argument(
            "--no_mask",
            "--no-mask",
            dest="no_mask",
            nargs="?",
            const=True,
            type=_switch,
            default=False,
            help="Detect PII but leave 'text' unmasked.",
        )
        parser.add_argument(
            "--pii_types",
            "--pii-types",
            dest="pii_types",
            default="",
            help="Comma-separated PII type ids to detect (default: the whole catalog).",
        )
        parser.add_argument(
            "--jurisdictions",
            default="",
            help="Comma-separated jurisdictions to detect: TR, EU, US, GLOBAL (default: all).",
        )
        parser.add_argument(
            "--keep_raw_text",
            "--keep-raw-text",
            dest="keep_raw_text",
            nargs="?",
            const=True,
            type=_switch,
            default=False,
            help="Also write the unmasked text to 'raw_text' (contains raw PII).",
        )
        parser.add_argument(
            "--min_grade",
            "--min-grade",
            dest="min_grade",
            default=None,
            choices=GRADES,
            help="Keep only records at this quality grade or better in the dataset sinks; the "
            "rest go to the 'rejected' output with their reason.",
        )
        parser.add_argument(
            "--history",
            action="append",
            default=None,
            help="Glob of earlier runs' Parquet outputs; documents found there are marked "
            "duplicates of the earlier job and not processed again.",
        )
        parser.add_argument(
            "--reprocess",
            nargs="?",
            const=True,
            type=_switch,
            default=False,
            help="With --history: process documents again even if an earlier run has them.",
        )
        parser.add_argument(
            "--split",
            type=float,
            default=None,
            help="Fraction (0-1) of records assigned to a validation split by a stable hash.",
        )


def to_config(options: PipelineOptions) -> ProcessingConfig:
    """The plain, picklable settings the core and the transforms use."""
    flex = options.view_as(FlexOrchOptions)
    formats = _csv(flex.formats) or ("jsonl", "parquet")
    unknown = [f for f in formats if f not in ALL_FORMATS]
    if unknown:
        raise ValueError(f"unknown --formats {unknown}; choose from {list(ALL_FORMATS)}")
    run_id = flex.run_id or time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    return ProcessingConfig(
        run_id=run_id,
        max_file_mb=flex.max_file_mb,
        max_text_chars=flex.max_text_chars,
        doc_timeout_s=flex.doc_timeout_s,
        doc_memory_mb=flex.doc_memory_mb,
        sandbox=not flex.no_sandbox,
        ocr_langs=flex.ocr_langs,
        ocr_dpi=flex.ocr_dpi,
        ocr_min_confidence=flex.ocr_min_confidence,
        llm_endpoint=flex.llm_endpoint,
        llm_model=flex.llm_model,
        llm_timeout_s=flex.llm_timeout_s,
        llm_max_retries=flex.llm_max_retries,
        mask_mode=flex.mask_mode,
        mask_key_env=flex.mask_key_env,
        mask=not flex.no_mask,
        pii_types=_csv(flex.pii_types),
        jurisdictions=tuple(j.upper() for j in _csv(flex.jurisdictions)),
        keep_raw_text=flex.keep_raw_text,
        min_grade=flex.min_grade,
        formats=formats,
        history=tuple(flex.history or ()),
        reprocess=flex.reprocess,
        split=flex.split,
    )


def env_flag(name: str) -> Optional[str]:
    """Read an environment variable by name (for keys that must not appear in flags)."""
    return os.environ.get(name)


def manifest_metadata(manifest: dict) -> Optional[str]:
    metadata = manifest.get("metadata")
    return json.dumps(metadata, sort_keys=True, ensure_ascii=False) if metadata else None
