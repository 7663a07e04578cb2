"""What a structured e-document says: its class, subtype, and fields by the project's names."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

# Document type codes (UNTDID 1001) by what they say, (class, subtype) -> codes. 380 is the
# plain commercial invoice; the others are its variants.
_KINDS: dict[tuple[str, Optional[str]], tuple[str, ...]] = {
    ("invoice", None): ("380", "751"),
    ("invoice", "credit_note"): ("381", "262", "396", "532"),
    ("invoice", "debit_note"): ("383",),
    ("invoice", "corrected_invoice"): ("384",),
    ("invoice", "prepayment_invoice"): ("386",),
    ("invoice", "self_billed_invoice"): ("389",),
    ("invoice", "partial_invoice"): ("326", "875"),
    ("invoice", "self_billed_credit_note"): ("261",),
    ("purchase_order", None): ("105", "220", "221", "224", "226", "227", "228"),
    ("purchase_order", "order_change"): ("230",),
    ("purchase_order", "order_response"): ("231",),
}
TYPE_CODES: dict[str, tuple[str, Optional[str]]] = {
    code: kind for kind, codes in _KINDS.items() for code in codes}
if len(TYPE_CODES) != sum(len(codes) for codes in _KINDS.values()):
    raise RuntimeError("a UNTDID 1001 code stands under two kinds")


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
