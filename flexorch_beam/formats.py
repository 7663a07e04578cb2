"""Input formats, declared once: id, MIME type, extractor, container or not, paginated or not.

Sniffing (:mod:`flexorch_beam.sniff`) names a format by its id; the extractor registry
(:mod:`flexorch_beam.extract.registry`), archive expansion (:mod:`flexorch_beam.archives`),
the read step's early failures (:func:`flexorch_beam.sources.describe_content`) and the
attachment rules all read this one table, so adding a format is one :class:`Format` line
here (plus its sniffing rule and its test) and nothing else to keep in step.

Extractors are named by ``"module:function"`` and imported on first use: this module stays
free of parser imports (the launcher sniffs without loading pdfium or tesseract), and the
extractors may import the registry without an import cycle.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Optional

from flexorch_beam import codes

_EXTRACT = "flexorch_beam.extract."


@dataclass(frozen=True)
class Format:
    """One input format.

    ``extractor``: ``"module:function"`` under ``flexorch_beam.extract`` taking
    ``(bytes, ExtractOptions)`` and returning an ``ExtractResult``; None when nothing reads
    it. ``container``: it holds other documents (an archive), expanded into one record per
    member when the files are read, never extracted as one text. ``paginated``: its
    extractor counts pages (slides, frames, sheets). ``early_failure``: ``(code, summary)``
    for bytes that are not a document at all; the record fails when the file is read, before
    any extraction.
    """

    id: str
    mime_type: str
    extractor: Optional[str] = None
    container: bool = False
    paginated: bool = False
    early_failure: Optional[tuple[str, str]] = None

    @property
    def is_document(self) -> bool:
        """Something to read as a document (an attachment, an archive member)."""
        return self.early_failure is None

    def load_extractor(self) -> Callable[..., Any]:
        """The extractor function, imported on first use."""
        if self.extractor is None:
            raise LookupError(f"format {self.id!r} has no extractor")
        return _load(self.extractor)


@lru_cache(maxsize=None)
def _load(reference: str) -> Callable[..., Any]:
    module, _, name = reference.partition(":")
    return getattr(importlib.import_module(_EXTRACT + module), name)


_OOXML = "application/vnd.openxmlformats-officedocument."

FORMATS: tuple[Format, ...] = (
    Format("pdf", "application/pdf", "pdf:extract", paginated=True),
    Format("docx", _OOXML + "wordprocessingml.document", "office:extract_docx", paginated=True),
    Format("xlsx", _OOXML + "spreadsheetml.sheet", "office:extract_xlsx", paginated=True),
    Format("xlsm", "application/vnd.ms-excel.sheet.macroEnabled.12", "office:extract_xlsx",
           paginated=True),
    Format("pptx", _OOXML + "presentationml.presentation", "office:extract_pptx", paginated=True),
    Format("odt", "application/vnd.oasis.opendocument.text", "office:extract_odf"),
    Format("ods", "application/vnd.oasis.opendocument.spreadsheet", "office:extract_odf"),
    Format("epub", "application/epub+zip", "web:extract_epub", paginated=True),
    Format("rtf", "application/rtf", "rtf:extract"),
    Format("html", "text/html", "web:extract_html"),
    Format("xml", "application/xml", "web:extract_xml"),
    Format("eml", "message/rfc822", "mail:extract_eml"),
    Format("msg", "application/vnd.ms-outlook", "mail:extract_msg_file"),
    Format("txt", "text/plain", "text:extract", paginated=True),
    Format("csv", "text/csv", "text:extract", paginated=True),
    Format("md", "text/markdown", "text:extract", paginated=True),
    Format("json", "application/json", "text:extract", paginated=True),
    Format("jpeg", "image/jpeg", "image:extract", paginated=True),
    Format("png", "image/png", "image:extract", paginated=True),
    Format("tiff", "image/tiff", "image:extract", paginated=True),
    Format("bmp", "image/bmp", "image:extract", paginated=True),
    Format("webp", "image/webp", "image:extract", paginated=True),
    Format("gif", "image/gif", "image:extract", paginated=True),
    Format("zip", "application/zip", "archive:extract", container=True),
    Format("tar", "application/x-tar", container=True),
    Format("tgz", "application/gzip", container=True),  # a gzip-compressed tar
    Format("doc", "application/msword", "legacy:extract_doc"),
    Format("xls", "application/vnd.ms-excel", "legacy:extract_xls", paginated=True),
    Format("ppt", "application/vnd.ms-powerpoint", "legacy:extract_ppt"),
    Format("heic", "image/heic", "legacy:extract_heic", paginated=True),
    # encrypted OOXML: an OLE file with an EncryptedPackage stream
    Format("ole_encrypted", "application/x-ole-storage", "legacy:extract_encrypted"),
    Format("ole", "application/x-ole-storage", "legacy:extract_ole",
           early_failure=(codes.UNSUPPORTED_FILE, "content is an OLE file of no supported kind")),
    Format("unknown", "application/octet-stream",
           early_failure=(codes.UNSUPPORTED_FILE, "content is unrecognised binary data")),
    Format("empty", "application/x-empty",
           early_failure=(codes.UNPROCESSABLE, "file is empty (0 bytes)")),
)


def _index(formats: tuple[Format, ...]) -> dict[str, Format]:
    """Id -> Format; a format declared twice is a programming error, caught at import."""
    by_id: dict[str, Format] = {}
    for fmt in formats:
        if fmt.id in by_id:
            raise ValueError(f"format id {fmt.id!r} is declared twice")
        by_id[fmt.id] = fmt
    return by_id


BY_ID: dict[str, Format] = _index(FORMATS)
UNKNOWN = BY_ID["unknown"]
MIME_TYPES: dict[str, str] = {fmt.id: fmt.mime_type for fmt in FORMATS}
CONTAINERS: frozenset[str] = frozenset(fmt.id for fmt in FORMATS if fmt.container)
NOT_DOCUMENTS: frozenset[str] = frozenset(fmt.id for fmt in FORMATS if not fmt.is_document)


def get(fmt_id: str) -> Optional[Format]:
    return BY_ID.get(fmt_id)


def mime_type(fmt_id: str) -> str:
    return BY_ID.get(fmt_id, UNKNOWN).mime_type
