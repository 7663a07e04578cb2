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


def whole(text, part):
    from flexorch_beam.pii.ner import whole_name, lower_words
    start = text.index(part)
    a, b = whole_name(text, start, start + len(part), lower_words(text))
    return text[a:b]


def test_a_found_part_of_a_name_is_widened_to_the_whole_name():
    assert whole("The keys are with Greta Lindqvist Holm now.", "Greta") == "Greta Lindqvist"
    assert whole("The keys are with Greta Lindqvist Nowakowska now.", "Nowakowska") == \
        "Greta Lindqvist Nowakowska"
    assert whole("It was sent to Amalia van der Dussen today.", "Amalia") == "Amalia van der Dussen"
    assert whole("It was sent to Janka M. Szabó today.", "Szabó") == "Janka M. Szabó"


@pytest.mark.parametrize("text, part, name", [
    ("Yesterday Greta Holm called.", "Greta Holm", "Greta Holm"),  # a sentence's first word
    ("Thanks to Greta Holm Consulting for the help.", "Greta Holm", "Greta Holm"),  # a company word
    ("The report of Greta Holm Monday was short.", "Greta Holm", "Greta Holm"),  # a day
    ("We met Greta Holm Report. The report was long.", "Greta Holm", "Greta Holm"),  # lower case elsewhere
    ("Ask Greta Holm Street for the keys.", "Greta Holm", "Greta Holm"),  # a street word
    ("Ask Greta Holm B for the keys.", "Greta Holm", "Greta Holm"),  # a letter, no surname after it
    ("He studied at Université Greta Holm in Tours.", "Greta Holm", "Greta Holm"),  # before a given name
    ("Holm Qualification\nGreta Holm signed.", "Greta Holm", "Greta Holm"),  # another line
    ("Full-Time Emps Premiums were paid.", "Full-Time", "Full-Time"),  # no given name before it
])
def test_the_widening_stops_at_words_that_are_no_name(text, part, name):
    assert whole(text, part) == name


def test_common_turkish_given_names_are_known_and_common_words_are_not():
    from flexorch_beam.pii.names import first_names
    assert {"ayşe", "emre", "merve", "gökhan", "büşra"} <= first_names()
    assert not {"umut", "zafer", "can", "mine", "sultan"} & first_names()
    assert found("Kindly ask Ayşe Kaya to sign.") == ["Ayşe Kaya"]


def test_ranks_and_forms_of_address_are_no_part_of_a_name_nor_a_name_alone():
    from flexorch_beam.pii.occurrences import name_parts
    assert whole("The guard saluted Commander Gaspar Holm there.", "Holm") == "Gaspar Holm"
    assert name_parts("King Azar Campana") == ["Azar", "Campana"]
    assert name_parts("General Wimpfen") == ["Wimpfen"]
    # a title or role carried by the masked span is no name alone elsewhere in the document
    assert name_parts("Miss Orlavy") == ["Orlavy"]
    assert name_parts("Mr. Staff Officer") == ["Staff"]
    assert name_parts("Captain Tushkov") == ["Tushkov"]
    assert name_parts("Dean Marrak") == ["Dean", "Marrak"]  # a given name that is also a role


def test_a_name_is_not_widened_into_a_possessive_or_past_a_particle_with_no_given_name():
    assert whole("We read Sophia Dryden's letter.", "Sophia") == "Sophia Dryden"
    assert whole("Connaissez-vous le Proverbe today", "Connaissez-vous") == "Connaissez-vous"


def test_a_middle_initial_is_inside_a_name_never_its_end():
    from flexorch_beam.pii import names
    from flexorch_beam.pii.ner import _past_initial
    text = "Name:    Abby M. Laidlaw"
    assert [text[a:b] for a, b, _ in names.scan_person(text)] == ["Abby M. Laidlaw"]
    text = "The song was written by Marta J Kowalczyk last year."
    start = text.index("Marta")
    assert text[start:_past_initial(text, start, start + len("Marta J"))] == "Marta J Kowalczyk"
    text = "I met Abby M. Then we left."
    start = text.index("Abby")
    assert text[start:_past_initial(text, start, start + len("Abby M."))] == "Abby M."
    assert found("See Appendix B Table 3 for the numbers.") == []


@pytest.mark.parametrize("text, names", [
    ("Enrico shouted at Gary before lunch.", ["Enrico", "Gary"]),  # done "at" a person
    ("Halldór: What a lovely day it is.\nMartha: I agree with you.", ["Halldór", "Martha"]),  # speakers
])
def test_given_names_alone_where_a_person_is_meant(text, names):
    assert found(text) == names


@pytest.mark.parametrize("text", [
    "We met at Phoenix airport.",  # a place after "at"
    "Harry C. Hagerty Employment Agreement was signed.",  # the name ends after the initial
])
def test_given_names_where_no_person_or_no_more_of_one_is_meant(text):
    assert all("Phoenix" not in value and "Employment" not in value for value in found(text))


def test_a_labelled_name_with_an_initial_in_a_spaced_form_row():
    from flexorch_beam.pii import names
    text = "Title: Dark Night\nName:    Martim A Pereira\n"
    assert "Martim A Pereira" in [text[a:b] for a, b, _ in names.scan_person(text)]
    assert [text[a:b] for a, b, _ in names.scan_person("Invoice   Total   A Amount")] == []
