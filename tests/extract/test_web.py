"""HTML, XML (UBL and generic ERP exports), EPUB; entity expansion and XXE refused; deep nesting survives."""
from __future__ import annotations

import time

import pytest

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.extract.registry import extract_content
from flexorch_beam.sniff import sniff_format

HTML = b"""<!DOCTYPE html><html><head><title>Receipt 991</title>
<style>body { color: red }</style><script>var secret = "tracking-code";</script></head>
<body><h1>Corner Shop</h1><p>Thank you for your purchase.<br>Come again!</p>
<table><tr><th>Item</th><th>Price</th></tr><tr><td>Tea</td><td>3.20</td></tr></table>
<ul><li>Paid by card</li><li>Total &euro; 3.20</li></ul></body></html>"""


def test_html_drops_scripts_and_keeps_block_and_table_structure(config):
    assert sniff_format(HTML) == "html"
    text = extract_content(HTML, "html", config).text
    assert "tracking-code" not in text and "color: red" not in text
    assert text.splitlines()[:4] == ["Receipt 991", "Corner Shop", "Thank you for your purchase.", "Come again!"]
    assert "Item | Price\nTea | 3.20" in text
    assert "Paid by card\nTotal € 3.20" in text


def test_html_charset_from_meta(config):
    content = '<html><head><meta charset="windows-1254"></head><body><p>Şirket Ödemesi</p></body></html>'
    text = extract_content(content.encode("cp1254"), "html", config).text
    assert "Şirket Ödemesi" in text


def test_deeply_nested_html_keeps_all_text(config):
    depth = 50_000
    content = b"<html><body>" + b"<div>" * depth + b"deep text" + b"</div>" * depth + b"<p>after</p></body></html>"
    text = extract_content(content, "html", config).text
    assert text.split() == ["deep", "text", "after"]


UBL = b"""<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
 <cbc:ID>INV-2024-0001</cbc:ID><cbc:IssueDate>2024-03-05</cbc:IssueDate>
 <cac:AccountingSupplierParty><cac:Party><cac:PartyName><cbc:Name>Acme BV</cbc:Name></cac:PartyName></cac:Party></cac:AccountingSupplierParty>
 <cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EUR">1234.56</cbc:PayableAmount></cac:LegalMonetaryTotal>
</Invoice>"""


def test_ubl_invoice_reads_as_labelled_lines(config):
    assert sniff_format(UBL) == "xml"
    text = extract_content(UBL, "xml", config).text
    lines = text.splitlines()
    assert lines[0] == "UBL Invoice"
    assert "  ID: INV-2024-0001" in lines and "  IssueDate: 2024-03-05" in lines
    assert "        Name: Acme BV" in lines
    assert "    PayableAmount: 1234.56 EUR" in lines


ERP_EXPORT = """<?xml version="1.0" encoding="UTF-8"?>
<Export xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xml:lang="en" kind="invoice">
  <Heading>Invoice</Heading>
  <Party role="seller">
    <Row>Acme Tools Ltd</Row>
    <Row>1 High Street, Leeds</Row>
  </Party>
  <Party role="buyer" displayCaption="Bill to">
    <Row>Baker &amp; Sons</Row>
  </Party>
  <Data>
    <Entry key="invoice_no" fieldLabel="Invoice No.">INV-77</Entry>
    <Entry key="due_date">2024-05-01</Entry>
  </Data>
  <Items>
    <Item><Cell column="Description">Hammer</Cell><Cell column="Qty">2</Cell><Cell column="Amount">20.00</Cell></Item>
    <Item><Cell column="Description">Saw</Cell><Cell column="Qty"/><Cell column="Amount">15.00</Cell></Item>
  </Items>
  <Summary>
    <Money label="Total" currencyID="GBP">35.00</Money>
  </Summary>
  <Note>Pay to <b>account</b> 1234 within 30 days.</Note>
</Export>"""


def test_generic_xml_reads_like_the_document_with_attribute_labels(config):
    text = extract_content(ERP_EXPORT.encode(), "xml", config).text
    assert text.splitlines() == [
        "Export",
        "Invoice",                      # a heading element: its text alone
        "Seller",                       # container heading from role
        "Acme Tools Ltd",               # repeated plain values: their text
        "1 High Street, Leeds",
        "Bill to",                      # a caption-like attribute beats the role
        "Baker & Sons",
        "Data",
        "Invoice No.: INV-77",          # label attribute beats the identifier-like key
        "Due date: 2024-05-01",         # an identifier key made readable
        "Items",
        "Description | Qty | Amount",   # item lines as a table under their column labels
        "Hammer | 2 | 20.00",
        "Saw |  | 15.00",               # an empty cell keeps the columns aligned
        "Summary",
        "Total: 35.00 GBP",
        "Note: Pay to account 1234 within 30 days.",  # mixed content: one run of text
    ]


def test_generic_xml_without_attributes_uses_readable_element_names(config):
    xml = (b"<PurchaseOrder><OrderNumber>PO-9</OrderNumber><Supplier><Name>Acme GmbH</Name>"
           b"<VATNumber>DE136695976</VATNumber></Supplier><Lines><Line><Sku>A1</Sku><Qty>3</Qty></Line>"
           b"<Line><Sku>B2</Sku><Qty>1</Qty></Line></Lines><Remark>first <i>second</i></Remark>"
           b"<Remark>third</Remark><Body><Section><Para>intro</Para><Text>more</Text></Section> tail text</Body>"
           b"</PurchaseOrder>")
    assert extract_content(xml, "xml", config).text.splitlines() == [
        "Purchase order", "Order number: PO-9", "Supplier", "Name: Acme GmbH", "VAT number: DE136695976",
        "Lines", "Sku | Qty", "A1 | 3", "B2 | 1", "first second", "third",
        "Body", "Section", "intro", "more",  # plainly named elements: their text alone
        "tail text",                          # text between elements is kept in reading order
    ]


def test_ubl_keeps_element_path_lines_even_with_name_attributes(config):
    ubl = UBL.replace(b"<cbc:IssueDate>", b'<cbc:PaymentMeansCode name="Credit transfer">30</cbc:PaymentMeansCode>'
                      b"<cbc:IssueDate>")
    lines = extract_content(ubl, "xml", config).text.splitlines()
    assert "  PaymentMeansCode: 30" in lines and "  IssueDate: 2024-03-05" in lines


def test_deeply_nested_xml_keeps_all_text(config):
    depth = 5_000
    content = b"<r>" + b"<d>" * depth + b"<v>deep text</v>" + b"</d>" * depth + b"<after>x</after></r>"
    lines = extract_content(content, "xml", config).text.splitlines()
    assert lines[-2:] == ["V: deep text", "After: x"]


def test_billion_laughs_fails_fast_with_a_code(config):
    entities = "".join(
        f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10}">' for i in range(1, 10)
    )
    bomb = f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY l0 "lol">{entities}]><lolz>&l9;</lolz>'
    started = time.perf_counter()
    with pytest.raises(ProcessingError) as error:
        extract_content(bomb.encode(), "xml", config)
    assert error.value.code == codes.UNPROCESSABLE
    assert time.perf_counter() - started < 1.0


def test_xxe_reads_nothing(config, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<r><v>&x;</v></r>"
    ).encode()
    with pytest.raises(ProcessingError) as error:
        extract_content(xxe, "xml", config)
    assert error.value.code == codes.UNPROCESSABLE
    assert "TOP-SECRET" not in error.value.summary
    # the HTML path has no DTD processing at all: the entity stays unexpanded
    html = f'<!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]><html><body><p>a &x; b</p></body></html>'
    assert "TOP-SECRET" not in extract_content(html.encode(), "html", config).text


def test_malformed_xml_is_corrupt(config):
    with pytest.raises(ProcessingError) as error:
        extract_content(b"<?xml version='1.0'?><a><b></a>", "xml", config)
    assert error.value.code == codes.CORRUPT_FILE


def test_epub_chapters_in_spine_order(config, tmp_path):
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("id-1")
    book.set_title("Handbook")
    book.set_language("en")
    chapters = []
    for number, body in ((1, "Welcome to the company."), (2, "Expenses are paid monthly.")):
        chapter = epub.EpubHtml(title=f"Chapter {number}", file_name=f"ch{number}.xhtml", lang="en")
        chapter.content = f"<html><body><h1>Chapter {number}</h1><p>{body}</p></body></html>"
        book.add_item(chapter)
        chapters.append(chapter)
    book.toc = chapters
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = chapters
    path = tmp_path / "book.epub"
    epub.write_epub(str(path), book)
    content = path.read_bytes()
    assert sniff_format(content) == "epub"
    result = extract_content(content, "epub", config)
    assert result.text.startswith("Handbook")
    assert result.text.index("Welcome to the company.") < result.text.index("Expenses are paid monthly.")
    assert result.page_count == 2


def test_inline_elements_laid_out_apart_do_not_glue_a_label_to_a_name():
    from flexorch_beam.extract.web import html_to_text

    # a flex/grid row of spans: "KontoinhaberHiltrud" would hide the name from PII and fields
    assert html_to_text("<div><span>Kontoinhaber</span><span>Hiltrud Dobes</span></div>") \
        == "Kontoinhaber Hiltrud Dobes"
    assert html_to_text("<p>Total:<span>EUR</span> 12</p>") == "Total: EUR 12"
    # form controls always stand apart
    assert html_to_text("<label>Name</label><input value=x><b>hiltrud</b>") == "Name hiltrud"
    # inline markup inside one word stays one word
    assert html_to_text("<p><b>Bold</b>er, 9<sup>th</sup> Street</p>") == "Bolder, 9th Street"
