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
from flexorch_beam.sources import SourceFile, new_execution, describe_content
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
    execution = describe_content(new_execution(SourceFile("mem://a.xlsx", "a.xlsx"), ProcessingConfig()), content)
    assert not execution.failed  # read passes it on; extraction names the reason
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
