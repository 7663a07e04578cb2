"""Format sniffing from the bytes: magic numbers, zip members, OLE streams, text heuristics.

The extension is only a last hint for plain-text families (CSV vs Markdown vs TXT); a PDF
renamed to .docx is still a PDF, and a binary renamed to .txt is still unsupported.
"""
from __future__ import annotations

import io
import zipfile
import zlib
from typing import Optional

from charset_normalizer import from_bytes

from flexorch_beam import formats

# format id -> MIME type, from the one table of formats (flexorch_beam/formats.py)
MIME_TYPES = formats.MIME_TYPES

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Fields only mail carries (transport and MIME), and fields memos and forms share with mail.
_MAIL_ONLY = (b"received:", b"return-path:", b"message-id:", b"mime-version:", b"delivered-to:",
              b"x-gmail-labels:", b"x-mailer:", b"content-transfer-encoding:", b"in-reply-to:")
_MAIL_COMMON = (b"from:", b"to:", b"cc:", b"subject:", b"date:", b"reply-to:", b"sender:")


def sniff_format(content: bytes, file_name: str = "") -> str:
    """The format id of ``content`` (a :class:`flexorch_beam.formats.Format` id)."""
    if not content:
        return "empty"
    head = content[:8192]
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(content)
    if head.startswith(_OLE_MAGIC):
        return _sniff_ole(content)
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head[257:262] == b"ustar":
        return "tar"
    if head.startswith(b"\x1f\x8b"):
        return _sniff_gzip(content)
    image = _sniff_image(head)
    if image:
        return image
    return _sniff_text(head, file_name)


def mime_type(fmt: str) -> str:
    return formats.mime_type(fmt)


def _sniff_gzip(content: bytes) -> str:
    """A gzip stream is a document only when it holds a tar (a .tar.gz); one header block
    is inflated to tell, never more."""
    try:
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(content[:65536], 512)
    except zlib.error:
        return "unknown"
    return "tgz" if head[257:262] == b"ustar" else "unknown"


def _sniff_image(head: bytes) -> Optional[str]:
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "tiff"
    if head.startswith(b"BM") and len(head) > 14:
        return "bmp"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "heic"
    return None


_HEIF_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"})
# OLE stream -> format, for the legacy Office files and encrypted OOXML.
_OLE_STREAMS = (("EncryptedPackage", "ole_encrypted"), ("WordDocument", "doc"),
                ("Workbook", "xls"), ("Book", "xls"), ("PowerPoint Document", "ppt"))


def _sniff_zip(content: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as member:  # never inflate a bomb here
                    declared = member.read(100).decode("ascii", "replace").strip()
                if declared == MIME_TYPES["epub"]:
                    return "epub"
                if declared == MIME_TYPES["odt"]:
                    return "odt"
                if declared == MIME_TYPES["ods"]:
                    return "ods"
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsm" if "xl/vbaProject.bin" in names else "xlsx"
            if "ppt/presentation.xml" in names:
                return "pptx"
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return _sniff_damaged_zip(content)
    return "zip"


# Member names that tell a ZIP-based document apart, found in local headers when the
# central directory is damaged (nothing is inflated here: this runs before the sandbox).
_DAMAGED_ZIP_MARKERS = ((b"word/document.xml", "docx"), (b"xl/workbook.xml", "xlsx"),
                        (b"ppt/presentation.xml", "pptx"))


def _sniff_damaged_zip(content: bytes) -> str:
    # ODF and EPUB store an uncompressed "mimetype" member first (their specs require it)
    if content[30:38] == b"mimetype":
        declared = content[38:120].split(b"PK", 1)[0].decode("ascii", "replace").strip()
        for fmt in ("epub", "odt", "ods"):
            if declared.startswith(MIME_TYPES[fmt]):
                return fmt
    for marker, fmt in _DAMAGED_ZIP_MARKERS:
        if b"PK\x03\x04" in content and marker in content:
            return fmt
    return "zip"


def _sniff_ole(content: bytes) -> str:
    """Outlook .msg files are OLE compound files with __substg1.0_ streams."""
    if "__substg1.0_".encode("utf-16-le") in content[:1 << 20]:
        return "msg"
    try:
        import olefile  # shipped with extract-msg

        with olefile.OleFileIO(io.BytesIO(content)) as ole:
            entries = ole.listdir()
            if any(entry[0].startswith("__substg1.0_") for entry in entries):
                return "msg"
            top = {entry[0] for entry in entries if len(entry) == 1}
            for stream, fmt in _OLE_STREAMS:
                if stream in top:
                    return fmt
    except Exception:  # noqa: BLE001 - any parse error means "not a kind we can read"
        pass
    return "ole"


def _decode_head(head: bytes) -> Optional[str]:
    from flexorch_beam.encodings import bom_encoding, wide_encoding

    encoding = bom_encoding(head) or wide_encoding(head)
    if encoding:
        width = 4 if "32" in encoding else 2 if "16" in encoding else 1
        return head[: len(head) - len(head) % width].decode(encoding, errors="replace").lstrip("\ufeff")
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as error:
        # a multi-byte character cut at the 8 KiB boundary is still text
        if error.start >= len(head) - 4:
            return head[: error.start].decode("utf-8")
    if b"\x00" in head:
        return None
    best = from_bytes(head).best()
    return str(best) if best is not None else None


def _looks_binary(text: str) -> bool:
    if not text:
        return True
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return control / len(text) > 0.02


def _sniff_text(head: bytes, file_name: str) -> str:
    text = _decode_head(head)
    if text is None or _looks_binary(text):
        return "unknown"
    stripped = text.lstrip("\ufeff \t\r\n")
    lower = _skip_comments(stripped[:4096].lower())
    if lower.startswith(("<!doctype html", "<html")):
        return "html"
    if _looks_like_email(stripped):  # before the loose check: mails often carry HTML parts
        return "eml"
    if "<html" in lower[:1024] and "</" in lower:
        return "html"
    if lower.startswith(("<?xml", "<!doctype")) or (
        lower[:1] == "<" and lower[1:2].isalpha() and _has_markup(lower)
    ):
        if "<html" in lower or "<body" in lower or _root_tag(lower) in _HTML_ROOTS:
            return "html"
        return "xml"
    if stripped[:1] in "{[" and _is_json(text, head):
        return "json"
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if extension in ("csv", "tsv"):
        return "csv"
    if extension in ("md", "markdown"):
        return "md"
    return "txt"


def _skip_comments(lower: str) -> str:
    """Leading ``<!-- ... -->`` comments hide the root element of HTML and XML files."""
    while lower.startswith("<!--"):
        end = lower.find("-->")
        if end < 0:
            return lower
        lower = lower[end + 3 :].lstrip()
    return lower


# Elements an HTML fragment starts with (a saved snippet: "<div><p>..."); no XML vocabulary
# the pipeline reads (UBL, CII, EDIFACT-XML, ERP exports) uses these as its root.
_HTML_ROOTS = frozenset({"div", "p", "span", "table", "h1", "h2", "h3", "ul", "ol", "section",
                         "article", "header", "main", "head", "meta", "br", "img", "a", "b",
                         "center", "font", "form", "pre", "style", "script"})


def _root_tag(lower: str) -> str:
    """The first element's name (``<div class=x>`` -> ``div``); "" when there is none."""
    if lower.startswith("<?xml"):
        end = lower.find("?>")
        lower = _skip_comments(lower[end + 2 :].lstrip()) if end >= 0 else ""
    if lower[:1] != "<":
        return ""
    name = []
    for ch in lower[1:40]:
        if not (ch.isalnum() or ch in "-_:"):
            break
        name.append(ch)
    return "".join(name)


def _has_markup(lower: str) -> bool:
    """A root element that closes: ``</x>`` or ``/>`` somewhere, and the first tag ends in
    ``>`` before any line break (``<Note to self: ...`` is a sentence, not a tag)."""
    first_end = lower.find(">")
    first_break = lower.find("\n")
    if first_end < 0 or (0 <= first_break < first_end):
        return False
    return "</" in lower or "/>" in lower


def _is_header_line(line: str) -> bool:
    """RFC 5322 field syntax: a name of printable ASCII without space or colon, then ':'."""
    colon = line.find(":", 0, 80)
    if colon <= 0:
        return False
    return all(33 <= ord(ch) <= 126 for ch in line[:colon])


def _looks_like_email(text: str) -> bool:
    """A header block of RFC 5322 fields (any names: exports start with X-Gmail-Labels,
    Delivered-To, Received, ...), optionally after an mbox ``From `` line, naming at least
    one field every mail carries."""
    lines = text.splitlines()[:200]
    if lines and lines[0].startswith("From ") and "@" in lines[0]:
        lines = lines[1:]  # mbox separator: "From sender@host Wed Jul 16 06:24:10 2008"
    fields = strong = weak = other = 0
    address = False
    for line in lines:
        if not line.strip():
            break
        if line[0] in " \t":
            continue  # folded continuation of the previous field
        if _is_header_line(line):
            fields += 1
            name = line.lower().encode("utf-8", "ignore")
            strong += name.startswith(_MAIL_ONLY)
            weak += name.startswith(_MAIL_COMMON)
            address = address or "@" in line
        else:
            other += 1
    if fields < 2 or fields < 4 * other:
        return False
    return strong >= 1 or weak >= 3 or (weak >= 2 and address)


def _is_json(text: str, head: bytes) -> bool:
    import json

    if len(head) < 8192:
        try:
            json.loads(text)
            return True
        except ValueError:
            return False
    return True  # too long to parse here; the extractor validates it
