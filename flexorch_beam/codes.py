"""Failure and warning codes: the closed vocabulary every record speaks.

A failure never stops the pipeline; it becomes a record with one of these codes and a
human summary. Codes are strings (not an Enum) so records stay plain data in every sink.
"""
from __future__ import annotations

# Failure codes (status == "failed").
FILE_TOO_LARGE = "FILE_TOO_LARGE"
UNSUPPORTED_FILE = "UNSUPPORTED_FILE"
ENCRYPTED_FILE = "ENCRYPTED_FILE"
CORRUPT_FILE = "CORRUPT_FILE"
UNPROCESSABLE = "UNPROCESSABLE"
TIMEOUT = "TIMEOUT"
READ_ERROR = "READ_ERROR"
INTERNAL_ERROR = "INTERNAL_ERROR"

FAILURE_CODES: tuple[str, ...] = (
    FILE_TOO_LARGE,
    UNSUPPORTED_FILE,
    ENCRYPTED_FILE,
    CORRUPT_FILE,
    UNPROCESSABLE,
    TIMEOUT,
    READ_ERROR,
    INTERNAL_ERROR,
)

# Warning codes (the record still completes).
LOW_CONFIDENCE = "LOW_CONFIDENCE"
TRUNCATED = "TRUNCATED"
VALIDATION_SKIPPED = "VALIDATION_SKIPPED"
OCR_LOW_CONFIDENCE = "OCR_LOW_CONFIDENCE"
DEPRECATED_FIELD = "DEPRECATED_FIELD"
ATTACHMENT_SKIPPED = "ATTACHMENT_SKIPPED"  # an attachment was not read; the record completes
BINARY_REMOVED = "BINARY_REMOVED"  # embedded binary (base64, hex, data: URIs) left out of text
LOW_TEXT_QUALITY = "LOW_TEXT_QUALITY"  # the text is largely not language; the reason is named

WARNING_CODES: tuple[str, ...] = (
    LOW_CONFIDENCE,
    TRUNCATED,
    VALIDATION_SKIPPED,
    OCR_LOW_CONFIDENCE,
    DEPRECATED_FIELD,
    ATTACHMENT_SKIPPED,
    BINARY_REMOVED,
    LOW_TEXT_QUALITY,
)

# Why one attachment was not read (record.Attachment.failure_code); besides these, an
# attachment that was opened and failed carries the failure code it would have had alone.
ATTACHMENT_TOO_MANY = "ATTACHMENT_TOO_MANY"  # past the per-document attachment count
ATTACHMENT_TOO_DEEP = "ATTACHMENT_TOO_DEEP"  # an attachment of an attachment ... too deep
ATTACHMENT_TOO_LARGE = "ATTACHMENT_TOO_LARGE"  # past the per-attachment byte limit
ATTACHMENT_NOT_DOCUMENT = "ATTACHMENT_NOT_DOCUMENT"  # audio, video, binary: nothing to read
ATTACHMENT_NOT_TEXT = "ATTACHMENT_NOT_TEXT"  # read, but its text is not language
ATTACHMENT_TOO_SLOW = "ATTACHMENT_TOO_SLOW"  # the document's attachment time share is spent
ATTACHMENT_CODES: tuple[str, ...] = (
    ATTACHMENT_TOO_SLOW,
    ATTACHMENT_NOT_TEXT,
    ATTACHMENT_TOO_MANY,
    ATTACHMENT_TOO_DEEP,
    ATTACHMENT_TOO_LARGE,
    ATTACHMENT_NOT_DOCUMENT,
)

STATUS_COMPLETED = "completed"
STATUS_FAILED = "failed"


class ProcessingError(Exception):
    """A per-document failure with its code.

    The message is a summary safe to publish: it must never carry document content
    (and therefore never raw PII), only what kind of problem happened.
    """

    def __init__(self, code: str, summary: str) -> None:
        if code not in FAILURE_CODES:
            raise ValueError(f"unknown failure code {code!r}")
        super().__init__(summary)
        self.code = code
        self.summary = summary
