"""Markdown sink: one section per record (title, a facts table, fields, then the text).

For people who want to read the dataset, and for RAG loaders that split on headings. Each
shard is a standalone Markdown document. Nothing a document brings is rendered as Markdown
or HTML: headings, the summary and table cells go through escape.md_inline (HTML escaped,
punctuation backslash-escaped, line breaks as spaces) and the text sits in a code fence
longer than its longest backtick run (escape.md_fence).
"""

from __future__ import annotations

from flexorch_beam.sinks.escape import md_fence, md_inline
from flexorch_beam.sinks.lines import WriteLines

HEADER = "# flexorch_beam dataset\n"
_FACTS = (
    "id",
    "source_uri",
    "format",
    "status",
    "doc_type",
    "language",
    "page_count",
    "ocr_used",
    "quality_score",
    "quality_grade",
    "token_count",
    "pii_types",
    "is_duplicate",
    "original_job_id",
    "is_near_duplicate",
    "near_duplicate_of",
    "failure_reason",
)


def _cell(value) -> str:  # noqa: ANN001
    return md_inline(value)


def row_to_markdown(row: dict) -> str:
    lines = [f"## {_cell(row.get('file_name'))}", ""]
    if row.get("processing_summary"):
        lines += [f"_{_cell(row.get('processing_summary'))}_", ""]
    lines += ["| key | value |", "|---|---|"]
    lines += [
        f"| {key} | {_cell(row.get(key))} |" for key in _FACTS if row.get(key) not in (None, [], "")
    ]
    fields = row.get("fields") or []
    if fields:
        lines += [
            "",
            "### Fields",
            "",
            "| field | value | confidence | method |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {_cell(f['name'])} | {_cell(f['value'])} | {f['confidence']:.2f} | {_cell(f['method'])} |"
            for f in fields
        ]
    text = row.get("text")
    if text:
        fence = md_fence(text)
        lines += ["", "### Text", "", f"{fence}text", text, fence]
    lines.append("")
    return "\n".join(lines)


class WriteMarkdown(WriteLines):
    folder = "markdown"
    suffix = ".md"
    header = HEADER
    to_line = staticmethod(row_to_markdown)
