"""DOCX (python-docx) and XLSX (openpyxl), made byte-stable.

Both libraries stamp the current time into the zip entries and openpyxl also into
``docProps/core.xml`` on save; :func:`stable_zip` rewrites the archive with fixed entry
times and the document's own date in the core properties, so a seed gives identical bytes.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from .l10n import parse_number
from .model import DocSpec, Fields, Heading, Lines, PageBreak, Paragraph, Table, Totals

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def _doc_datetime(spec: DocSpec) -> dt.datetime:
    return dt.datetime(spec.doc_date.year, spec.doc_date.month, spec.doc_date.day, 9, 30, 0)


def stable_zip(data: bytes, when: dt.datetime) -> bytes:
    """Same members, same order, fixed timestamps; core.xml dates set to ``when``."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _CORE_DATES.sub(lambda m: m.group(1) + stamp + m.group(3), body)
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, body)
    return out.getvalue()


def _author(spec: DocSpec) -> str:
    first = next((b for b in spec.blocks if isinstance(b, Lines)), None)
    return first.lines[0] if first and first.lines else ""


def render_docx(spec: DocSpec) -> bytes:
    """A Word document: heading, party paragraphs, label/value lines, a bordered table."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "DejaVu Sans"
    normal.font.size = Pt(10.5)
    props = doc.core_properties
    props.title = spec.title
    props.author = _author(spec)
    props.last_modified_by = props.author
    props.created = props.modified = _doc_datetime(spec)
    props.revision = 1
    props.language = spec.language
    for b in spec.blocks:
        if isinstance(b, Heading):
            doc.add_heading(b.text, level=0 if b is spec.blocks[0] else 1)
        elif isinstance(b, Lines):
            p = doc.add_paragraph()
            if b.title:
                p.add_run(b.title).bold = True
                p.add_run().add_break()
            for i, line in enumerate(b.lines):
                run = p.add_run(line)
                if i == 0 and b.key:
                    run.bold = True
                if i < len(b.lines) - 1:
                    run.add_break()
        elif isinstance(b, Fields):
            for _, label, value in b.rows:
                p = doc.add_paragraph()
                p.paragraph_format.space_after = Pt(0)
                p.add_run(f"{label}: ").bold = True
                p.add_run(value)
        elif isinstance(b, Table):
            table = doc.add_table(rows=1, cols=len(b.headers))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, b.headers):
                cell.text = ""
                cell.paragraphs[0].add_run(text).bold = True
            for row in b.rows:
                cells = table.add_row().cells
                for cell, text, numeric in zip(cells, row, b.numeric):
                    cell.text = text
                    if numeric:
                        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif isinstance(b, Totals):
            for i, (_, label, value) in enumerate(b.rows):
                p = doc.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                p.paragraph_format.space_after = Pt(0)
                run = p.add_run(f"{label}: {value}")
                run.bold = i == len(b.rows) - 1
        elif isinstance(b, Paragraph):
            doc.add_paragraph(b.text)
        elif isinstance(b, PageBreak):
            doc.add_page_break()
    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), _doc_datetime(spec))


_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def render_xlsx(spec: DocSpec) -> bytes:
    """A spreadsheet export: labels in column A, values in B, the table with numeric cells."""
    wb = Workbook()
    ws = wb.active
    ws.title = _SHEET_BAD.sub(" ", spec.title)[:31] or spec.doc_type
    props = wb.properties
    props.title = spec.title
    props.creator = props.lastModifiedBy = _author(spec)
    props.created = props.modified = _doc_datetime(spec)
    props.language = spec.language
    bold = Font(bold=True)
    money_fmt = "#,##0.00"
    row = 1
    ncols = max((len(b.headers) for b in spec.blocks if isinstance(b, Table)), default=2)
    for b in spec.blocks:
        if isinstance(b, Heading):
            ws.cell(row, 1, b.text).font = Font(bold=True, size=14)
            row += 2
        elif isinstance(b, Lines):
            if b.title:
                ws.cell(row, 1, b.title).font = bold
                row += 1
            for line in b.lines:
                ws.cell(row, 1, line)
                row += 1
            row += 1
        elif isinstance(b, Fields):
            for _, label, value in b.rows:
                ws.cell(row, 1, label).font = bold
                ws.cell(row, 2, value)
                row += 1
            row += 1
        elif isinstance(b, Table):
            fill = PatternFill("solid", fgColor="DDDDDD")
            for col, header in enumerate(b.headers, 1):
                cell = ws.cell(row, col, header)
                cell.font, cell.fill = bold, fill
            row += 1
            for values in b.rows:
                for col, (text, numeric) in enumerate(zip(values, b.numeric), 1):
                    number = parse_number(text, spec.language) if numeric and text else None
                    cell = ws.cell(row, col, float(number) if number is not None else text)
                    if number is not None:
                        cell.number_format = money_fmt if "." in text or "," in text else "0"
                        cell.alignment = Alignment(horizontal="right")
                row += 1
            row += 1
        elif isinstance(b, Totals):
            for i, (_, label, value) in enumerate(b.rows):
                number = parse_number(value, spec.language)
                ws.cell(row, max(1, ncols - 1), label).font = bold
                cell = ws.cell(row, ncols, float(number) if number is not None else value)
                cell.number_format = money_fmt
                if i == len(b.rows) - 1:
                    cell.font = bold
                row += 1
            if spec.currency:
                ws.cell(row, max(1, ncols - 1), {"tr": "Para Birimi", "de": "Währung", "en": "Currency"}[spec.language])
                ws.cell(row, ncols, spec.currency)
                row += 1
            row += 1
        elif isinstance(b, Paragraph):
            ws.cell(row, 1, b.text)
            row += 1
    ws.column_dimensions["A"].width = 42
    for letter in "BCDEFG":
        ws.column_dimensions[letter].width = 16
    buf = io.BytesIO()
    wb.save(buf)
    return stable_zip(buf.getvalue(), _doc_datetime(spec))
