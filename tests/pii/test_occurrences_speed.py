"""every_occurrence's shortcut for frequent first units finds the same occurrences as trying
every place of the first unit. Text written here."""
import pytest

from flexorch_beam.pii import occurrences
from flexorch_beam.pii.scan import Match


def _text():
    filler = "an 12 hiltrud Hiltrud-Maria hiltrudx tr33 trtr 12.3 1212 12-34 "
    return (filler * 40 + "Hiltrud Dobes signed. Later hiltrud\ndobes and HILTRUD  DOBES; KontoinhaberHiltrud Dobes; "
            "IBAN TR33 0006 1005 1978 6457 8413 26 and tr33-0006-1005-1978-6457-8413-26, "
            "TR3300061005\n19786457841326 and 12 12 12. " + filler * 40)


def _found(text):
    name = text.index("Hiltrud Dobes")
    iban = text.index("TR33 ")
    return [Match("PERSON", "GLOBAL", name, name + 13, 0.6, 0),
            Match("IBAN_CODE", "GLOBAL", iban, iban + 32, 0.9, 0)]


@pytest.mark.parametrize("frequent", [0, 3, 10**9])
def test_the_frequent_unit_shortcut_changes_nothing(monkeypatch, frequent):
    text = _text()
    monkeypatch.setattr(occurrences, "FREQUENT", 10**9)
    reference = occurrences.every_occurrence(text, _found(text))
    monkeypatch.setattr(occurrences, "FREQUENT", frequent)
    assert occurrences.every_occurrence(text, _found(text)) == reference
    assert len(reference) >= 6


def test_a_unit_that_overlaps_itself_is_looked_for_everywhere():
    assert occurrences._overlaps_itself("aa") and occurrences._overlaps_itself("121")
    assert not occurrences._overlaps_itself("anna"[:3]) and not occurrences._overlaps_itself("12")
