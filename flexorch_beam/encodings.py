"""Unicode encodings told from the bytes alone: a BOM, or UTF-16/UTF-32 without one.

Why here, below sniff.py and extract/: sniffing reads the head of a text file in its own
encoding before any extractor runs, and the text, web and mail extractors decode with the
same rules; both read this one module.
"""
from __future__ import annotations

from typing import Optional

BOMS = (
    ("utf-32", b"\xff\xfe\x00\x00"),
    ("utf-32", b"\x00\x00\xfe\xff"),
    ("utf-8-sig", b"\xef\xbb\xbf"),
    ("utf-16", b"\xff\xfe"),
    ("utf-16", b"\xfe\xff"),
)
_SAMPLE = 4096


def bom_encoding(content: bytes) -> Optional[str]:
    for encoding, bom in BOMS:
        if content.startswith(bom):
            return encoding
    return None


_WIDE = (  # encoding, unit width, where an ASCII character's zero bytes and its byte sit
    ("utf-32-le", 4, (1, 2, 3), 0),
    ("utf-32-be", 4, (0, 1, 2), 3),
    ("utf-16-le", 2, (1,), 0),
    ("utf-16-be", 2, (0,), 1),
)


def wide_encoding(content: bytes) -> Optional[str]:
    """UTF-16/UTF-32 without a BOM: ASCII characters put their zero bytes at fixed offsets."""
    sample = content[:_SAMPLE]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    for encoding, width, zeros, byte in _WIDE:
        units = len(sample) // width
        hits = sum(
            1 for start in range(0, units * width, width)
            if sample[start + byte] != 0 and all(sample[start + k] == 0 for k in zeros)
        )
        if hits >= 0.6 * units:
            try:
                content[: len(content) - len(content) % width].decode(encoding)
            except UnicodeDecodeError:
                continue
            return encoding
    return None
