"""Every mask mode, stable indexes and hashes, the missing-key error, field masking."""
import pytest

from flexorch_beam.pii.mask import REDACTED, Masker, MaskKeyMissing, mask_key
from flexorch_beam.pii.step import detect
from flexorch_beam.record import ExtractedField

TEXT = "IBAN TR33 0006 1005 1978 6457 8413 26, Dear John Smith, again John Smith, Mary Jones."


def masked(mode, text=TEXT, key=None):
    return Masker(mode, key).mask_text(text, detect(text))


def test_placeholder():
    assert masked("placeholder") == "IBAN [TR_IBAN], Dear [PERSON], again [PERSON], [PERSON]."


def test_indexed_same_value_same_index():
    assert masked("indexed") == "IBAN <TR_IBAN_1>, Dear <PERSON_1>, again <PERSON_1>, <PERSON_2>."


def test_redact():
    assert masked("redact") == f"IBAN {REDACTED}, Dear {REDACTED}, again {REDACTED}, {REDACTED}."


def test_hash_is_keyed_and_stable_across_documents():
    one = masked("hash", key=b"k1")
    other_doc = masked("hash", "Hello John Smith", key=b"k1")
    token = one.split("Dear ")[1].split(",")[0]
    assert token.startswith("[PERSON:") and len(token) == len("[PERSON:]") + 16
    assert token in other_doc
    assert masked("hash", key=b"k2") != one
    assert "John" not in one and "TR33" not in one


def test_hash_ignores_spacing_of_the_same_value():
    a = Masker("hash", b"k").token("TR_IBAN", "TR33 0006 1005 1978 6457 8413 26")
    b = Masker("hash", b"k").token("TR_IBAN", "TR330006100519786457841326")
    assert a == b


def test_missing_key_is_a_clear_error(monkeypatch):
    monkeypatch.delenv("FLEXORCH_TEST_KEY", raising=False)
    with pytest.raises(MaskKeyMissing, match="FLEXORCH_TEST_KEY"):
        mask_key("FLEXORCH_TEST_KEY")
    monkeypatch.setenv("FLEXORCH_TEST_KEY", "secret")
    assert mask_key("FLEXORCH_TEST_KEY") == b"secret"
    with pytest.raises(ValueError):
        Masker("hash", None)
    with pytest.raises(ValueError):
        Masker("scramble")


def test_fields_masked_like_the_text():
    text = "Kunde: John Smith\nIBAN: TR33 0006 1005 1978 6457 8413 26\nTotal 10,00"
    matches = detect(text)
    masker = Masker("indexed")
    masked_text = masker.mask_text(text, matches)
    fields = masker.mask_fields([
        ExtractedField("customer_name", "John Smith", 0.9, "rule"),
        ExtractedField("iban", "TR330006100519786457841326", 0.9, "rule"),  # normalised spacing
        ExtractedField("note", "paid by John Smith", 0.5, "rule"),
        ExtractedField("total_amount", "10.00", 0.9, "rule"),
        ExtractedField("due_date", None, 0.0, "rule"),
    ], text, matches)
    assert "<PERSON_1>" in masked_text and "<TR_IBAN_1>" in masked_text
    assert [f.value for f in fields] == ["<PERSON_1>", "<TR_IBAN_1>", "paid by <PERSON_1>", "10.00", None]


def test_short_values_do_not_swallow_unrelated_fields():
    text = "Server 10.0.0.1 handled it"
    matches = detect(text)
    fields = Masker("placeholder").mask_fields([ExtractedField("total_amount", "100001.00", 0.9, "rule")],
                                                text, matches)
    assert [m.type for m in matches] == ["IP_ADDRESS"] and fields[0].value == "100001.00"
