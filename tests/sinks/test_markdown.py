"""Markdown sink parsed with markdown-it: one section per kept record, tables and text intact."""
import glob

from markdown_it import MarkdownIt


def inline_text(token) -> str:
    """What a reader sees of an inline token (escapes and entities resolved)."""
    return "".join(c.content for c in token.children or [] if c.type in ("text", "code_inline"))


def test_markdown_has_a_section_per_record(dataset):
    out, _records, kept, _rejected = dataset
    files = sorted(glob.glob(f"{out}/markdown/records-*.md"))
    parser = MarkdownIt("commonmark").enable("table")
    headings, tables, fences = [], 0, []
    for path in files:
        tokens = parser.parse(open(path, encoding="utf-8").read())
        for i, token in enumerate(tokens):
            if token.type == "heading_open" and token.tag == "h2":
                headings.append(inline_text(tokens[i + 1]))
            if token.type == "table_open":
                tables += 1
            if token.type == "fence":
                fences.append(token.content)
    assert sorted(headings) == sorted(row["file_name"] for row in kept.values())
    assert tables >= 2 * len(kept)  # facts + fields for every record here
    texts = sorted(row["text"] for row in kept.values() if row["text"])
    assert sorted(f.rstrip("\n") for f in fences) == sorted(t.rstrip("\n") for t in texts)
