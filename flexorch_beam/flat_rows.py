"""Flat rows for tabular sinks (CSV, XLSX): nested columns become JSON strings.

The column order is the schema's; list and struct columns (warnings, fields, pii_findings,
pii_types, quality_components) are written as compact JSON so a spreadsheet or pandas user
can still parse them back with ``json.loads``.
"""
from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from flexorch_beam.record import SCHEMA

COLUMNS: tuple[str, ...] = tuple(SCHEMA.names)
NESTED_COLUMNS: frozenset[str] = frozenset(
    f.name for f in SCHEMA if pa.types.is_nested(f.type)
)


def flat_value(name: str, value: Any) -> Any:
    if name in NESTED_COLUMNS and value is not None:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return value


def flatten_row(row: dict) -> list[Any]:
    """The row's values in schema order, nested ones as JSON text."""
    return [flat_value(name, row.get(name)) for name in COLUMNS]
