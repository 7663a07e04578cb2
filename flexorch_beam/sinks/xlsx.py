"""XLSX sink (openpyxl): one workbook per shard, a ``records`` sheet with a header row.

Written through ``fileio.WriteToFiles`` with a custom FileSink, so shards are temp files
renamed at finalize like every other sink. Nested columns are JSON text (as in CSV). Excel
holds at most 32,767 characters per cell: longer values are cut there and end with
``[truncated]``; characters Excel cannot store (control characters) are dropped.

Every string cell is written with ``data_type`` ``'s'`` (openpyxl would otherwise store text
starting with ``=`` as a live formula and ``#N/A`` as an error value), and text a spreadsheet
would evaluate is neutralised with a leading quote (escape.neutralise_cell, reversible with
``restore_cell``).
"""
from __future__ import annotations

from typing import Any, BinaryIO, Optional

import apache_beam as beam
from apache_beam.io import fileio
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from flexorch_beam.sinks.base import FolderSink
from flexorch_beam.sinks.escape import neutralise_cell
from flexorch_beam.flat_rows import COLUMNS, flatten_row

MAX_CELL = 32_767
TRUNCATED_MARK = "[truncated]"
SHEET = "records"


def cell_value(value: Any) -> Any:
    if isinstance(value, str):
        value = neutralise_cell(ILLEGAL_CHARACTERS_RE.sub("", value))
        if len(value) > MAX_CELL:
            value = value[: MAX_CELL - len(TRUNCATED_MARK)] + TRUNCATED_MARK
    return value


class XlsxSink(fileio.FileSink):
    """Rows are appended to a write-only workbook, saved into the file handle on flush."""

    def __init__(self) -> None:
        self._fh: Optional[BinaryIO] = None
        self._book: Optional[Workbook] = None
        self._sheet = None

    def open(self, fh: BinaryIO) -> None:
        self._fh = fh
        self._book = Workbook(write_only=True)
        self._sheet = self._book.create_sheet(SHEET)
        self._sheet.append(list(COLUMNS))

    def _cell(self, value: Any) -> Any:
        value = cell_value(value)
        if not isinstance(value, str):
            return value
        cell = WriteOnlyCell(self._sheet, value=value)
        cell.data_type = "s"  # text, never a formula or an error value
        return cell

    def write(self, record: dict) -> None:
        self._sheet.append([self._cell(v) for v in flatten_row(record)])

    def flush(self) -> None:
        if self._book is not None:
            self._book.save(self._fh)
            self._book = None


class WriteXlsx(FolderSink):
    folder = "xlsx"

    def expand(self, rows):  # noqa: ANN001
        folder = self.folder_path
        return (
            rows
            | "WriteXlsx"
            >> fileio.WriteToFiles(
                folder,
                sink=lambda destination: XlsxSink(),
                file_naming=fileio.default_file_naming(self._name, ".xlsx"),
            )
            | "Paths" >> beam.Map(lambda result: f"{folder}/{result.file_name}")
        )
