"""Plain settings, one options object per capability: no Beam import, picklable, hashable.

Each capability of the job has its own frozen options object that checks itself when it is
made (a bad value is a :class:`FlagError`, a ValueError, with the flag's name in it):

    InputOptions    what is read: globs, manifest, file size limit, symlinks
    ExtractOptions  bytes -> text: text limit, sandbox, OCR
    FieldsOptions   typed fields: the LLM fallback (and the PII types its prompt is masked with)
    PIIOptions      detection and masking, the privacy profile
    DedupOptions    earlier runs (history) and reprocessing
    OutputOptions   sinks, grade filter, split, fine-tuning lines, feedback, overwrite
    RunOptions      the run itself: output folder, run id, per-step time budget, progress

A field that is a flag carries its flag in its metadata (:func:`flag`: name, help, parse,
choices, range); ``options.py`` generates the command-line parser from these objects and
``templates/build_flex_template.py`` the Flex Template parameters (``flexorch serve`` declares
its own flags the same way, on ``server/settings.Settings``). A field declared with
:func:`shared` is another capability's setting that this one reads (the fields step masks its
LLM prompt with the PII step's types): it has no flag of its own and :class:`ProcessingConfig`
copies it from its owner. Adding a setting is one field on its capability's options.
"""
from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Iterator, Optional, Union

from flexorch_beam.output_formats import OUTPUT_FORMATS
from flexorch_beam.privacy_profiles import BY_ID as _PROFILES


class FlagError(ValueError):
    """A flag the job cannot run with: reported as one line, exit code 2."""


# --- closed values --------------------------------------------------------------------------
class MaskMode(enum.StrEnum):
    PLACEHOLDER = "placeholder"
    INDEXED = "indexed"
    HASH = "hash"
    REDACT = "redact"


class Grade(enum.StrEnum):
    A = "A"
    B = "B"
    C = "C"
    D = "D"


class FinetuneFormat(enum.StrEnum):
    """text (continued pretraining), chat (messages), instruct (triples)."""

    TEXT = "text"
    CHAT = "chat"
    INSTRUCT = "instruct"


class FinetuneTask(enum.StrEnum):
    """What chat and instruct rows train (admission.FINETUNE_TASKS)."""

    FIELDS = "fields"
    CLASSIFY = "classify"


PrivacyProfileName = enum.StrEnum(  # type: ignore[misc] - one member per privacy_profiles row
    "PrivacyProfileName", {name.upper(): name for name in _PROFILES})

DEFAULT_FORMATS: tuple[str, ...] = ("jsonl", "parquet")
MASK_MODES: tuple[str, ...] = tuple(mode.value for mode in MaskMode)
GRADES: tuple[str, ...] = tuple(grade.value for grade in Grade)
FINETUNE_FORMATS: tuple[str, ...] = tuple(fmt.value for fmt in FinetuneFormat)
MIN_MASK_KEY_BYTES = 16


# --- flag parsers (argparse ``type``; their names appear in argparse's messages) ------------
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


def csv_values(value: Optional[str]) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


# --- field metadata -------------------------------------------------------------------------
VALUE, SWITCH, APPEND, CSV, TRI_STATE = "value", "switch", "append", "csv", "tri_state"
_NO_DEFAULT = object()


@dataclass(frozen=True)
class Flag:
    """A command-line flag (and Flex Template parameter) declared on an options field.

    ``name`` is the flag's own name (``--name``, plus ``--na-me`` when it has an underscore);
    ``dest`` the parameter name (default: ``name``); ``kind`` one of value, switch
    (``--flag[=true|false]``), append (repeatable), csv (comma-separated into a tuple) and
    tri_state (auto|true|false). ``low``/``high`` bound a number (``low_open``: the bound
    itself is refused; ``high_open`` likewise)."""

    name: str
    help: Union[str, Callable[[], str]]
    kind: str = VALUE
    dest: str = ""
    parse: Optional[Callable[[str], Any]] = None
    choices: Union[tuple[str, ...], Callable[[], tuple[str, ...]], None] = None
    default: Any = _NO_DEFAULT  # the flag's default when it differs from the field's
    invert: bool = False  # --no-x: the field is the negation of the flag
    upper: bool = False  # csv values upper-cased
    low: Optional[float] = None
    high: Optional[float] = None
    low_open: bool = False
    high_open: bool = False

    @property
    def parameter(self) -> str:
        return self.dest or self.name

    @property
    def option_strings(self) -> tuple[str, ...]:
        dashed = "--" + self.name.replace("_", "-")
        return ("--" + self.name, dashed) if "_" in self.name else (dashed,)

    @property
    def label(self) -> str:
        """The flag as messages name it: ``--doc-timeout-s``."""
        return self.option_strings[-1]

    def help_text(self) -> str:
        return self.help() if callable(self.help) else self.help

    def choice_values(self) -> Optional[tuple[str, ...]]:
        return self.choices() if callable(self.choices) else self.choices

    def flag_default(self, field_default: Any) -> Any:
        """The default argparse gives the flag (text for csv flags, None for append ones)."""
        if self.default is not _NO_DEFAULT:
            return self.default
        if self.kind == APPEND:
            return None
        if self.kind == CSV:
            return ",".join(field_default)
        if self.kind == SWITCH:
            return bool(field_default) if not self.invert else not field_default
        return field_default

    def argparse_kwargs(self, field_default: Any) -> dict:
        """The ``add_argument`` keywords of this flag on a field with ``field_default`` (a
        field without a default is a required flag)."""
        kwargs: dict = {"dest": self.parameter, "help": self.help_text()}
        if field_default is dataclasses.MISSING:
            kwargs["required"] = True
        else:
            kwargs["default"] = self.flag_default(field_default)
        if self.kind == APPEND:
            kwargs["action"] = "append"
        elif self.kind == SWITCH:
            kwargs.update(nargs="?", const=True, type=_switch)
        elif self.kind == TRI_STATE:
            kwargs.update(nargs="?", const="true", type=_tri_state)
        elif self.parse is not None:
            kwargs["type"] = self.parse
        choices = self.choice_values()
        if choices:
            kwargs["choices"] = choices
        return kwargs

    def value(self, parsed: Any, field_default: Any) -> Any:
        """The field's value from the parsed flag."""
        if self.kind == APPEND:
            return tuple(parsed or ())
        if self.kind == CSV:
            values = csv_values(parsed)
            return tuple(v.upper() for v in values) if self.upper else values
        if self.kind == SWITCH:
            return (not parsed) if self.invert else bool(parsed)
        return parsed

    def check_range(self, value: Any) -> None:
        if value is None or (self.low is None and self.high is None):
            return
        low, high = self.low, self.high
        too_low = low is not None and (value <= low if self.low_open else value < low)
        too_high = high is not None and (value >= high if self.high_open else value > high)
        if value != value or too_low or too_high:
            low_text = "" if low is None else (f"> {low:g}" if self.low_open else f">= {low:g}")
            high_text = "" if high is None else (
                f" and < {high:g}" if self.high_open else f" and <= {high:g}")
            raise FlagError(f"{self.label} must be {low_text}{high_text}, got {value:g}")


FLAG = "flexorch_flag"
SHARED = "flexorch_shared"


def flag(value: Any, help: Union[str, Callable[[], str]], /, **spec: Any) -> Any:  # noqa: A002
    """An options field that is a flag, ``value`` its default; ``spec`` as :class:`Flag`
    (``name`` defaults to the field's own name, filled in by :func:`flags`)."""
    return field(default=value, metadata={FLAG: spec | {"help": help}})


def shared(owner: str, default: Any) -> Any:
    """A setting of capability ``owner`` that this capability reads too (no flag of its own;
    :class:`ProcessingConfig` keeps it equal to the owner's)."""
    return field(default=default, metadata={SHARED: owner})


def flags(options: type) -> Iterator[tuple[dataclasses.Field, Flag]]:
    """The flag fields of one options class, in declaration order."""
    for item in dataclasses.fields(options):
        spec = item.metadata.get(FLAG)
        if spec is not None:
            yield item, Flag(**({"name": item.name} | spec))


def _as_enum(kind: type, value: Any, message: Callable[[Any], str]) -> Any:
    if value is None:
        return None
    try:
        return kind(value)
    except ValueError:
        raise FlagError(message(value)) from None


class _Checked:
    """Base of the options classes: ranges from the flag metadata, tuples kept tuples."""

    CAPABILITY: ClassVar[str] = ""

    def __post_init__(self) -> None:
        for item in dataclasses.fields(self):  # type: ignore[arg-type]
            value = getattr(self, item.name)
            if isinstance(value, list):
                object.__setattr__(self, item.name, tuple(value))
        for item, spec in flags(type(self)):
            spec.check_range(getattr(self, item.name))
        self.validate()

    def validate(self) -> None:
        """Checks beyond the ranges (enums, combinations); FlagError when a value is bad."""

    def _enum(self, name: str, kind: type, message: Callable[[Any], str]) -> None:
        object.__setattr__(self, name, _as_enum(kind, getattr(self, name), message))

    def replace(self, **changes: Any):  # noqa: ANN201 - the same class
        return dataclasses.replace(self, **changes)  # type: ignore[type-var]


# --- the capabilities -----------------------------------------------------------------------
class _FileLimit:
    """Options that bound a file's size: ``max_file_mb`` as bytes."""

    max_file_mb: float

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)


@dataclass(frozen=True)
class InputOptions(_FileLimit, _Checked):
    CAPABILITY: ClassVar[str] = "input"

    input: tuple[str, ...] = flag((), "fsspec glob of documents to process (local path, "
                                  "file://, memory://, gs://, s3://, az://; '**' recurses). "
                                  "Repeat the flag for several globs.", kind=APPEND)
    manifest: Optional[str] = flag(None, "'-' to read a code-runtime manifest (JSON: "
                                   "{files:[{path, original_name, content_type, size_bytes}], "
                                   "metadata:{...}}) from stdin, or a path to one.")
    max_file_mb: float = flag(50.0, "Files larger than this fail with FILE_TOO_LARGE without "
                              "being read.", parse=float, low=0, low_open=True)
    follow_symlinks: bool = flag(False, "Follow symbolic links whose target lies outside the "
                                 "input folder (refused with UNSUPPORTED_FILE otherwise).",
                                 kind=SWITCH)
    exclude_paths: tuple[str, ...] = ()  # folders never listed as input (the run's output)
    run_id: str = shared("run", "local")  # record ids derive from it


@dataclass(frozen=True)
class ExtractOptions(_FileLimit, _Checked):
    CAPABILITY: ClassVar[str] = "extract"

    max_text_chars: int = flag(2_000_000, "Text longer than this is cut, with a TRUNCATED "
                               "warning.", parse=int, low=1)
    doc_timeout_s: float = flag(120.0, "Per-document extraction time limit in seconds "
                                "(TIMEOUT when exceeded).", parse=float, low=0, low_open=True)
    doc_memory_mb: int = flag(2048, "Address-space cap of the extraction child process, in "
                              "MiB.", parse=int, low=64)
    sandbox: bool = flag(True, "Extract in the worker process itself (faster start, no "
                         "isolation).", name="no_sandbox", kind=SWITCH, invert=True)
    # English first, then each page's own language (extract/ocr.py)
    ocr_langs: str = flag("auto", "Tesseract languages, '+'-joined (e.g. eng+deu), or 'auto' "
                          "(default): each page is read in English first and read again with "
                          "its own language's or script's model when it shows another one.")
    ocr_dpi: int = flag(300, "Rendering resolution for OCR of PDF pages.", parse=int, low=50,
                        high=1200)
    ocr_min_confidence: float = flag(60.0, "Mean OCR word confidence (0-100) under which "
                                     "OCR_LOW_CONFIDENCE is raised.", parse=float, low=0,
                                     high=100)
    max_file_mb: float = shared("input", 50.0)  # an archive member read again is bounded too


@dataclass(frozen=True)
class FieldsOptions(_Checked):
    CAPABILITY: ClassVar[str] = "fields"

    llm_endpoint: Optional[str] = flag(
        None, "OpenAI-compatible base URL for the field-extraction fallback (off when unset). "
        "The key is read from FLEXORCH_LLM_API_KEY; only masked text is sent.")
    llm_model: Optional[str] = flag(None, "Model name for the LLM fallback.")
    llm_timeout_s: float = flag(30.0, "Seconds to wait for one LLM fallback request before "
                                "retrying.", name="llm_timeout", dest="llm_timeout_s",
                                parse=float, low=0, low_open=True)
    llm_max_retries: int = flag(3, "Retries of an LLM fallback request on 429/5xx/timeouts "
                                "(exponential backoff, Retry-After honoured); 0 disables "
                                "retrying.", parse=int, low=0, high=20)
    # The LLM prompt is masked with the PII step's selection before it leaves.
    pii_types: tuple[str, ...] = shared("pii", ())
    jurisdictions: tuple[str, ...] = shared("pii", ())


@dataclass(frozen=True)
class PIIOptions(_Checked):
    CAPABILITY: ClassVar[str] = "pii"

    mask_mode: MaskMode = flag(
        MaskMode.PLACEHOLDER, "How PII is masked in 'text': placeholder [IBAN], indexed "
        "<PERSON_1>, hash (keyed HMAC, key from the env var named by --mask-key-env), redact.",
        choices=MASK_MODES, default="placeholder")
    mask_key_env: str = flag("FLEXORCH_MASK_KEY", "Name of the environment variable holding "
                             "the HMAC key for --mask-mode hash.")
    mask: bool = flag(True, "Detect PII but leave 'text' unmasked.", name="no_mask",
                      kind=SWITCH, invert=True)
    pii_types: tuple[str, ...] = flag((), "Comma-separated PII type ids to detect (default: "
                                      "the whole catalog).", kind=CSV)  # empty: the catalog
    jurisdictions: tuple[str, ...] = flag((), "Comma-separated jurisdictions to detect: TR, EU, "
                                          "US, GLOBAL (default: all).", kind=CSV, upper=True)
    keep_raw_text: bool = flag(False, "Also write the unmasked text to 'raw_text' (contains raw "
                               "PII).", kind=SWITCH)
    privacy_profile: Optional[PrivacyProfileName] = flag(
        None, "Named privacy profile: kvkk, gdpr, us or strict. It sets --pii-types, "
        "--jurisdictions, --mask-mode, --keep-raw-text and the hash key length; flags given "
        "explicitly override it (strict refuses --keep-raw-text and --no-mask). Recorded in "
        "profile.json.", choices=tuple(_PROFILES))
    privacy_overrides: tuple[str, ...] = ()  # flags given over the profile's values
    min_mask_key_bytes: int = MIN_MASK_KEY_BYTES  # what --mask-mode hash needs (a profile may raise it)

    def validate(self) -> None:
        self._enum("mask_mode", MaskMode, lambda v: (
            f"unknown mask mode {v!r} (choose from {', '.join(MASK_MODES)})"))
        self._enum("privacy_profile", PrivacyProfileName, lambda v: (
            f"unknown --privacy-profile {v!r}; choose from {', '.join(_PROFILES)}"))


@dataclass(frozen=True)
class DedupOptions(_Checked):
    CAPABILITY: ClassVar[str] = "dedup"

    history: tuple[str, ...] = flag((), "Glob of earlier runs' Parquet outputs; documents found "
                                    "there are marked duplicates of the earlier job and not "
                                    "processed again.", kind=APPEND)
    reprocess: bool = flag(False, "With --history: process documents again even if an earlier "
                           "run has them.", kind=SWITCH)
    keep_raw_text: bool = shared("pii", False)  # a duplicate keeps its original's raw text
    run_id: str = shared("run", "local")  # this run's rows are not history


@dataclass(frozen=True)
class OutputOptions(_Checked):
    CAPABILITY: ClassVar[str] = "output"

    formats: tuple[str, ...] = flag(
        DEFAULT_FORMATS, f"Comma-separated dataset sinks: {', '.join(OUTPUT_FORMATS)}.",
        kind=CSV)
    min_grade: Optional[Grade] = flag(
        None, "Keep only records at this quality grade or better in the dataset sinks; the "
        "rest go to the 'rejected' output with their reason.", choices=GRADES)
    feedback: tuple[str, ...] = flag(  # feedback tables (paths, globs, dataset folders)
        (), "Feedback table to honour (a feedback.jsonl path, a glob, or a dataset folder "
        "holding feedback/feedback.jsonl; repeatable). The table in --output and those beside "
        "the --history datasets are always read. Negative feedback sends a document's records "
        "to 'rejected'.", kind=APPEND)
    split: Optional[float] = flag(None, "Fraction (0-1) of records assigned to a validation "
                                  "split by a stable hash.", parse=float, low=0, high=1,
                                  low_open=True, high_open=True)  # validation fraction
    finetune_format: FinetuneFormat = flag(
        FinetuneFormat.TEXT, "Shape of the finetune sink's lines: text ({text, meta}, continued "
        "pretraining), chat ({messages: system, user, assistant}) or instruct ({instruction, "
        "input, output}).", choices=FINETUNE_FORMATS, default="text")
    finetune_task: FinetuneTask = flag(
        FinetuneTask.FIELDS, "What chat and instruct rows train: fields (the answer is the "
        "record's typed fields as JSON) or classify (the answer is its doc_type).",
        choices=tuple(task.value for task in FinetuneTask), default="fields")
    finetune_min_confidence: float = flag(
        0.5, "Chat and instruct rows only: a record goes in when every field it found (task "
        "fields) or its doc_type (task classify) has at least this confidence (0-1); the others "
        "are counted in profile.json's finetune_skipped.", parse=float, low=0, high=1)
    overwrite: bool = flag(False, "Replace the dataset of another run in --output (its _SUCCESS "
                           "manifest and sink folders are removed first). Without it such a "
                           "folder is refused.", kind=SWITCH)
    history: tuple[str, ...] = shared("dedup", ())  # their feedback tables are read too
    run_id: str = shared("run", "local")  # written in the _SUCCESS manifest

    def validate(self) -> None:
        formats = self.formats or DEFAULT_FORMATS
        object.__setattr__(self, "formats", tuple(formats))
        if formats != DEFAULT_FORMATS:
            unknown = [f for f in formats if f not in OUTPUT_FORMATS]
            if unknown:
                raise FlagError(
                    f"unknown --formats {unknown}; choose from {list(OUTPUT_FORMATS)}")
            repeated = sorted({f for f in formats if formats.count(f) > 1})
            if repeated:
                raise FlagError(f"--formats names {', '.join(repeated)} more than once")
        self._enum("min_grade", Grade, lambda v: (
            f"unknown --min-grade {v!r}; choose from {', '.join(GRADES)}"))
        self._enum("finetune_format", FinetuneFormat, lambda v: (
            f"--finetune-format must be one of {', '.join(FINETUNE_FORMATS)}, got {v!r}"))
        self._enum("finetune_task", FinetuneTask, lambda v: (
            f"--finetune-task must be one of {', '.join(t.value for t in FinetuneTask)}, "
            f"got {v!r}"))

    @property
    def finetune_target(self) -> Optional[str]:
        """The task the finetune rows train (None for the plain-text format)."""
        return None if self.finetune_format == "text" else self.finetune_task


@dataclass(frozen=True)
class RunOptions(_Checked):
    CAPABILITY: ClassVar[str] = "run"

    output: Optional[str] = flag(None, "Output folder (any fsspec/Beam path).")
    run_id: str = flag("local", "Identifier of this run (default: a UTC timestamp). Job ids "
                       "derive from it.", default=None)
    # classify, fields, PII, quality: each, per document
    step_timeout_s: float = flag(60.0, "Per-document time budget in seconds of each step after "
                                 "extraction (classify, fields, PII, quality); past it the "
                                 "record fails with TIMEOUT naming the step.", parse=float,
                                 low=0, low_open=True)
    progress: str = flag("auto", "A progress line on stderr every few seconds: auto (when "
                         "stderr is a terminal), true or false.", kind=TRI_STATE)
    progress_interval_s: float = flag(5.0, "Seconds between progress lines.", parse=float,
                                      low=0, low_open=True)


CAPABILITIES: tuple[type, ...] = (RunOptions, InputOptions, ExtractOptions, FieldsOptions,
                                  PIIOptions, DedupOptions, OutputOptions)
"""Every options class, in the order their flags are listed (--help, Flex Template)."""
PARTS: tuple[str, ...] = tuple(options.CAPABILITY for options in CAPABILITIES)
BY_PART: dict[str, type] = dict(zip(PARTS, CAPABILITIES))


def _owners() -> dict[str, str]:
    """Setting name -> the capability that owns it (not the ones that share it)."""
    owners: dict[str, str] = {}
    for part, options in BY_PART.items():
        for item in dataclasses.fields(options):
            if SHARED in item.metadata:
                continue
            if item.name in owners:
                raise RuntimeError(f"setting {item.name} is declared by {owners[item.name]} "
                                   f"and {part}: share it with shared()")
            owners[item.name] = part
    return owners


OWNER: dict[str, str] = _owners()


# --- the composite --------------------------------------------------------------------------
@dataclass(frozen=True, init=False)
class ProcessingConfig:
    """Every capability's options together: what the pipeline builder holds. Each step,
    transform and sink gets its own part (``config.pii``, ``config.extract``...).

    ``ProcessingConfig(mask_mode="indexed", run_id="r")`` routes each setting to its part;
    parts may be given whole (``ProcessingConfig(pii=PIIOptions(...))``), settings win over
    them. Shared settings are copied from their owner, so the parts always agree. A setting
    is read from its part (``config.pii.mask_mode``): nothing reads the whole bag."""

    run: RunOptions
    input: InputOptions
    extract: ExtractOptions
    fields: FieldsOptions
    pii: PIIOptions
    dedup: DedupOptions
    output: OutputOptions

    def __init__(self, run: Optional[RunOptions] = None, input: Optional[InputOptions] = None,  # noqa: A002
                 extract: Optional[ExtractOptions] = None, fields: Optional[FieldsOptions] = None,
                 pii: Optional[PIIOptions] = None, dedup: Optional[DedupOptions] = None,
                 output: Optional[OutputOptions] = None, **settings: Any) -> None:
        given = {"run": run, "input": input, "extract": extract, "fields": fields, "pii": pii,
                 "dedup": dedup, "output": output}
        unknown = sorted(set(settings) - set(OWNER))
        if unknown:
            raise TypeError(f"ProcessingConfig takes no setting {', '.join(unknown)}")
        by_part: dict[str, dict[str, Any]] = {part: {} for part in PARTS}
        for name, value in settings.items():
            by_part[OWNER[name]][name] = value
        parts: dict[str, Any] = {}
        for part in PARTS:  # owners first, then the parts that share their settings
            options = BY_PART[part]
            current = given[part]
            if current is not None and not isinstance(current, options):
                raise TypeError(f"ProcessingConfig({part}=...) takes {options.__name__}")
            changes = by_part[part]
            parts[part] = (current.replace(**changes) if changes else current) \
                if current is not None else options(**changes)
        for part in PARTS:
            options = BY_PART[part]
            copies = {item.name: getattr(parts[item.metadata[SHARED]], item.name)
                      for item in dataclasses.fields(options) if SHARED in item.metadata}
            if any(getattr(parts[part], name) != value for name, value in copies.items()):
                parts[part] = parts[part].replace(**copies)
        for part, value in parts.items():
            object.__setattr__(self, part, value)

    def part(self, name: str) -> Any:
        """One capability's options by its name (``"pii"``)."""
        if name not in BY_PART:
            raise KeyError(f"no capability {name!r} (capabilities: {', '.join(PARTS)})")
        return getattr(self, name)

    def replace(self, **changes: Any) -> "ProcessingConfig":
        return dataclasses.replace(self, **changes)


def options_for(part: str, config: Any = None) -> Any:
    """The options of capability ``part`` from what a transform or sink was given: the part
    of a ProcessingConfig, the options object itself, or the defaults for None. Another
    capability's options object is a TypeError: a transform keeps its own part only."""
    wanted = BY_PART[part]
    if config is None:
        return wanted()
    if isinstance(config, ProcessingConfig):
        return config.part(part)
    if not isinstance(config, wanted):
        raise TypeError(f"{part} takes {wanted.__name__} (or a ProcessingConfig), not "
                        f"{type(config).__name__}")
    return config
