"""A lossless text form for any file name: records hold valid UTF-8, whatever the disk holds.

POSIX file names are bytes. Python hands undecodable bytes over as lone surrogates
(``caf\\xe9.txt`` -> ``'caf\\udce9.txt'``), which no UTF-8 sink can write. ``source_uri`` and
``file_name`` therefore carry the name with

- every byte that is not valid UTF-8 written as ``%XX`` (upper-case hex), and
- every ``%`` that is followed by two hex digits written as ``%25`` (so a literal ``%E9`` in
  a name stays distinguishable from an escaped byte);

everything else, including other ``%`` signs, is kept as it is: a name that is valid UTF-8
and holds no ``%XX`` look-alike is unchanged. The original bytes come back with
``urllib.parse.unquote_to_bytes(source_uri)`` (:func:`unescape_path` gives the ``str`` that
``open()`` takes).
"""
from __future__ import annotations

import re
import urllib.parse

# A lone surrogate (an undecodable byte, or a broken escape in a JSON manifest), or a '%'
# that would read as an escape.
_NEEDS_ESCAPE = re.compile("[\ud800-\udfff]|%(?=[0-9A-Fa-f]{2})")


def _escape(match: re.Match) -> str:
    char = match.group()
    if char == "%":
        return "%25"
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for the byte code - 0xDC00
        return f"%{code - 0xDC00:02X}"
    # Any other lone surrogate cannot be a real name on a UTF-8 system; keep it visible.
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))


def escape_path(path: str) -> str:
    """The record form of a path or name (see the module docstring); linear time."""
    return _NEEDS_ESCAPE.sub(_escape, path)


def unescape_path(text: str) -> str:
    """The path as the OS takes it (undecodable bytes back as surrogates)."""
    if "%" not in text:
        return text
    return urllib.parse.unquote_to_bytes(text).decode("utf-8", "surrogateescape")
