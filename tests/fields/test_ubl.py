import xml.etree.ElementTree as ET

from flexorch_beam.extract.web import extract_xml
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.fields.ubl import element_paths, extract_ubl

INV = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"


def _ubl_invoice() -> bytes:
    """A UBL 2.1 invoice built with ElementTree (the real namespaces, nothing hand-typed)."""
    ET.register_namespace("", INV)
    ET.register_namespace("cac", CAC)
    ET.register_namespace("cbc", CBC)
    root = ET.Element(f"{{{INV}}}Invoice")

    def leaf(parent, name, text, **attrs):  # noqa: ANN001, ANN202
        element = ET.SubElement(parent, f"{{{CBC}}}{name}", attrs)
        element.text = text
        return element

    def node(parent, name):  # noqa: ANN001, ANN202
        return ET.SubElement(parent, f"{{{CAC}}}{name}")

    leaf(root, "UBLVersionID", "2.1")
    leaf(root, "ID", "FTR2025000935957")
    leaf(root, "IssueDate", "2025-08-09")
    leaf(root, "DueDate", "2025-09-08")
    leaf(root, "DocumentCurrencyCode", "TRY")
    for role, name, vkn in (("AccountingSupplierParty", "Gülen Elektronik A.Ş.", "1234567890"),
                            ("AccountingCustomerParty", "Çetin Lojistik A.Ş.", "8121045956")):
        party = node(node(root, role), "Party")
        leaf(node(party, "PartyIdentification"), "ID", vkn, schemeID="VKN")
        leaf(node(party, "PartyName"), "Name", name)
    account = node(node(root, "PaymentMeans"), "PayeeFinancialAccount")
    leaf(account, "ID", "TR33 0006 1005 1978 6457 8413 26")
    tax = node(root, "TaxTotal")
    leaf(tax, "TaxAmount", "400.00", currencyID="TRY")
    sub = node(tax, "TaxSubtotal")
    leaf(sub, "TaxableAmount", "2000.00", currencyID="TRY")
    leaf(sub, "Percent", "20")
    totals = node(root, "LegalMonetaryTotal")
    leaf(totals, "TaxExclusiveAmount", "2000.00", currencyID="TRY")
    leaf(totals, "PayableAmount", "2400.00", currencyID="TRY")
    return ET.tostring(root, xml_declaration=True, encoding="utf-8")


def test_ubl_invoice_fields_by_element_path() -> None:
    text = extract_xml(_ubl_invoice(), ProcessingConfig().extract).text
    got = {k: v for k, (v, _) in extract_ubl(text, "invoice", "tr").items()}
    assert got == {
        "invoice_number": "FTR2025000935957", "invoice_date": "2025-08-09", "due_date": "2025-09-08",
        "vendor_name": "Gülen Elektronik A.Ş.", "vendor_tax_id": "1234567890",
        "customer_name": "Çetin Lojistik A.Ş.", "currency": "TRY", "subtotal": "2000.00",
        "tax_amount": "400.00", "tax_rate": "20", "total_amount": "2400.00",
        "iban": "TR330006100519786457841326",
    }


def test_not_ubl_gives_nothing() -> None:
    assert extract_ubl("Invoice\n  ID: 1", "invoice", "en") == {}


def test_element_paths() -> None:
    text = "Invoice\n  ID: 7\n  Party\n    Name: A\n  Total: 5"
    assert element_paths(text) == [("Invoice/ID", "7"), ("Invoice/Party/Name", "A"), ("Invoice/Total", "5")]
