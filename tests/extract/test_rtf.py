"""RTF written by hand (no Python library writes it): text, code page escapes, tables."""
from __future__ import annotations

import pytest

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.extract.registry import extract_content
from flexorch_beam.sniff import sniff_format

RTF = (
    rb"{\rtf1\ansi\ansicpg1254\deff0{\fonttbl{\f0 Arial;}}"
    rb"{\*\generator Hand 1.0;}"
    rb"\pard Contract no. C-12\par "
    rb"Taraf: \'d6zt\'fcrk A.\'de. \u351?irketi\par "
    rb"\trowd\cellx2000\cellx4000 Term\cell Months\cell\row "
    rb"\trowd\cellx2000\cellx4000 Notice\cell 3\cell\row "
    rb"\pard Signed.\par}"
)


def test_rtf_text_codepage_and_table(config):
    assert sniff_format(RTF) == "rtf"
    text = extract_content(RTF, "rtf", config).text
    lines = text.splitlines()
    assert lines[0] == "Contract no. C-12"
    assert lines[1] == "Taraf: Öztürk A.Ş. şirketi"
    assert "Term | Months" in lines and "Notice | 3" in lines
    assert "Arial" not in text and "Hand 1.0" not in text


def test_rtf_without_header_is_corrupt(config):
    with pytest.raises(ProcessingError) as error:
        extract_content(b"not rtf at all", "rtf", config)
    assert error.value.code == codes.CORRUPT_FILE
