"""UBL 2.1 e-invoices and orders (Peppol, XRechnung, Turkish e-Fatura/e-Arşiv): fields by path.

The XML extractor renders a document as indented ``Element: value`` lines (containers as
headings). A UBL document states its fields at fixed element paths, so reading those paths
is exact where label rules would guess: the supplier's name is
``AccountingSupplierParty/Party/PartyName/Name``, the total ``LegalMonetaryTotal/PayableAmount``.
Values still go through the normal parsers (amounts, dates, ids are validated).

In the pipeline an e-document's fields come from its bytes (:mod:`flexorch_beam.edoc`,
method ``structured``); this reading of the rendered text serves text-only callers (a UBL
rendering seen without its bytes).
"""
from __future__ import annotations

import re
from typing import Optional

from flexorch_beam.fields import parsers

Values = dict[str, tuple[str, float]]
CONFIDENCE = 0.95

_LINE = re.compile(r"^(?P<indent> *)(?P<name>[A-Za-z][\w.\-]*)(?::\s?(?P<value>.*))?$")

# field -> candidate paths (suffixes, most specific first) and parser kind
INVOICE_PATHS: dict[str, tuple[tuple[str, ...], str]] = {
    "invoice_number": (("Invoice/ID",), "identifier"),
    "invoice_date": (("Invoice/IssueDate",), "date"),
    "due_date": (("Invoice/DueDate", "PaymentMeans/PaymentDueDate", "PaymentTerms/PaymentDueDate"), "date"),
    "vendor_name": (("AccountingSupplierParty/Party/PartyName/Name",
                     "AccountingSupplierParty/Party/PartyLegalEntity/RegistrationName"), "name"),
    "vendor_tax_id": (("AccountingSupplierParty/Party/PartyTaxScheme/CompanyID",
                       "AccountingSupplierParty/Party/PartyIdentification/ID"), "tax_id"),
    "customer_name": (("AccountingCustomerParty/Party/PartyName/Name",
                       "AccountingCustomerParty/Party/PartyLegalEntity/RegistrationName"), "name"),
    "currency": (("Invoice/DocumentCurrencyCode",), "currency_code"),
    "subtotal": (("LegalMonetaryTotal/TaxExclusiveAmount", "LegalMonetaryTotal/LineExtensionAmount"), "amount"),
    "tax_amount": (("Invoice/TaxTotal/TaxAmount",), "amount"),
    "tax_rate": (("TaxTotal/TaxSubtotal/Percent", "TaxTotal/TaxSubtotal/TaxCategory/Percent"), "rate"),
    "total_amount": (("LegalMonetaryTotal/PayableAmount", "LegalMonetaryTotal/TaxInclusiveAmount"), "amount"),
    "iban": (("PaymentMeans/PayeeFinancialAccount/ID",), "iban"),
}

ORDER_PATHS: dict[str, tuple[tuple[str, ...], str]] = {
    "po_number": (("Order/ID",), "identifier"),
    "order_date": (("Order/IssueDate",), "date"),
    "buyer_name": (("BuyerCustomerParty/Party/PartyName/Name",
                    "BuyerCustomerParty/Party/PartyLegalEntity/RegistrationName"), "name"),
    "supplier_name": (("SellerSupplierParty/Party/PartyName/Name",
                       "SellerSupplierParty/Party/PartyLegalEntity/RegistrationName"), "name"),
    "delivery_date": (("Delivery/RequestedDeliveryPeriod/EndDate", "Delivery/RequestedDeliveryPeriod/StartDate",
                       "Delivery/PromisedDeliveryPeriod/EndDate"), "date"),
    "total_amount": (("AnticipatedMonetaryTotal/PayableAmount",), "amount"),
    "currency": (("Order/DocumentCurrencyCode",), "currency_code"),
}


def element_paths(text: str) -> list[tuple[str, str]]:
    """(slash path, value) for every ``Element: value`` line of the indented rendering."""
    stack: list[tuple[int, str]] = []
    out: list[tuple[str, str]] = []
    for line in text.splitlines():
        m = _LINE.match(line)
        if not m:
            continue
        depth = len(m.group("indent"))
        while stack and stack[-1][0] >= depth:
            stack.pop()
        stack.append((depth, m.group("name")))
        if m.group("value"):
            out.append(("/".join(name for _, name in stack), m.group("value").strip()))
    return out


def ubl_kind(text: str) -> Optional[str]:
    """'invoice' or 'purchase_order' when the text is a rendered UBL document."""
    head = text[:200]
    if re.match(r"\s*UBL (?:Invoice|CreditNote)\b", head):
        return "invoice"
    if re.match(r"\s*UBL Order\b", head):
        return "purchase_order"
    return None


def extract_ubl(text: str, doc_type: str, lang: Optional[str]) -> Values:
    """Fields read from UBL element paths; empty when ``text`` is not UBL of that type."""
    if ubl_kind(text) != doc_type:
        return {}
    table = INVOICE_PATHS if doc_type == "invoice" else ORDER_PATHS
    pairs = element_paths(text.split("\n", 1)[1] if "\n" in text else text)
    values: Values = {}
    for name, (suffixes, kind) in table.items():
        parse = getattr(parsers, kind)
        for suffix in suffixes:
            hit = next((v for path, v in pairs if path.endswith(suffix)), None)
            if hit is None:
                continue
            raw = hit
            if kind == "amount":
                raw = re.sub(r"\s+[A-Z]{3}$", "", raw)  # "1234.56 EUR": the currencyID attribute
                value = parsers.amount(raw, "en", "mdy")
            elif kind == "rate":
                value = parsers.rate(raw + "%", lang, "mdy")
            elif kind == "name" and suffix.endswith("Name"):
                value = raw.strip() or None
            else:
                value = parse(raw, lang, "mdy")
            if value is not None:
                values[name] = (value, CONFIDENCE)
                break
    return values
