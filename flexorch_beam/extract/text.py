"""Plain-text families (TXT, CSV, Markdown, JSON) with charset detection."""
from __future__ import annotations

from charset_normalizer import from_bytes

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.extract.result import ExtractResult

_BOMS = (("utf-8-sig", b"\xef\xbb\xbf"), ("utf-16", b"\xff\xfe"), ("utf-16", b"\xfe\xff"))


def decode_text(content: bytes) -> str:
    """Decode bytes of unknown charset: BOMs, then strict UTF-8, then charset-normalizer."""
    for encoding, bom in _BOMS:
        if content.startswith(bom):
            return content.decode(encoding, errors="replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(content).best()
    if best is None:
        raise ProcessingError(codes.UNSUPPORTED_FILE, "bytes are not text in any known charset")
    return str(best)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def extract(content: bytes, config: ProcessingConfig) -> ExtractResult:
    text = normalise_newlines(decode_text(content))
    return ExtractResult(text=text, page_count=1)
