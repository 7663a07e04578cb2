"""Markup: HTML, XML (UBL invoices and any other XML), EPUB.

HTML goes through the standard library's event parser, not a tree: no depth limit (lxml's
libxml2 stops at 256 levels and silently drops the rest), no DTD processing, so nothing
to expand. Scripts, styles and other non-content elements are dropped; block elements
become line breaks; table rows become `` | ``-separated lines.
XML and EPUB package files are parsed with defusedxml (safexml.py).
"""
from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from typing import Optional
from urllib.parse import unquote
from xml.etree.ElementTree import Element

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.extract.result import ExtractResult
from flexorch_beam.extract.safexml import local_name, parse_xml
from flexorch_beam.extract.text import decode_text
from flexorch_beam.extract.zipguard import open_zip, read_member

_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "math", "iframe", "object"})
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hr", "html", "legend", "li", "main", "nav", "ol", "p",
        "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "title", "ul",
    }
)
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "col", "area", "base", "wbr", "source"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._line: list[str] = []
        self._skip_depth = 0  # inside <script> etc.
        self._skip_tag: Optional[str] = None
        self._cells: Optional[list[str]] = None  # the current table row
        self._title: list[str] = []
        self._in_title = False

    def _break(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self._line)).strip()
        self._line = []
        if not text:
            return
        if self._cells is not None:
            self._cells.append(text)
        else:
            self.lines.append(text)

    def handle_starttag(self, tag: str, attrs: list) -> None:  # noqa: ANN001
        if self._skip_tag is not None:
            self._skip_depth += tag == self._skip_tag
            return
        if tag == "title":
            self._in_title = True
            return
        if tag in _SKIP and tag not in _VOID:
            self._skip_tag, self._skip_depth = tag, 1
            return
        if tag == "tr":
            self._break()
            self._cells = []
        elif tag in ("td", "th"):
            self._break()
        elif tag == "br":
            self._line.append("\n") if self._cells is not None else self._break()
        elif tag in _BLOCK:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth -= 1
                if self._skip_depth <= 0:
                    self._skip_tag = None
            return
        if tag == "title":
            self._in_title = False
        elif tag in ("td", "th"):
            self._break()
        elif tag == "tr" or (tag in ("table", "tbody", "thead", "tfoot") and self._cells is not None):
            self._end_row()
        elif tag in _BLOCK:
            self._break()

    def _end_row(self) -> None:
        self._break()
        cells, self._cells = self._cells, None
        if cells:
            self.lines.append(" | ".join(cells))

    def handle_data(self, data: str) -> None:
        if self._skip_tag is not None:
            return
        if self._in_title:
            self._title.append(data)
            return
        self._line.append(data)

    def finish(self) -> str:
        self.close()
        if self._cells is not None:
            self._end_row()
        self._break()
        title = re.sub(r"\s+", " ", "".join(self._title)).strip()
        if title and (not self.lines or self.lines[0] != title):
            self.lines.insert(0, title)
        return "\n".join(self.lines)


def html_to_text(markup: str) -> str:
    collector = _TextCollector()
    collector.feed(markup)
    return collector.finish()


def decode_html(content: bytes) -> str:
    match = _META_CHARSET.search(content[:4096])
    if match and not content.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode(match.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return decode_text(content)


def extract_html(content: bytes, config: ProcessingConfig) -> ExtractResult:
    return ExtractResult(text=html_to_text(decode_html(content)), page_count=None)


# --- XML --------------------------------------------------------------------------------

_UNIT_ATTRIBUTES = ("currencyID", "unitCode")


def xml_to_text(root: Element) -> str:
    """One line per element: leaves as ``Name: value [currency]``, containers as indented
    headings, so a UBL invoice reads ``PayableAmount: 1234.56 EUR`` under its party."""
    lines: list[str] = []
    stack: list[tuple[Element, int]] = [(root, 0)]
    while stack:
        element, depth = stack.pop()
        name = local_name(element.tag)
        if not name:
            continue
        children = [child for child in element if local_name(child.tag)]
        text = (element.text or "").strip()
        indent = "  " * min(depth, 20)
        if children:
            lines.append(f"{indent}{name}" + (f": {text}" if text else ""))
            stack.extend((child, depth + 1) for child in reversed(children))
        elif text:
            units = [element.get(a) for a in _UNIT_ATTRIBUTES if element.get(a)]
            lines.append(f"{indent}{name}: {' '.join([text] + units)}")
    return "\n".join(lines)


def extract_xml(content: bytes, config: ProcessingConfig) -> ExtractResult:
    root = parse_xml(content, "XML")
    text = xml_to_text(root)
    kind = local_name(root.tag)
    if "oasis:names:specification:ubl" in str(root.tag):
        text = f"UBL {kind}\n{text}"
    return ExtractResult(text=text, page_count=None)


# --- EPUB -------------------------------------------------------------------------------


def _opf_path(archive) -> str:  # noqa: ANN001
    container = parse_xml(read_member(archive, "META-INF/container.xml", "EPUB"), "EPUB container")
    for node in container.iter():
        if local_name(node.tag) == "rootfile" and node.get("full-path"):
            return node.get("full-path")
    raise ProcessingError(codes.CORRUPT_FILE, "EPUB container names no package file")


def extract_epub(content: bytes, config: ProcessingConfig) -> ExtractResult:
    archive = open_zip(content, "EPUB")
    with archive:
        names = set(archive.namelist())
        if "META-INF/encryption.xml" in names:
            encryption = read_member(archive, "META-INF/encryption.xml", "EPUB")
            if b"EncryptedData" in encryption:
                raise ProcessingError(codes.ENCRYPTED_FILE, "EPUB content is encrypted (DRM)")
        opf_path = _opf_path(archive)
        package = parse_xml(read_member(archive, opf_path, "EPUB"), "EPUB package")
        base = posixpath.dirname(opf_path)
        manifest: dict[str, str] = {}
        spine: list[str] = []
        title = ""
        for node in package.iter():
            name = local_name(node.tag)
            if name == "item" and node.get("id") and node.get("href"):
                manifest[node.get("id")] = posixpath.normpath(
                    posixpath.join(base, unquote(node.get("href")))
                )
            elif name == "itemref" and node.get("idref"):
                spine.append(node.get("idref"))
            elif name == "title" and not title:
                title = (node.text or "").strip()
        chapters = []
        for idref in spine:
            path = manifest.get(idref)
            if path and path in names:
                chapter = html_to_text(decode_html(read_member(archive, path, "EPUB")))
                if chapter.strip():
                    chapters.append(chapter)
    text = "\n\n".join(chapters)
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return ExtractResult(text=text, page_count=len(chapters) or None)
