"""RTF through striprtf: control words dropped, ``\\'xx`` and ``\\u`` escapes decoded,
table cells (``\\cell``) turned into `` | ``-separated rows."""
from __future__ import annotations

import re

from striprtf.striprtf import rtf_to_text

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ExtractOptions
from flexorch_beam.extract.result import ExtractResult

_CODEPAGE = re.compile(rb"\\ansicpg(\d+)")
_CELL_ROW = re.compile(r"\|\s*$", re.MULTILINE)


def _encoding(content: bytes) -> str:
    match = _CODEPAGE.search(content[:4096])
    if match:
        name = f"cp{int(match.group(1))}"
        try:
            "".encode(name)
            return name
        except LookupError:
            pass
    return "cp1252"


def extract(content: bytes, config: ExtractOptions) -> ExtractResult:
    if not content.lstrip().startswith(b"{\\rtf"):
        raise ProcessingError(codes.CORRUPT_FILE, "RTF header is missing")
    encoding = _encoding(content)
    source = content.decode("latin-1")  # RTF is 7-bit; \'xx escapes carry the code page
    try:
        text = rtf_to_text(source, encoding=encoding, errors="replace")
    except (ValueError, IndexError, RecursionError):
        raise ProcessingError(codes.CORRUPT_FILE, "RTF control structure is damaged") from None
    text = _CELL_ROW.sub("", text.replace("|", " | "))
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    return ExtractResult(text="\n".join(lines).strip("\n"), page_count=None)
