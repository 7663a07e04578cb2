"""Structured e-documents read as data: UBL 2.x, UN/CEFACT CII (also inside a PDF/A-3, as
ZUGFeRD / Factur-X), UN/EDIFACT INVOIC/ORDERS.

These formats state what they are (root element, document type code) and where each field
is (element paths, segment qualifiers), so reading them is exact where text rules guess.
:func:`read_structured` runs on the raw bytes during extraction (the bytes are gone after
Extract); the result travels on the record's transient ``structured`` attribute, decides
the class in Classify and gives the fields (method ``structured``) in ExtractFields, and is
dropped after that.
"""
from __future__ import annotations

from typing import Optional

from flexorch_beam.edoc.model import Structured
from flexorch_beam.edoc import cii, edifact, ubl, zugferd
from flexorch_beam.edoc.xmlread import parse_xml

__all__ = ["Structured", "read_structured", "read_xml"]

# An e-document is a few hundred KB at most even with embedded attachments (UBL-TR carries
# its XSLT and PDFs base64-encoded); beyond this the file is something else.
MAX_BYTES = 64 << 20


def read_xml(content: bytes) -> Optional[Structured]:
    """A UBL or CII document in XML bytes, or None."""
    root = parse_xml(content)
    if root is None:
        return None
    return ubl.read(root) or cii.read(root)


def read_structured(content: Optional[bytes], fmt: Optional[str]) -> Optional[Structured]:
    """The structured reading of a file's bytes, or None when it is not an e-document.

    Never raises: a malformed or hostile e-document is simply not read as data (the text
    extractor still reports on it)."""
    if not content or len(content) > MAX_BYTES:
        return None
    try:
        if fmt == "xml":
            return read_xml(content)
        if fmt == "pdf":
            embedded = zugferd.embedded_xml(content)
            return read_xml(embedded) if embedded else None
        if edifact.looks_like(content):  # sniffed as text (.edi, .txt, no extension)
            return edifact.read(content)
    except (ValueError, KeyError, IndexError, RecursionError, MemoryError):
        return None
    return None
