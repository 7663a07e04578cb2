"""E-documents read as data: UBL (PEPPOL, UBL-TR), CII (also inside a PDF/A-3), EDIFACT.
Fixtures are written here, element by element, after the specifications' own examples."""
from __future__ import annotations

import io

import pikepdf
import pytest

from flexorch_beam.classify import classify_record
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.edoc import read_structured
from flexorch_beam.extract_step import extract_record
from flexorch_beam.fields.step import extract_fields_record
from flexorch_beam.record import Record, to_row

NS = ('xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
      'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"')


def ubl_invoice(root: str = "Invoice", code: str = "380", seller_tax: str = "DK13585628",
                extra_tax_total: bool = False) -> bytes:
    type_element = "CreditNoteTypeCode" if root == "CreditNote" else "InvoiceTypeCode"
    second = ('<cac:TaxTotal><cbc:TaxAmount currencyID="SEK">1234.00</cbc:TaxAmount></cac:TaxTotal>'
              if extra_tax_total else "")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<{root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:{root}-2" {NS}>
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  <cbc:ID>INV-2024-0042</cbc:ID>
  <cbc:IssueDate>2024-03-05</cbc:IssueDate>
  <cbc:DueDate>2024-04-04</cbc:DueDate>
  <cbc:{type_element}>{code}</cbc:{type_element}>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party>
    <cac:PartyName><cbc:Name>Nordlys   Handel ApS</cbc:Name></cac:PartyName>
    <cac:PartyTaxScheme><cbc:CompanyID>{seller_tax}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party>
    <cac:PartyLegalEntity><cbc:RegistrationName>Kunde GmbH</cbc:RegistrationName></cac:PartyLegalEntity>
    <cac:PartyTaxScheme><cbc:CompanyID>DE 136 695 976</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>
    <cac:PayeeFinancialAccount><cbc:ID>DK50 0040 0440 1162 43</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>
  <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">250.00</cbc:TaxAmount>
    <cac:TaxSubtotal><cbc:TaxableAmount currencyID="EUR">1000.00</cbc:TaxableAmount><cbc:TaxAmount currencyID="EUR">250.00</cbc:TaxAmount>
      <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal>
  </cac:TaxTotal>{second}
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">1000.00</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">1000.00</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">1250.00</cbc:TaxInclusiveAmount>
    <cbc:PrepaidAmount currencyID="EUR">250.00</cbc:PrepaidAmount>
    <cbc:PayableAmount currencyID="EUR">1000.00</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
</{root}>""".encode()


UBL_TR = f"""<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" {NS}>
  <cbc:UBLVersionID>2.1</cbc:UBLVersionID><cbc:CustomizationID>TR1.2</cbc:CustomizationID>
  <cbc:ProfileID>TEMELFATURA</cbc:ProfileID>
  <cbc:ID>GIB2024000000012</cbc:ID>
  <cbc:UUID>F47AC10B-58CC-4372-A567-0E02B2C3D479</cbc:UUID>
  <cbc:IssueDate>2024-02-01</cbc:IssueDate>
  <cbc:InvoiceTypeCode>IADE</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>TRY</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party>
    <cac:PartyIdentification><cbc:ID schemeID="VKN">1234567890</cbc:ID></cac:PartyIdentification>
    <cac:PartyIdentification><cbc:ID schemeID="MERSISNO">0123456789000015</cbc:ID></cac:PartyIdentification>
    <cac:PartyName><cbc:Name>Anadolu Ticaret A.Ş.</cbc:Name></cac:PartyName>
    <cac:PartyTaxScheme><cac:TaxScheme><cbc:Name>Kadıköy</cbc:Name></cac:TaxScheme></cac:PartyTaxScheme>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party>
    <cac:PartyIdentification><cbc:ID schemeID="TCKN">10000000146</cbc:ID></cac:PartyIdentification>
    <cac:Person><cbc:FirstName>Ayşe</cbc:FirstName><cbc:FamilyName>Yılmaz</cbc:FamilyName></cac:Person>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:TaxTotal><cbc:TaxAmount currencyID="TRY">200.00</cbc:TaxAmount></cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="TRY">1000.00</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="TRY">1000.00</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="TRY">1200.00</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="TRY">1200.00</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
</Invoice>""".encode()


def ubl_order(root: str = "Order") -> bytes:
    reference = "<cac:OrderReference><cbc:ID>PO-7781</cbc:ID></cac:OrderReference>" if root != "Order" else ""
    return f"""<?xml version="1.0"?>
<{root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:{root}-2" {NS}>
  <cbc:CustomizationID>urn:fdc:peppol.eu:poacc:trns:order:3</cbc:CustomizationID>
  <cbc:ID>{"PO-7781" if root == "Order" else "RESP-1"}</cbc:ID>
  <cbc:IssueDate>2024-05-02</cbc:IssueDate>
  <cbc:DocumentCurrencyCode>SEK</cbc:DocumentCurrencyCode>{reference}
  <cac:BuyerCustomerParty><cac:Party><cac:PartyName><cbc:Name>Köpare AB</cbc:Name></cac:PartyName></cac:Party></cac:BuyerCustomerParty>
  <cac:SellerSupplierParty><cac:Party><cac:PartyName><cbc:Name>Säljare AB</cbc:Name></cac:PartyName></cac:Party></cac:SellerSupplierParty>
  <cac:Delivery><cac:RequestedDeliveryPeriod><cbc:StartDate>2024-05-20</cbc:StartDate></cac:RequestedDeliveryPeriod></cac:Delivery>
  <cac:AnticipatedMonetaryTotal><cbc:PayableAmount currencyID="SEK">6225.00</cbc:PayableAmount></cac:AnticipatedMonetaryTotal>
</{root}>""".encode()


CII = b"""<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
 xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
 xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument><ram:ID>RE-2024-17</ram:ID><ram:TypeCode>381</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">20240131</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    <ram:ApplicableHeaderTradeAgreement>
      <ram:SellerTradeParty><ram:Name>Lieferant GmbH</ram:Name>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="FC">201/113/40209</ram:ID></ram:SpecifiedTaxRegistration>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">DE136695976</ram:ID></ram:SpecifiedTaxRegistration></ram:SellerTradeParty>
      <ram:BuyerTradeParty><ram:Name>Kunde AG</ram:Name></ram:BuyerTradeParty>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      <ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58</ram:TypeCode>
        <ram:PayeePartyCreditorFinancialAccount><ram:IBANID>DE02120300000000202051</ram:IBANID></ram:PayeePartyCreditorFinancialAccount></ram:SpecifiedTradeSettlementPaymentMeans>
      <ram:ApplicableTradeTax><ram:CalculatedAmount>19.00</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:RateApplicablePercent>19</ram:RateApplicablePercent></ram:ApplicableTradeTax>
      <ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format="102">20240229</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:LineTotalAmount>100.00</ram:LineTotalAmount><ram:TaxBasisTotalAmount>100.00</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="EUR">19.00</ram:TaxTotalAmount><ram:GrandTotalAmount>119.00</ram:GrandTotalAmount>
        <ram:DuePayableAmount>119.00</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>"""

EDIFACT = (b"UNA:+.? '\nUNB+UNOC:3+5790000000000:14+5798009811578:14+240305:1030+42'\n"
           b"UNH+1+INVOIC:D:96A:UN:EAN008'\nBGM+380+4711+9'\nDTM+137:20240305:102'\n"
           b"DTM+13:20240404:102'\nFTX+AAI+++Delivery to gate 3?: ask for Mr. O?'Neil'\n"
           b"NAD+SE+5790000000000::9++Nordlys Handel ApS+Vej 1+Aarhus++8000+DK'\nRFF+VA:DK13585628'\n"
           b"FII+RB+DK5000400440116243'\nNAD+BY+5798009811578::9++Kunde GmbH'\nRFF+VA:DE136695976'\n"
           b"CUX+2:EUR:4'\nLIN+1++4000862141404:SRS'\nMOA+203:1000'\nUNS+S'\nMOA+79:1000'\n"
           b"MOA+389:1000'\nMOA+176:250'\nMOA+388:1250'\nMOA+9:1250'\nUNT+18+1'\nUNZ+1+42'\n")


def test_peppol_invoice_fields() -> None:
    s = read_structured(ubl_invoice(), "xml")
    assert (s.syntax, s.root, s.doc_type, s.doc_subtype, s.type_code) == ("ubl", "Invoice", "invoice", None, "380")
    assert s.fields == {
        "invoice_number": "INV-2024-0042", "invoice_date": "2024-03-05", "due_date": "2024-04-04",
        "currency": "EUR", "vendor_name": "Nordlys Handel ApS", "vendor_tax_id": "DK13585628",
        "customer_name": "Kunde GmbH", "customer_tax_id": "DE136695976", "subtotal": "1000.00",
        "tax_amount": "250.00", "total_amount": "1250.00", "amount_due": "1000.00", "tax_rate": "25.00",
        "iban": "DK5000400440116243",
    }


def test_credit_note_root_and_code() -> None:
    assert read_structured(ubl_invoice("CreditNote", "381"), "xml").doc_subtype == "credit_note"
    assert read_structured(ubl_invoice("Invoice", "381"), "xml").doc_subtype == "credit_note"


def test_tax_in_document_currency_not_tax_currency() -> None:
    assert read_structured(ubl_invoice(extra_tax_total=True), "xml").fields["tax_amount"] == "250.00"


def test_invalid_vat_id_is_kept_as_written() -> None:
    # the reader reports what the document says; the fields step's checks lower its confidence
    assert read_structured(ubl_invoice(seller_tax="DK12345678"), "xml").fields["vendor_tax_id"] == "DK12345678"


def test_ubl_tr_e_fatura() -> None:
    s = read_structured(UBL_TR, "xml")
    assert (s.doc_type, s.doc_subtype, s.profile) == ("invoice", "credit_note", "TEMELFATURA")
    assert s.fields["vendor_tax_id"] == "1234567890"
    assert s.fields["vendor_name"] == "Anadolu Ticaret A.Ş."
    assert s.fields["customer_name"] == "Ayşe Yılmaz"
    assert s.fields["customer_tax_id"] == "10000000146"
    assert s.fields["document_uuid"] == "F47AC10B-58CC-4372-A567-0E02B2C3D479"
    assert s.fields["total_amount"] == "1200.00" and s.fields["currency"] == "TRY"


@pytest.mark.parametrize("root,subtype,po", [
    ("Order", None, "PO-7781"), ("OrderChange", "order_change", "PO-7781"),
    ("OrderResponse", "order_response", "PO-7781"), ("OrderResponseSimple", "order_response", "PO-7781"),
])
def test_peppol_orders(root: str, subtype: str, po: str) -> None:
    s = read_structured(ubl_order(root), "xml")
    assert (s.doc_type, s.doc_subtype) == ("purchase_order", subtype)
    assert s.fields["po_number"] == po
    assert s.fields["order_date"] == "2024-05-02"
    assert s.fields["delivery_date"] == "2024-05-20"
    assert s.fields["buyer_name"] == "Köpare AB" and s.fields["supplier_name"] == "Säljare AB"
    assert s.fields["total_amount"] == "6225.00" and s.fields["currency"] == "SEK"


def test_cii_fields() -> None:
    s = read_structured(CII, "xml")
    assert (s.syntax, s.doc_type, s.doc_subtype, s.type_code) == ("cii", "invoice", "credit_note", "381")
    assert s.fields["vendor_tax_id"] == "DE136695976"  # VA before FC
    assert s.fields["invoice_date"] == "2024-01-31" and s.fields["due_date"] == "2024-02-29"
    assert (s.fields["subtotal"], s.fields["tax_amount"], s.fields["total_amount"]) == ("100.00", "19.00", "119.00")
    assert s.fields["iban"] == "DE02120300000000202051" and s.fields["tax_rate"] == "19.00"


def _pdf_with_attachment(name: str, data: bytes) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.attachments[name] = pikepdf.AttachedFileSpec(pdf, data, mime_type="text/xml")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_zugferd_xml_inside_pdf() -> None:
    pdf = _pdf_with_attachment("factur-x.xml", CII)
    s = read_structured(pdf, "pdf")
    assert s is not None and s.syntax == "cii" and s.fields["invoice_number"] == "RE-2024-17"


def test_pdf_without_e_invoice_is_not_structured() -> None:
    assert read_structured(_pdf_with_attachment("notes.xml", b"<notes><a>1</a></notes>"), "pdf") is None
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    assert read_structured(out.getvalue(), "pdf") is None


def test_edifact_invoic_with_release_characters() -> None:
    s = read_structured(EDIFACT, "txt")
    assert (s.syntax, s.root, s.doc_type) == ("edifact", "INVOIC", "invoice")
    assert s.fields == {
        "invoice_number": "4711", "invoice_date": "2024-03-05", "due_date": "2024-04-04",
        "vendor_name": "Nordlys Handel ApS", "vendor_tax_id": "DK13585628", "customer_name": "Kunde GmbH",
        "customer_tax_id": "DE136695976", "currency": "EUR", "subtotal": "1000.00", "tax_amount": "250.00",
        "total_amount": "1250.00", "amount_due": "1250.00", "iban": "DK5000400440116243",
    }


def test_edifact_orders_and_change() -> None:
    orders = (b"UNH+1+ORDERS:D:96A:UN'BGM+220+PO-9+9'DTM+137:20240105:102'DTM+2:20240120:102'"
              b"NAD+BY+123::9++Buyer Co'NAD+SU+456::9++Seller Co'CUX+2:EUR:9'UNS+S'MOA+86:99.5'UNT+8+1'")
    s = read_structured(orders, "txt")
    assert (s.doc_type, s.doc_subtype, s.fields["po_number"], s.fields["delivery_date"]) == (
        "purchase_order", None, "PO-9", "2024-01-20")
    change = orders.replace(b"ORDERS", b"ORDCHG").replace(b"BGM+220", b"BGM+230")
    assert read_structured(change, "txt").doc_subtype == "order_change"


@pytest.mark.parametrize("content,fmt", [
    (b"<Invoice><ID>1</ID></Invoice>", "xml"),  # no UBL namespace
    (b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>", "xml"),  # entities refused
    (b"not xml at all <", "xml"),
    (b"UNH+1+DESADV:D:96A:UN'BGM+351+1'", "txt"),  # a despatch advice: not read as data
    (b"Plain text that mentions UNH+ somewhere", "txt"),
    (b"%PDF-1.4 broken /EmbeddedFiles", "pdf"),
])
def test_anything_else_is_not_structured(content: bytes, fmt: str) -> None:
    assert read_structured(content, fmt) is None


def test_pipeline_steps_use_and_drop_the_reading() -> None:
    config = ProcessingConfig(sandbox=False)
    record = Record(id="j", document_id=None, source_uri="mem://cn.xml", file_name="cn.xml", format="xml",
                       content=ubl_invoice("CreditNote", "381"))
    record = extract_record(record, config.extract)
    assert record.structured is not None and record.content is None
    record = classify_record(record, config)
    assert (record.doc_type, record.doc_subtype, record.doc_type_confidence) == ("invoice", "credit_note", 0.99)
    record = extract_fields_record(record, config.fields)
    assert record.structured is None
    fields = {f.name: f for f in record.fields}
    assert fields["total_amount"].value == "1250.00" and fields["total_amount"].method == "structured"
    assert fields["vendor_tax_id"].confidence >= 0.9
    row = to_row(record)
    assert "structured" not in row and row["doc_subtype"] == "credit_note"


def test_sandboxed_extraction_carries_the_reading_back() -> None:
    from flexorch_beam.extract.sandbox import SandboxPool

    pool = SandboxPool(timeout_s=30, memory_mb=2048)
    try:
        record = Record(id="j", document_id=None, source_uri="mem://x.txt", file_name="x.txt",
                           format="txt", content=EDIFACT)
        sandboxed = extract_record(record, ProcessingConfig().extract, pool)
        assert sandboxed.structured == extract_record(record, ProcessingConfig(sandbox=False).extract).structured
        assert sandboxed.structured.fields["invoice_number"] == "4711"
    finally:
        pool.close()


def test_edifact_comma_decimal_mark_from_una() -> None:
    message = (b"UNA:+,? 'UNH+1+INVOIC:D:96A:UN'BGM+380+9'DTM+137:20240105:102'CUX+2:EUR:4'"
               b"UNS+S'MOA+388:1250,50'UNT+6+1'")
    assert read_structured(message, "txt").fields["total_amount"] == "1250.50"


def test_language_of_an_e_document_is_judged_on_its_notes() -> None:
    note = "<cbc:Note>Yalnız bin iki yüz Türk Lirasıdır. Ödeme otuz gün içinde banka hesabımıza yapılacaktır.</cbc:Note>"
    content = UBL_TR.replace(b"<cbc:IssueDate>", note.encode() + b"<cbc:IssueDate>", 1)
    structured = read_structured(content, "xml")
    assert structured.notes and "Türk" in structured.notes[0]
    record = Record(id="j", document_id=None, source_uri="", file_name="", format="xml",
                       text="UBL Invoice\n  ID: GIB2024000000012\n  Note: " + "QUJDRA" * 2000, structured=structured)
    assert classify_record(record, ProcessingConfig()).language == "tr"
    assert read_structured(EDIFACT, "txt").notes == ("Delivery to gate 3: ask for Mr. O'Neil",)
