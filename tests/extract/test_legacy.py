"""Legacy Office (.doc, .xls, .ppt), encrypted OOXML and HEIC. The .doc/.xls/encrypted files
are real ones vendored with their licence (tests/fixtures/README.md); the PowerPoint stream
and the HEIC image are made here."""
from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.extract.legacy import ppt_text
from flexorch_beam.extract.registry import extract_content
from flexorch_beam.sniff import sniff_format
from flexorch_beam.sources import SourceFile, new_record, describe_content
from flexorch_beam.config import ProcessingConfig

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "unstructured"


def test_word_97_doc(config):
    content = (FIXTURES / "simple.doc").read_bytes()
    assert sniff_format(content, "x.bin") == "doc"
    text = extract_content(content, "doc", config).text
    assert "These are a few of my favorite things:" in text and "DOYLESTOWN, PA 18901" in text


def test_excel_97_xls(config):
    content = (FIXTURES / "tests-example.xls").read_bytes()
    assert sniff_format(content) == "xls"
    text = extract_content(content, "xls", config).text
    assert text.startswith("Sheet: Example Test\nMC\tWhat is 2+2?\t4\tcorrect")
    assert "Sheet: Format Abbr." in text


def test_encrypted_ooxml_is_encrypted_file_from_read_to_extract(config):
    content = (FIXTURES / "password_protected.xlsx").read_bytes()
    assert sniff_format(content, "password_protected.xlsx") == "ole_encrypted"
    record = describe_content(new_record(SourceFile("mem://a.xlsx", "a.xlsx"), ProcessingConfig().input), content)
    assert not record.failed  # read passes it on; extraction names the reason
    with pytest.raises(ProcessingError) as error:
        extract_content(content, "ole_encrypted", config)
    assert error.value.code == codes.ENCRYPTED_FILE


def _record(kind: int, body: bytes, version: int = 0) -> bytes:
    return struct.pack("<HHI", version, kind, len(body)) + body


def _container(kind: int, *children: bytes) -> bytes:
    body = b"".join(children)
    return struct.pack("<HHI", 0x000F, kind, len(body)) + body


def test_powerpoint_text_atoms_in_order_without_the_master():
    stream = (
        _container(0x03E8,  # Document
                   _container(0x03F8, _record(0x0FA8, b"Click to edit the title text format")))
        + _container(0x03EE,  # Slide
                     _record(0x03EF, bytes(24)),
                     _record(0x0FA0, "Rechnung Q1 – Übersicht".encode("utf-16-le")),
                     _record(0x0FA8, b"Total: 1.250,00 EUR\rPaid"),
                     _record(0x0FA8, b"*"))
        + _container(0x03EE, _record(0x03EF, bytes(24)), _record(0x0FA8, b"Second slide"))
    )
    assert ppt_text(stream) == "Rechnung Q1 – Übersicht\nTotal: 1.250,00 EUR\nPaid\n\nSecond slide"
    for cut in (5, 17, len(stream) - 3):  # truncated streams: what is there, no error
        assert ppt_text(stream[:-cut]).startswith("Rechnung Q1") or cut == len(stream) - 3


def test_heic_photo_is_read_by_ocr(config, make_text_image):
    pillow_heif = pytest.importorskip("pillow_heif")
    image = make_text_image(["INVOICE 4711", "TOTAL 99.00 EUR"]).convert("RGB")
    buffer = io.BytesIO()
    pillow_heif.from_pillow(image).save(buffer, quality=95)
    content = buffer.getvalue()
    assert sniff_format(content) == "heic"
    text = extract_content(content, "heic", config).text
    assert "INVOICE 4711" in text and "99.00" in text


def _docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Invoice INV-2024-0042 from Acme GmbH")
    document.add_paragraph("Total due: 1,234.50 EUR")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _odt_bytes() -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    document.text.addElement(P(text="Lieferschein LS-77 an Müller AG"))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("make,fmt,expected", [
    (_docx_bytes, "docx", "Total due: 1,234.50 EUR"),
    (_odt_bytes, "odt", "Lieferschein LS-77 an Müller AG"),
])
def test_zip_document_with_a_broken_central_directory_is_salvaged(config, make, fmt, expected):
    whole = make()
    directory = whole.find(b"PK\x01\x02")  # the first central-directory entry
    for broken in (whole[:directory], whole[:directory] + b"\x00" * 40):  # cut, or garbage
        assert sniff_format(broken) == fmt
        assert expected in extract_content(broken, fmt, config).text


def test_salvage_is_capped_and_refuses_nothing_readable(monkeypatch):
    import zipfile

    from flexorch_beam.extract import zipguard

    assert zipguard.salvage(b"PK\x03\x04" + bytes(26)) is None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(3):
            archive.writestr(f"m{i}.xml", b"x" * 1_000_000)
    whole = buffer.getvalue()
    broken = whole[: whole.find(b"PK\x01\x02")]
    monkeypatch.setattr(zipguard, "MAX_SALVAGED", 2_500_000)
    with zipfile.ZipFile(io.BytesIO(zipguard.salvage(broken))) as rebuilt:
        assert rebuilt.namelist() == ["m0.xml", "m1.xml"]  # the third would pass the cap
