"""Issue 14: person names from English grammatical cues (person_cues.py). Made-up values;
every rule has negative cases: places, months, products, companies, peoples, headings and
common words in the same construction."""
import pytest

from flexorch_beam.pii import person_cues
from flexorch_beam.pii.context import ScanContext
from flexorch_beam.pii.step import detect


def found(text):
    return [text[m.start:m.end] for m in detect(text) if m.type == "PERSON"]


def scanned(scan, text):
    return [text[a:b] for a, b, _ in scan(ScanContext.of(text))]


# --- lists of people ---------------------------------------------------------------------

@pytest.mark.parametrize("text, names", [
    ("Quillworth was started in a garage by its founders: Aldren, Voss and Keelby.",
     ["Aldren", "Voss", "Keelby"]),
    ("Back then Tavrik and Oskelund were junior engineers.", ["Tavrik", "Oskelund"]),
    ("The authors are Brannoc, Welkin and Dufray.", ["Brannoc", "Welkin", "Dufray"]),
    ("Smith and Brown were doctors at the clinic.", ["Smith", "Brown"]),  # known surnames
])
def test_the_members_of_a_list_of_people_are_names(text, names):
    assert scanned(person_cues.scan_people_lists, text) == names
    assert set(names) <= set(found(text))


@pytest.mark.parametrize("text", [
    "Our partners: Microsoft, Google and Amazon.",  # "partners" names firms too
    "Sales and Support are our teams.",  # no plural for people
    "Berlin and Paris were capitals of culture.",  # places
    "January and February were busy months for our engineers.",  # months, not described
    "The speakers: Marketing and Sales.",  # words the document writes in lower case
    "Our founders: Accounting and Engineering.",  # common English word endings
])
def test_a_list_of_other_things_is_no_list_of_people(text):
    text += " Marketing, sales and accounting report monthly."
    assert scanned(person_cues.scan_people_lists, text) == []


# --- creators of a work ---------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("Unlike the Oskevar novel, it is not about ghosts.", "Oskevar"),
    ("We saw a Tavrin K Oskelund concert in Leeds last spring.", "Tavrin K Oskelund"),
    ("A great tune made greater by a banjo coda (not by Tavrin Oskevar).", "Tavrin Oskevar"),
    ('His pick was "Blue Hour" by Tavrin J Oskevar - go figure', "Tavrin J Oskevar"),
    ("The children read Oskevar's short stories aloud.", "Oskevar"),
])
def test_a_creator_named_by_a_work_is_a_name(text, name):
    assert name in scanned(person_cues.scan_creators, text)


@pytest.mark.parametrize("text", [
    "Download the Windows version or the English novel.",  # a platform; a language
    "He appeared in the Norwegian film last year.",  # a people's adjective
    "She gave me clippings from a Fereldan book.",
    "The Christmas concert starts at six.",  # a word the document writes in lower case
    "The Acme Logistics book keeping was late.",  # a company word after it
    "Read the Marketing book; marketing matters.",
    "The Santa Cruz album was recorded there.",  # a place
    "Records of the Blackwood Books and Songs",  # a heading: the work word capitalised
])
def test_a_work_named_after_a_thing_has_no_creator(text):
    text += " We celebrate christmas and marketing."
    assert scanned(person_cues.scan_creators, text) == []


# --- subjects and objects of verbs only people do -------------------------------------------

@pytest.mark.parametrize("text, names", [
    ('Tavrik shouted at Oskelund: "What are you doing here?"', ["Tavrik", "Oskelund"]),
    ('Oskevar began painting at school and sold her first canvas at nineteen.', ["Oskevar"]),
    ("Tavrik had given Oskelund her old phone number.", ["Tavrik", "Oskelund"]),
    ("Why is Tavrik so impulsive?", ["Tavrik"]),
    ("Tavrik is always so generous; everyone likes her.", ["Tavrik"]),
    ("The war ended. Oskevar was born in a small town.", ["Oskevar"]),
    ("Tavrin J Oskevar ranked his favourite albums for a magazine.", ["Tavrin J Oskevar"]),
    ("A graduate of Harwick, Mr. Oskevar started his career at a bank.", ["Oskevar"]),
])
def test_the_subject_of_a_verb_only_people_do_is_a_name(text, names):
    assert scanned(person_cues.scan_human_subjects, text) == names


@pytest.mark.parametrize("text", [
    "Microsoft explained the change in a statement.",  # a verb a company does too
    "Delivery is very reliable. You can depend on it.",  # no person's pronoun
    "The Frenchwoman blushed and left.",  # a people's noun; an article before it
    "First Enchanter Illana of\nMontsimmard was born to a noble family.",  # mid-sentence
    "Dream-words whispered, spoken soft.",  # a hyphenated common word
    "Monday smiled on us with sunshine.",  # a weekday
    "Quillworth updated its policy on returns.",  # a company's own thing is "its"
    "The Manager signed his name below.",  # an article and a role
    "Shipping delayed her parcel twice.",  # a common word's ending
])
def test_a_thing_before_such_a_verb_is_no_name(text):
    assert scanned(person_cues.scan_human_subjects, text) == []


# --- vocatives --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("Tavrik, would you call the supplier tomorrow?", "Tavrik"),
    ("Oskelund, could you send the file today?", "Oskelund"),
    ("Amy: Remember me, Tavrika? I told you so.", "Tavrika"),
    ('"Where have you put it, Oskelund?"', "Oskelund"),
])
def test_a_vocative_is_a_name(text, name):
    assert name in scanned(person_cues.scan_vocatives, text)


@pytest.mark.parametrize("text", [
    "However, can you send it by Friday?",  # a sentence adverb
    "Finally, please sign both copies.",
    "Support, please reply to this ticket.",  # written in lower case below
    "Did you see the parcel, Monday?",  # a weekday
    "Have you ever been to Italy, Paris?",  # a place
    "Customers, please note the new hours.",
    '"Give me my thimble, Miss, from there..." "Allow me, Miss! I can\'t."',  # a title
    '"Are the skirmishers still there? Answer me, Officer!"',  # a rank
    "Captain, could you check the manifest?",
])
def test_an_adverb_a_place_or_a_group_before_a_request_is_no_vocative(text):
    text += " Our support team answers."
    assert scanned(person_cues.scan_vocatives, text) == []


# --- dialogue speakers ------------------------------------------------------------------------

def test_speakers_before_quotations_are_names():
    text = 'Oskelund: "Who are you?"\nTavrik:"I am the daughter of the miller".'
    assert scanned(person_cues.scan_quoted_speakers, text) == ["Oskelund", "Tavrik"]


@pytest.mark.parametrize("text", [
    'Title: "Annual report"\nSubject: "Budget plan"',  # a form's labels: no speech
    'Tavrik: "Who are you?"',  # one line makes no dialogue
    'Note: "Do you agree?"\nAnswer: "I do"',  # words the document writes in lower case
])
def test_labels_before_quotations_are_no_speakers(text):
    text += "\nplease note the answer."
    assert scanned(person_cues.scan_quoted_speakers, text) == []


def test_a_known_surname_that_is_also_a_street_word_or_a_town_counts_in_a_list_of_people():
    text = "Quillworth has 3 founders: Brannoc, Jackson and Park."
    assert scanned(person_cues.scan_people_lists, text) == ["Brannoc", "Jackson", "Park"]
    assert scanned(person_cues.scan_people_lists, "Our engineers: Brannoc and Park. The park is open.") == []


# --- lower-case texts -------------------------------------------------------------------------

@pytest.mark.parametrize("text, names", [
    ("my name is tavrika", ["tavrika"]),
    ("sometimes people call me tavrika", ["tavrika"]),
    ("her maiden name was oskevar, she told us.", ["oskevar"]),
    ("hi, my name is tavro oskevar and my friends call me tavro", ["tavro oskevar", "tavro"]),
    ("follow up with lena k. moorvik in a couple of weeks.", ["lena k. moorvik"]),
    ("tavro had given oskel his old bike", ["tavro", "oskel"]),
    ("they had 4: lena, adam, chad and maria.", ["lena", "adam", "chad", "maria"]),
])
def test_names_in_a_lower_case_text_after_strong_cues(text, names):
    assert scanned(person_cues.scan_lower_case, text) == names


@pytest.mark.parametrize("text", [
    "call me back later if the line drops",  # when, not who
    "please call me tomorrow about the invoice",
    "my name is not important here",  # a function word
    "her last name is unknown to the office",
    "everyone shouted at once when the news came",  # a pronoun, no name
    "she began writing in 2001",
    "follow up with the supplier in a couple of weeks.",  # no given name after a weak cue
    "they ordered pens, paper, ink and glue.",  # a list of things
    "My name is tavrika",  # a text with capitals writes a name with one
])
def test_no_name_after_a_cue_in_a_lower_case_text_when_the_word_is_a_common_one(text):
    assert scanned(person_cues.scan_lower_case, text) == []


# --- a job title before a name ------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("Producer Tavrin Oskevar told reporters the album was finished.", "Tavrin Oskevar"),
    ("The police detained tennis player Tavrin Oskevar over visa disputes.", "Tavrin Oskevar"),
    ("Quillworth songwriter Tavrin K Oskevar employs office lingo.", "Tavrin K Oskevar"),
])
def test_a_name_after_a_job_title_is_a_name(text, name):
    assert scanned(person_cues.scan_job_titles, text) == [name]


@pytest.mark.parametrize("text", [
    "Open the Media Player Classic Home window.",  # a title inside a product's name
    "Ask our engineer Monday Morning about it.",  # a weekday
    "The designer Santa Cruz collection is out.",  # a place
    "Every developer Tools Menu entry is listed; the tools menu is new.",  # lower-case words
    "The player Tavrin Oskevar 2 is released.",  # a number after it: a product
])
def test_a_thing_after_a_job_title_is_no_name(text):
    assert scanned(person_cues.scan_job_titles, text) == []


# --- who a person is to someone, where a person works ------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("My great grandmother was called Tavra Oskevar", "Tavra Oskevar"),
    ("and my grandfather was called Dr. Tavro Oskevar", "Dr. Tavro Oskevar"),
    ("Tavrin is from Quillworth LLC", "Tavrin"),
])
def test_a_relative_called_so_or_a_person_from_a_company_is_a_name(text, name):
    assert scanned(person_cues.scan_relations, text) == [name]


@pytest.mark.parametrize("text", [
    "My dog was called Rex Biscuit",  # no kin word: a pet, a ship, a file
    "Our company is called Acme Corp",
    "Payment is from Quillworth LLC",  # a common word's ending
    "The report is from Quillworth Inc",
    "Germany is from Quillworth Inc",  # a place
    "My brother was called January",  # a month
])
def test_no_name_in_the_same_constructions_with_things(text):
    assert scanned(person_cues.scan_relations, text) == []


def test_a_long_text_of_headings_and_terms_holds_no_person():
    text = ("The Quarterly Report of Northwind Analytics covers Revenue, Costs and Margins. "
            "Analysts and Engineers are listed below. The Windows version ships in May.\n") * 2_000
    assert list(person_cues.scan(ScanContext.of(text))) == []


@pytest.mark.parametrize("text, name", [
    ("What's your name? Tavrin S Oskevar", "Tavrin S Oskevar"),
    ("Agent: And the name on the booking, please? Caller: Tavrin Oskevar", "Tavrin Oskevar"),
    ("Q: What is your full name?\nA: Tavrin Oskevar", "Tavrin Oskevar"),
])
def test_the_answer_to_a_question_for_a_name_is_a_name(text, name):
    assert scanned(person_cues.scan_relations, text) == [name]


@pytest.mark.parametrize("text", [
    "What's the name of the product? Widget Pro",  # not a person's name asked for
    "What's your name? Marketing Department",  # a department
    "Is that your name? Yes, it is.",  # no name in the answer
    "What's your name? January",  # a month
])
def test_an_answer_that_is_no_name_or_a_question_for_a_things_name(text):
    assert scanned(person_cues.scan_relations, text) == []
