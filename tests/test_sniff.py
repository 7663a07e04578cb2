"""Format sniffing from bytes: magic numbers, ZIP members, OLE streams, text heuristics."""
from __future__ import annotations

import io
import zipfile

import pytest

from flexorch_beam.sniff import MIME_TYPES, mime_type, sniff_format


def _zip(members: dict[str, bytes], mimetype: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if mimetype:
            archive.writestr("mimetype", mimetype)
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content,expected",
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\xef\xbb\xbf  \n%PDF-1.4", "pdf"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpeg"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "png"),
        (b"II*\x00" + b"\x00" * 20, "tiff"),
        (b"MM\x00*" + b"\x00" * 20, "tiff"),
        (b"BM" + b"\x00" * 30, "bmp"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"),
        (b"GIF89a" + b"\x00" * 10, "gif"),
        (b"{\\rtf1\\ansi hello}", "rtf"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        (b"<!-- generated --><html><body>x</body></html>", "html"),
        (b"<?xml version='1.0'?><Invoice/>", "xml"),
        (b"<!-- export --><Invoice><ID>1</ID></Invoice>", "xml"),
        (b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'><body/></html>", "html"),
        (b"From: a@example.com\nTo: b@example.com\nSubject: hi\n\n<html><body>x</body></html>", "eml"),
        (b'{"a": 1}', "json"),
        (b"[1, 2, 3]", "json"),
        (b"{not json", "txt"),
        (b"plain words", "txt"),
        (b"", "empty"),
        (bytes(range(256)) * 4, "unknown"),
    ],
)
def test_magic_and_text(content, expected):
    assert sniff_format(content, "whatever.bin") == expected


def test_zip_containers_by_their_members():
    assert sniff_format(_zip({"word/document.xml": b"<w/>"})) == "docx"
    assert sniff_format(_zip({"xl/workbook.xml": b"<w/>"})) == "xlsx"
    assert sniff_format(_zip({"xl/workbook.xml": b"<w/>", "xl/vbaProject.bin": b"x"})) == "xlsm"
    assert sniff_format(_zip({"ppt/presentation.xml": b"<p/>"})) == "pptx"
    assert sniff_format(_zip({"content.xml": b"<c/>"}, "application/vnd.oasis.opendocument.text")) == "odt"
    assert sniff_format(_zip({"content.xml": b"<c/>"}, "application/vnd.oasis.opendocument.spreadsheet")) == "ods"
    assert sniff_format(_zip({"META-INF/container.xml": b"<c/>"}, "application/epub+zip")) == "epub"
    assert sniff_format(_zip({"a.txt": b"x"})) == "zip"
    assert sniff_format(b"PK\x03\x04broken") == "zip"


def test_mimetype_member_is_read_without_inflating_a_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", b"application/epub+zip" + b" " * (200 * 1024 * 1024))
    assert sniff_format(buffer.getvalue()) == "epub"


def test_extension_only_breaks_ties_between_text_families():
    assert sniff_format(b"a,b\n1,2\n", "data.csv") == "csv"
    assert sniff_format(b"# Title\n", "notes.md") == "md"
    assert sniff_format(b"a,b\n1,2\n", "data.txt") == "txt"
    assert sniff_format(b"%PDF-1.4 ...", "invoice.txt") == "pdf"  # the bytes win


def test_ole_and_msg():
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    assert sniff_format(header) == "ole"
    assert sniff_format(header + "__substg1.0_0037001F".encode("utf-16-le")) == "msg"


def test_mime_types_cover_every_format():
    assert mime_type("pdf") == "application/pdf"
    assert mime_type("nonsense") == MIME_TYPES["unknown"]


def test_cp1254_text_is_still_text():
    text = "Sayın müşterimiz, ödemeniz alınmıştır. Şirket İzmir.\n" * 10
    assert sniff_format(text.encode("cp1254"), "letter") == "txt"


def test_tar_and_gzipped_tar_are_containers():
    import tarfile

    from flexorch_beam import formats

    def tar(mode: str) -> bytes:
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode=mode) as archive:
            info = tarfile.TarInfo("a.txt")
            info.size = 5
            archive.addfile(info, io.BytesIO(b"hello"))
        return buffer.getvalue()

    assert sniff_format(tar("w"), "x.bin") == "tar"
    assert sniff_format(tar("w:gz"), "x.bin") == "tgz"
    import gzip

    assert sniff_format(gzip.compress(b"just text, not a tar"), "x.gz") == "unknown"
    assert {"zip", "tar", "tgz"} <= formats.CONTAINERS
