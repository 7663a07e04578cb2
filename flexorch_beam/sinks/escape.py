"""Escaping for what the sinks embed: spreadsheet formulas, JSON line breaks, Markdown, XML.

Document text, file names and a manifest's ``original_name`` come from whoever made the file,
so every sink treats them as hostile:

- CSV/XLSX cells (OWASP "CSV Injection"): a string cell that starts with ``=``, ``+``, ``-``,
  ``@``, tab or CR is prefixed with a single quote so spreadsheets show it as text. A cell
  that already starts with ``'`` gets one too, which makes the rule lossless:
  :func:`restore_cell` strips exactly one leading quote. Parquet, JSONL and HF keep the raw
  value.
- JSON lines: U+2028, U+2029 and U+0085 (line breaks for JavaScript and ``str.splitlines``)
  and lone surrogates are written as ``\\uXXXX`` escapes.
- Markdown: inline values (headings, table cells) are HTML-escaped and every other ASCII
  punctuation mark is backslash-escaped, line breaks become spaces; text goes into a code
  fence longer than its longest backtick run.
- XML: characters XML 1.0 cannot carry are removed, CR is written as ``&#13;``.
"""
from __future__ import annotations

import json
import re
import string
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def neutralise_cell(value: Any) -> Any:
    """A string a spreadsheet will not evaluate; non-strings unchanged."""
    if isinstance(value, str) and value and value[0] in (*FORMULA_TRIGGERS, QUOTE):
        return QUOTE + value
    return value


def restore_cell(value: Any) -> Any:
    """The original of a :func:`neutralise_cell` string (one leading quote removed)."""
    if isinstance(value, str) and value.startswith(QUOTE):
        return value[1:]
    return value


_JSON_UNSAFE = re.compile("[\u0085\u2028\u2029\ud800-\udfff]")


def json_line(value: Any) -> str:
    """Compact JSON on one line for every reader (JavaScript, ``splitlines``, UTF-8)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_MD_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_MD_TABLE = str.maketrans(
    {
        **_MD_HTML,
        **{ch: "\\" + ch for ch in string.punctuation if ch not in _MD_HTML},
    }
)
_LINE_BREAKS = re.compile("[\r\n\u000b\u000c\u0085\u2028\u2029]+")


def md_inline(value: Any) -> str:
    """A value as literal inline Markdown: no HTML, no emphasis, links or table breaks."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    return _LINE_BREAKS.sub(" ", str(value)).translate(_MD_TABLE)


_BACKTICKS = re.compile("`+")


def md_fence(text: str) -> str:
    """A backtick fence longer than any backtick run in ``text`` (so none can close it)."""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    return "`" * max(3, longest + 1)


_XML_INVALID = re.compile(
    "[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot carry (control chars, surrogates)."""
    return _XML_INVALID.sub("", value)
