"""FlexOrchOptions: every flag of the job, with help text, as Beam PipelineOptions.

Because these are PipelineOptions, the same flags work on DirectRunner, PortableRunner,
Flink and Dataflow (and in a Flex Template's parameters).
"""
from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import time
from functools import lru_cache
from typing import Optional, Sequence

from apache_beam.options.pipeline_options import PipelineOptions, _BeamArgumentParser

from flexorch_beam.admission import FINETUNE_TASKS
from flexorch_beam.config import FINETUNE_FORMATS, GRADES, MASK_MODES, ProcessingConfig
from flexorch_beam.privacy_profiles import BY_ID as PRIVACY_PROFILES
from flexorch_beam.privacy_profiles import ProfileError, apply_profile
from flexorch_beam.sinks.registry import ALL_FORMATS


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


def _tri_state(value: str) -> str:
    """``auto``, ``true`` or ``false`` (for --progress)."""
    lowered = value.strip().lower()
    if lowered == "auto":
        return "auto"
    return "true" if _switch(lowered) else "false"


MIN_MASK_KEY_BYTES = 16


class FlagError(ValueError):
    """A flag the job cannot run with: reported as one line, exit code 2."""


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
            "--step_timeout_s",
            "--step-timeout-s",
            dest="step_timeout_s",
            type=float,
            default=60.0,
            help="Per-document time budget in seconds of each step after extraction (classify, "
            "fields, PII, quality); past it the record fails with TIMEOUT naming the step.",
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
            "--privacy_profile",
            "--privacy-profile",
            dest="privacy_profile",
            default=None,
            choices=tuple(PRIVACY_PROFILES),
            help="Named privacy profile: kvkk, gdpr, us or strict. It sets --pii-types, "
            "--jurisdictions, --mask-mode, --keep-raw-text and the hash key length; flags "
            "given explicitly override it (strict refuses --keep-raw-text and --no-mask). "
            "Recorded in profile.json.",
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
            "--feedback",
            action="append",
            default=None,
            help="Feedback table to honour (a feedback.jsonl path, a glob, or a dataset folder "
            "holding feedback/feedback.jsonl; repeatable). The table in --output and those "
            "beside the --history datasets are always read. Negative feedback sends a "
            "document's records to 'rejected'.",
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
        parser.add_argument(
            "--finetune_format",
            "--finetune-format",
            dest="finetune_format",
            default="text",
            choices=FINETUNE_FORMATS,
            help="Shape of the finetune sink's lines: text ({text, meta}, continued "
            "pretraining), chat ({messages: system, user, assistant}) or instruct "
            "({instruction, input, output}).",
        )
        parser.add_argument(
            "--finetune_task",
            "--finetune-task",
            dest="finetune_task",
            default="fields",
            choices=FINETUNE_TASKS,
            help="What chat and instruct rows train: fields (the answer is the record's typed "
            "fields as JSON) or classify (the answer is its doc_type).",
        )
        parser.add_argument(
            "--finetune_min_confidence",
            "--finetune-min-confidence",
            dest="finetune_min_confidence",
            type=float,
            default=0.5,
            help="Chat and instruct rows only: a record goes in when every field it found "
            "(task fields) or its doc_type (task classify) has at least this confidence "
            "(0-1); the others are counted in profile.json's finetune_skipped.",
        )
        parser.add_argument(
            "--overwrite",
            nargs="?",
            const=True,
            type=_switch,
            default=False,
            help="Replace the dataset of another run in --output (its _SUCCESS manifest and "
            "sink folders are removed first). Without it such a folder is refused.",
        )
        parser.add_argument(
            "--follow_symlinks",
            "--follow-symlinks",
            dest="follow_symlinks",
            nargs="?",
            const=True,
            type=_switch,
            default=False,
            help="Follow symbolic links whose target lies outside the input folder (refused "
            "with UNSUPPORTED_FILE otherwise).",
        )
        parser.add_argument(
            "--progress",
            nargs="?",
            const="true",
            type=_tri_state,
            default="auto",
            help="A progress line on stderr every few seconds: auto (when stderr is a "
            "terminal), true or false.",
        )
        parser.add_argument(
            "--progress_interval_s",
            "--progress-interval-s",
            dest="progress_interval_s",
            type=float,
            default=5.0,
            help="Seconds between progress lines.",
        )


def to_config(options: PipelineOptions) -> ProcessingConfig:
    """The plain, picklable settings the core and the transforms use."""
    flex = options.view_as(FlexOrchOptions)
    formats = _csv(flex.formats) or ("jsonl", "parquet")
    unknown = [f for f in formats if f not in ALL_FORMATS]
    if unknown:
        raise FlagError(f"unknown --formats {unknown}; choose from {list(ALL_FORMATS)}")
    repeated = sorted({f for f in formats if formats.count(f) > 1})
    if repeated:
        raise FlagError(f"--formats names {', '.join(repeated)} more than once")
    check_ranges(flex)
    run_id = flex.run_id or time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    privacy = _privacy_settings(options, flex)
    return ProcessingConfig(
        run_id=run_id,
        max_file_mb=flex.max_file_mb,
        max_text_chars=flex.max_text_chars,
        doc_timeout_s=flex.doc_timeout_s,
        step_timeout_s=flex.step_timeout_s,
        doc_memory_mb=flex.doc_memory_mb,
        sandbox=not flex.no_sandbox,
        ocr_langs=flex.ocr_langs,
        ocr_dpi=flex.ocr_dpi,
        ocr_min_confidence=flex.ocr_min_confidence,
        llm_endpoint=flex.llm_endpoint,
        llm_model=flex.llm_model,
        llm_timeout_s=flex.llm_timeout_s,
        llm_max_retries=flex.llm_max_retries,
        mask_key_env=flex.mask_key_env,
        **privacy,
        min_grade=flex.min_grade,
        formats=formats,
        history=tuple(flex.history or ()),
        feedback=tuple(flex.feedback or ()),
        reprocess=flex.reprocess,
        split=flex.split,
        overwrite=flex.overwrite,
        follow_symlinks=bool(flex.follow_symlinks),
        exclude_paths=(flex.output,) if flex.output else (),
        finetune_format=flex.finetune_format,
        finetune_task=flex.finetune_task,
        finetune_min_confidence=flex.finetune_min_confidence,
    )


# FlexOrchOptions dest -> (ProcessingConfig field, value from the parsed flag): the PII
# settings a privacy profile sets and an explicit flag overrides.
_PRIVACY_FLAGS = {
    "pii_types": ("pii_types", lambda v: _csv(v)),
    "jurisdictions": ("jurisdictions", lambda v: tuple(j.upper() for j in _csv(v))),
    "mask_mode": ("mask_mode", lambda v: v),
    "keep_raw_text": ("keep_raw_text", bool),
    "no_mask": ("mask", lambda v: not v),
}


def given_flags(options: PipelineOptions) -> set[str]:
    """The FlexOrchOptions dests the command line named explicitly (a default is not
    given, even when the value equals it): argv parsed again with every default removed."""
    flags = getattr(options, "_flags", None) or []  # Beam keeps the argv it was built from
    parser = _BeamArgumentParser(allow_abbrev=False)
    FlexOrchOptions._add_argparse_args(parser)  # noqa: SLF001 - Beam's documented hook
    for action in parser._actions:  # noqa: SLF001
        action.default = argparse.SUPPRESS
    known, _unknown = parser.parse_known_args(list(flags))
    return set(vars(known))


def _privacy_settings(options: PipelineOptions, flex: "FlexOrchOptions") -> dict:
    """pii_types, jurisdictions, mask_mode, mask, keep_raw_text (+ the profile's record):
    the explicit flags over the named profile over the defaults."""
    given = given_flags(options) if flex.privacy_profile else set(_PRIVACY_FLAGS)
    values = {
        field: convert(getattr(flex, dest))
        for dest, (field, convert) in _PRIVACY_FLAGS.items()
        if dest in given
    }
    try:
        settings = apply_profile(flex.privacy_profile, values)
    except ProfileError as error:
        raise FlagError(str(error)) from None
    defaults = {
        field: convert(getattr(flex, dest)) for dest, (field, convert) in _PRIVACY_FLAGS.items()
    }
    return {**defaults, **settings}


# (attribute, flag, lowest, highest, lowest allowed itself): the ranges a run can work with.
_RANGES: tuple[tuple[str, str, float, Optional[float], bool], ...] = (
    ("max_file_mb", "--max-file-mb", 0, None, False),
    ("max_text_chars", "--max-text-chars", 1, None, True),
    ("doc_timeout_s", "--doc-timeout-s", 0, None, False),
    ("step_timeout_s", "--step-timeout-s", 0, None, False),
    ("doc_memory_mb", "--doc-memory-mb", 64, None, True),
    ("ocr_dpi", "--ocr-dpi", 50, 1200, True),
    ("ocr_min_confidence", "--ocr-min-confidence", 0, 100, True),
    ("llm_timeout_s", "--llm-timeout", 0, None, False),
    ("llm_max_retries", "--llm-max-retries", 0, 20, True),
    ("split", "--split", 0, 1, False),
    ("finetune_min_confidence", "--finetune-min-confidence", 0, 1, True),
    ("progress_interval_s", "--progress-interval-s", 0, None, False),
)


def check_ranges(flex: "FlexOrchOptions") -> None:
    """Every numeric flag inside the range the job can work with (FlagError otherwise)."""
    for attribute, flag, low, high, low_allowed in _RANGES:
        value = getattr(flex, attribute, None)
        if value is None:
            continue
        if value != value or (value < low if low_allowed else value <= low) or (
            high is not None and (value >= high if attribute == "split" else value > high)
        ):
            low_text = f">= {low:g}" if low_allowed else f"> {low:g}"
            high_text = "" if high is None else (
                f" and < {high:g}" if attribute == "split" else f" and <= {high:g}")
            raise FlagError(f"{flag} must be {low_text}{high_text}, got {value:g}")


def check_flags(argv: Sequence[str]) -> None:
    """Parse ``argv`` the way Beam does, but strictly: an unknown flag (a typo like
    ``--fomats``) or a value of the wrong type is a FlagError, not a warning."""
    parser = _StrictParser(allow_abbrev=False)
    for cls in {str(c): c for c in PipelineOptions.__subclasses__()}.values():
        cls._add_argparse_args(parser)  # noqa: SLF001 - Beam's documented hook
    _known, unknown = parser.parse_known_args(list(argv))
    if not unknown:
        return
    first = unknown[0]
    if not first.startswith("-"):
        raise FlagError(f"unexpected argument {first!r} (flags take the form --name value)")
    name = first.split("=", 1)[0]
    close = difflib.get_close_matches(name, _flag_names(parser), n=1, cutoff=0.75)
    hint = f"; did you mean {close[0]}?" if close else "; see --help"
    raise FlagError(f"unknown flag {name}{hint}")


def _flag_names(parser) -> list[str]:  # noqa: ANN001
    return [name for action in parser._actions for name in action.option_strings]  # noqa: SLF001


class _StrictParser(_BeamArgumentParser):
    _TYPE_NAMES = {"invalid _switch value": "expected true or false, got",
                   "invalid _tri_state value": "expected auto, true or false, got"}

    def error(self, message: str) -> None:  # type: ignore[override]
        for internal, readable in self._TYPE_NAMES.items():
            message = message.replace(internal + ":", readable)
        raise FlagError(message.replace("argument ", "", 1))


_LANG = re.compile(r"^[A-Za-z0-9_]+$")


@lru_cache(maxsize=1)
def tesseract_languages() -> Optional[frozenset[str]]:
    """Languages ``tesseract --list-langs`` reports; None when tesseract is not installed
    here (a launcher without OCR: the workers' image is checked by its own build)."""
    binary = shutil.which("tesseract")
    if binary is None:
        return None
    try:
        listing = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    lines = (listing.stdout or listing.stderr).splitlines()
    return frozenset(line.strip() for line in lines[1:] if _LANG.match(line.strip()))


def check_ocr_langs(langs: str) -> None:
    """Every '+'-joined language is one tesseract has (FlagError otherwise); ``auto`` (the
    default: each page's language decides, see extract/ocr.py) is always valid."""
    if langs == "auto":
        return
    parts = langs.split("+")
    if not all(_LANG.match(part) for part in parts):
        raise FlagError(f"--ocr-langs must be tesseract codes joined by '+', got {langs!r}")
    known = tesseract_languages()
    if known is None:
        return
    missing = [part for part in parts if part not in known]
    if missing:
        raise FlagError(
            f"--ocr-langs: tesseract has no {', '.join(missing)} here; installed: "
            f"{'+'.join(sorted(known))}"
        )


def check_mask_key(config: ProcessingConfig) -> None:
    """With --mask-mode hash the key must be at least MIN_MASK_KEY_BYTES bytes: a short key
    makes the HMAC tokens guessable. The key itself is never printed."""
    if config.mask_mode != "hash":
        return
    key = os.environ.get(config.mask_key_env, "")
    needed = max(MIN_MASK_KEY_BYTES, config.min_mask_key_bytes)
    if key and len(key.encode("utf-8")) < needed:
        profile = f" under --privacy-profile {config.privacy_profile}" \
            if needed > MIN_MASK_KEY_BYTES else ""
        raise FlagError(
            f"the key in ${config.mask_key_env} is {len(key.encode('utf-8'))} bytes; "
            f"--mask-mode hash needs at least {needed}{profile}"
        )
