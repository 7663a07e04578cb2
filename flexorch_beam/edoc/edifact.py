"""UN/EDIFACT INVOIC (and ORDERS / ORDCHG / ORDRSP) messages, read segment by segment.

A message is ``UNA`` (optional service string: separators), ``UNB`` interchange header,
``UNH`` message header naming the message type, then segments such as ``BGM`` (document
type code and number), ``DTM`` (dates by qualifier: 137 issue, 13 due, 2 delivery),
``NAD`` (parties: SE/SU seller, BY buyer) each followed by its ``RFF`` (VA: VAT number),
``FII`` (accounts), ``CUX`` (currency) and, after the ``UNS`` section control, ``MOA``
totals by qualifier (EN16931's syntax binding: 79 line total, 389 tax exclusive, 176 tax,
388 tax inclusive, 9 amount due).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from flexorch_beam.edoc.model import Structured, classify_code
from flexorch_beam.edoc.xmlread import amount, currency, iban, iso_date, name, put, tax_id

MESSAGES: dict[str, tuple[str, Optional[str]]] = {
    "INVOIC": ("invoice", None),
    "ORDERS": ("purchase_order", None),
    "ORDCHG": ("purchase_order", "order_change"),
    "ORDRSP": ("purchase_order", "order_response"),
}
SELLER = ("SE", "SU")
BUYER = ("BY",)
_START = re.compile(rb"^\s*(?:\xef\xbb\xbf)?(?:UNA.{6}\s*)?(?:UNB|UNH)[+]", re.S)
_TOTALS = {"79": "lines", "389": "subtotal", "125": "taxable", "176": "tax_amount", "124": "tax",
           "388": "total_amount", "77": "total_amount", "86": "total_amount", "9": "amount_due"}


@dataclass(frozen=True)
class Syntax:
    component: str = ":"
    element: str = "+"
    decimal: str = "."
    release: str = "?"
    terminator: str = "'"


def looks_like(content: bytes) -> bool:
    """An EDIFACT interchange or message starts with UNA, UNB or UNH."""
    return bool(_START.match(content[:64]))


def _decode(content: bytes) -> str:
    for encoding in ("utf-8", "latin-1"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1", "replace")


def _split(text: str, sep: str, release: str) -> list[str]:
    """Split on ``sep`` except where the release character escapes it; unescape."""
    parts: list[str] = []
    current: list[str] = []
    escaped = False
    for char in text:
        if escaped:
            current.append(char)
            escaped = False
        elif char == release:
            escaped = True
        elif char == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def segments(text: str) -> list[list[list[str]]]:
    """Segments as elements as components, separators from UNA when present."""
    text = text.lstrip("\ufeff").lstrip()
    syntax = Syntax()
    if text.startswith("UNA") and len(text) >= 9:
        c, e, d, r, _, t = text[3:9]
        syntax = Syntax(c, e, d, r if r.strip() else "\x00", t)
        text = text[9:]
    out = []
    for raw in _split_keep_release(text, syntax):
        raw = raw.strip("\r\n ")
        if not raw:
            continue
        elements = _split_keep_release(raw, syntax, syntax.element)
        out.append([[_unescape(c, syntax) for c in _split_keep_release(el, syntax, syntax.component)]
                    for el in elements])
    return out


def _split_keep_release(text: str, syntax: Syntax, sep: Optional[str] = None) -> list[str]:
    """Split on ``sep`` (default: the segment terminator) but keep release characters, so
    the next level can still tell an escaped separator from a real one."""
    sep = sep or syntax.terminator
    parts: list[str] = []
    start = 0
    i = 0
    while i < len(text):
        char = text[i]
        if char == syntax.release:
            i += 2
            continue
        if char == sep:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return parts


def _unescape(value: str, syntax: Syntax) -> str:
    return "".join(_split(value, "\x00", syntax.release)) if syntax.release in value else value


def _get(segment: list[list[str]], element: int, component: int = 0) -> Optional[str]:
    if element < len(segment) and component < len(segment[element]):
        value = segment[element][component].strip()
        return value or None
    return None


def _number(raw: Optional[str]) -> Optional[str]:
    """EDIFACT numbers have no grouping; the decimal mark is '.' or, per UNA, ','."""
    return amount(raw.replace(",", ".") if raw and "." not in raw else raw)


def read(content: bytes) -> Optional[Structured]:
    """The EDIFACT message in ``content`` (the first one of an interchange), or None."""
    if not looks_like(content):
        return None
    segs = segments(_decode(content))
    message: Optional[str] = None
    code: Optional[str] = None
    number: Optional[str] = None
    fields: dict[str, str] = {}
    totals: dict[str, str] = {}
    party: Optional[str] = None
    summary = False
    notes: list[str] = []
    for seg in segs:
        tag = seg[0][0].strip().upper() if seg and seg[0] else ""
        if tag == "UNH":
            if message is not None:
                break  # one document per record: the first message
            message = (_get(seg, 2) or "").upper()
        elif tag == "BGM":
            code, number = _get(seg, 1), _get(seg, 2)
        elif tag == "DTM":
            qualifier, value, fmt = _get(seg, 1, 0), _get(seg, 1, 1), _get(seg, 1, 2)
            date = iso_date(value) if fmt in (None, "102", "203", "204") else None
            key = {"137": "issued", "13": "due", "2": "delivery", "4": "order"}.get(qualifier or "")
            if key and date and key not in totals:
                totals[key] = date
        elif tag == "NAD":
            party = _get(seg, 1)
            party_name = " ".join(c for c in (seg[4] if len(seg) > 4 else []) if c.strip()) or \
                " ".join(c for c in (seg[3] if len(seg) > 3 else []) if c.strip())
            if party in SELLER and party_name:
                totals.setdefault("seller", name(party_name) or "")
            elif party in BUYER and party_name:
                totals.setdefault("buyer", name(party_name) or "")
        elif tag == "RFF" and _get(seg, 1, 0) == "VA" and party:
            role = "seller_vat" if party in SELLER else "buyer_vat" if party in BUYER else None
            if role:
                totals.setdefault(role, _get(seg, 1, 1) or "")
        elif tag == "FII" and _get(seg, 1) in ("RB", "BF"):
            value = iban(_get(seg, 2))
            if value:
                totals.setdefault("iban", value)
        elif tag == "CUX":
            totals.setdefault("currency", _get(seg, 1, 1) or "")
        elif tag == "FTX" and len(seg) > 4:
            note = " ".join(c for c in seg[4] if c.strip())
            if note and len(notes) < 20:
                notes.append(note)
        elif tag == "UNS":
            summary = True
        elif tag == "MOA" and summary:
            key = _TOTALS.get(_get(seg, 1, 0) or "")
            value = _number(_get(seg, 1, 1))
            if key and value and key not in totals:
                totals[key] = value
        elif tag in ("LIN", "UNT"):
            party = None
    if message not in MESSAGES:
        return None
    default = MESSAGES[message]
    doc_type, subtype = classify_code(code, default)
    if doc_type != default[0]:
        doc_type, subtype = default
    if doc_type == "invoice":
        put(fields, "invoice_number", number)
        put(fields, "invoice_date", totals.get("issued"))
        put(fields, "due_date", totals.get("due"))
        put(fields, "vendor_name", totals.get("seller"))
        put(fields, "vendor_tax_id", tax_id(totals.get("seller_vat")))
        put(fields, "customer_name", totals.get("buyer"))
        put(fields, "customer_tax_id", tax_id(totals.get("buyer_vat")))
        put(fields, "currency", currency(totals.get("currency")))
        put(fields, "subtotal", totals.get("subtotal") or totals.get("taxable"))
        put(fields, "tax_amount", totals.get("tax_amount") or totals.get("tax"))
        put(fields, "total_amount", totals.get("total_amount"))
        put(fields, "amount_due", totals.get("amount_due"))
        put(fields, "iban", totals.get("iban"))
    else:
        put(fields, "po_number", number)
        put(fields, "order_date", totals.get("issued") or totals.get("order"))
        put(fields, "buyer_name", totals.get("buyer"))
        put(fields, "supplier_name", totals.get("seller"))
        put(fields, "delivery_date", totals.get("delivery"))
        put(fields, "total_amount", totals.get("total_amount") or totals.get("lines"))
        put(fields, "currency", currency(totals.get("currency")))
    return Structured("edifact", message, doc_type, subtype, code, None, fields, tuple(notes))
