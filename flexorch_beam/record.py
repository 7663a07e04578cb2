"""The record (one per input file) and its ONE pyarrow schema.

Every sink writes rows produced by :func:`to_row` under :data:`SCHEMA`, so a JSONL line, a
Parquet row and a HuggingFace example are the same record. Field names follow the FlexOrch
SDK's Job/Execution objects.

Inside the pipeline the record travels as a :class:`Record` dataclass. It also carries
``content`` (the input bytes) between reading and extraction; ``content`` is transient: it is
dropped right after extraction and never reaches a sink.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Optional

import pyarrow as pa

from flexorch_beam import codes

PIPELINE_VERSION = "0.1.0"


@dataclass(frozen=True)
class RecordWarning:
    """A non-fatal problem; ``field`` names the extracted field or step it concerns. Its code
    is one of ``codes.WARNING_CODES`` (documented in docs/DESIGN.md): users filter on them."""

    code: str
    field: Optional[str]
    message: str

    def __post_init__(self) -> None:
        if self.code not in codes.WARNING_CODES:
            raise ValueError(f"unknown warning code {self.code!r}")


@dataclass(frozen=True)
class ExtractedField:
    """One typed, normalised field value (ISO dates, decimal amounts, ISO 4217 currency)."""

    name: str
    value: Optional[str]
    confidence: float
    method: str  # "rule" | "llm"


@dataclass(frozen=True)
class PiiFinding:
    """Where a PII value sits in the raw text, never the value itself."""

    type: str
    jurisdiction: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class Attachment:
    """A document carried inside another (an e-mail's attachment, an e-invoice's embedded
    PDF): what it was and whether its text was read into the record's text."""

    name: str
    format: Optional[str]
    size_bytes: Optional[int]
    status: str  # "extracted" | "skipped" | "failed"
    failure_code: Optional[str] = None


@dataclass(frozen=True)
class StepEntry:
    """One step's line in a record's ledger: how it ended, how long it took, how it worked
    (extract: pdfium, pdfplumber or ocr per page, or the format's reader; fields: rule,
    structured or llm) and the warning codes it added. Codes only, never values."""

    name: str
    status: str  # "completed" | "failed" (a failed record runs no further step)
    ms: int
    methods: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class QualityComponents:
    completeness: float
    noise_ratio: float
    ocr_confidence: Optional[float]
    text_sufficiency: float
    # Share of non-language characters (usable_text.measure); None on rows written before it.
    non_language_ratio: Optional[float] = None


@dataclass
class Record:
    """A document's record in progress. Steps return updated copies (see :func:`evolve`)."""

    id: str
    document_id: Optional[str]
    source_uri: str
    file_name: str
    format: Optional[str] = None
    mime_type: Optional[str] = None
    size_bytes: Optional[int] = None
    sha256: Optional[str] = None
    status: str = codes.STATUS_COMPLETED
    failure_reason: Optional[str] = None
    processing_summary: str = ""
    warnings: tuple[RecordWarning, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    page_count: Optional[int] = None
    ocr_used: bool = False
    ocr_confidence: Optional[float] = None
    language: Optional[str] = None
    language_confidence: Optional[float] = None
    doc_type: Optional[str] = None
    doc_type_confidence: Optional[float] = None
    doc_subtype: Optional[str] = None  # "credit_note", "order_change", "order_response", ...
    languages: tuple[str, ...] = ()  # per part, in order of first appearance (mixed documents)
    fields: tuple[ExtractedField, ...] = ()
    pii_findings: tuple[PiiFinding, ...] = ()
    pii_findings_count: int = 0
    pii_types: tuple[str, ...] = ()
    privacy_applied: bool = False
    text: Optional[str] = None
    raw_text: Optional[str] = None
    token_count: Optional[int] = None
    quality_score: Optional[float] = None
    quality_grade: Optional[str] = None
    quality_components: Optional[QualityComponents] = None
    is_duplicate: bool = False
    original_job_id: Optional[str] = None
    is_near_duplicate: bool = False
    near_duplicate_of: Optional[str] = None
    metadata: Optional[str] = None  # JSON object from the manifest, carried verbatim
    pipeline_version: str = PIPELINE_VERSION
    run_id: str = ""
    created_at: str = ""
    processing_ms: int = 0
    steps: tuple[StepEntry, ...] = ()  # the ledger: one entry per step, in order
    # Transient: never written by a sink.
    content: Optional[bytes] = field(default=None, repr=False, compare=False)
    # Transient: an e-document's reading (flexorch_beam.edoc.Structured), made from the bytes
    # in Extract, used by Classify and ExtractFields, dropped after ExtractFields.
    structured: Optional[Any] = field(default=None, repr=False, compare=False)
    # Transient: where an archive member's bytes are (flexorch_beam.archives.MemberRef), for
    # Extract to read them again; None for a file of its own.
    member: Optional[Any] = field(default=None, repr=False, compare=False)
    # Transient: how the running step worked (see StepEntry.methods); a step sets it, the
    # step runner moves it into the step's ledger entry and clears it.
    step_methods: tuple[str, ...] = field(default=(), repr=False, compare=False)
    # Transient: the first pages' words with their boxes, as plain (page, x0, top, x1, bottom,
    # text) tuples (flexorch_beam.extract.words.Word), made in Extract, read by ExtractFields'
    # layout rules, dropped after ExtractFields.
    words: tuple = field(default=(), repr=False, compare=False)

    @property
    def failed(self) -> bool:
        return self.status == codes.STATUS_FAILED


TRANSIENT: tuple[str, ...] = ("content", "structured", "step_methods", "member", "words")
"""Record attributes that live inside the pipeline only: never a column, never in a sink."""


def evolve(record: Record, **changes: Any) -> Record:
    """A copy with ``changes`` applied: steps never mutate their input element."""
    return dataclasses.replace(record, **changes)


def fail(record: Record, code: str, summary: str) -> Record:
    """The failed form of a record: status, code and a content-free summary.

    A failed record carries no text: a step that fails before or inside DetectPII (a TIMEOUT,
    an INTERNAL_ERROR) would otherwise publish the unmasked text in every sink, and a failed
    record is no training example anyway.
    """
    if code not in codes.FAILURE_CODES:
        raise ValueError(f"unknown failure code {code!r}")
    return evolve(
        record,
        status=codes.STATUS_FAILED,
        failure_reason=code,
        processing_summary=summary,
        content=None,
        structured=None,
        words=(),
        text=None,
        raw_text=None,
    )


def job_id(run_id: str, source_uri: str) -> str:
    """``job_…``: deterministic from run id and source uri."""
    digest = hashlib.sha256(f"{run_id}\x00{source_uri}".encode("utf-8")).hexdigest()
    return f"job_{digest[:24]}"


def document_id(sha256_hex: str) -> str:
    """``doc_…``: content-addressed, equal for byte-identical files."""
    return f"doc_{sha256_hex[:24]}"


_WARNING_TYPE = pa.struct(
    [("code", pa.string()), ("field", pa.string()), ("message", pa.string())]
)
_FIELD_TYPE = pa.struct(
    [
        ("name", pa.string()),
        ("value", pa.string()),
        ("confidence", pa.float64()),
        ("method", pa.string()),
    ]
)
_FINDING_TYPE = pa.struct(
    [
        ("type", pa.string()),
        ("jurisdiction", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("score", pa.float64()),
    ]
)
_ATTACHMENT_TYPE = pa.struct(
    [
        ("name", pa.string()),
        ("format", pa.string()),
        ("size_bytes", pa.int64()),
        ("status", pa.string()),
        ("failure_code", pa.string()),
    ]
)
_STEP_TYPE = pa.struct(
    [
        ("name", pa.string()),
        ("status", pa.string()),
        ("ms", pa.int64()),
        ("methods", pa.list_(pa.string())),
        ("warnings", pa.list_(pa.string())),
    ]
)
_QUALITY_TYPE = pa.struct(
    [
        ("completeness", pa.float64()),
        ("noise_ratio", pa.float64()),
        ("ocr_confidence", pa.float64()),
        ("text_sufficiency", pa.float64()),
        ("non_language_ratio", pa.float64()),
    ]
)

SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("document_id", pa.string()),
        ("source_uri", pa.string()),
        ("file_name", pa.string()),
        ("format", pa.string()),
        ("mime_type", pa.string()),
        ("size_bytes", pa.int64()),
        ("sha256", pa.string()),
        ("status", pa.string()),
        ("failure_reason", pa.string()),
        ("processing_summary", pa.string()),
        ("warnings", pa.list_(_WARNING_TYPE)),
        ("attachments", pa.list_(_ATTACHMENT_TYPE)),
        ("page_count", pa.int64()),
        ("ocr_used", pa.bool_()),
        ("ocr_confidence", pa.float64()),
        ("language", pa.string()),
        ("language_confidence", pa.float64()),
        ("doc_type", pa.string()),
        ("doc_type_confidence", pa.float64()),
        ("doc_subtype", pa.string()),
        ("languages", pa.list_(pa.string())),
        ("fields", pa.list_(_FIELD_TYPE)),
        ("pii_findings", pa.list_(_FINDING_TYPE)),
        ("pii_findings_count", pa.int64()),
        ("pii_types", pa.list_(pa.string())),
        ("privacy_applied", pa.bool_()),
        ("text", pa.string()),
        ("raw_text", pa.string()),
        ("token_count", pa.int64()),
        ("quality_score", pa.float64()),
        ("quality_grade", pa.string()),
        ("quality_components", _QUALITY_TYPE),
        ("is_duplicate", pa.bool_()),
        ("original_job_id", pa.string()),
        ("is_near_duplicate", pa.bool_()),
        ("near_duplicate_of", pa.string()),
        ("metadata", pa.string()),
        ("pipeline_version", pa.string()),
        ("run_id", pa.string()),
        ("created_at", pa.string()),
        ("processing_ms", pa.int64()),
        ("steps", pa.list_(_STEP_TYPE)),
    ]
)

COLUMNS: tuple[str, ...] = tuple(SCHEMA.names)


def to_row(record: Record) -> dict[str, Any]:
    """The sink row: exactly the schema's columns, nested values as plain dicts/lists."""
    row: dict[str, Any] = {}
    for name in COLUMNS:
        value = getattr(record, name)
        if name in ("warnings", "attachments", "fields", "pii_findings"):
            value = [dataclasses.asdict(item) for item in value]
        elif name in ("pii_types", "languages"):
            value = list(value)
        elif name == "quality_components" and value is not None:
            value = dataclasses.asdict(value)
        elif name == "steps":
            value = [{**dataclasses.asdict(entry), "methods": list(entry.methods),
                      "warnings": list(entry.warnings)} for entry in value]
        row[name] = value
    return row


def from_row(row: dict[str, Any]) -> Record:
    """Rebuild a Record from a sink row (history reads, tests)."""
    values = {name: row.get(name) for name in COLUMNS}
    values["warnings"] = tuple(RecordWarning(**w) for w in values["warnings"] or ())
    values["attachments"] = tuple(Attachment(**a) for a in values["attachments"] or ())
    values["fields"] = tuple(ExtractedField(**f) for f in values["fields"] or ())
    values["pii_findings"] = tuple(PiiFinding(**p) for p in values["pii_findings"] or ())
    values["pii_types"] = tuple(values["pii_types"] or ())
    values["languages"] = tuple(values["languages"] or ())
    values["steps"] = tuple(
        StepEntry(entry["name"], entry["status"], int(entry["ms"] or 0),
                  tuple(entry.get("methods") or ()), tuple(entry.get("warnings") or ()))
        for entry in values["steps"] or ())
    if values["quality_components"] is not None:
        values["quality_components"] = QualityComponents(**values["quality_components"])
    for flag in ("ocr_used", "privacy_applied", "is_duplicate", "is_near_duplicate"):
        values[flag] = bool(values[flag])
    values["processing_ms"] = int(values["processing_ms"] or 0)
    values["pii_findings_count"] = int(values["pii_findings_count"] or 0)
    return Record(**values)


def to_json_line(record: Record) -> str:
    """One JSONL line; keys in schema order so output is byte-stable."""
    return json.dumps(to_row(record), ensure_ascii=False, separators=(",", ":"))
