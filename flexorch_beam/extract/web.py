"""Markup: HTML, XML (UBL invoices and any other XML), EPUB.

HTML goes through the standard library's event parser, not a tree: no depth limit (lxml's
libxml2 stops at 256 levels and silently drops the rest), no DTD processing, so nothing
to expand. Scripts, styles and other non-content elements are dropped; block elements
become line breaks; table rows become `` | ``-separated lines.
XML and EPUB package files are parsed with defusedxml (safexml.py).
"""
from __future__ import annotations

import base64
import binascii
import posixpath
import re
from collections import Counter
from html.parser import HTMLParser
from typing import Optional
from urllib.parse import unquote
from xml.etree.ElementTree import Element

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ExtractOptions
from flexorch_beam.extract.result import ExtractResult
from flexorch_beam.extract.safexml import local_name, parse_xml
from flexorch_beam.extract.attachments import Carried, append, read_attachments
from flexorch_beam.encodings import bom_encoding, wide_encoding
from flexorch_beam.extract.text import decode_text, normalise_newlines
from flexorch_beam.extract.zipguard import open_zip, read_member
from flexorch_beam.usable_text import is_base64_token

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
# Form controls and images stand apart on screen: their edges are always a word break.
_APART = frozenset({"label", "input", "button", "select", "option", "textarea", "img", "output"})
# Where an inline element starts or ends (``<span>Kontoinhaber</span><span>Hiltrud``): a word
# break when a lower-case letter, digit or punctuation meets a capital there (a flex or grid
# layout puts the two apart; "KontoinhaberHiltrud" would glue a label to a name).
_EDGE = "\x00"
_GLUED_EDGE = re.compile(r"(?<=[^\W_]|[:;,.)])\x00+(?=[^\W\d_])")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)


def _edge_space(match: re.Match) -> str:
    """A space at an inline edge between a non-capital and a capital, else nothing."""
    before = match.string[match.start() - 1]
    after = match.string[match.end()]
    return " " if after.isupper() and not before.isupper() else ""


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
        text = _GLUED_EDGE.sub(_edge_space, "".join(self._line)).replace(_EDGE, "")
        text = re.sub(r"\s+", " ", text).strip()
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
        elif tag in _APART:
            self._line.append(" ")
        else:
            self._line.append(_EDGE)

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
        elif tag in _APART:
            self._line.append(" ")
        else:
            self._line.append(_EDGE)

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


def extract_html(content: bytes, config: ExtractOptions) -> ExtractResult:
    return ExtractResult(text=html_to_text(decode_html(content)), page_count=None)


# --- XML --------------------------------------------------------------------------------

_UNIT_ATTRIBUTES = ("currencyID", "unitCode")
UBL_NAMESPACE = "oasis:names:specification:ubl"

# Attributes that name what an element holds (ERP exports keep labels there:
# ``<Field label="Invoice no.">``, ``<Party role="vendor">``, ``<Value column="Qty">``), in
# order of preference: a caption written for people first, an identifier-like key last.
_LABEL_ATTRIBUTES = (
    "label", "caption", "title", "heading", "header", "prompt", "column", "columnname",
    "description", "desc", "displayname", "role", "name", "key", "field", "fieldname",
)
_LABEL_RANK = {name: rank for rank, name in enumerate(_LABEL_ATTRIBUTES)}
_LABEL_SUFFIXES = ("label", "caption", "title")  # fieldLabel, displayCaption, ...
# Elements whose text is itself a heading of the document, not a labelled value.
_HEADING_ELEMENTS = frozenset({"title", "heading", "header", "caption", "subject", "h1", "h2", "h3"})
# Structural names that say nothing about their text: "Line: Acme Ltd" would read worse
# than the line itself.
_PLAIN_ELEMENTS = frozenset({"line", "row", "text", "value", "item", "entry", "para", "p", "span",
                             "content", "addressline", "li"})
_UNLABELLED = _HEADING_ELEMENTS | _PLAIN_ELEMENTS
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[_\-.][A-Za-z0-9]+)*")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def humanize(identifier: str) -> str:
    """``invoice_number`` / ``InvoiceNumber`` / ``vendor`` -> ``Invoice number`` / ``Vendor``;
    anything that is not a bare identifier (``Rechnungsnummer``, ``Fällig am``) is kept."""
    if not _IDENTIFIER.fullmatch(identifier):
        return identifier
    words = [w for w in re.split(r"[_\-.\s]+", _CAMEL.sub(" ", identifier)) if w]
    if len(words) == 1 and not identifier.islower():
        return identifier  # already a word as written: "Rechnungsnummer", "IBAN"
    shouting = identifier.isupper()  # ACCOUNT_HOLDER: no acronyms to keep
    words = [w if w.isupper() and len(w) > 1 and not shouting else w.lower() for w in words]
    return " ".join(words)[:1].upper() + " ".join(words)[1:]


def _attribute_label(element: Element) -> Optional[str]:
    """The best label an element's attributes give it, or None."""
    best: Optional[tuple[float, str]] = None
    for key, value in element.attrib.items():
        name = local_name(key).lower().replace("_", "").replace("-", "")
        value = _squash(value)
        if not value or key.startswith("{http://www.w3.org/"):
            continue
        rank = _LABEL_RANK.get(name)
        if rank is None and name.endswith(_LABEL_SUFFIXES):
            rank = _LABEL_RANK["label"] + 0.5
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, value)
    return humanize(best[1]) if best else None


def _label(element: Element) -> str:
    return _attribute_label(element) or humanize(local_name(element.tag))


def _leaf_value(element: Element) -> str:
    """Text of a leaf, or of an element with inline children (``<p>a <b>b</b> c</p>``),
    followed by its unit (``currencyID="EUR"``)."""
    text = _squash("".join(element.itertext()))
    units = [element.get(a) for a in _UNIT_ATTRIBUTES if element.get(a)]
    return " ".join([text] + units) if text else ""


def _children(element: Element) -> list[Element]:
    return [child for child in element if local_name(child.tag)]


def _is_inline(element: Element, children: list[Element]) -> bool:
    """Mixed content of plain children (``<p>Pay <b>now</b>.</p>``) reads as one run of text."""
    mixed = (element.text or "").strip() or any((child.tail or "").strip() for child in children)
    return bool(mixed) and not any(_children(child) for child in children)


def _ubl_to_text(root: Element) -> str:
    """One line per element: leaves as ``Name: value [currency]``, containers as indented
    headings, so a UBL invoice reads ``PayableAmount: 1234.56 EUR`` under its party; the
    element names are the labels, and ``fields/ubl.py`` reads fields back by element path."""
    lines: list[str] = []
    stack: list[tuple[Element, int]] = [(root, 0)]
    while stack:
        element, depth = stack.pop()
        name = local_name(element.tag)
        if not name:
            continue
        children = _children(element)
        text = (element.text or "").strip()
        indent = "  " * min(depth, 20)
        if children:
            lines.append(f"{indent}{name}" + (f": {text}" if text else ""))
            stack.extend((child, depth + 1) for child in reversed(children))
        elif text:
            units = [element.get(a) for a in _UNIT_ATTRIBUTES if element.get(a)]
            lines.append(f"{indent}{name}: {' '.join([text] + units)}")
    return "\n".join(lines)


def _document_to_text(root: Element) -> str:
    """Any other XML, rendered the way the document would read on paper.

    A labelled value is ``Label: value`` (label from a label-like attribute, else the element
    name made readable: ``InvoiceDate`` -> ``Invoice date``); a container is a heading line
    (its caption/role/name attribute, else its element name) followed by its content; a
    repeated element holding only differently labelled values (an item line) is a table row
    ``a | b | c`` under a header of its labels, like a printed item table; repeated plain
    values (address lines, notes) and plainly named ones (``Line``, ``Text``) are just their
    text, and a title element is its text alone. Text between elements is kept in reading
    order. Iterative: nesting depth is bounded only by the parser.
    """
    lines: list[str] = []
    # (element, repeated among its siblings), or a str: text that follows an element
    stack: list[tuple[Element, bool] | str] = [(root, False)]
    table_header: Optional[tuple[str, ...]] = None
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            lines.append(item)
            table_header = None
            continue
        element, repeated = item
        children = _children(element)
        name = local_name(element.tag)
        if not children or _is_inline(element, children):
            value = _leaf_value(element)
            if not value:
                continue
            table_header = None
            label = _attribute_label(element)
            if label is None and (repeated or name.lower() in _UNLABELLED):
                lines.append(value)
            else:
                lines.append(f"{label or humanize(name)}: {value}")
            continue
        header = tuple(_label(child) for child in children)
        if (repeated and len(set(header)) == len(header) > 1
                and not any(_children(child) for child in children)):
            cells = [_leaf_value(child) for child in children]
            if any(cells):
                if header != table_header:
                    lines.append(" | ".join(header))
                    table_header = header
                lines.append(" | ".join(cells))
            continue
        table_header = None
        heading = _attribute_label(element)
        if heading is None and not repeated:
            heading = humanize(name)
        text = _squash(element.text or "")
        if heading:
            lines.append(f"{heading}: {text}" if text else heading)
        elif text:
            lines.append(text)
        tags = Counter(child.tag for child in children)
        for child in reversed(children):
            tail = _squash(child.tail or "")
            if tail:
                stack.append(tail)
            stack.append((child, tags[child.tag] > 1))
    return "\n".join(lines)


def xml_to_text(root: Element) -> str:
    """UBL keeps element-path lines (read by path); any other XML reads like a document."""
    if UBL_NAMESPACE in str(root.tag):
        return _ubl_to_text(root)
    return _document_to_text(root)


_DECLARATION = re.compile(rb"^\s*<\?xml[^>]{0,200}\?>")  # bounded: no backtracking run
_EMBEDDED_MIN = 40  # characters of base64 before an element's text counts as a document


def xml_bytes(content: bytes) -> bytes:
    """XML whose bytes are UTF-16/UTF-32 (with or without a BOM) as UTF-8 with a matching
    declaration: a declaration that disagrees with the BOM (``encoding="UTF-8"`` on UTF-16,
    or ``encoding="UTF-16"`` on UTF-8 bytes) otherwise fails the parser. UTF-8 and declared
    8-bit charsets pass unchanged."""
    encoding = bom_encoding(content) or wide_encoding(content)
    if encoding is None:
        declared = _DECLARATION.match(content[:300])
        if not declared or not re.search(rb"(?i)encoding=.{0,2}(utf-?16|utf-?32|ucs-?2)", declared.group()):
            return content
        encoding = "utf-8"  # declared wide, written narrow: the bytes are the truth
    elif encoding == "utf-8-sig":
        return content
    text = content.decode(encoding, errors="replace").lstrip("\ufeff").encode("utf-8")
    match = _DECLARATION.match(text)
    if match:
        text = b'<?xml version="1.0" encoding="UTF-8"?>' + text[match.end():]
    return text


def _carried_name(element: Element, siblings: list[Element], index: int) -> str:
    """An embedded document's name: its ``filename`` attribute (UBL, CII), else a sibling
    that names it (FatturaPA's ``NomeAttachment``), else the element's own name."""
    for key, value in element.attrib.items():
        if local_name(key).lower() in ("filename", "name") and value.strip():
            return value.strip()
    for sibling in siblings:
        label = local_name(sibling.tag).lower()
        if sibling is not element and ("name" in label or "nome" in label) and sibling.text:
            if len(sibling.text.strip()) < 200:
                return sibling.text.strip()
    return f"{local_name(element.tag) or 'embedded'}-{index}"


_BASE64_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")


def _compact(text: str) -> str:
    return "".join(text.split())


def take_embedded(root: Element) -> list[Carried]:
    """Embedded documents (base64 element text: UBL ``EmbeddedDocumentBinaryObject``, CII
    ``AttachmentBinaryObject``, FatturaPA ``Attachment``, any other) out of the tree: each
    element keeps a short ``[attachment: name]`` in place of the data, and the decoded bytes
    come back to be read as attachments. Base64 that does not decode is dropped all the same."""
    carried: list[Carried] = []
    for parent in root.iter():
        children = list(parent)
        for child in children:
            raw = child.text or ""
            if len(raw) < _EMBEDDED_MIN:
                continue
            compact = _compact(raw)
            named = local_name(child.tag).endswith("BinaryObject")
            if not is_base64_token(compact, _EMBEDDED_MIN) and not (
                named and all(ch in _BASE64_CHARS for ch in compact)
            ):
                continue
            name = _carried_name(child, children, len(carried) + 1)
            try:
                data = base64.b64decode(compact + "=" * (-len(compact) % 4))
            except (binascii.Error, ValueError):
                data = b""
            carried.append(Carried(name, data))
            child.text = f"[attachment: {name}]"
    return carried


def extract_xml(content: bytes, config: ExtractOptions) -> ExtractResult:
    try:
        root = parse_xml(xml_bytes(content), "XML")
    except ProcessingError as error:
        if error.code == codes.CORRUPT_FILE and not _DECLARATION.match(content[:300]):
            # No declaration and not well-formed: text that happens to start with "<"
            # ("<Note> call back", a log line), read as text rather than failed.
            return ExtractResult(text=normalise_newlines(decode_text(content)), page_count=1)
        raise
    carried = take_embedded(root)
    text = xml_to_text(root)
    kind = local_name(root.tag)
    if UBL_NAMESPACE in str(root.tag):
        text = f"UBL {kind}\n{text}"
    read = read_attachments(carried, config)
    return ExtractResult(
        text=append(text, read), page_count=None, attachments=read.attachments,
        warnings=read.warnings,
    )


# --- EPUB -------------------------------------------------------------------------------


def _opf_path(archive) -> str:  # noqa: ANN001
    container = parse_xml(read_member(archive, "META-INF/container.xml", "EPUB"), "EPUB container")
    for node in container.iter():
        if local_name(node.tag) == "rootfile" and node.get("full-path"):
            return node.get("full-path")
    raise ProcessingError(codes.CORRUPT_FILE, "EPUB container names no package file")


def extract_epub(content: bytes, config: ExtractOptions) -> ExtractResult:
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
