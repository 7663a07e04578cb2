"""XML sink: ``<records><record>…</record></records>`` per shard, one element per column.

Scalars are element text (booleans ``true``/``false``, a missing value is an absent element);
lists hold ``<item>`` children, structs one child per member. Characters XML 1.0 cannot carry
(most control characters) are replaced by U+FFFD, the only lossy step.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import apache_beam as beam

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.record import SCHEMA

HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n<records>'
FOOTER = "</records>"
_INVALID = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _INVALID.sub("\ufffd", str(value))


def _fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            if inner is not None:
                _fill(ET.SubElement(element, key), inner)
    elif isinstance(value, list):
        for inner in value:
            _fill(ET.SubElement(element, "item"), inner)
    else:
        element.text = _text(value)


def row_to_xml(row: dict) -> str:
    record = ET.Element("record")
    for name in SCHEMA.names:
        value = row.get(name)
        if value is not None:
            _fill(ET.SubElement(record, name), value)
    return ET.tostring(record, encoding="unicode")


class WriteXml(beam.PTransform):
    def __init__(self, output_dir: str, config: ProcessingConfig, name: str = "records") -> None:
        super().__init__()
        self._prefix = "/".join([output_dir.rstrip("/"), "xml", name])

    def expand(self, rows):  # noqa: ANN001
        return (
            rows
            | "ToXml" >> beam.Map(row_to_xml)
            | "WriteXml"
            >> beam.io.WriteToText(
                self._prefix, file_name_suffix=".xml", header=HEADER, footer=FOOTER
            )
        )
