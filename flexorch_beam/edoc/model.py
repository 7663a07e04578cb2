"""What a structured e-document says: its class, subtype, and fields by the project's names."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

# Document type codes (UNTDID 1001) -> (class, subtype). 380 is the plain commercial
# invoice; the others are its variants.
TYPE_CODES: dict[str, tuple[str, Optional[str]]] = {
    "380": ("invoice", None),
    "381": ("invoice", "credit_note"),
    "383": ("invoice", "debit_note"),
    "384": ("invoice", "corrected_invoice"),
    "386": ("invoice", "prepayment_invoice"),
    "389": ("invoice", "self_billed_invoice"),
    "326": ("invoice", "partial_invoice"),
    "261": ("invoice", "self_billed_credit_note"),
    "262": ("invoice", "credit_note"),
    "396": ("invoice", "credit_note"),
    "532": ("invoice", "credit_note"),
    "751": ("invoice", None),
    "875": ("invoice", "partial_invoice"),
    "220": ("purchase_order", None),
    "221": ("purchase_order", None),
    "224": ("purchase_order", None),
    "226": ("purchase_order", None),
    "227": ("purchase_order", None),
    "228": ("purchase_order", None),
    "105": ("purchase_order", None),
    "230": ("purchase_order", "order_change"),
    "231": ("purchase_order", "order_response"),
}


@dataclass(frozen=True)
class Structured:
    """One e-document's reading. ``fields`` holds normalised values (ISO dates, '.'
    decimals, ISO 4217 codes, compact ids) under the names of ``fields/specs.py``."""

    syntax: str  # "ubl" | "cii" | "edifact"
    root: str  # "Invoice", "CreditNote", "Order", "CrossIndustryInvoice", "INVOIC", ...
    doc_type: str  # "invoice" | "purchase_order"
    doc_subtype: Optional[str] = None  # "credit_note", "order_change", "order_response", ...
    type_code: Optional[str] = None
    profile: Optional[str] = None  # CustomizationID / ProfileID / guideline id
    fields: dict[str, str] = field(default_factory=dict)
    # The document's own free text (UBL Note, CII IncludedNote, EDIFACT FTX): what its
    # language is judged on, since the rest is element names, codes and numbers.
    notes: tuple[str, ...] = ()


def classify_code(code: Optional[str], default: tuple[str, Optional[str]]) -> tuple[str, Optional[str]]:
    """(class, subtype) for a document type code; ``default`` when the code is unknown."""
    if code and code.strip() in TYPE_CODES:
        return TYPE_CODES[code.strip()]
    return default
