"""DOCX, XLSX, XLSM, PPTX, ODT, ODS written by their real libraries; zip bombs refused."""
from __future__ import annotations

import io
import zipfile

import pytest

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.extract import office
from flexorch_beam.extract.registry import extract_content
from flexorch_beam.sniff import sniff_format


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Invoice INV-2024-0042", level=1)
    document.add_paragraph("Vendor: Acme GmbH")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([("Item", "Qty", "Price"), ("Widget", "2", "10.00"), ("Gadget", "1", "5.50")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("Total: 25.50 EUR")
    document.sections[0].header.paragraphs[0].text = "Acme letterhead"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_tables_and_headers_in_order(config):
    content = _docx()
    assert sniff_format(content, "x.docx") == "docx"
    text = extract_content(content, "docx", config).text
    assert "Acme letterhead" in text
    assert "Item | Qty | Price\nWidget | 2 | 10.00\nGadget | 1 | 5.50" in text
    assert text.index("Vendor: Acme GmbH") < text.index("Widget") < text.index("Total: 25.50 EUR")


def _xlsx(vba: bool = False) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Payroll"
    sheet.append(["Employee", "Gross", "Net"])
    sheet.append(["Ayşe Yılmaz", 5000, 4123.5])
    second = workbook.create_sheet("Notes")
    second["A1"] = "Paid monthly"
    buffer = io.BytesIO()
    workbook.save(buffer)
    content = buffer.getvalue()
    if not vba:
        return content
    # openpyxl writes macro workbooks only from an existing one: add the VBA part Excel adds
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\x00" * 508)
    return out.getvalue()


@pytest.mark.parametrize("vba", [False, True])
def test_xlsx_and_xlsm_rows_stay_tab_separated(config, vba):
    content = _xlsx(vba)
    fmt = sniff_format(content)
    assert fmt == ("xlsm" if vba else "xlsx")
    result = extract_content(content, fmt, config)
    assert "Sheet: Payroll\nEmployee\tGross\tNet\nAyşe Yılmaz\t5000\t4123.5" in result.text
    assert "Sheet: Notes\nPaid monthly" in result.text
    assert result.page_count == 2


def test_pptx_slides_in_order_with_tables_and_notes(config):
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    for number in (1, 2):
        slide = deck.slides.add_slide(deck.slide_layouts[5])
        slide.shapes.title.text = f"Quarter {number} results"
        if number == 2:
            table = slide.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(4), Inches(1)).table
            for r, row in enumerate([("Region", "Revenue"), ("EMEA", "1200")]):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
            slide.notes_slide.notes_text_frame.text = "Mention the EMEA growth"
    buffer = io.BytesIO()
    deck.save(buffer)
    content = buffer.getvalue()
    assert sniff_format(content) == "pptx"
    result = extract_content(content, "pptx", config)
    assert result.page_count == 2
    assert result.text.index("Slide 1\nQuarter 1 results") < result.text.index("Slide 2\nQuarter 2")
    assert "Region | Revenue\nEMEA | 1200" in result.text
    assert "Notes: Mention the EMEA growth" in result.text


def _odf(kind: str) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet, OpenDocumentText
    from odf.table import Table, TableCell, TableRow
    from odf.text import H, P, S

    document = OpenDocumentText() if kind == "odt" else OpenDocumentSpreadsheet()
    if kind == "odt":
        document.text.addElement(H(outlinelevel=1, text="Purchase order PO-7"))
        paragraph = P(text="Buyer:")
        paragraph.addElement(S(c=2))
        paragraph.addText("Globex")
        document.text.addElement(paragraph)
    table = Table(name="Lines")
    for row_values in (("Item", "Qty"), ("Bolt", "100")):
        row = TableRow()
        for value in row_values:
            cell = TableCell()
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    (document.text if kind == "odt" else document.spreadsheet).addElement(table)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["odt", "ods"])
def test_opendocument_text_and_tables(config, kind):
    content = _odf(kind)
    assert sniff_format(content) == kind
    text = extract_content(content, kind, config).text
    assert "Item | Qty\nBolt | 100" in text
    if kind == "odt":
        assert text.startswith("Purchase order PO-7\nBuyer:  Globex")


def _bomb(member: str, megabytes: int) -> bytes:
    """A real OOXML skeleton whose main part inflates to ``megabytes`` of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, b"<" + b"\x00" * (megabytes * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize("member,fmt", [("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx")])
def test_zip_bomb_disguised_as_office_is_refused_from_the_directory(config, member, fmt):
    content = _bomb(member, 64)
    assert len(content) < 200_000  # ~1000:1
    assert sniff_format(content, f"report.{fmt}") == fmt
    with pytest.raises(ProcessingError) as error:
        extract_content(content, fmt, config)
    assert error.value.code == codes.UNPROCESSABLE
    assert "zip bomb" in error.value.summary


def test_zip_bomb_total_size_limit(monkeypatch, config):
    from flexorch_beam.extract import zipguard

    monkeypatch.setattr(zipguard, "MAX_TOTAL_UNCOMPRESSED", 1024 * 1024)
    content = _docx()
    # an honest small docx passes, the same file under a 1 MB budget with padding does not
    padded = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(padded, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("word/media/pad.bin", b"\x01" * (2 * 1024 * 1024))
    with pytest.raises(ProcessingError) as error:
        office.extract_docx(padded.getvalue(), config)
    assert error.value.code == codes.UNPROCESSABLE


def test_damaged_docx_is_corrupt(config):
    """Cut before its body part: nothing to salvage (a cut after it is read: test_legacy.py)."""
    content = _docx()
    body = content.find(b"word/document.xml")
    with pytest.raises(ProcessingError) as error:
        extract_content(content[: body - 30], "docx", config)
    assert error.value.code == codes.CORRUPT_FILE


def test_entities_inside_a_docx_part_are_refused(config):
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", laughs)
    with pytest.raises(ProcessingError) as error:
        extract_content(buffer.getvalue(), "docx", config)
    assert error.value.code == codes.UNPROCESSABLE


def test_entities_inside_an_xlsx_part_are_refused(config):
    """openpyxl parses through defusedxml: an entity in a sheet is refused, not expanded."""
    source = _xlsx()
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a;</t></is></c></row></sheetData></worksheet>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as archive, zipfile.ZipFile(out, "w") as target:
        for item in archive.infolist():
            data = laughs if item.filename == "xl/worksheets/sheet1.xml" else archive.read(item.filename)
            target.writestr(item, data)
    with pytest.raises(ProcessingError) as error:
        extract_content(out.getvalue(), "xlsx", config)
    assert error.value.code == codes.UNPROCESSABLE
