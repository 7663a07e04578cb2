"""Plain-text families with charset detection."""
from __future__ import annotations

import json

import pytest

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.extract.registry import extract_content
from flexorch_beam.extract.text import decode_text
from flexorch_beam.sniff import sniff_format

TURKISH = "Sayın müşterimiz, ödemeniz alınmıştır. Şirketimiz Ağustos ayında İzmir'de çalışıyor.\n" * 4


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1254"])
def test_charsets_are_detected(encoding):
    assert decode_text(TURKISH.encode(encoding)).replace("\r\n", "\n") == TURKISH


def test_csv_md_json_txt(config):
    csv = "date,amount\n2024-03-05,12.50\r\n".encode()
    assert sniff_format(csv, "ledger.csv") == "csv"
    assert extract_content(csv, "csv", config).text == "date,amount\n2024-03-05,12.50\n"
    md = b"# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    assert sniff_format(md, "readme.md") == "md"
    assert extract_content(md, "md", config).text.startswith("# Title")
    data = json.dumps({"invoice": "INV-1", "total": 9.5}).encode()
    assert sniff_format(data, "x.txt") == "json"
    assert "INV-1" in extract_content(data, "json", config).text
    assert sniff_format(b"just words\n", "notes") == "txt"


def test_binary_bytes_are_not_text():
    with pytest.raises(ProcessingError) as error:
        decode_text(bytes(range(256)) * 8)
    assert error.value.code == codes.UNSUPPORTED_FILE
