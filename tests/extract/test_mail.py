"""EML built with the email package; MSG from real Outlook files (vendored in tests/fixtures)."""
from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.extract.registry import extract_content
from flexorch_beam.sniff import sniff_format

# Real Outlook files vendored with their licence (tests/fixtures/README.md)
MSG_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "msg"


def _eml() -> bytes:
    message = EmailMessage()
    message["From"] = "Billing <billing@example.com>"
    message["To"] = "Ayşe <ayse@example.com.tr>"
    message["Subject"] = "Fatura INV-77 – ödeme hatırlatması"
    message["Date"] = "Tue, 05 Mar 2024 10:00:00 +0100"
    message.set_content("Dear customer,\nyour invoice INV-77 is due.\n")
    message.add_alternative("<html><body><p>Dear customer (html)</p></body></html>", subtype="html")
    message.add_attachment(b"%PDF-1.4 fake", maintype="application", subtype="pdf", filename="INV-77.pdf")
    return message.as_bytes()


def test_eml_headers_plain_body_and_attachment_names(config):
    content = _eml()
    assert sniff_format(content) == "eml"
    text = extract_content(content, "eml", config).text
    assert "From: Billing <billing@example.com>" in text
    assert "Subject: Fatura INV-77 – ödeme hatırlatması" in text
    assert "your invoice INV-77 is due." in text
    assert "(html)" not in text  # text/plain wins over its HTML alternative
    assert text.endswith("Attachments: INV-77.pdf")


def test_html_only_eml_is_converted(config):
    message = EmailMessage()
    message["From"] = "a@example.com"
    message["Subject"] = "html"
    message.set_content("<html><body><p>Only <b>HTML</b> here</p><script>x()</script></body></html>", subtype="html")
    text = extract_content(message.as_bytes(), "eml", config).text
    assert "Only HTML here" in text and "x()" not in text


def test_eml_with_broken_encodings_still_completes(config):
    content = (
        b"From: =?utf-8?B?not-base64!!?= <x@example.com>\r\n"
        b"To: someone@example.com\r\n"
        b"Subject: =?x-unknown-charset?Q?Caf=E9?= ok\r\n"
        b"Content-Type: text/plain; charset=no-such-charset\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n"
        b"\r\n"
        b"Invoice caf=E9 total =ZZ 12.00\r\n"
        b"\xff\xfe raw bytes\r\n"
    )
    assert sniff_format(content) == "eml"
    result = extract_content(content, "eml", config)
    assert "Invoice caf" in result.text and "12.00" in result.text
    assert "To: someone@example.com" in result.text


@pytest.mark.parametrize("name", sorted(p.name for p in MSG_DIR.glob("*.msg")))
def test_every_corpus_msg_gives_text_or_a_code(config, name):
    content = (MSG_DIR / name).read_bytes()
    assert sniff_format(content) == "msg"
    try:
        result = extract_content(content, "msg", config)
    except ProcessingError as error:
        assert error.code in (codes.UNPROCESSABLE, codes.CORRUPT_FILE)
        return
    assert result.text.strip()


def test_msg_attachments_listed_and_read_in_order(config):
    result = extract_content((MSG_DIR / "attachmentsOrder.msg").read_bytes(), "msg", config)
    text = result.text
    assert "Subject: Attachments order" in text
    assert "Attachments: A.docx, B.docx, C.docx, D.docx\n\n----- Attachment: A.docx (docx) -----" in text
    positions = [text.index(f"----- Attachment: {n}.docx (docx) -----\n{n}") for n in "ABCD"]
    assert positions == sorted(positions)
    assert [(a.name, a.format, a.status) for a in result.attachments] == [
        (f"{n}.docx", "docx", "extracted") for n in "ABCD"]
