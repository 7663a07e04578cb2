"""XLSX sink read back with openpyxl: header row, one row per record, cell limit respected."""
import glob
import json

from openpyxl import load_workbook

from flexorch_beam.record import SCHEMA
from flexorch_beam.flat_rows import NESTED_COLUMNS
from flexorch_beam.sinks.xlsx import MAX_CELL, TRUNCATED_MARK


def test_xlsx_round_trip(dataset):
    out, _records, kept, _rejected = dataset
    read = {}
    for path in sorted(glob.glob(f"{out}/xlsx/records-*.xlsx")):
        sheet = load_workbook(path, read_only=True)["records"]
        rows = list(sheet.iter_rows(values_only=True))
        assert list(rows[0]) == SCHEMA.names
        for values in rows[1:]:
            read[values[0]] = dict(zip(SCHEMA.names, values))
    assert set(read) == set(kept)
    for job, row in kept.items():
        for name in SCHEMA.names:
            cell, value = read[job][name], row[name]
            if name in NESTED_COLUMNS:
                assert (json.loads(cell) if cell is not None else None) == value, name
            elif name == "text" and value and len(value) > MAX_CELL:
                assert len(cell) == MAX_CELL and cell.endswith(TRUNCATED_MARK)
                assert value.startswith(cell[: -len(TRUNCATED_MARK)])
            elif name == "text" and value:
                assert cell == value.replace("\x01", "")
            else:
                assert cell == value, name
