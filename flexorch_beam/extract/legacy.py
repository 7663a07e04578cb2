"""Legacy binary Office (OLE compound files: .doc, .xls, .ppt), encrypted OOXML, HEIC images.

- Word 97-2003 (.doc): ``antiword`` (Debian; keeps tables as ``|`` rows), and ``catdoc`` when
  antiword refuses the file (it does on small documents: "text stream too small").
- Excel 97-2003 (.xls): xlrd, rows as tab-separated lines under ``Sheet: name`` as for XLSX.
- PowerPoint 97-2003 (.ppt): the text atoms of the "PowerPoint Document" stream, read here
  with olefile (TextCharsAtom is UTF-16, TextBytesAtom Latin-1): a linear walk over record
  headers, no external tool (catppt printed nothing on real files).
- Encrypted OOXML (an OLE file holding ``EncryptedPackage``): ENCRYPTED_FILE.
- HEIC/HEIF (phone photos): decoded by pillow-heif, then read as any image (OCR).

The tools run inside the extraction sandbox like every extractor (same time and memory caps);
the Debian packages are installed by ``make system`` and the Dockerfile.
"""
from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import tempfile

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ExtractOptions
from flexorch_beam.extract.office import sheet_text
from flexorch_beam.extract.result import ExtractResult

_TOOL_TIMEOUT_S = 60
_TEXT_CHARS_ATOM = 0x0FA0
_TEXT_BYTES_ATOM = 0x0FA8
_SLIDE_ATOM = 0x03EF  # a slide container starts: a blank line between slides
_TEMPLATE_CONTAINERS = frozenset({0x03F8, 0x0FC9})  # MainMaster, Handout: layout, not content


def _run(tool: list[str], content: bytes, suffix: str) -> str:
    """``tool`` on a temporary copy of the file; its stdout decoded, or "" when it failed."""
    if shutil.which(tool[0]) is None:
        return ""
    with tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as handle:
        handle.write(content)
        path = handle.name
    try:
        completed = subprocess.run(
            [*tool, path], capture_output=True, timeout=_TOOL_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        raise ProcessingError(codes.TIMEOUT, f"{tool[0]} took longer than {_TOOL_TIMEOUT_S} s") from None
    finally:
        os.unlink(path)
    if completed.returncode != 0:
        return ""
    return completed.stdout.decode("utf-8", errors="replace")


def extract_doc(content: bytes, config: ExtractOptions) -> ExtractResult:
    text = _run(["antiword", "-m", "UTF-8.txt"], content, ".doc")
    if not text.strip():
        text = _run(["catdoc", "-d", "utf-8", "-w"], content, ".doc")
    if not text.strip() and shutil.which("antiword") is None and shutil.which("catdoc") is None:
        raise ProcessingError(
            codes.UNSUPPORTED_FILE, "legacy Word (.doc) needs antiword or catdoc (make system)"
        )
    return ExtractResult(text=text.replace("\r\n", "\n").replace("\f", "\n"), page_count=None)


def extract_xls(content: bytes, config: ExtractOptions) -> ExtractResult:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=content, on_demand=True)
    except xlrd.biffh.XLRDError as error:
        if "encrypt" in str(error).lower():
            raise ProcessingError(codes.ENCRYPTED_FILE, "Excel workbook is password-protected") from None
        raise ProcessingError(codes.CORRUPT_FILE, "Excel 97-2003 workbook cannot be parsed") from None
    sheets = []
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            rendered = sheet_text(sheet.name, (
                [_xls_cell(sheet.cell(row, col), book.datemode) for col in range(sheet.ncols)]
                for row in range(sheet.nrows)))
            if rendered:
                sheets.append(rendered)
            book.unload_sheet(index)
        count = book.nsheets
    finally:
        book.release_resources()
    return ExtractResult(text="\n\n".join(sheets), page_count=count)


def _xls_cell(cell, datemode: int) -> str:  # noqa: ANN001 - an xlrd Cell
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, datemode).isoformat().replace("T00:00:00", "")
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return str(cell.value)
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        value = cell.value
        return str(int(value)) if float(value).is_integer() else repr(value)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    return " ".join(str(cell.value).split())


def ppt_text(stream: bytes) -> str:
    """Text atoms of a PowerPoint Document stream in file order. Every record has an 8-byte
    header (version/instance, type, length); containers (version 0xF) are entered, atoms
    skipped by their length, so the walk is linear and cannot loop."""
    blocks: list[str] = []
    position, end = 0, len(stream)
    while position + 8 <= end:
        version_instance, record_type, length = struct.unpack_from("<HHI", stream, position)
        position += 8
        if version_instance & 0x000F == 0x000F:
            if record_type in _TEMPLATE_CONTAINERS:
                position += length  # the master's placeholders ("Click to edit ..."), skipped
            continue  # a container: its children follow
        body = stream[position : position + length]
        position += length
        text = None
        if record_type == _TEXT_CHARS_ATOM:
            text = body.decode("utf-16-le", errors="replace")
        elif record_type == _TEXT_BYTES_ATOM:
            text = body.decode("latin-1")
        if text is not None and text.strip() != "*":  # "*" stands for the slide-number field
            blocks.append(text)
        if record_type == _SLIDE_ATOM and blocks and blocks[-1] != "":
            blocks.append("")
    return "\n".join(block.replace("\r", "\n").replace("\x0b", "\n") for block in blocks).strip()


def extract_ppt(content: bytes, config: ExtractOptions) -> ExtractResult:
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(content)) as ole:
            if not ole.exists("PowerPoint Document"):
                raise ProcessingError(codes.CORRUPT_FILE, "PowerPoint file has no document stream")
            stream = ole.openstream("PowerPoint Document").read()
    except ProcessingError:
        raise
    except Exception:  # noqa: BLE001 - olefile raises its own and struct errors
        raise ProcessingError(codes.CORRUPT_FILE, "PowerPoint 97-2003 file cannot be parsed") from None
    return ExtractResult(text=ppt_text(stream), page_count=None)


def extract_encrypted(content: bytes, config: ExtractOptions) -> ExtractResult:
    raise ProcessingError(codes.ENCRYPTED_FILE, "Office document is password-protected")


def extract_heic(content: bytes, config: ExtractOptions) -> ExtractResult:
    """HEIC/HEIF decoded to PNG, then the image extractor (OCR) as for any photo."""
    from PIL import Image

    from flexorch_beam.extract import image

    try:
        import pillow_heif

        heif = pillow_heif.open_heif(io.BytesIO(content), convert_hdr_to_8bit=True)
        picture = Image.frombytes(heif.mode, heif.size, bytes(heif.data), "raw", heif.mode, heif.stride)
    except ImportError:
        raise ProcessingError(codes.UNSUPPORTED_FILE, "HEIC images need pillow-heif") from None
    except Exception:  # noqa: BLE001 - libheif errors on damaged files
        raise ProcessingError(codes.CORRUPT_FILE, "HEIC image cannot be decoded") from None
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return image.extract(buffer.getvalue(), config)


_OLE_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def extract_ole(content: bytes, config: ExtractOptions) -> ExtractResult:
    """OLE files of no kind read here: encrypted OOXML that olefile could not list (its
    stream name still shows), or another OLE document."""
    if _OLE_ENCRYPTED in content[: 1 << 20]:
        raise ProcessingError(codes.ENCRYPTED_FILE, "Office document is password-protected")
    raise ProcessingError(
        codes.UNSUPPORTED_FILE, "legacy binary Office format (OLE) is not supported for extraction"
    )
