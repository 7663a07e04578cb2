"""UBL 2.x: Invoice, CreditNote, Order, OrderChange, OrderResponse(Simple), including
PEPPOL BIS Billing / Ordering and UBL-TR (Turkish e-Fatura / e-Arşiv).

Where the profiles differ: PEPPOL puts the seller's VAT id in ``PartyTaxScheme/CompanyID``;
UBL-TR puts the VKN/TCKN in ``PartyIdentification/ID[@schemeID]`` (its ``PartyTaxScheme``
holds the tax office's name) and an individual seller as ``Person`` instead of ``PartyName``;
UBL-TR's ``InvoiceTypeCode`` is a word (SATIS, IADE, ...), not a UNTDID 1001 code.
"""
from __future__ import annotations

from typing import Optional
from xml.etree.ElementTree import Element

from flexorch_beam.edoc.model import Structured, classify_code
from flexorch_beam.edoc.xmlread import (
    amount, children, currency, find, find_all, first_text, iban, iso_date, name, put, tax_id, text,
)
from flexorch_beam.extract.safexml import local_name

UBL_NAMESPACE = "urn:oasis:names:specification:ubl:schema:xsd:"

ROOTS: dict[str, tuple[str, Optional[str]]] = {
    "Invoice": ("invoice", None),
    "CreditNote": ("invoice", "credit_note"),
    "DebitNote": ("invoice", "debit_note"),
    "SelfBilledInvoice": ("invoice", "self_billed_invoice"),
    "SelfBilledCreditNote": ("invoice", "self_billed_credit_note"),
    "Order": ("purchase_order", None),
    "OrderChange": ("purchase_order", "order_change"),
    "OrderCancellation": ("purchase_order", "order_cancellation"),
    "OrderResponse": ("purchase_order", "order_response"),
    "OrderResponseSimple": ("purchase_order", "order_response"),
}
# UBL-TR invoice types (GİB): IADE is a return, i.e. a credit note.
TR_TYPES: dict[str, Optional[str]] = {"IADE": "credit_note"}
_TAX_SCHEMES = ("VKN", "TCKN")


def _party_name(party: Optional[Element]) -> Optional[str]:
    if party is None:
        return None
    value = first_text(party, "PartyName/Name", "PartyLegalEntity/RegistrationName")
    if value:
        return name(value)
    person = find(party, "Person")
    if person is not None:
        parts = [text(person, p) for p in ("FirstName", "MiddleName", "FamilyName")]
        joined = " ".join(p for p in parts if p)
        return name(joined) if joined else None
    return None


def _party_tax_id(party: Optional[Element]) -> Optional[str]:
    """VAT id first (the scheme named VAT, else the first CompanyID), then the Turkish
    VKN/TCKN identification, then a legal-entity id with a VAT-like scheme."""
    if party is None:
        return None
    schemes = find_all(party, "PartyTaxScheme")
    for scheme in schemes:
        if (text(scheme, "TaxScheme/ID") or "").upper() in ("VAT", "GST", "TVA", "MWST", "IVA", "BTW"):
            value = text(scheme, "CompanyID")
            if value:
                return tax_id(value)
    for ident in find_all(party, "PartyIdentification/ID"):
        if (ident.get("schemeID") or "").upper() in _TAX_SCHEMES and ident.text:
            return tax_id(ident.text)
    for scheme in schemes:
        value = text(scheme, "CompanyID")
        if value:
            return tax_id(value)
    return None


def _party(root: Element, *paths: str) -> Optional[Element]:
    """The first element found at one of ``paths`` (an Element's truth value is its child
    count, so ``find(a) or find(b)`` would be wrong)."""
    for path in paths:
        found = find(root, path)
        if found is not None:
            return found
    return None


def _document_tax(root: Element, doc_currency: Optional[str]) -> Optional[str]:
    """The TaxTotal in the document currency (a second one may be in the tax currency)."""
    totals = list(children(root, "TaxTotal"))
    for total in totals:
        node = find(total, "TaxAmount")
        if node is not None and (doc_currency is None or node.get("currencyID") in (None, doc_currency)):
            return amount(node.text)
    return amount(text(totals[0], "TaxAmount")) if totals else None


def _payee_iban(root: Element) -> Optional[str]:
    for means in children(root, "PaymentMeans"):
        value = iban(text(means, "PayeeFinancialAccount/ID"))
        if value:
            return value
    return None


def _invoice_fields(root: Element) -> dict[str, str]:
    fields: dict[str, str] = {}
    put(fields, "invoice_number", text(root, "ID"))
    put(fields, "invoice_date", iso_date(text(root, "IssueDate")))
    put(fields, "due_date", iso_date(first_text(
        root, "DueDate", "PaymentMeans/PaymentDueDate", "PaymentTerms/PaymentDueDate")))
    doc_currency = currency(text(root, "DocumentCurrencyCode"))
    put(fields, "currency", doc_currency)
    supplier = _party(root, "AccountingSupplierParty/Party", "SellerSupplierParty/Party")
    customer = _party(root, "AccountingCustomerParty/Party", "BuyerCustomerParty/Party")
    put(fields, "vendor_name", _party_name(supplier))
    put(fields, "vendor_tax_id", _party_tax_id(supplier))
    put(fields, "customer_name", _party_name(customer))
    put(fields, "customer_tax_id", _party_tax_id(customer))
    totals = _party(root, "LegalMonetaryTotal", "RequestedMonetaryTotal")
    put(fields, "subtotal", amount(first_text(totals, "TaxExclusiveAmount", "LineExtensionAmount")))
    put(fields, "tax_amount", _document_tax(root, doc_currency))
    put(fields, "total_amount", amount(first_text(totals, "TaxInclusiveAmount", "PayableAmount")))
    put(fields, "amount_due", amount(text(totals, "PayableAmount")))
    rate = text(root, "TaxTotal/TaxSubtotal/TaxCategory/Percent") or text(root, "TaxTotal/TaxSubtotal/Percent")
    if rate and len(find_all(root, "TaxTotal/TaxSubtotal")) == 1:
        put(fields, "tax_rate", amount(rate))
    put(fields, "iban", _payee_iban(root))
    put(fields, "document_uuid", text(root, "UUID"))
    return fields


def _order_fields(root: Element, subtype: Optional[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    own_id = text(root, "ID")
    # A response or change refers to the order it answers; that order's number is the PO.
    put(fields, "po_number", (text(root, "OrderReference/ID") if subtype else None) or own_id)
    put(fields, "order_date", iso_date(text(root, "IssueDate")))
    put(fields, "buyer_name", _party_name(_party(root, "BuyerCustomerParty/Party", "AccountingCustomerParty/Party")))
    put(fields, "supplier_name", _party_name(_party(root, "SellerSupplierParty/Party",
                                                    "AccountingSupplierParty/Party")))
    put(fields, "delivery_date", iso_date(first_text(
        root, "Delivery/RequestedDeliveryPeriod/EndDate", "Delivery/RequestedDeliveryPeriod/StartDate",
        "Delivery/PromisedDeliveryPeriod/EndDate", "Delivery/PromisedDeliveryPeriod/StartDate",
        "OrderLine/LineItem/Delivery/RequestedDeliveryPeriod/EndDate")))
    totals = _party(root, "AnticipatedMonetaryTotal", "LegalMonetaryTotal")
    put(fields, "total_amount", amount(first_text(totals, "PayableAmount", "TaxInclusiveAmount",
                                                  "LineExtensionAmount")))
    put(fields, "currency", currency(first_text(root, "DocumentCurrencyCode", "PricingCurrencyCode")))
    return fields


def read(root: Element) -> Optional[Structured]:
    """The UBL document rooted at ``root``, or None when it is not UBL."""
    tag = str(root.tag)
    kind = local_name(tag)
    if UBL_NAMESPACE.lower() not in tag.lower() or kind not in ROOTS:
        return None
    default = ROOTS[kind]
    code = first_text(root, "InvoiceTypeCode", "CreditNoteTypeCode", "OrderTypeCode", "DebitNoteTypeCode")
    doc_type, subtype = classify_code(code, default)
    if doc_type != default[0]:  # a code that contradicts the root: the root wins
        doc_type, subtype = default
    if kind != "Invoice" and default[1]:
        subtype = default[1]
    if code and code.upper() in TR_TYPES:
        subtype = TR_TYPES[code.upper()]
    profile = first_text(root, "ProfileID", "CustomizationID")
    fields = _invoice_fields(root) if doc_type == "invoice" else _order_fields(root, subtype)
    notes = tuple(value for value in (text(node) for node in children(root, "Note")) if value)
    notes += tuple(value for value in (text(node) for node in find_all(root, "PaymentTerms/Note")) if value)
    return Structured("ubl", kind, doc_type, subtype, code, profile, fields, notes[:20])
