"""Issue 14: a name is masked whole, whatever letters it is written with (made-up values)."""
import pytest

from flexorch_beam.pii.names import LOWER, UPPER
from flexorch_beam.pii.step import detect


def found(text, type_="PERSON"):
    return [text[m.start:m.end] for m in detect(text) if m.type == type_]


def test_capital_and_small_letters_cover_latin_alphabets():
    for letter in "ŠŽČØÅÐÞŐȘŁÉİĞ":
        assert letter in UPPER and letter not in LOWER
    for letter in "šžčøåðþőșłéığß":
        assert letter in LOWER and letter not in UPPER


@pytest.mark.parametrize("text, name", [
    ("Sehr geehrter Herr Šimon Čapek, vielen Dank.", "Šimon Čapek"),
    ("Please ask Ásdís Þórsdóttir to sign the lease.", "Ásdís Þórsdóttir"),
])
def test_names_with_non_english_capitals_are_found(text, name):
    assert name in found(text)


def test_capitalised_words_with_non_english_capitals_are_not_names_by_themselves():
    assert found("The report on Økonomi Årsrapport is attached.") == []
