"""Paragraphs for ``ner.prose_spans``: the two-search splitter gives the spans of the
per-character pattern it replaced, on the edges of what a blank line is."""
from __future__ import annotations

import re

import pytest

from flexorch_beam.pii import ner

# the definition the splitter must keep: from a non-space character over every character but
# a line break, and over a line break unless a blank line (spaces and tabs only) follows it
REFERENCE = re.compile(r"\S(?:.|\n(?![ \t]*\n))*")


@pytest.mark.parametrize("text", [
    "", " \n\t ", "one", "  lead and trail  ", "a\nb", "a\n\nb", "a\n \t \nb", "a  \n\n  b  ",
    "a\r\n\r\nb",  # "\r" is no space or tab: no blank line, one paragraph
    "a\n\x0c\nb", "a\n\u00a0\nb", "a\n\u2028\nb",  # other whitespace on a line: not blank
    "a\n\n\n\n\nb\n", "\n\nfirst\nsecond\n\n\tthird\n \n", "x" * 5 + "\n" + " " * 300 + "y",
])
def test_the_paragraphs_are_the_reference_patterns(text):
    assert list(ner.paragraphs(text)) == [m.span() for m in REFERENCE.finditer(text)]


def test_prose_spans_read_each_paragraphs_own_words():
    form = "\n".join(f"Field{i}: Value-{i}" for i in range(30))  # 60 words, none a function word
    prose = "She said that the parcel is with the neighbour and will come back later today."
    text = form + "\n\n" + prose + "\n \n" + form + " " * 300
    start = text.index(prose)
    assert ner.prose_spans(text) == [(start, start + len(prose))]


def test_a_text_that_is_prose_as_a_whole_keeps_every_paragraph_with_a_word():
    prose = "She said that the parcel is with the neighbour and will come back later today."
    table = "Qty Item Price\n2 Widget 4.00"  # no function word: kept only as part of prose
    text = prose + "\n\n" + table + "\n\n" + "12 34\n\n" + prose
    spans = ner.prose_spans(text)
    assert [text[a:b] for a, b in spans] == [prose, table, prose]  # "12 34": no word
    short = "Qty Item\n\n7"  # a short text counts as prose: its paragraph with a word is kept
    assert ner.prose_spans(short) == [(0, 8)]
