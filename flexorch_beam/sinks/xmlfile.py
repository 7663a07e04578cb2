"""XML sink: ``<records><record>…</record></records>`` per shard, one element per column.

Scalars are element text (booleans ``true``/``false``, a missing value is an absent element);
lists hold ``<item>`` children, structs one child per member. Element names come from the
schema only; text is escaped by ElementTree (``&``, ``<``, ``>``) and CR is written as
``&#13;`` so parsers do not turn it into LF. Characters XML 1.0 cannot carry (most control
characters, lone surrogates) are removed (escape.xml_text), the only lossy step.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from flexorch_beam.record import SCHEMA
from flexorch_beam.sinks.escape import xml_text
from flexorch_beam.sinks.lines import WriteLines

HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n<records>'
FOOTER = "</records>"


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return xml_text(str(value))


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
    # CR can only be in element text here (tags are schema names): keep it through parsing.
    return ET.tostring(record, encoding="unicode").replace("\r", "&#13;")


class WriteXml(WriteLines):
    folder = "xml"
    suffix = ".xml"
    header = HEADER
    footer = FOOTER
    to_line = staticmethod(row_to_xml)
