"""UN/CEFACT Cross Industry Invoice (D16B: EN16931, XRechnung CII, Factur-X / ZUGFeRD 2.x)
and its predecessor ZUGFeRD 1.0 ``CrossIndustryDocument``; CII orders read the same way.

The two generations name the same things differently (``ExchangedDocument`` vs
``HeaderExchangedDocument``, ``ApplicableHeaderTradeSettlement`` vs
``ApplicableSupplyChainTradeSettlement``), so every lookup lists both paths.
"""
from __future__ import annotations

from typing import Optional
from xml.etree.ElementTree import Element

from flexorch_beam.edoc.model import Structured, classify_code
from flexorch_beam.edoc.xmlread import (
    amount, currency, find, find_all, first_text, iban, iso_date, name, put, tax_id, text,
)
from flexorch_beam.extract.safexml import local_name

ROOTS: dict[str, tuple[str, Optional[str]]] = {
    "CrossIndustryInvoice": ("invoice", None),
    "CrossIndustryDocument": ("invoice", None),
    "CrossIndustryOrder": ("purchase_order", None),
    "CrossIndustryOrderChange": ("purchase_order", "order_change"),
    "CrossIndustryOrderResponse": ("purchase_order", "order_response"),
}

_DOC = ("ExchangedDocument", "HeaderExchangedDocument")
_TXN = ("SupplyChainTradeTransaction", "SpecifiedSupplyChainTradeTransaction")
_AGREEMENT = ("ApplicableHeaderTradeAgreement", "ApplicableSupplyChainTradeAgreement")
_SETTLEMENT = ("ApplicableHeaderTradeSettlement", "ApplicableSupplyChainTradeSettlement")
_DELIVERY = ("ApplicableHeaderTradeDelivery", "ApplicableSupplyChainTradeDelivery")
_SUMMATION = ("SpecifiedTradeSettlementHeaderMonetarySummation", "SpecifiedTradeSettlementMonetarySummation")


def _first(root: Element, heads: tuple[str, ...], tail: str = "") -> Optional[Element]:
    for head in heads:
        for txn in _TXN:
            for path in (f"{txn}/{head}", head):
                found = find(root, f"{path}/{tail}" if tail else path)
                if found is not None:
                    return found
    return None


def _tax_id(party: Optional[Element]) -> Optional[str]:
    """The VAT registration (schemeID VA) first, then the fiscal number (FC)."""
    if party is None:
        return None
    registrations = find_all(party, "SpecifiedTaxRegistration/ID")
    for scheme in ("VA", "FC"):
        for node in registrations:
            if (node.get("schemeID") or "").upper() == scheme and node.text and node.text.strip():
                return tax_id(node.text)
    return None


def _money(summation: Optional[Element], name_: str, doc_currency: Optional[str]) -> Optional[str]:
    """An amount of the summation; TaxTotalAmount may appear once per currency."""
    if summation is None:
        return None
    nodes = find_all(summation, name_)
    for node in nodes:
        if doc_currency is None or node.get("currencyID") in (None, doc_currency):
            return amount(node.text)
    return amount(nodes[0].text) if nodes else None


def _due_date(settlement: Optional[Element]) -> Optional[str]:
    if settlement is None:
        return None
    return iso_date(first_text(settlement, "SpecifiedTradePaymentTerms/DueDateDateTime/DateTimeString"))


def _iban(settlement: Optional[Element]) -> Optional[str]:
    if settlement is None:
        return None
    for node in find_all(settlement, "SpecifiedTradeSettlementPaymentMeans/PayeePartyCreditorFinancialAccount"):
        value = iban(first_text(node, "IBANID", "ProprietaryID"))
        if value:
            return value
    return None


def read(root: Element) -> Optional[Structured]:
    """The CII document rooted at ``root``, or None."""
    tag = str(root.tag)
    kind = local_name(tag)
    if kind not in ROOTS or "uncefact" not in tag.lower() and "ferd" not in tag.lower():
        return None
    document = _first(root, _DOC)
    code = text(document, "TypeCode")
    default = ROOTS[kind]
    doc_type, subtype = classify_code(code, default)
    if doc_type != default[0]:
        doc_type, subtype = default
    profile = first_text(root, "ExchangedDocumentContext/GuidelineSpecifiedDocumentContextParameter/ID",
                         "SpecifiedExchangedDocumentContext/GuidelineSpecifiedDocumentContextParameter/ID")
    agreement = _first(root, _AGREEMENT)
    settlement = _first(root, _SETTLEMENT)
    seller = find(agreement, "SellerTradeParty")
    buyer = find(agreement, "BuyerTradeParty")
    doc_currency = currency(first_text(settlement, "InvoiceCurrencyCode", "OrderCurrencyCode"))
    summation = find(settlement, _SUMMATION[0])
    if summation is None:
        summation = find(settlement, _SUMMATION[1])
    issued = iso_date(text(document, "IssueDateTime/DateTimeString"))
    fields: dict[str, str] = {}
    if doc_type == "invoice":
        put(fields, "invoice_number", text(document, "ID"))
        put(fields, "invoice_date", issued)
        put(fields, "due_date", _due_date(settlement))
        put(fields, "vendor_name", name(text(seller, "Name")))
        put(fields, "vendor_tax_id", _tax_id(seller))
        put(fields, "customer_name", name(text(buyer, "Name")))
        put(fields, "customer_tax_id", _tax_id(buyer))
        put(fields, "currency", doc_currency)
        put(fields, "subtotal", _money(summation, "TaxBasisTotalAmount", doc_currency))
        put(fields, "tax_amount", _money(summation, "TaxTotalAmount", doc_currency))
        put(fields, "total_amount", _money(summation, "GrandTotalAmount", doc_currency))
        put(fields, "amount_due", _money(summation, "DuePayableAmount", doc_currency))
        rates = find_all(settlement, "ApplicableTradeTax") if settlement is not None else []
        if len(rates) == 1:
            put(fields, "tax_rate", amount(text(rates[0], "RateApplicablePercent")
                                           or text(rates[0], "ApplicablePercent")))
        put(fields, "iban", _iban(settlement))
    else:
        put(fields, "po_number", text(document, "ID"))
        put(fields, "order_date", issued)
        put(fields, "buyer_name", name(text(buyer, "Name")))
        put(fields, "supplier_name", name(text(seller, "Name")))
        delivery = _first(root, _DELIVERY)
        put(fields, "delivery_date", iso_date(text(
            delivery, "RequestedDeliverySupplyChainEvent/OccurrenceDateTime/DateTimeString")))
        put(fields, "total_amount", _money(summation, "GrandTotalAmount", doc_currency)
            or _money(summation, "LineTotalAmount", doc_currency))
        put(fields, "currency", doc_currency)
    notes = tuple(value for value in (text(node, "Content") for node in find_all(document, "IncludedNote"))
                  if value) if document is not None else ()
    return Structured("cii", kind, doc_type, subtype, code, profile, fields, notes[:20])
