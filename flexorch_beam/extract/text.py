"""Plain-text families (TXT, CSV, Markdown, JSON) with charset detection.

Charsets, in order: a BOM (UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE
one); UTF-16/UTF-32 without a BOM, told by where the zero bytes of ASCII characters fall;
strict UTF-8; then charset-normalizer for legacy 8-bit and CJK code pages. Turkish
(cp1254 / ISO-8859-9) and Western (cp1252) share most bytes; where the detector's Western
reading shows the Icelandic letters ý, þ, ð (the bytes of Turkish ı, ş, ğ) in a text with no
other Icelandic sign, the Turkish reading is taken.
"""
from __future__ import annotations

import base64
import binascii
from typing import Optional

from charset_normalizer import from_bytes

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ExtractOptions
from flexorch_beam.encodings import bom_encoding, wide_encoding
from flexorch_beam.extract.result import ExtractResult
from flexorch_beam.usable_text import LIMIT, is_base64_token, measure

_WESTERN = frozenset({"cp1252", "windows-1252", "latin_1", "iso8859_1", "iso8859_15", "cp1250",
                      "windows-1250", "iso8859_2", "mac_roman", "cp850"})
_TURKISH_IN_WESTERN = frozenset("ýÝþÞðÐ")  # cp1252's reading of ı İ ş Ş ğ Ğ


def detect_encoding(content: bytes) -> Optional[str]:
    """The encoding of ``content`` when the bytes alone say it (BOM, wide, UTF-8)."""
    encoding = bom_encoding(content) or wide_encoding(content)
    if encoding:
        return encoding
    try:
        content.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return None


def _legacy(content: bytes) -> Optional[str]:
    best = from_bytes(content).best()
    if best is None:
        return None
    text = str(best)
    if best.encoding in _WESTERN and any(ch in _TURKISH_IN_WESTERN for ch in text) \
            and "æ" not in text:
        try:
            return content.decode("cp1254")
        except UnicodeDecodeError:
            pass
    return text


def decode_text(content: bytes) -> str:
    """Decode bytes of unknown charset (see the module docstring)."""
    encoding = bom_encoding(content) or wide_encoding(content)
    if encoding:
        return content.decode(encoding, errors="replace").lstrip("\ufeff")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = _legacy(content)
    if text is None:
        raise ProcessingError(codes.UNSUPPORTED_FILE, "bytes are not text in any known charset")
    return text


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _encoded_text(text: str) -> Optional[str]:
    """A file that is nothing but base64 of text (a mail body saved undecoded): that text."""
    compact = "".join(text.split())
    if not is_base64_token(compact, 16) or len(compact) % 4:
        return None
    try:
        decoded = base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        return None
    if detect_encoding(decoded) is None and len(decoded) < 256:
        return None  # too short for a legacy charset to be told apart (Hebrew vs Cyrillic)
    try:
        inner = decode_text(decoded)
    except ProcessingError:
        return None
    control = sum(1 for ch in inner if ord(ch) < 32 and ch not in "\t\n\r\f")
    if not inner.strip() or control > 0.01 * len(inner) or measure(inner).ratio > LIMIT:
        return None  # encoded bytes, not encoded text
    return inner


def extract(content: bytes, config: ExtractOptions) -> ExtractResult:
    text = normalise_newlines(decode_text(content))
    if len(text) <= 1 << 20:
        text = _encoded_text(text) or text
    return ExtractResult(text=text, page_count=1)
