"""Every writer's output opens with that format's own library and says what the truth says."""
from __future__ import annotations

import email
import io
from decimal import Decimal
from email import policy

import openpyxl
import pypdfium2
import pytest
from docx import Document
from lxml import etree, html
from PIL import Image

from flexorch_samples import WRITERS, build_spec, render, truth_for
from flexorch_samples.web import CAC, CBC, UBL

from .doc_text import document_text, pdf_text

SEED = 5


def _spec(doc_type: str, lang: str, variant: str, quality: str = "clean", index: int = 3):
    return build_spec(index, doc_type, lang, variant, quality, SEED)


def test_every_variant_has_a_writer():
    assert set(WRITERS) == {"pdf", "scan_pdf", "docx", "xlsx", "html", "xml", "ubl", "eml", "txt", "png", "tiff"}


@pytest.mark.parametrize("lang", ["tr", "de", "en"])
def test_digital_pdf_has_text_layer_with_native_glyphs(lang):
    spec = _spec("invoice", lang, "pdf")
    data = render(spec)
    text = pdf_text(data)
    assert spec.fields["invoice_number"] in text
    assert spec.title in text
    marker = {"tr": ["Ara Toplam", "Genel Toplam", "KDV %"], "de": ["Zwischensumme", "Gesamtbetrag", "MwSt."],
              "en": ["Subtotal", "Total", "Sales Tax"]}[lang]
    assert all(m in text for m in marker)
    if lang == "tr":
        assert any(c in text for c in "şğıİŞĞ")
    doc = pypdfium2.PdfDocument(data)
    assert doc.get_metadata_dict()["Title"] == spec.title
    doc.close()


def test_scanned_pdf_is_image_only():
    spec = _spec("receipt", "de", "scan_pdf")
    doc = pypdfium2.PdfDocument(render(spec))
    page = doc[0]
    assert page.get_textpage().get_text_range().strip() == ""
    images = list(page.get_objects(filter=(pypdfium2.raw.FPDF_PAGEOBJ_IMAGE,)))
    assert len(images) == 1
    w, h = page.get_size()
    assert abs(w - 595) < 3 and abs(h - 842) < 3  # A4 in points at the declared 300 dpi
    doc.close()


def test_docx_has_table_and_core_properties():
    spec = _spec("purchase_order", "de", "docx")
    doc = Document(io.BytesIO(render(spec)))
    assert doc.core_properties.title == spec.title
    assert doc.core_properties.created.date() == spec.doc_date
    assert len(doc.tables) == 1 and len(doc.tables[0].rows) >= 3
    assert spec.fields["po_number"] in document_text("docx", render(spec))


def test_xlsx_numbers_are_numbers_and_total_matches():
    spec = _spec("invoice", "en", "xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(render(spec)))
    ws = wb.active
    numbers = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, float)]
    assert Decimal(spec.fields["total_amount"]) in {Decimal(f"{n:.2f}") for n in numbers}
    assert wb.properties.title == spec.title


def test_html_parses_with_tables():
    spec = _spec("bank_statement", "tr", "html")
    tree = html.fromstring(render(spec))
    assert tree.get("lang") == "tr"
    assert len(tree.findall(".//table")) >= 3
    assert spec.fields["account_holder"] in tree.text_content()


def test_generic_xml_invoice():
    spec = _spec("invoice", "de", "xml")
    root = etree.fromstring(render(spec))
    assert root.tag == "Invoice" and root.get("documentType") == "invoice"
    assert root.find("Header/Field[@name='invoice_number']").text == spec.fields["invoice_number"]


@pytest.mark.parametrize("lang", ["tr", "de"])
def test_ubl_invoice_is_consistent_ubl_21(lang):
    spec = _spec("invoice", lang, "ubl")
    root = etree.fromstring(render(spec))
    ns = {"u": UBL, "cac": CAC, "cbc": CBC}
    assert root.tag == f"{{{UBL}}}Invoice"
    assert root.findtext("cbc:UBLVersionID", namespaces=ns) == "2.1"
    assert root.findtext("cbc:ID", namespaces=ns) == spec.fields["invoice_number"]
    assert root.findtext("cbc:IssueDate", namespaces=ns) == spec.fields["invoice_date"]
    total = root.find("cac:LegalMonetaryTotal", ns)
    amount = lambda el, tag: Decimal(el.findtext(f"cbc:{tag}", namespaces=ns))  # noqa: E731
    assert amount(total, "PayableAmount") == Decimal(spec.fields["total_amount"])
    tax = amount(root.find("cac:TaxTotal", ns), "TaxAmount")
    assert amount(total, "TaxExclusiveAmount") + tax == amount(total, "TaxInclusiveAmount")
    lines = root.findall("cac:InvoiceLine", ns)
    assert sum(amount(line, "LineExtensionAmount") for line in lines) == amount(total, "LineExtensionAmount")
    supplier_id = root.find("cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification/cbc:ID", ns)
    assert supplier_id.text.replace(" ", "") == spec.fields["vendor_tax_id"]
    if lang == "tr":
        assert supplier_id.get("schemeID") == "VKN"
        assert root.findtext("cbc:CustomizationID", namespaces=ns) == "TR1.2"


def test_eml_has_alternative_bodies_and_pdf_attachment():
    spec = _spec("invoice", "tr", "eml")
    msg = email.message_from_bytes(render(spec), policy=policy.default)
    assert msg.get_content_type() == "multipart/mixed"
    assert msg["Subject"] and msg["Message-ID"] and msg["Date"]
    assert spec.data["mail"]["to"] in msg["To"]
    plain = msg.get_body(("plain",)).get_content()
    html_body = msg.get_body(("html",)).get_content()
    assert spec.fields["invoice_number"] in plain and spec.fields["invoice_number"] in html_body
    attachments = list(msg.iter_attachments())
    assert [a.get_content_type() for a in attachments] == ["application/pdf"]
    assert spec.fields["invoice_number"] in pdf_text(attachments[0].get_content())


def test_txt_is_utf8_with_aligned_table():
    spec = _spec("payroll_slip", "tr", "txt")
    text = render(spec).decode("utf-8")
    assert spec.fields["employee_name"] in text
    assert "Net Ödenen" in text


def test_png_is_a_grayscale_300dpi_a4_scan():
    spec = _spec("invoice", "en", "png")
    with Image.open(io.BytesIO(render(spec))) as im:
        assert im.mode == "L"
        assert round(im.info["dpi"][0]) == 300
        assert abs(im.size[0] - 2481) < 3 and abs(im.size[1] - 3507) < 3


def test_tiff_is_multi_page():
    spec = _spec("invoice", "de", "tiff")
    data = render(spec)
    with Image.open(io.BytesIO(data)) as im:
        assert im.n_frames >= 2
        im.seek(1)
        assert im.mode == "L"
    assert truth_for(spec).scanned


def test_poor_scan_is_low_resolution():
    spec = _spec("receipt", "tr", "png", quality="poor")
    with Image.open(io.BytesIO(render(spec))) as im:
        assert round(im.info["dpi"][0]) == 100
        assert im.size[0] < 900
