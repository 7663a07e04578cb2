"""Overlapping name and address findings are masked as one (made-up values)."""
from flexorch_beam.pii.scan import Match
from flexorch_beam.pii.union import union_words


def m(type_, text, part, score=0.6):
    start = text.index(part)
    return Match(type_, "GLOBAL", start, start + len(part), score, 0)


def spans(text, matches):
    return sorted((x.type, text[x.start:x.end]) for x in union_words(text, matches))


def test_a_name_running_into_an_address_is_one_finding():
    text = "Send it to Anna Berg 12 Oak Street please."
    found = [m("PERSON", text, "Anna Berg"), m("ADDRESS", text, "Berg 12 Oak Street", 0.7)]
    assert spans(text, found) == [("ADDRESS", "Anna Berg 12 Oak Street")]


def test_two_readings_of_one_name_are_one_finding():
    text = "We met Anna Berg Lindqvist today."
    found = [m("PERSON", text, "Anna Berg"), m("PERSON", text, "Berg Lindqvist")]
    assert spans(text, found) == [("PERSON", "Anna Berg Lindqvist")]


def test_a_person_next_to_an_address_is_one_block():
    text = "Anna Berg, 12 Oak Street, Leeds"
    found = [m("PERSON", text, "Anna Berg"), m("ADDRESS", text, "12 Oak Street, Leeds", 0.7)]
    assert spans(text, found) == [("ADDRESS", "Anna Berg, 12 Oak Street, Leeds")]


def test_findings_apart_or_of_other_types_are_left_as_they_are():
    text = "Anna Berg and Tom Holm live at 12 Oak Street; call 030 1234567."
    found = [m("PERSON", text, "Anna Berg"), m("PERSON", text, "Tom Holm"),
             m("ADDRESS", text, "12 Oak Street", 0.7), m("EU_PHONE", text, "030 1234567")]
    assert spans(text, found) == sorted((x.type, text[x.start:x.end]) for x in found)
    text = "Anna Berg, Tom Holm"  # two people side by side stay two
    found = [m("PERSON", text, "Anna Berg"), m("PERSON", text, "Tom Holm")]
    assert len(union_words(text, found)) == 2
