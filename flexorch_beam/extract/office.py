"""Office documents: DOCX, XLSX/XLSM, PPTX, ODT/ODS.

Word, PowerPoint and OpenDocument XML is read directly from the ZIP with defusedxml (see
safexml.py) rather than through python-docx/python-pptx/odfpy, whose lxml/SAX parsers would
resolve entities; spreadsheets go through openpyxl, which itself parses with defusedxml when
it is installed. Every container passes the zip-bomb check first (zipguard.py). Tables keep
their structure: one row per line, cells separated by `` | `` (sheets: tabs).
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from typing import Callable, Iterable, Iterator, Optional
from xml.etree.ElementTree import Element

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ExtractOptions
from flexorch_beam.extract.result import ExtractResult
from flexorch_beam.extract.safexml import local_name, parse_xml
from flexorch_beam.extract.zipguard import open_zip, read_member

CELL_SEPARATOR = " | "
MAX_REPEAT = 64  # ODF repeats empty cells/rows thousands of times; real data rarely repeats


def walk_blocks(
    root: Element,
    on_element: Callable[[Element], Optional[str]],
) -> list[str]:
    """Depth-first, iterative (no recursion limit on deep files): ``on_element`` returns the
    block text for an element it consumes (its subtree is skipped) or None to descend."""
    blocks: list[str] = []
    stack: list[Iterator[Element]] = [iter([root])]
    while stack:
        element = next(stack[-1], None)
        if element is None:
            stack.pop()
            continue
        text = on_element(element)
        if text is None:
            stack.append(iter(element))
        elif text.strip():
            blocks.append(text)
    return blocks


def join_blocks(blocks: Iterable[str]) -> str:
    return "\n".join(block for block in blocks if block.strip())


# --- DOCX -------------------------------------------------------------------------------


def _paragraph_reader(marks: dict[str, str]) -> Callable[[Element], str]:
    """A paragraph's text: its runs' ``t`` text, with ``marks`` (tab, line break elements)
    as the characters they stand for."""

    def paragraph_text(paragraph: Element) -> str:
        parts: list[str] = []
        for node in paragraph.iter():
            name = local_name(node.tag)
            if name == "t" and node.text:
                parts.append(node.text)
            elif name in marks:
                parts.append(marks[name])
        return "".join(parts)

    return paragraph_text


_docx_paragraph = _paragraph_reader({"tab": "\t", "br": "\n", "cr": "\n"})


def _table_text(rows: Iterable[Element], paragraph: Callable[[Element], str]) -> str:
    """A DOCX or PPTX table as text: a line per row (``tr``), its cells (``tc``) apart."""
    lines = []
    for row in rows:
        if local_name(row.tag) != "tr":
            continue
        cells = []
        for cell in row:
            if local_name(cell.tag) == "tc":
                paragraphs = [paragraph(p) for p in cell.iter() if local_name(p.tag) == "p"]
                cells.append(" ".join(p.strip() for p in paragraphs if p.strip()))
        lines.append(CELL_SEPARATOR.join(cells))
    return "\n".join(lines)


def _block_reader(paragraph: Callable[[Element], str],
                  rows: Callable[[Element], Iterable[Element]]) -> Callable[[Element], Optional[str]]:
    """The text of a body block: a paragraph (``p``) or a table (``tbl``); None otherwise."""

    def block(element: Element) -> Optional[str]:
        name = local_name(element.tag)
        if name == "p":
            return paragraph(element)
        if name == "tbl":
            return _table_text(rows(element), paragraph)
        return None

    return block


_docx_block = _block_reader(_docx_paragraph, iter)  # a w:tbl holds its w:tr rows directly


def extract_docx(content: bytes, config: ExtractOptions) -> ExtractResult:
    archive = open_zip(content, "DOCX")
    with archive:
        parts = ["word/document.xml"]
        names = archive.namelist()
        headers = sorted(n for n in names if re.fullmatch(r"word/header\d*\.xml", n))
        footers = sorted(n for n in names if re.fullmatch(r"word/footer\d*\.xml", n))
        notes = [n for n in ("word/footnotes.xml", "word/endnotes.xml") if n in names]
        texts = []
        for part in headers + parts + footers + notes:
            root = parse_xml(read_member(archive, part, "DOCX"), "DOCX part")
            texts.append(join_blocks(walk_blocks(root, _docx_block)))
        pages = _app_pages(archive)
    return ExtractResult(text="\n\n".join(t for t in texts if t.strip()), page_count=pages)


def _app_pages(archive: zipfile.ZipFile) -> Optional[int]:
    """Page count as the authoring application saved it (docProps/app.xml), if any."""
    if "docProps/app.xml" not in archive.namelist():
        return None
    try:
        root = parse_xml(read_member(archive, "docProps/app.xml", "DOCX"), "DOCX properties")
    except ProcessingError:
        return None
    for node in root:
        if local_name(node.tag) in ("Pages", "Slides") and (node.text or "").strip().isdigit():
            return int(node.text.strip())
    return None


# --- PPTX -------------------------------------------------------------------------------


_pptx_paragraph = _paragraph_reader({"br": "\n"})


_pptx_block = _block_reader(_pptx_paragraph, lambda table: table.iter())


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in archive.namelist():
        return {}
    root = parse_xml(read_member(archive, rels_name, "PPTX"), "PPTX relationships")
    targets = {}
    for rel in root:
        target = rel.get("Target", "")
        targets[rel.get("Id", "")] = posixpath.normpath(posixpath.join(folder, target))
    return targets


_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _slide_parts(archive: zipfile.ZipFile) -> list[str]:
    """Slides in presentation order (presentation.xml's sldIdLst), not ZIP order."""
    root = parse_xml(read_member(archive, "ppt/presentation.xml", "PPTX"), "PPTX presentation")
    rels = _relationships(archive, "ppt/presentation.xml")
    slides = []
    for node in root.iter():
        if local_name(node.tag) == "sldId":
            rel_id = node.get(_REL_NS + "id", "")  # r:id, not the numeric plain id
            target = rels.get(rel_id)
            if target and target in archive.namelist():
                slides.append(target)
    if not slides:  # no usable list: fall back to slide numbers
        slides = sorted(
            (n for n in archive.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
            key=lambda n: int(re.search(r"(\d+)\.xml$", n).group(1)),
        )
    return slides


def extract_pptx(content: bytes, config: ExtractOptions) -> ExtractResult:
    archive = open_zip(content, "PPTX")
    with archive:
        slides = _slide_parts(archive)
        texts = []
        for number, part in enumerate(slides, start=1):
            root = parse_xml(read_member(archive, part, "PPTX"), "PPTX slide")
            body = join_blocks(walk_blocks(root, _pptx_block))
            notes = _slide_notes(archive, part)
            texts.append(f"Slide {number}\n{body}" + (f"\nNotes: {notes}" if notes else ""))
    return ExtractResult(text="\n\n".join(texts), page_count=len(slides))


def _slide_notes(archive: zipfile.ZipFile, slide: str) -> str:
    for target in _relationships(archive, slide).values():
        if "notesSlide" in target and target in archive.namelist():
            root = parse_xml(read_member(archive, target, "PPTX"), "PPTX notes")
            blocks = walk_blocks(root, _pptx_block)
            # the notes page repeats the slide number as a placeholder
            return " ".join(b.strip() for b in blocks if not b.strip().isdigit())
    return ""


# --- OpenDocument (ODT, ODS) ------------------------------------------------------------


def _odf_text(element: Element) -> str:
    """Text of a text:p / text:h with text:s (spaces), text:tab and line breaks."""
    parts: list[str] = []
    stack: list[tuple[Element, bool]] = [(element, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            if node.tail:
                parts.append(node.tail)
            continue
        name = local_name(node.tag)
        if node is not element:
            if name == "s":
                count = node.get("{urn:oasis:names:tc:opendocument:xmlns:text:1.0}c", "1")
                parts.append(" " * min(int(count) if count.isdigit() else 1, MAX_REPEAT))
            elif name == "tab":
                parts.append("\t")
            elif name == "line-break":
                parts.append("\n")
            elif name in ("note", "annotation"):
                stack.append((node, True))
                continue
        if node.text and name not in ("s", "tab", "line-break"):
            parts.append(node.text)
        if node is not element:
            stack.append((node, True))
        for child in reversed(list(node)):
            stack.append((child, False))
    return "".join(parts)


_TABLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def _repeat(element: Element, attribute: str) -> int:
    value = element.get(_TABLE_NS + attribute, "1")
    return max(1, min(int(value) if value.isdigit() else 1, MAX_REPEAT))


def _odf_table(table: Element) -> str:
    rows: list[str] = []
    for row in table.iter(_TABLE_NS + "table-row"):
        cells: list[str] = []
        for cell in row:
            if local_name(cell.tag) not in ("table-cell", "covered-table-cell"):
                continue
            paragraphs = [_odf_text(p) for p in cell if local_name(p.tag) in ("p", "h")]
            value = " ".join(p.strip() for p in paragraphs if p.strip())
            cells.extend([value] * _repeat(cell, "number-columns-repeated"))
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            rows.extend([CELL_SEPARATOR.join(cells)] * _repeat(row, "number-rows-repeated"))
    return "\n".join(rows)


def _odf_block(element: Element) -> Optional[str]:
    name = local_name(element.tag)
    if name in ("p", "h"):
        return _odf_text(element)
    if name == "table":
        return _odf_table(element)
    if name in ("annotation", "note", "tracked-changes"):
        return ""
    return None


def extract_odf(content: bytes, config: ExtractOptions) -> ExtractResult:
    archive = open_zip(content, "OpenDocument")
    with archive:
        root = parse_xml(read_member(archive, "content.xml", "OpenDocument"), "ODF content")
    body = next((node for node in root if local_name(node.tag) == "body"), root)
    return ExtractResult(text=join_blocks(walk_blocks(body, _odf_block)), page_count=None)


# --- XLSX / XLSM ------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text[:-9] if text.endswith("T00:00:00") else text
    return str(value).replace("\t", " ").replace("\n", " ")


def _entities_refused(error: BaseException) -> bool:
    """openpyxl wraps defusedxml's refusal in its own ValueError: look down the chain."""
    from defusedxml import DefusedXmlException

    seen: BaseException | None = error
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, DefusedXmlException):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _xlsx_failure(error: Exception) -> ProcessingError:
    if _entities_refused(error):
        return ProcessingError(codes.UNPROCESSABLE, "XLSX declares XML entities, which are refused")
    return ProcessingError(codes.CORRUPT_FILE, "XLSX workbook cannot be read")


def sheet_text(name: str, rows: Iterable[list[str]]) -> Optional[str]:
    """One sheet as ``Sheet: NAME`` and its rows, cells tab-separated, trailing empty cells
    and empty rows left out (None for an empty sheet). Shared by .xlsx and legacy .xls."""
    lines = []
    for cells in rows:
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            lines.append("\t".join(cells))
    return f"Sheet: {name}\n" + "\n".join(lines) if lines else None


def extract_xlsx(content: bytes, config: ExtractOptions) -> ExtractResult:
    open_zip(content, "XLSX").close()  # bomb check before openpyxl inflates anything
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=True, keep_links=False
        )
    except Exception as error:  # noqa: BLE001 - openpyxl raises many types on bad files
        raise _xlsx_failure(error) from None
    sheets = []
    try:
        for sheet in workbook.worksheets:
            rendered = sheet_text(sheet.title, ([_cell_text(v) for v in row]
                                                for row in sheet.iter_rows(values_only=True)))
            if rendered:
                sheets.append(rendered)
        count = len(workbook.worksheets)
    except Exception as error:  # noqa: BLE001 - read-only sheets parse lazily, here
        raise _xlsx_failure(error) from None
    finally:
        workbook.close()
    return ExtractResult(text="\n\n".join(sheets), page_count=count)
