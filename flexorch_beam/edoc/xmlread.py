"""Namespace-blind element lookup on a safely parsed tree, and value normalisation.

E-documents use prefixes freely (``cbc:``, ``ram:``, default namespaces, UBL-TR's own), so
paths here name local element names only: ``AccountingSupplierParty/Party/PartyName/Name``.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Iterator, Optional
from xml.etree.ElementTree import Element

from flexorch_beam.codes import ProcessingError
from flexorch_beam.extract.safexml import local_name
from flexorch_beam.extract.safexml import parse_xml as _safe_parse
from flexorch_beam.fields import ids
from flexorch_beam.fields.amounts import format_amount
from flexorch_beam.fields.currency import normalise_currency


def parse_xml(content: bytes) -> Optional[Element]:
    """The root element, or None when the bytes are not (safe, well-formed) XML."""
    try:
        return _safe_parse(content, "XML")
    except ProcessingError:
        return None


def children(element: Element, name: str) -> Iterator[Element]:
    for child in element:
        if local_name(child.tag) == name:
            yield child


def find_all(element: Element, path: str) -> list[Element]:
    """Every element at the local-name ``path`` below ``element`` (``a/b/c``)."""
    current = [element]
    for name in path.split("/"):
        current = [child for parent in current for child in children(parent, name)]
        if not current:
            return []
    return current


def find(element: Optional[Element], path: str) -> Optional[Element]:
    if element is None:
        return None
    found = find_all(element, path)
    return found[0] if found else None


def text(element: Optional[Element], path: str = "") -> Optional[str]:
    """The squashed text at ``path`` (the element itself when empty), None when blank."""
    node = element if not path else find(element, path)
    if node is None or node.text is None:
        return None
    value = re.sub(r"\s+", " ", node.text).strip()
    return value or None


def first_text(element: Optional[Element], *paths: str) -> Optional[str]:
    for path in paths:
        value = text(element, path)
        if value:
            return value
    return None


def iso_date(raw: Optional[str]) -> Optional[str]:
    """``2019-01-25``, ``20190125`` (format 102), ``201901251030`` (203) -> ISO date."""
    if not raw:
        return None
    raw = raw.strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*|Z|[+-]\d{2}:\d{2})?", raw)
    if m is None:
        m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})(?:\d{2,6})?", raw)
    if m is None:
        return None
    year, month, day = (int(g) for g in m.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def amount(raw: Optional[str]) -> Optional[str]:
    """An XML decimal (``-1234.5``) in the project's canonical amount form."""
    if not raw:
        return None
    try:
        value = Decimal(raw.strip().replace(" ", ""))
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    return format_amount(value)


def currency(raw: Optional[str]) -> Optional[str]:
    return normalise_currency(raw) if raw else None


def tax_id(raw: Optional[str]) -> Optional[str]:
    """The id in its compact form when a scheme recognises it, else as written."""
    if not raw:
        return None
    found = ids.validate_tax_id(raw)
    if found is not None and found.valid:
        return found.value
    return raw.strip()


def iban(raw: Optional[str]) -> Optional[str]:
    """An account id that is IBAN-shaped (other account numbers are not IBANs)."""
    if not raw:
        return None
    compact = re.sub(r"\s", "", raw).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", compact):
        return None
    return ids.validate_iban(compact)[0]


def name(raw: Optional[str]) -> Optional[str]:
    return re.sub(r"\s+", " ", raw).strip() or None if raw else None


def put(fields: dict[str, str], key: str, value: Optional[str]) -> None:
    if value:
        fields[key] = value
