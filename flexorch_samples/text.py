"""Plain-text writer: what an ERP "print to text" or a mail body looks like."""
from __future__ import annotations

from .model import DocSpec, Fields, Heading, Lines, PageBreak, Paragraph, Table, Totals, label_value

WIDTH = 78


def _wrap(text: str, width: int = WIDTH) -> list[str]:
    out, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return out + ([line] if line else [])


def _table(t: Table) -> list[str]:
    cols = list(zip(t.headers, *t.rows)) if t.rows else [(h,) for h in t.headers]
    widths = [max(len(c) for c in col) for col in cols]
    def fmt(row):
        return "  ".join(c.rjust(w) if num else c.ljust(w) for c, w, num in zip(row, widths, t.numeric)).rstrip()
    sep = "-" * len(fmt(t.headers))
    return [fmt(t.headers), sep] + [fmt(r) for r in t.rows] + [sep]


def render_lines(spec: DocSpec) -> list[str]:
    """The document as text lines (also the plain part of the e-mail)."""
    out: list[str] = []
    for block in spec.blocks:
        if isinstance(block, Heading):
            out += [block.text.upper() if spec.doc_type != "receipt" else block.text.center(WIDTH // 2).rstrip(),
                    "=" * len(block.text), ""]
        elif isinstance(block, Lines):
            out += ([block.title + ":"] if block.title else []) + list(block.lines) + [""]
        elif isinstance(block, Fields):
            width = max(len(label) for _, label, _ in block.rows) + 1
            out += [f"{(label + ':').ljust(width)} {value}" for _, label, value in block.rows] + [""]
        elif isinstance(block, Table):
            out += _table(block) + [""]
        elif isinstance(block, Totals):
            rows = [label_value(label, value) for _, label, value in block.rows]
            out += [r.rjust(WIDTH) for r in rows] + [""]
        elif isinstance(block, Paragraph):
            out += _wrap(block.text) + [""]
        elif isinstance(block, PageBreak):
            out += ["\f"]
    return out


def _text(spec: DocSpec) -> str:
    return "\n".join(render_lines(spec)).rstrip() + "\n"


def text_encoding(spec: DocSpec) -> str:
    """The charset the TXT is written in: UTF-8, except German exports from an old Windows
    ERP in every other 16-slot block (cp1252, CRLF), when the text fits that charset."""
    if spec.language == "de" and spec.index // 16 % 2 == 1:
        try:
            _text(spec).encode("cp1252")
            return "cp1252"
        except UnicodeEncodeError:
            pass
    return "utf-8"


def render_txt(spec: DocSpec) -> bytes:
    """Text with aligned columns, in :func:`text_encoding`'s charset."""
    encoding = text_encoding(spec)
    text = _text(spec)
    if encoding != "utf-8":
        text = text.replace("\n", "\r\n")
    return text.encode(encoding)
