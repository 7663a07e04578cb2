"""The one table of input formats: ids unique, every extractor importable, and the sniffer,
the registry, archive handling and the read step's early failures all agree with it."""
from __future__ import annotations

import io
import os

import pytest

from flexorch_beam import codes, formats, sniff
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.extract.registry import EXTRACTORS
from flexorch_beam.record import Record
from flexorch_beam.sources import describe_content


def test_a_format_declared_twice_is_refused():
    twice = (formats.Format("pdf", "application/pdf"), formats.Format("pdf", "text/plain"))
    with pytest.raises(ValueError, match="declared twice"):
        formats._index(twice)
    assert len(formats.BY_ID) == len(formats.FORMATS)


def test_every_declared_extractor_imports_and_the_registry_lists_exactly_them():
    for fmt in formats.FORMATS:
        if fmt.extractor is not None:
            assert callable(fmt.load_extractor())
            assert EXTRACTORS[fmt.id] is fmt.load_extractor()
    assert set(EXTRACTORS) == {f.id for f in formats.FORMATS if f.extractor is not None}
    with pytest.raises(KeyError):
        EXTRACTORS["nonsense"]


def test_mime_types_come_from_the_table():
    assert sniff.MIME_TYPES is formats.MIME_TYPES
    assert sniff.mime_type("pdf") == "application/pdf"
    assert sniff.mime_type("nonsense") == "application/octet-stream"
    assert formats.CONTAINERS == {f.id for f in formats.FORMATS if f.container}
    assert "zip" in formats.CONTAINERS


@pytest.mark.parametrize("content, fmt", [
    (b"", "empty"), (os.urandom(2048), "unknown"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "ole"),
])
def test_early_failures_are_the_declared_ones(content, fmt):
    record = describe_content(Record(id="j", document_id=None, source_uri="x", file_name="x"),
                              content)
    declared = formats.BY_ID[fmt]
    assert record.format == fmt
    assert (record.failure_reason, record.processing_summary) == declared.early_failure
    assert fmt in formats.NOT_DOCUMENTS


def test_paginated_formats_count_pages():
    from flexorch_beam.extract.registry import extract_content

    config = ProcessingConfig()
    assert formats.BY_ID["txt"].paginated and not formats.BY_ID["html"].paginated
    assert extract_content(b"hello world", "txt", config.extract).page_count == 1
    assert extract_content(b"<html><body>hello</body></html>", "html", config.extract).page_count is None
    import docx  # python-docx writes a real DOCX

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Rechnung")
    document.save(buffer)
    assert formats.BY_ID["docx"].paginated
    assert extract_content(buffer.getvalue(), "docx", config.extract).page_count is not None


def test_every_id_the_sniffer_can_name_is_declared():
    """Each format id written in sniff.py (returned, or mapped to in its tables) is a row of
    the table: a new sniffing rule cannot name a format nothing else knows."""
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(sniff))
    named: set[str] = set()
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef) and function.name.lstrip("_").startswith("sniff"):
            for node in ast.walk(function):
                if isinstance(node, ast.Return) and node.value is not None:
                    values = ([node.value.body, node.value.orelse]
                              if isinstance(node.value, ast.IfExp) else [node.value])
                    named |= {v.value for v in values
                              if isinstance(v, ast.Constant) and isinstance(v.value, str)}
    for statement in tree.body:  # module tables: ((b"word/document.xml", "docx"), ...)
        if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Tuple):
            for row in statement.value.elts:
                if isinstance(row, ast.Tuple) and len(row.elts) == 2 and isinstance(
                        row.elts[1], ast.Constant) and isinstance(row.elts[1].value, str):
                    named.add(row.elts[1].value)
    assert {"pdf", "zip", "tar", "tgz", "docx", "ole_encrypted"} <= named
    assert named - set(formats.BY_ID) == set()
