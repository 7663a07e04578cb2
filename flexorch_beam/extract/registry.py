"""Format id -> extractor, and the one function the Extract step calls."""
from __future__ import annotations

from typing import Callable

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.extract import archive, image, legacy, mail, office, pdf, rtf, text, web
from flexorch_beam.extract.result import ExtractResult
from flexorch_beam.record import RecordWarning
from flexorch_beam.usable_text import BINARY_MARKER, strip_blobs

Extractor = Callable[[bytes, ProcessingConfig], ExtractResult]

_OLE_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def extract_ole(content: bytes, config: ProcessingConfig) -> ExtractResult:
    """OLE files that are not Outlook messages: encrypted OOXML, or legacy .doc/.xls/.ppt."""
    if _OLE_ENCRYPTED in content[: 1 << 20]:
        raise ProcessingError(codes.ENCRYPTED_FILE, "Office document is password-protected")
    raise ProcessingError(
        codes.UNSUPPORTED_FILE, "legacy binary Office format (OLE) is not supported for extraction"
    )


EXTRACTORS: dict[str, Extractor] = {
    "pdf": pdf.extract,
    "docx": office.extract_docx,
    "xlsx": office.extract_xlsx,
    "xlsm": office.extract_xlsx,
    "pptx": office.extract_pptx,
    "odt": office.extract_odf,
    "ods": office.extract_odf,
    "rtf": rtf.extract,
    "html": web.extract_html,
    "xml": web.extract_xml,
    "epub": web.extract_epub,
    "eml": mail.extract_eml,
    "msg": mail.extract_msg_file,
    "jpeg": image.extract,
    "png": image.extract,
    "tiff": image.extract,
    "bmp": image.extract,
    "webp": image.extract,
    "gif": image.extract,
    "txt": text.extract,
    "csv": text.extract,
    "md": text.extract,
    "json": text.extract,
    "ole": extract_ole,
    "ole_encrypted": legacy.extract_encrypted,
    "doc": legacy.extract_doc,
    "xls": legacy.extract_xls,
    "ppt": legacy.extract_ppt,
    "heic": legacy.extract_heic,
    "zip": archive.extract,
}


def run_extractor(extractor: Extractor, content: bytes, fmt: str, config: ProcessingConfig) -> ExtractResult:
    """Call an extractor; a library blowing up on a malformed file is that file's fault."""
    try:
        return extractor(content, config)
    except ProcessingError:
        raise
    except MemoryError:
        raise ProcessingError(
            codes.UNPROCESSABLE, f"{fmt} file needs more memory than the per-document cap"
        ) from None
    except RecursionError:
        raise ProcessingError(codes.UNPROCESSABLE, f"{fmt} file is nested too deeply") from None
    except Exception as error:  # noqa: BLE001 - parsers raise anything on hostile input
        raise ProcessingError(
            codes.CORRUPT_FILE, f"{fmt} parser failed on this file ({type(error).__name__})"
        ) from None


def drop_binary(result: ExtractResult) -> ExtractResult:
    """Embedded binary (base64, hex, ``data:`` URIs) never reaches ``text``; removed before
    the size cut, so a blob cannot push the document's own text out of the kept window."""
    stripped = strip_blobs(result.text)
    if not stripped.blobs:
        return result
    warning = RecordWarning(
        codes.BINARY_REMOVED,
        "text",
        f"{stripped.blobs} embedded binary run(s), {stripped.removed_chars} characters, "
        "left out of the text",
    )
    if not stripped.text.replace(BINARY_MARKER, "").strip():
        raise ProcessingError(
            codes.UNPROCESSABLE,
            f"file holds only embedded binary ({stripped.removed_chars} characters), no text",
        )
    return result.with_text(stripped.text, warning)


def extract_content(content: bytes, fmt: str, config: ProcessingConfig) -> ExtractResult:
    """Extract text, then enforce the text-size limit with a TRUNCATED warning."""
    if not content:
        raise ProcessingError(codes.UNPROCESSABLE, "file is empty (0 bytes)")
    extractor = EXTRACTORS.get(fmt)
    if fmt == "unknown":
        raise ProcessingError(
            codes.UNSUPPORTED_FILE, "content matches no supported document format (binary data)"
        )
    if extractor is None:
        raise ProcessingError(
            codes.UNSUPPORTED_FILE, f"format '{fmt}' is not supported for extraction"
        )
    result = run_extractor(extractor, content, fmt, config)
    result = drop_binary(result)
    if not result.text.strip():
        raise ProcessingError(codes.UNPROCESSABLE, f"{fmt} file holds no extractable text")
    if len(result.text) > config.max_text_chars:
        warning = RecordWarning(
            codes.TRUNCATED,
            "text",
            f"text cut from {len(result.text)} to {config.max_text_chars} characters",
        )
        result = result.with_text(result.text[: config.max_text_chars], warning)
    return result
