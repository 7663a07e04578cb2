"""Hostile values through EVERY sink, each read back with its own reader.

Newlines without commas, quotes, formulas (``=cmd|...``), backticks that try to close the
Markdown fence, <script>, U+2028, control characters and an escaped non-UTF-8 file name: every
sink must give back one row per record and the values (exactly, or through its documented
escaping: spreadsheet cells restore with ``restore_cell``, XML drops the characters XML 1.0
cannot carry, Markdown inline values show line breaks as spaces).
"""
import csv
import glob
import hashlib
import io
import json
import re

import apache_beam as beam
import pandas as pd
import pyarrow.parquet as pq
import pytest
from defusedxml import ElementTree
from markdown_it import MarkdownIt
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from flexorch_beam import codes
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.sinks.registry import ALL_FORMATS
from flexorch_beam.record import SCHEMA, Record, ExtractedField, document_id, job_id, to_row
from flexorch_beam.sinks.escape import restore_cell, xml_text
from flexorch_beam.flat_rows import NESTED_COLUMNS, flat_value
from flexorch_beam.transforms.write import WriteDataset

RUN = "hostile"
TEXTS = [
    "first line\nsecond line without comma or quote\nthird",
    'say "hi", then a comma, and\r\na CRLF',
    "=cmd|' /C calc'!A0",
    "+1+2",
    "-2+3 minus first",
    "@SUM(A1:A9)",
    "\tstarts with a tab",
    "\rstarts with CR",
    "'already quoted",
    "#N/A",
    "```` four backticks\n</code><script>alert(1)</script>\n# fake heading\n`````\nafter",
    "<script>alert('x')</script> & <b>bold</b> ]]> <![CDATA[",
    "JS line\u2028separator and\u2029paragraph; NEL\u0085here",
    "controls \x01\x02\x08\x0b\x0c\x1b\x1f\x7f end",
    "| a | table | row |\n|---|---|\n[link](javascript:alert(1)) *em* _u_ \\ backslash",
]
NAMES = [
    '=HYPERLINK("http://evil.example/?x=1","click").pdf',
    "<img src=x onerror=alert(1)>.pdf",
    "caf%E9 report.txt",  # a non-UTF-8 name in its escaped form
    "line\nbreak|pipe.pdf",
    "-rm -rf.txt",
    "@evil.docx",
]
FIELD_VALUES = ["=1+1", "<b>x</b>|y", "a\nb", "`code`", "-42.00", "'q"]


def _records() -> list[Record]:
    records = []
    for i, text in enumerate(TEXTS):
        uri = f"/in/{NAMES[i % len(NAMES)]}-{i}"
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        records.append(
            Record(
                id=job_id(RUN, uri), document_id=document_id(sha), source_uri=uri,
                file_name=NAMES[i % len(NAMES)], format="txt", sha256=sha,
                status=codes.STATUS_COMPLETED, text=text, token_count=len(text.split()),
                processing_summary=f"=summary {i} <i>x</i>", language="en",
                doc_type="other", quality_score=80.0, quality_grade="B",
                fields=(ExtractedField("vendor", FIELD_VALUES[i % len(FIELD_VALUES)], 0.5, "rule"),),
                metadata=json.dumps({"original_name": NAMES[(i + 1) % len(NAMES)]}),
                run_id=RUN, created_at="2024-05-01T10:00:00.000+00:00",
            )
        )
    failed = Record(
        id=job_id(RUN, "/in/bad"), document_id=None, source_uri="/in/=bad\n.pdf",
        file_name="=bad\n.pdf", status=codes.STATUS_FAILED, failure_reason=codes.CORRUPT_FILE,
        processing_summary="@broken <script>", run_id=RUN,
        created_at="2024-05-01T10:00:00.000+00:00",
    )
    return records + [failed]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile")
    records = _records()
    config = ProcessingConfig(run_id=RUN, formats=ALL_FORMATS, split=0.5)
    with beam.Pipeline() as pipeline:
        _ = pipeline | beam.Create(records) | WriteDataset(str(out), config)
    return out, {r.id: to_row(r) for r in records}


def _files(out, pattern):
    files = sorted(glob.glob(f"{out}/{pattern}"))
    assert files, pattern
    return files


def test_jsonl_exact_and_one_record_per_line_for_every_splitter(hostile):
    out, rows = hostile
    for f in _files(out, "jsonl/*.jsonl"):
        raw = open(f, encoding="utf-8").read()
        assert "\u2028" not in raw and "\u2029" not in raw and "\u0085" not in raw
        assert len(raw.splitlines()) == len(rows)  # str.splitlines splits on U+2028 too
    lines = [json.loads(line) for f in _files(out, "jsonl/*.jsonl") for line in open(f, encoding="utf-8")]
    assert {row["id"]: row for row in lines} == rows
    frame = pd.concat([pd.read_json(f, lines=True) for f in _files(out, "jsonl/*.jsonl")])
    assert len(frame) == len(rows)


def _csv_expected(name, value):
    value = flat_value(name, value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def test_csv_is_rfc4180_and_formulas_are_neutralised(hostile):
    out, rows = hostile
    files = _files(out, "csv/*.csv")
    assert sum(len(pd.read_csv(f, keep_default_na=False)) for f in files) == len(rows)
    read = {}
    for f in files:
        with open(f, newline="", encoding="utf-8") as handle:
            for cells in csv.DictReader(handle):
                for name, cell in cells.items():
                    if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                        pytest.fail(f"live formula in {name}: {cell[:20]!r}")
                read[restore_cell(cells["id"])] = cells
    assert set(read) == set(rows)
    for job, row in rows.items():
        for name in SCHEMA.names:
            assert restore_cell(read[job][name]) == _csv_expected(name, row[name]), name
    # every field with a quote, comma, CR or LF is quoted: the raw file parses line-agnostic
    text = open(files[0], newline="", encoding="utf-8").read()
    assert len(list(csv.reader(io.StringIO(text)))) == len(rows) + 1


def test_parquet_exact(hostile):
    out, rows = hostile
    read = [r for f in _files(out, "parquet/*.parquet") for r in pq.read_table(f).to_pylist()]
    assert len(read) == len(rows)
    assert {r["id"]: r for r in read} == rows
    assert len(pd.read_parquet(out / "parquet")) == len(rows)


def test_hf_exact(hostile):
    import datasets

    out, rows = hostile
    loaded = datasets.load_from_disk(str(out / "hf"))
    seen = {row["id"]: row for part in loaded.values() for row in part}
    assert seen == rows


def test_xlsx_cells_are_strings_never_formulas(hostile):
    out, rows = hostile
    read = {}
    for f in _files(out, "xlsx/*.xlsx"):
        sheet = load_workbook(f)["records"]
        for line in sheet.iter_rows(min_row=2):
            for cell in line:
                assert cell.data_type in ("s", "n", "b"), (cell.coordinate, cell.data_type)
                if isinstance(cell.value, str):
                    assert cell.value[:1] not in ("=", "+", "-", "@", "\t", "\r")
            values = [restore_cell(c.value) for c in line]
            read[values[0]] = dict(zip(SCHEMA.names, values))
    assert set(read) == set(rows)
    for job, row in rows.items():
        for name in SCHEMA.names:
            value = flat_value(name, row[name])
            expected = ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value
            if name in NESTED_COLUMNS and value is not None:
                expected = json.dumps(json.loads(expected), ensure_ascii=False, separators=(",", ":"))
            assert read[job][name] == expected, name


def _xml_value(element):
    return element.text if element is not None else None


def test_xml_parses_and_keeps_every_legal_character(hostile):
    out, rows = hostile
    read = {}
    for f in _files(out, "xml/*.xml"):
        for record in ElementTree.parse(f).getroot().findall("record"):
            read[record.find("id").text] = record
    assert set(read) == set(rows)
    for job, row in rows.items():
        for name in ("text", "file_name", "source_uri", "processing_summary", "metadata"):
            expected = xml_text(row[name]) if row[name] is not None else None
            assert _xml_value(read[job].find(name)) == expected, name
        for item, field in zip(read[job].find("fields") or [], row["fields"]):
            assert item.find("value").text == xml_text(field["value"])


_BREAKS = re.compile("[\r\n\u000b\u000c\u0085\u2028\u2029]+")


def _inline(token) -> str:
    return "".join(c.content for c in token.children or [] if c.type in ("text", "code_inline"))


def test_markdown_renders_no_html_and_fences_hold(hostile):
    out, rows = hostile
    parser = MarkdownIt("commonmark").enable("table")
    headings, fences, cells = [], [], []
    for f in _files(out, "markdown/*.md"):
        tokens = parser.parse(open(f, encoding="utf-8").read())
        for i, token in enumerate(tokens):
            assert token.type not in ("html_block", "html_inline")
            for child in token.children or []:
                assert child.type not in ("html_inline", "link_open", "strong_open", "image")
            if token.type == "heading_open" and token.tag == "h2":
                headings.append(_inline(tokens[i + 1]))
            if token.type == "heading_open" and token.tag == "h1":
                assert _inline(tokens[i + 1]) == "flexorch_beam dataset"  # no fake headings
            if token.type == "fence":
                fences.append(token.content)
            if token.type == "td_open":
                cells.append(_inline(tokens[i + 1]))
    def shown(value):
        return _BREAKS.sub(" ", value).strip()

    assert sorted(headings) == sorted(shown(r["file_name"]) for r in rows.values())
    norm = lambda t: t.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")  # noqa: E731
    assert sorted(f.rstrip("\n") for f in fences) == sorted(norm(r["text"]) for r in rows.values() if r["text"])
    for row in rows.values():
        assert shown(row["source_uri"]) in cells
        for field in row["fields"]:
            assert shown(field["value"]) in cells


def test_finetune_and_rejected_read_back(hostile):
    out, rows = hostile
    examples = [json.loads(line) for f in _files(out, "finetune/*.jsonl") for line in open(f, encoding="utf-8")]
    completed = {k: r for k, r in rows.items() if r["status"] == codes.STATUS_COMPLETED}
    assert {e["meta"]["id"]: e["text"] for e in examples} == {k: r["text"] for k, r in completed.items()}
    rejected = [json.loads(line) for f in _files(out, "rejected/*.jsonl") for line in open(f, encoding="utf-8")]
    assert [r["file_name"] for r in rejected] == ["=bad\n.pdf"]
