"""Escaping rules of sinks/escape.py: lossless formula neutralising, JSON line breaks,
Markdown fences and inline values, XML characters."""
import json

import pytest

from flexorch_beam.sinks.escape import (
    json_line,
    md_fence,
    md_inline,
    neutralise_cell,
    restore_cell,
    xml_text,
)


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'x", "''=", "plain", "", "a=b", "é=", "#N/A"],
)
def test_neutralise_is_owasp_and_lossless(value):
    cell = neutralise_cell(value)
    assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert restore_cell(cell) == value
    assert (cell == value) == (value[:1] not in ("=", "+", "-", "@", "\t", "\r", "'"))


def test_non_strings_pass_through():
    assert neutralise_cell(-1.5) == -1.5 and neutralise_cell(None) is None
    assert neutralise_cell(True) is True


def test_json_line_escapes_line_separators_and_stays_exact():
    value = {"t": "a\u2028b\u2029c\u0085d\ne", "s": "lone \udce9 surrogate"}
    line = json_line(value)
    assert "\u2028" not in line and "\u2029" not in line and "\u0085" not in line
    assert len(line.splitlines()) == 1
    line.encode("utf-8")  # lone surrogates are escaped, so the line is valid UTF-8
    assert json.loads(line) == value


@pytest.mark.parametrize(
    "text,fence", [("no ticks", "```"), ("`a` ``b``", "```"), ("```", "````"), ("x ````` y", "``````")]
)
def test_fence_is_longer_than_any_backtick_run(text, fence):
    assert md_fence(text) == fence


def test_md_inline_escapes_html_and_markdown():
    shown = md_inline('<script>a|b</script> *x* [l](u) & "q"\nnext')
    assert "<" not in shown and ">" not in shown and "\n" not in shown
    assert "\\|" in shown and "\\*" in shown and "\\[" in shown and "&amp;" in shown


def test_xml_text_drops_what_xml_cannot_hold():
    assert xml_text("a\x00b\x01c\x0bd\tE\nF\rG\udce9H\ufffe") == "abcd\tE\nF\rGH"
