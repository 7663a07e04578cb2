"""Issue 14: surnames alone with a person cue, names in lower-case texts, names with a middle
initial (made-up values; negatives are companies, places, months, headings and table cells)."""
import pytest

from flexorch_beam.pii import ner
from flexorch_beam.pii.context import ScanContext
from flexorch_beam.pii.names import surnames
from flexorch_beam.pii.step import detect


def found(text):
    return [text[m.start:m.end] for m in detect(text) if m.type == "PERSON"]


def scanned(scan, text):
    return [text[a:b] for a, b, _ in scan(ScanContext.of(text))]


def test_the_surname_list_is_shipped_and_case_folded():
    names = surnames()
    assert len(names) > 4000
    assert {"gallagher", "brennan", "hartley"} <= names
    assert all(name == name.lower() for name in names)


@pytest.mark.parametrize("text, name, whole", [
    ("The market is cooling this year, says Gallagher, and prices will follow.", "Gallagher", "Gallagher"),
    ("\"We shipped it on time,\" said Brennan to the auditors.", "Brennan", "Brennan"),
    ("The contract was late again. Gallagher said the courier had lost it.", "Gallagher", "Gallagher"),
    ("Thanks Hartley, the parcel arrived this morning.", "Hartley", "Hartley"),
    ("Please forward the invoice to Mr Brennan before Friday.", "Brennan", "Mr Brennan"),  # the title is masked too
])
def test_a_frequent_surname_alone_is_found_where_a_cue_says_a_person_is_meant(text, name, whole):
    assert name in scanned(ner.scan_cued_surnames, text)
    assert whole in found(text)


@pytest.mark.parametrize("text", [
    "The Hartley report is attached and the figures are final.",  # no cue: a surname is a word too
    "Gallagher Logistics said the parcel was lost.",  # a run of capitals: the model's part
    "The Princess Royal arrived at the harbour this morning.",  # a rank's epithet
    "After the holidays Christmas came and the office was closed.",  # a weak verb after it
    "But Canada is a long way to go for a weekend.",
])
def test_a_surname_alone_with_no_strong_cue_is_no_name(text):
    assert scanned(ner.scan_cued_surnames, text) == []


@pytest.mark.parametrize("text, name", [
    ("Everyone at the office calls me Tavrin, even my manager.", "Tavrin"),
    ("Her maiden name is Okonkwo.", "Okonkwo"),
    ("What's your last name? Drevenko", "Drevenko"),
])
def test_any_name_like_word_after_words_that_say_what_a_person_is_called(text, name):
    assert name in scanned(ner.scan_cued_surnames, text)


def test_naming_words_do_not_take_function_words_or_lower_case_words():
    assert scanned(ner.scan_cued_surnames, "Please call me Back at the office if the line drops; "
                                           "we will call you back.") == []


def test_a_pronoun_contraction_is_no_name():
    text = "Daarvin called, and I said I'd wait for the courier."
    start = text.index("I'd")
    assert ner.accept_person(text, start, start + 3) is None
    text = "Daarvin called, and I said Ilse would wait for the courier."
    start = text.index("Ilse")
    assert ner.accept_person(text, start, start + 4) == (start, start + 4)


@pytest.mark.parametrize("text, name", [
    ("hi nina, the parcel arrived this morning.", "nina"),
    ("can you please block my card asap? my name is lena marsh.", "lena marsh"),
    ("eva lindqvist lives at the end of our street.", "eva lindqvist"),
])
def test_given_names_in_a_text_written_in_lower_case_with_a_cue(text, name):
    assert name in scanned(ner.scan_lower_names, text)


@pytest.mark.parametrize("text", [
    "hi all, the parcel arrived this morning.",  # no given name
    "the invoice from martha was paid in march.",  # no cue
    "Hi nina, the parcel arrived. The Office Team will send the Invoice on Monday.",  # capitals: not a lower-case text
])
def test_lower_case_names_need_a_lower_case_text_a_given_name_and_a_cue(text):
    assert scanned(ner.scan_lower_names, text) == []


def test_a_lower_case_surname_stops_at_function_words():
    assert scanned(ner.scan_lower_names, "my name is lena and i lost my card.") == ["lena"]


@pytest.mark.parametrize("text, name", [
    ("The report was reviewed by Tavrin K. Mollenbeck last week.", "Tavrin K. Mollenbeck"),
    ("Please send the keys to Martha J Quenneville before noon.", "Martha J Quenneville"),
])
def test_a_name_with_a_middle_initial_is_found(text, name):
    assert name in scanned(ner.scan_initial_names, text)
    assert name in found(text)


@pytest.mark.parametrize("text", [
    "Category P Completed",  # a table cell: no dot and no known given name
    "Tavrin K. Mollenbeck GmbH delivered the goods.",  # a company named after a person
    "The Plan B Budget is due; the plan was approved.",  # "plan" is written in lower case
    "Then I Went home.",  # "I" is a pronoun
])
def test_initial_shapes_that_are_no_names(text):
    assert scanned(ner.scan_initial_names, text) == []


def test_speakers_of_a_dialogue_are_names_when_one_is_a_known_given_name():
    text = "Tavrin: What are you doing here?\nMartha: I am waiting for the courier.\n"
    assert scanned(ner.scan_speakers, text) == ["Tavrin", "Martha"]


@pytest.mark.parametrize("text", [
    "Tavrin: What are you doing here?\nDrevenko: I am waiting for the courier.\n",  # no given name
    "Note: the invoice is due on Friday.\nAnswer: we will pay it by then.\n",  # labels
    "Martha: What are you doing here?\n",  # one line is no dialogue
])
def test_speaker_lines_that_make_no_dialogue_give_no_names(text):
    assert scanned(ner.scan_speakers, text) == []


def test_a_name_before_a_colon_and_quoted_speech_is_no_label():
    text = 'Leon shouted at Martha: "What are you doing here?"'
    start = text.index("Martha")
    assert ner.accept_person(text, start, start + 6) == (start, start + 6)
    text = 'We walked to the old tomb. Kal Morrow: "A place where we may rest."'
    start = text.index("Kal Morrow")
    assert ner.accept_person(text, start, start + 10) is None  # opens its sentence: a label


def test_the_other_words_of_a_list_of_people_are_names():
    text = "They invited Tavrin, Martha, Emil and Hannah to the opening."
    assert scanned(ner.scan_name_lists, text) == ["Tavrin"]
    assert "Tavrin" in found(text)


@pytest.mark.parametrize("text", [
    "The firm of White, Willis and Hoffman filed the claim yesterday.",  # surnames: a firm
    "We shipped to Paris, Martha and Emil last week.",  # a place in a list of people is no name
    "The parcel went from Martha to Emil, Lisbon and Madrid.",  # one given name in the list
])
def test_lists_without_enough_given_names_give_no_names(text):
    assert scanned(ner.scan_name_lists, text) == []


def test_a_list_of_people_in_a_lower_case_text():
    text = "they had four kids: martha, emil, astrid and tavrin."
    assert scanned(ner.scan_lower_names, text) == ["martha", "emil", "astrid", "tavrin"]


@pytest.mark.parametrize("text", [
    "we bought apples, pears, plums and bread.",  # no given names
    "the parcel went to martha, then lisbon, porto and madrid.",  # one given name
])
def test_lower_case_lists_without_given_names_give_no_names(text):
    assert scanned(ner.scan_lower_names, text) == []


def test_a_lower_case_list_keeps_only_the_given_names_when_several_words_are_unknown():
    text = "the crates held martha, emil, apples and pears."
    assert scanned(ner.scan_lower_names, text) == ["martha", "emil"]
