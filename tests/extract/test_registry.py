"""The dispatch rules every format shares: empty, unsupported, garbage, truncation."""
from __future__ import annotations

import dataclasses
import os

import pytest

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.extract import registry
from flexorch_beam.extract.registry import EXTRACTORS, extract_content
from flexorch_beam.sniff import sniff_format


def test_at_least_fifteen_formats():
    assert len(set(EXTRACTORS) - {"ole"}) >= 15


def test_zero_byte_file(config):
    with pytest.raises(ProcessingError) as error:
        extract_content(b"", "txt", config)
    assert error.value.code == codes.UNPROCESSABLE
    assert "0 bytes" in error.value.summary


def test_binary_garbage_is_unsupported(config):
    garbage = os.urandom(4096)
    fmt = sniff_format(garbage, "invoice.pdf")
    assert fmt == "unknown"
    with pytest.raises(ProcessingError) as error:
        extract_content(garbage, fmt, config)
    assert error.value.code == codes.UNSUPPORTED_FILE


def test_whitespace_only_text_is_unprocessable(config):
    with pytest.raises(ProcessingError) as error:
        extract_content(b"   \n\n\t ", "txt", config)
    assert error.value.code == codes.UNPROCESSABLE


def test_truncated_warning_at_max_text_chars(config):
    small = dataclasses.replace(config, max_text_chars=10)
    result = extract_content(b"0123456789abcdef", "txt", small)
    assert result.text == "0123456789"
    assert [(w.code, w.field) for w in result.warnings] == [(codes.TRUNCATED, "text")]
    assert "16 to 10" in result.warnings[0].message
    untouched = extract_content(b"0123456789", "txt", small)
    assert untouched.warnings == ()


def test_legacy_and_encrypted_ole_files(config):

    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    assert sniff_format(header + "WordDocument".encode("utf-16-le")) == "ole"
    with pytest.raises(ProcessingError) as error:
        extract_content(header, "ole", config)
    assert error.value.code == codes.UNSUPPORTED_FILE
    with pytest.raises(ProcessingError) as error:
        extract_content(header + "EncryptedPackage".encode("utf-16-le"), "ole", config)
    assert error.value.code == codes.ENCRYPTED_FILE


def test_a_zip_of_several_files_is_unsupported(config):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "hello")
        archive.writestr("b.txt", "world")
    fmt = sniff_format(buffer.getvalue(), "a.docx")
    assert fmt == "zip"
    with pytest.raises(ProcessingError) as error:
        extract_content(buffer.getvalue(), fmt, config)
    assert error.value.code == codes.UNSUPPORTED_FILE


def test_a_library_crash_on_a_bad_file_is_corrupt_not_internal(config, monkeypatch):
    def explode(content, cfg):  # noqa: ANN001
        raise KeyError("word/document.xml")

    monkeypatch.setitem(registry.EXTRACTORS, "docx", explode)
    with pytest.raises(ProcessingError) as error:
        extract_content(b"PK..", "docx", config)
    assert error.value.code == codes.CORRUPT_FILE
    assert "KeyError" in error.value.summary
