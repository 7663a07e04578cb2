"""Documents inside documents: e-mail attachments, embedded e-invoice PDFs, forwarded mails.

Each attachment is sniffed from its bytes and extracted through the same registry as a file
given on its own, in the same process (so inside the same sandbox, under the same time and
memory caps as its parent). Its text is appended to the parent's under a delimiter line that
names it; the record's ``attachments`` column says what each one was and whether it was read.
An attachment that cannot be read costs a warning (ATTACHMENT_SKIPPED), never the record; so
does one whose text is not language (a logo's OCR, a signature blob): more than
``usable_text.LIMIT`` of it non-language.

Limits: at most :data:`MAX_ATTACHMENTS` read per document (all levels together), each at most
:data:`MAX_ATTACHMENT_BYTES`, nested at most :data:`MAX_DEPTH` levels deep (a mail forwarding
a mail carrying a PDF is depth 2); no new attachment is opened once :data:`TIME_SHARE` of
the document's time cap (``doc_timeout_s``) has gone, so the parent's text is not lost to a
TIMEOUT spent on attachments.
"""
from __future__ import annotations

import contextvars
import time
from dataclasses import dataclass
from typing import Iterable, Optional

from flexorch_beam import codes, formats
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ExtractOptions
from flexorch_beam.extract.registry import extract_content
from flexorch_beam.record import Attachment, RecordWarning
from flexorch_beam.sniff import sniff_format
from flexorch_beam.usable_text import LIMIT, measure

MAX_ATTACHMENTS = 20
MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024
MAX_DEPTH = 3

EXTRACTED, SKIPPED, FAILED = "extracted", "skipped", "failed"

# Attachments stop being opened once this share of the document's time cap has gone: the
# parent's own text must not be lost to a TIMEOUT spent on its attachments.
TIME_SHARE = 0.5

_DEPTH: contextvars.ContextVar[int] = contextvars.ContextVar("attachment_depth", default=0)
_STARTED: contextvars.ContextVar[Optional[float]] = contextvars.ContextVar(
    "attachment_started", default=None
)
_BUDGET: contextvars.ContextVar[Optional[list[int]]] = contextvars.ContextVar(
    "attachment_budget", default=None
)


@dataclass(frozen=True)
class Carried:
    """One attachment as a container found it: its name and bytes."""

    name: str
    content: bytes


@dataclass(frozen=True)
class ReadAttachments:
    text: str  # the delimited sections to append ("" when nothing was read)
    attachments: tuple[Attachment, ...]
    warnings: tuple[RecordWarning, ...]


def delimiter(name: str, fmt: str) -> str:
    return f"----- Attachment: {name} ({fmt}) -----"


def _skipped(name: str, fmt: Optional[str], size: int, status: str, code: str,
             why: str) -> tuple[Attachment, RecordWarning]:
    return (
        Attachment(name=name, format=fmt, size_bytes=size, status=status, failure_code=code),
        RecordWarning(codes.ATTACHMENT_SKIPPED, "attachments", f"attachment '{name}' not read: {why}"),
    )


def read_attachments(items: Iterable[Carried], config: ExtractOptions) -> ReadAttachments:
    """Extract every carried document within the limits; see the module docstring."""

    depth = _DEPTH.get()
    budget = _BUDGET.get()
    top = budget is None
    if top:
        budget = [MAX_ATTACHMENTS]
    sections: list[str] = []
    attachments: list[Attachment] = []
    warnings: list[RecordWarning] = []
    depth_token = _DEPTH.set(depth + 1)
    budget_token = _BUDGET.set(budget) if top else None
    started_token = _STARTED.set(time.monotonic()) if top else None
    deadline = (_STARTED.get() or time.monotonic()) + TIME_SHARE * config.doc_timeout_s
    try:
        for item in items:
            size = len(item.content)
            fmt = sniff_format(item.content, item.name) if size else "empty"
            if depth + 1 > MAX_DEPTH:
                pair = _skipped(item.name, fmt, size, SKIPPED, codes.ATTACHMENT_TOO_DEEP,
                                f"nested deeper than {MAX_DEPTH} levels")
            elif size > MAX_ATTACHMENT_BYTES:
                pair = _skipped(item.name, fmt, size, SKIPPED, codes.ATTACHMENT_TOO_LARGE,
                                f"larger than {MAX_ATTACHMENT_BYTES / (1024 * 1024):g} MB")
            elif fmt in formats.NOT_DOCUMENTS:  # sound, video, executables, signatures
                pair = _skipped(item.name, fmt, size, SKIPPED, codes.ATTACHMENT_NOT_DOCUMENT,
                                "not a document format")
            elif budget[0] <= 0:
                pair = _skipped(item.name, fmt, size, SKIPPED, codes.ATTACHMENT_TOO_MANY,
                                f"more than {MAX_ATTACHMENTS} attachments in one document")
            elif time.monotonic() > deadline:
                pair = _skipped(item.name, fmt, size, SKIPPED, codes.ATTACHMENT_TOO_SLOW,
                                f"the document's attachments used {TIME_SHARE:.0%} of its time cap")
            else:
                budget[0] -= 1
                try:
                    result = extract_content(item.content, fmt, config)
                except ProcessingError as error:
                    pair = _skipped(item.name, fmt, size, FAILED, error.code, error.summary)
                else:
                    share = measure(result.text)
                    if share.ratio > LIMIT:
                        pair = _skipped(item.name, fmt, size, SKIPPED, codes.ATTACHMENT_NOT_TEXT,
                                        f"its text is {100 * share.ratio:.0f}% non-language "
                                        f"({share.main_reason()})")
                        attachments.append(pair[0])
                        warnings.append(pair[1])
                        continue
                    sections.append(f"{delimiter(item.name, fmt)}\n{result.text.strip()}")
                    attachments.append(Attachment(item.name, fmt, size, EXTRACTED))
                    attachments.extend(result.attachments)  # nested ones, flattened
                    warnings.extend(result.warnings)
                    continue
            attachments.append(pair[0])
            warnings.append(pair[1])
    finally:
        _DEPTH.reset(depth_token)
        if budget_token is not None:
            _BUDGET.reset(budget_token)
        if started_token is not None:
            _STARTED.reset(started_token)
    return ReadAttachments("\n\n".join(sections), tuple(attachments), tuple(warnings))


def append(text: str, read: ReadAttachments) -> str:
    """The parent's text followed by the attachments' delimited sections."""
    if not read.text:
        return text
    return f"{text.rstrip()}\n\n{read.text}" if text.strip() else read.text
