"""ZIP archives: one document inside is read as that document; anything else fails clearly."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pypdfium2
import pytest

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.extract.registry import extract_content
from flexorch_beam.sniff import sniff_format

# a real zipped PDF from pdfplumber's tests, vendored with its licence (tests/fixtures/README.md)
CORPUS_ZIP = Path(__file__).resolve().parents[1] / "fixtures" / "pdfplumber" / "issue-948.zip"


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            if name.endswith("/"):
                archive.writestr(zipfile.ZipInfo(name), b"")
            else:
                archive.writestr(name, data)
    return buffer.getvalue()


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _extract(content: bytes, config):  # noqa: ANN001, ANN202
    fmt = sniff_format(content, "upload.zip")
    assert fmt == "zip"
    return extract_content(content, fmt, config)


def test_a_zipped_document_is_read_as_that_document(config):
    inner = _docx("Rechnung Nr. 2024-17 an Muster GmbH")
    archive = _zip({"folder/": b"", "folder/rechnung.docx": inner, "__MACOSX/._rechnung.docx": b"x",
                    ".DS_Store": b"\0\0"})
    assert _extract(archive, config).text == extract_content(inner, "docx", config).text


def test_the_real_zipped_pdf_of_the_shared_corpus(config):
    result = _extract(CORPUS_ZIP.read_bytes(), config)
    with zipfile.ZipFile(CORPUS_ZIP) as archive:
        pdf = pypdfium2.PdfDocument(archive.read("dummy.pdf"))
    try:
        expected = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()
    assert result.page_count == 1
    assert result.text.split() == expected.split()


@pytest.mark.parametrize("members, code, words", [
    ({"a.txt": b"one", "b.txt": b"two"}, codes.UNSUPPORTED_FILE, "holds 2 files"),
    ({}, codes.UNPROCESSABLE, "holds no files"),
    ({"empty/": b""}, codes.UNPROCESSABLE, "holds no files"),
    ({"inner.zip": _zip({"a.txt": b"one"})}, codes.UNSUPPORTED_FILE, "inside a zip archive"),
    ({"blank.txt": b"   \n"}, codes.UNPROCESSABLE, "the txt file in the zip archive"),
    ({"data.bin": bytes(range(256)) * 8}, codes.UNSUPPORTED_FILE, "the unknown file"),
])
def test_archives_that_are_not_one_document_fail_with_a_code(config, members, code, words):
    with pytest.raises(ProcessingError) as error:
        _extract(_zip(members), config)
    assert error.value.code == code
    assert words in error.value.summary


def test_a_zip_bomb_is_refused_before_inflating(config):
    bomb = _zip({"huge.txt": b"0" * (8 * 1024 * 1024)})  # 1000:1, over the 200:1 cap
    with pytest.raises(ProcessingError) as error:
        _extract(bomb, config)
    assert error.value.code == codes.UNPROCESSABLE
    assert "zip bomb" in error.value.summary
