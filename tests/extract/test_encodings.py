"""Encodings (UTF-16/32 with and without BOM, XML declaration vs BOM, cp1252 vs cp1254) and
e-mail exports that start with other headers; every fixture is made here."""
from __future__ import annotations

import base64
from email.message import EmailMessage

import pytest

from flexorch_beam.extract.registry import extract_content
from flexorch_beam.sniff import sniff_format

TURKISH = "Fatura tutarı ödendi. Şişli, İstanbul. Teşekkür ederiz; ağır yük için ığdır."


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le",
                                      "utf-32-be"])
def test_wide_text_with_and_without_bom(config, encoding):
    content = f"Invoice INV-3 for Müller GmbH\n{TURKISH}\n".encode(encoding)
    assert sniff_format(content, "a.txt") == "txt"
    text = extract_content(content, "txt", config).text
    assert text.startswith("Invoice INV-3 for Müller GmbH") and TURKISH in text


@pytest.mark.parametrize("encoding", ["cp1254", "iso-8859-9"])
def test_turkish_legacy_8bit_is_not_read_as_western(config, encoding):
    content = (TURKISH + "\nToplam tutar: 1.250,00 TL, vergi dairesi Kadıköy\n") .encode(encoding)
    assert TURKISH in extract_content(content, "txt", config).text


def test_western_cp1252_stays_western(config):
    content = "Rechnung für Müller, Straße 5 – Café “Größe” 12,50 €\n".encode("cp1252")
    assert "Café “Größe” 12,50 €" in extract_content(content, "txt", config).text


@pytest.mark.parametrize("encoding,bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                          ("utf-16-le", b"")])
def test_xml_whose_declaration_disagrees_with_its_bom(config, encoding, bom):
    xml = '<?xml version="1.0" encoding="UTF-8"?><Order><Buyer>Şirket A.Ş.</Buyer></Order>'
    content = bom + xml.encode(encoding)
    assert sniff_format(content) == "xml"
    assert "Buyer: Şirket A.Ş." in extract_content(content, "xml", config).text


def test_xml_declared_utf16_but_written_utf8(config):
    content = '<?xml version="1.0" encoding="UTF-16"?><Order><Buyer>Müller AG</Buyer></Order>'.encode()
    assert "Buyer: Müller AG" in extract_content(content, "xml", config).text


def test_plain_text_starting_with_a_bracket_is_text(config):
    content = b"<Note to self: call the supplier about invoice 17\nthen pay it by Friday.\n"
    assert sniff_format(content, "note.txt") == "txt"
    broken = b"<b>Reminder</b> invoice 17 is due <soon\nand > later"
    assert "invoice 17 is due" in extract_content(broken, sniff_format(broken), config).text


def test_html_fragment_with_inline_image_is_html(config):
    image = base64.b64encode(bytes(range(256)) * 4).decode()
    content = f'<div>\n  <p>Test page</p>\n  <img src="data:image/jpeg;base64,{image}">\n</div>'.encode()
    assert sniff_format(content) == "html"
    assert extract_content(content, "html", config).text == "Test page"


def _gmail_export(prefix: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Shop <shop@example.com>"
    message["To"] = "me@example.org"
    message["Subject"] = "Your receipt"
    message.set_content("Thanks for your order — total 12,50 €.\n", cte="quoted-printable")
    message.add_alternative("<p>Thanks (html)</p>", subtype="html")
    return prefix.encode() + message.as_bytes()


@pytest.mark.parametrize("prefix", [
    "X-Gmail-Labels: Archived,Category Updates,Unread\nDelivered-To: me@example.org\n"
    "Received: by 2002:a05:6358:1234 with SMTP id x;\n        Wed, 16 Jul 2008 06:24:10 -0700 (PDT)\n",
    "From 1275267068816858875@xxx Wed Jul 16 06:24:10 +0000 2008\n",
    "Delivered-To: me@example.org\nReceived: from mx.example.com (mx.example.com [192.0.2.1])\n"
    "\tby mail.example.org; Wed, 16 Jul 2008 06:24:10 -0700\n",
])
def test_exports_starting_with_other_headers_are_mails_with_decoded_bodies(config, prefix):
    content = _gmail_export(prefix)
    assert sniff_format(content, "export.txt") == "eml"
    text = extract_content(content, "eml", config).text
    assert "total 12,50 €" in text  # quoted-printable decoded
    assert "=E2=80" not in text and "Content-Transfer-Encoding" not in text
    assert "X-Gmail-Labels" not in text and "Received:" not in text


def test_utf16_mail_is_a_mail(config):
    message = EmailMessage()
    message["From"] = "a@example.com"
    message["To"] = "b@example.com"
    message["Subject"] = "Fatura"
    message.set_content(TURKISH)
    content = message.as_string().encode("utf-16")
    assert sniff_format(content) == "eml"
    assert TURKISH in extract_content(content, "eml", config).text


def test_a_form_with_colons_is_not_a_mail():
    content = b"Invoice: 17\nDate: 2024-03-05\nTotal: 12.50 EUR\nVAT: 2.00\n\nThank you.\n"
    assert sniff_format(content, "invoice.txt") == "txt"


def test_latin1_declared_mail_with_cp1252_quotes(config):
    content = (b"From: a@example.com\r\nTo: b@example.com\r\nSubject: x\r\n"
               b"Content-Type: text/plain; charset=iso-8859-1\r\n\r\nwe\x92re \x93here\x94\r\n")
    assert "we’re “here”" in extract_content(content, "eml", config).text


def test_a_text_file_that_is_base64_of_text_is_decoded(config):
    inner = ("Dear customer, your invoice INV-77 over 1.250,00 EUR is due on 5 March. "
             "Please pay by bank transfer. ") * 4
    content = base64.encodebytes(inner.encode("utf-8"))
    assert extract_content(content, "txt", config).text == inner


@pytest.mark.parametrize("encoding", ["shift_jis", "gbk", "euc-kr"])
def test_cjk_mail_part_in_its_declared_code_page(config, encoding):
    body = {"shift_jis": "請求書の合計金額は1,000円です。", "gbk": "发票总金额为1,000元。",
            "euc-kr": "청구서 합계 금액은 1,000원입니다."}[encoding]
    content = (f"From: a@example.com\r\nTo: b@example.com\r\nSubject: x\r\n"
               f"Content-Type: text/plain; charset={encoding}\r\n"
               f"Content-Transfer-Encoding: 8bit\r\n\r\n").encode() + body.encode(encoding)
    assert body in extract_content(content, "eml", config).text
