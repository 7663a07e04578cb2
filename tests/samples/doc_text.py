"""Text of a generated document, read back with each format's own library (test helper)."""
from __future__ import annotations

import email
import io
import re
from email import policy

import openpyxl
import pypdfium2
from docx import Document
from lxml import etree, html


def pdf_text(data: bytes) -> str:
    doc = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


def xlsx_text(data: bytes) -> str:
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    out = []
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            out.append(" ".join(str(v) for v in row if v is not None))
    return "\n".join(out)


def eml_text(data: bytes) -> str:
    msg = email.message_from_bytes(data, policy=policy.default)
    parts = [str(msg["From"]), str(msg["To"]), str(msg["Subject"])]
    body = msg.get_body(("plain",))
    parts.append(body.get_content())
    return "\n".join(parts)


def xml_text(data: bytes) -> str:
    root = etree.fromstring(data)
    texts = [t for t in root.itertext()]
    texts += [v for el in root.iter() for v in el.attrib.values()]
    return "\n".join(texts)


def html_text(data: bytes) -> str:
    return html.fromstring(data).text_content()


READERS = {"pdf": pdf_text, "docx": docx_text, "xlsx": xlsx_text, "eml": eml_text, "xml": xml_text,
           "html": html_text}


def document_text(fmt: str, data: bytes, encoding: str | None = None) -> str:
    """Whitespace-normalised text of a non-scanned document (TXT in its truth encoding)."""
    text = data.decode(encoding or "utf-8") if fmt == "txt" else READERS[fmt](data)
    return re.sub(r"\s+", " ", text)
