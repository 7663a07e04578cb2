"""usable_text: embedded binary out of text, and the share of non-language characters."""
from __future__ import annotations

import base64
import os
import random
import time

from flexorch_beam.usable_text import LIMIT, is_base64_token, measure, strip_blobs, token_reason


def _b64(size: int, seed: int = 1) -> str:
    return base64.b64encode(random.Random(seed).randbytes(size)).decode("ascii")


def test_wrapped_base64_block_is_removed_and_text_around_it_kept():
    blob = _b64(3000)
    wrapped = "\n".join(blob[i : i + 76] for i in range(0, len(blob), 76))
    text = f"Invoice INV-7 from Acme Ltd\n{wrapped}\nTotal due: 1,234.50 EUR"
    stripped = strip_blobs(text)
    assert stripped.blobs == 1 and stripped.removed_chars >= len(blob)
    assert stripped.text == "Invoice INV-7 from Acme Ltd\n[binary data removed]\nTotal due: 1,234.50 EUR"


def test_single_token_base64_hex_and_data_uri_are_removed():
    hexrun = os.urandom(64).hex()
    text = (f"logo <img src=\"data:image/png;base64,{_b64(200)}\"> here\n"
            f"hash {hexrun} end\nblob {_b64(500, 2)}")
    stripped = strip_blobs(text)
    assert stripped.blobs == 3
    assert "base64," not in stripped.text and hexrun not in stripped.text
    assert stripped.text.startswith('logo <img src="[binary data removed]')
    assert "hash [binary data removed] end" in stripped.text


def test_words_ids_and_numbers_are_not_blobs():
    text = ("Rechnungsnummer INV-2024-000123 IBAN DE89370400440532013000 "
            "Donaudampfschifffahrtsgesellschaftskapitänsmützenhalterung "
            "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0 "
            "https://example.com/a/b/c?x=1&y=2 1234567890123456789012345678901234567890")
    assert strip_blobs(text).blobs == 0
    assert measure(text).ratio == 0.0
    assert not is_base64_token("INVOICE2024ACMELIMITEDTOTALAMOUNTDUEEUROSX")  # no lower case


def test_measure_by_reason():
    assert token_reason("Zahlungsbedingungen") is None
    assert token_reason("AccountingSupplierParty") is None  # CamelCase is not noise
    assert token_reason("İstanbul'daki") is None and token_reason("東京都") is None
    assert token_reason("tHeRe") == "gibberish"
    assert token_reason("xkcdqwrtz") == "gibberish"
    assert token_reason("Ã¼berweisung") == "mojibake"
    assert token_reason("^^^^^") == "symbols"
    assert token_reason("ab\ufffdcd") == "control"
    assert token_reason(_b64(60)) == "binary"
    share = measure("Total amount due " + _b64(300))
    assert share.ratio > LIMIT and share.main_reason() == "binary"


def test_measure_and_strip_are_linear_on_pathological_runs():
    # One unbounded run of almost-base64 (a space would end it), and many short lines.
    for text in ("A" * 400_000 + "!", "ab1+" * 100_000, ("x" * 15 + "\n") * 40_000):
        started = time.perf_counter()
        strip_blobs(text)
        measure(text)
        assert time.perf_counter() - started < 5


def _record(text: str):
    from flexorch_beam.record import Record

    return Record(id="job_1", document_id=None, source_uri="a.txt", file_name="a.txt",
                     text=text, doc_type="other", page_count=1)


def test_a_record_over_the_limit_grades_c_at_best_and_says_why():
    from flexorch_beam import codes
    from flexorch_beam.config import ProcessingConfig
    from flexorch_beam.quality import score_record

    words = "The supplier confirmed delivery of the ordered goods on Monday morning. " * 6
    clean = score_record(_record(words), ProcessingConfig())
    assert clean.quality_grade == "A" and clean.quality_components.non_language_ratio == 0.0
    assert codes.LOW_TEXT_QUALITY not in [w.code for w in clean.warnings]

    noisy = score_record(_record(words + " " + " ".join(_b64(90, i) for i in range(8))),
                            ProcessingConfig())
    assert noisy.quality_components.non_language_ratio > LIMIT
    assert noisy.quality_grade in ("C", "D")
    (warning,) = [w for w in noisy.warnings if w.code == codes.LOW_TEXT_QUALITY]
    assert "binary" in warning.message and "not language" in warning.message


def test_boilerplate_text_is_flagged():
    from flexorch_beam import codes
    from flexorch_beam.config import ProcessingConfig
    from flexorch_beam.quality import boilerplate_share, score_record

    page = "ACME GmbH - Hauptstrasse 1 - 10115 Berlin\nConfidential - page footer text\n"
    text = page * 5 + "Invoice 17: total 12.50 EUR\n"
    assert boilerplate_share(text) > 0.5
    paged = _record(text)
    paged.page_count = 5
    record = score_record(paged, ProcessingConfig())
    assert any(w.code == codes.LOW_TEXT_QUALITY and "boilerplate" in w.message for w in record.warnings)
    # one page (or a mail, XML, JSON): repeated lines are structure, not page furniture
    assert not score_record(_record(text), ProcessingConfig()).warnings
