"""Embedded binary never reaches text; attachments are read under a delimiter, with limits.
Fixtures are made here: PDFs by reportlab, mails by the email package, UBL/CII by hand."""
from __future__ import annotations

import base64
import dataclasses
import io
import random
from email.message import EmailMessage

import pytest

from flexorch_beam import codes
from flexorch_beam.extract import attachments
from flexorch_beam.extract.attachments import Carried, read_attachments
from flexorch_beam.extract.registry import extract_content
from flexorch_beam.record import Record, SCHEMA, from_row, to_row
from flexorch_beam.sniff import sniff_format


def _pdf(line: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.drawString(72, 760, line)
    page.drawString(72, 740, "Payment within 30 days to the account below.")
    page.save()
    return buffer.getvalue()


def _ubl(embedded: bytes, filler: int = 0) -> bytes:
    data = base64.b64encode(embedded).decode("ascii")
    wrapped = "\n".join(data[i : i + 76] for i in range(0, len(data), 76))
    padding = "".join(f"<cbc:Note>Note {i} about the delivery schedule</cbc:Note>" for i in range(filler))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
 <cbc:ID>INV-4711</cbc:ID>
 <cbc:IssueDate>2024-03-05</cbc:IssueDate>
 <cac:AdditionalDocumentReference><cbc:ID>render</cbc:ID><cac:Attachment>
  <cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="INV-4711.pdf">{wrapped}</cbc:EmbeddedDocumentBinaryObject>
 </cac:Attachment></cac:AdditionalDocumentReference>
 {padding}
 <cac:AccountingSupplierParty><cac:Party><cac:PartyName><cbc:Name>Acme Ltd</cbc:Name></cac:PartyName></cac:Party></cac:AccountingSupplierParty>
 <cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EUR">1234.50</cbc:PayableAmount></cac:LegalMonetaryTotal>
</Invoice>""".encode("utf-8")


def test_ubl_embedded_pdf_is_an_attachment_not_text(config):
    content = _ubl(_pdf("Rendered invoice INV-4711 total 1234.50 EUR"))
    result = extract_content(content, sniff_format(content), config)
    assert "EmbeddedDocumentBinaryObject: [attachment: INV-4711.pdf]" in result.text
    assert "PayableAmount: 1234.50 EUR" in result.text and "Name: Acme Ltd" in result.text
    assert "----- Attachment: INV-4711.pdf (pdf) -----" in result.text
    assert "Rendered invoice INV-4711" in result.text.split("----- Attachment")[1]
    assert "JVBERi0" not in result.text  # "%PDF-" in base64
    (attached,) = result.attachments
    assert (attached.name, attached.format, attached.status) == ("INV-4711.pdf", "pdf", "extracted")
    assert attached.size_bytes > 0 and attached.failure_code is None


def test_fields_survive_a_blob_that_would_have_filled_the_text_window(config):
    """The text-size cut comes after the blob is gone, so the totals after it stay."""
    noise = random.Random(3).randbytes(400_000)  # not a document: skipped, never text
    content = _ubl(noise)
    small = type(config)(**{**config.__dict__, "max_text_chars": 5_000})
    result = extract_content(content, "xml", small)
    assert "PayableAmount: 1234.50 EUR" in result.text
    assert not [w for w in result.warnings if w.code == codes.TRUNCATED]
    (attached,) = result.attachments
    assert attached.status == "skipped" and attached.failure_code == codes.ATTACHMENT_NOT_DOCUMENT
    assert [w.code for w in result.warnings] == [codes.ATTACHMENT_SKIPPED]


def test_cii_attachment_binary_object_is_named_and_read(config):
    data = base64.b64encode(b"Delivery note DN-55: 3 pallets, signed by the carrier.").decode()
    content = f"""<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
 xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100">
 <rsm:ExchangedDocument><ram:ID>TOSL108</ram:ID></rsm:ExchangedDocument>
 <ram:AdditionalReferencedDocument>
  <ram:AttachmentBinaryObject mimeCode="text/plain" filename="note.txt">{data}</ram:AttachmentBinaryObject>
 </ram:AdditionalReferencedDocument>
</rsm:CrossIndustryInvoice>""".encode()
    result = extract_content(content, "xml", config)
    assert "----- Attachment: note.txt (txt) -----\nDelivery note DN-55" in result.text
    assert data not in result.text


def _mail(*parts: tuple[bytes, str, str, str]) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "billing@example.com"
    message["To"] = "ap@example.org"
    message["Subject"] = "Invoice INV-9"
    message.set_content("Please find the invoice attached.\n")
    for data, maintype, subtype, name in parts:
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message


def test_eml_pdf_and_nested_mail_attachments_are_read(config):
    inner = _mail((b"Inner note: order PO-3 confirmed.", "text", "plain", "po.txt"))
    outer = _mail((_pdf("Invoice INV-9 total 99.00 EUR"), "application", "pdf", "INV-9.pdf"),
                  (b"ID3\x03\x00\x00\x00" + bytes(300), "audio", "mpeg", "voice.mp3"))
    outer.add_attachment(inner)  # message/rfc822
    result = extract_content(outer.as_bytes(), "eml", config)
    text = result.text
    assert text.index("Please find the invoice attached.") < text.index("----- Attachment: INV-9.pdf (pdf) -----")
    assert "Invoice INV-9 total 99.00 EUR" in text
    assert "Inner note: order PO-3 confirmed." in text  # forwarded mail, then its attachment
    statuses = {(a.name, a.status, a.failure_code) for a in result.attachments}
    assert ("INV-9.pdf", "extracted", None) in statuses
    assert ("voice.mp3", "skipped", codes.ATTACHMENT_NOT_DOCUMENT) in statuses
    assert ("po.txt", "extracted", None) in statuses  # nested: flattened into the column
    assert codes.ATTACHMENT_SKIPPED in [w.code for w in result.warnings]


def test_unreadable_attachment_is_a_warning_not_a_failure(config):
    message = _mail((b"%PDF-1.4 truncated", "application", "pdf", "broken.pdf"))
    result = extract_content(message.as_bytes(), "eml", config)
    (attached,) = result.attachments
    assert attached.status == "failed" and attached.failure_code in codes.FAILURE_CODES
    assert "Please find the invoice attached." in result.text


def test_limits_on_count_depth_and_size(config, monkeypatch):
    monkeypatch.setattr(attachments, "MAX_ATTACHMENTS", 2)
    monkeypatch.setattr(attachments, "MAX_ATTACHMENT_BYTES", 1000)
    items = [Carried(f"n{i}.txt", f"note number {i}".encode()) for i in range(3)]
    items.append(Carried("big.txt", b"word " * 400))
    read = read_attachments(items, config)
    assert [a.failure_code for a in read.attachments] == [
        None, None, codes.ATTACHMENT_TOO_MANY, codes.ATTACHMENT_TOO_LARGE]
    # depth: a mail in a mail in a mail ... only MAX_DEPTH levels are opened
    message = _mail((b"deepest text", "text", "plain", "deep.txt"))
    for _level in range(attachments.MAX_DEPTH + 1):
        outer = _mail()
        outer.add_attachment(message)
        message = outer
    monkeypatch.setattr(attachments, "MAX_ATTACHMENTS", 20)
    monkeypatch.setattr(attachments, "MAX_ATTACHMENT_BYTES", 1 << 20)
    result = extract_content(message.as_bytes(), "eml", config)
    assert codes.ATTACHMENT_TOO_DEEP in [a.failure_code for a in result.attachments]
    assert "deepest text" not in result.text


def test_attachments_column_round_trips_through_the_schema():
    from flexorch_beam.record import Attachment

    record = Record(id="job_1", document_id=None, source_uri="a.eml", file_name="a.eml",
                          attachments=(Attachment("a.pdf", "pdf", 10, "extracted"),
                                       Attachment("b.mp3", "unknown", 5, "skipped",
                                                  codes.ATTACHMENT_NOT_DOCUMENT)))
    row = to_row(record)
    assert row["attachments"][1]["failure_code"] == codes.ATTACHMENT_NOT_DOCUMENT
    assert "attachments" in SCHEMA.names
    assert from_row(row).attachments == record.attachments
    assert from_row({**row, "attachments": None}).attachments == ()  # rows written before


@pytest.mark.parametrize("wrap", [lambda b: b, lambda b: b.replace(b"\n", b"\r\n")])
def test_text_file_with_a_data_uri_and_base64_block(config, wrap):
    blob = base64.b64encode(random.Random(5).randbytes(3000)).decode()
    block = "\n".join(blob[i : i + 76] for i in range(0, len(blob), 76))
    content = wrap(f"Meeting notes\n<img src=\"data:image/png;base64,{blob[:400]}\">\n{block}\nTotal 12.00\n".encode())
    result = extract_content(content, "txt", config)
    assert "base64," not in result.text and blob[:76] not in result.text
    assert "Meeting notes" in result.text and "Total 12.00" in result.text
    assert codes.BINARY_REMOVED in [w.code for w in result.warnings]


def test_a_file_of_nothing_but_binary_holds_no_text(config):
    from flexorch_beam.codes import ProcessingError

    blob = base64.b64encode(random.Random(9).randbytes(2000)).decode()
    content = "\n".join(blob[i : i + 76] for i in range(0, len(blob), 76)).encode()
    with pytest.raises(ProcessingError) as error:
        extract_content(content, "txt", config)
    assert error.value.code == codes.UNPROCESSABLE and "only embedded binary" in error.value.summary


def test_no_attachment_is_opened_once_half_the_time_cap_is_spent(config):
    quick = dataclasses.replace(config, doc_timeout_s=1e-9)  # spent before the first one
    read = read_attachments([Carried("a.txt", b"some words here")], quick)
    (attached,) = read.attachments
    assert attached.failure_code == codes.ATTACHMENT_TOO_SLOW and attached.status == "skipped"
    assert read_attachments([Carried("a.txt", b"some words here")], config).text.endswith("some words here")
