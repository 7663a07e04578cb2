"""Intersections and US military addresses as whole ADDRESS findings, and the prose that
reads like them but is none (texts made up for these tests)."""
import pytest

from flexorch_beam.pii import address
from flexorch_beam.pii.intersection import scan_intersections
from flexorch_beam.pii.military import scan_military
from flexorch_beam.pii.step import detect


def found(text):
    return [text[m.start:m.end] for m in detect(text) if m.type == "ADDRESS"]


def corners(text):
    return [text[s:e] for s, e in scan_intersections(text, address.street_like)]


@pytest.mark.parametrize("text, value", [
    ("Meet me at the corner of Main Street and 5th Avenue.", "the corner of Main Street and 5th Avenue"),
    ("Pick-up: corner of 12 Harbor Road & Quill Lane, then north", "corner of 12 Harbor Road & Quill Lane"),
    ("the shop is on the corner of Lindenweg 4 and Ostra Bridge", "the corner of Lindenweg 4 and Ostra Bridge"),
    ("the corner of ul. Sosnowa 12 and Marek Trail?", "the corner of ul. Sosnowa 12 and Marek Trail"),
    ("wait at the corner of brookvale 19 and tanner courts please", "the corner of brookvale 19 and tanner courts"),
    ("the corner of Fő u. 7. and Kessler Pass in the old town", "the corner of Fő u. 7. and Kessler Pass"),
    ("The stall is at 5th and Main.", "5th and Main"),
    ("we met on 3rd & Jackson, right by the bank", "3rd & Jackson"),
])
def test_an_intersection_is_one_address(text, value):
    assert corners(text) == [value]
    assert value in found(text)


@pytest.mark.parametrize("text", [
    "Put the lamp in the corner of the room and the window stays free.",
    "a tear formed in the corner of her eye and she left",
    "the corner of Europe and Asia is a long way off",  # no street word, no number
    "the corner of Main and Elm",  # names alone: too little to tell from prose
    "see the corner of page 5 and the table",
    "The meeting is at 5 and 6 pm.",
    "at 5th and 6th grade levels",
    "held on 1st and March",  # a month, not a street
    "The road test and the written test are on Monday.",
])
def test_prose_with_corners_and_numbers_is_no_intersection(text):
    assert corners(text) == []


@pytest.mark.parametrize("text, value", [
    ("Ship to PSC 4410, Box 2231\nAPO AE 09123 please", "PSC 4410, Box 2231\nAPO AE 09123"),
    ("unit 7702 box 4410\ndpo ap 96520", "unit 7702 box 4410\ndpo ap 96520"),
    ("CMR 455 Box 120, APO AE 09031-0120", "CMR 455 Box 120, APO AE 09031-0120"),
    ("Send it to USS Halvorsen\nFPO AP 96634.", "USS Halvorsen\nFPO AP 96634"),
    ("mail: uscgc brandvold, fpo aa 34099", "uscgc brandvold, fpo aa 34099"),
    ("The desk's mail goes via FPO AE 09501.", "FPO AE 09501"),
])
def test_us_military_addresses(text, value):
    assert [text[s:e] for s, e in scan_military(text)] == [value]
    assert value in found(text)


@pytest.mark.parametrize("text", [
    "The APO was hired in 2019 and the FPO team grew to 12345 members.",
    "Unit 4 Box 7 of the inventory list",  # a unit and box with no APO/FPO/DPO line
    "USS Enterprise was a ship in 1962.",
    "FPO XX 12345",  # no military "state" code
])
def test_no_military_address_without_the_post_line(text):
    assert list(scan_military(text)) == []


@pytest.mark.parametrize("text, value", [
    ("Deliver to 14 Orchard Lane\nSuite 3\nSeoul\nKorea (South) 04524\nThanks",
     "14 Orchard Lane\nSuite 3\nSeoul\nKorea (South) 04524"),
    ("Office: 8 Kanali Street, ΛΕΜΕΣΟΣ, Cyprus 3035.",
     "8 Kanali Street, ΛΕΜΕΣΟΣ, Cyprus 3035"),
    ("Office: 8 Kanali Street, Πάφος, Cyprus (Greek) 8010", "8 Kanali Street, Πάφος, Cyprus (Greek) 8010"),
])
def test_greek_place_names_and_a_bracketed_country_qualifier_belong_to_the_address(text, value):
    assert value in found(text)


def test_a_bracketed_remark_in_lower_case_is_no_qualifier():
    text = "Ship to 14 Orchard Lane, Springfield (see map) tomorrow"
    assert "14 Orchard Lane, Springfield" in found(text)
    assert not any("map" in v for v in found(text))


@pytest.mark.parametrize("text, value", [
    ("ship to 12 oak street, leeds ls6 2ab", "12 oak street, leeds ls6 2ab"),
    ("pls send it to 2210 tammikatu 4, oulu, finland", "2210 tammikatu 4, oulu, finland"),
    ("my new place: 77 avenida sol 9 suite 4, braga, portugal", "77 avenida sol 9 suite 4, braga, portugal"),
    ("the shop is on fenyves út 41 near the bridge", "fenyves út 41"),
    ("delivered to 5 rue de brest yesterday", "5 rue de brest"),
    ("send the forms to 8 lindenstraße 3\n10115 berlin\nthanks", "lindenstraße 3\n10115 berlin"),
])
def test_a_street_line_in_lower_case_is_found(text, value):
    assert any(value in v for v in found(text))


@pytest.mark.parametrize("text", [
    "i walked 2 miles down the road to the shop",
    "we did 3 road tests and 2 street surveys",
    "the meeting is at 5 and 6 pm on the main floor",
    "order 12 lane markers and 4 drive belts",
    "call me at 10 tomorrow, the street is closed",
])
def test_lower_case_prose_with_numbers_and_street_words_is_no_address(text):
    assert found(text) == []


def test_title_casing_keeps_offsets_and_skips_lines_with_capitals():
    from flexorch_beam.pii.casing import titled
    text = "Dear Anna,\nship to 12 oak street, leeds ls6 2ab\nstraße 5\nnot this one"
    lines = [(0, 10), (11, 47), (48, 56)]
    copy = titled(text, lines, frozenset({"rue"}))
    assert len(copy) == len(text)
    assert copy.split("\n") == [" " * 10, "Ship To 12 Oak Street, Leeds LS6 2AB", "Straße 5", " " * 12]


def test_only_lower_case_lines_with_a_digit_and_a_street_word_are_title_cased():
    text = "Dear Anna,\nsee you at 5\nship to 12 oak street\nleeds\nuk\nX"
    spans = address._lower_case_lines(text)
    assert [text[s:e] for s, e in spans] == ["ship to 12 oak street\nleeds\nuk\nX"]


@pytest.mark.parametrize("text", [
    "the town was rebuilt during 70 years of peace",
    "we need to aggregate 5 reports and buy a notepad 3 times",
])
def test_lower_case_english_words_ending_like_street_words_are_no_street(text):
    assert found(text) == []


@pytest.mark.parametrize("text, value", [
    ("Sede: Avda. de la Ría 14, Vigo", "Avda. de la Ría 14"),
    ("Oficina: Av. Libertador 2200, piso 3", "Av. Libertador 2200"),
    ("Siège : 12 Rue de la Paix, 75002 Paris", "12 Rue de la Paix, 75002 Paris"),
    ("Bureau : 8 Boulevard Jean-Moulin, 13005 Marseille", "8 Boulevard Jean-Moulin, 13005 Marseille"),
    ("chez 4 rue Saint-Honoré le matin", "4 rue Saint-Honoré"),
])
def test_spanish_avenue_abbreviations_and_french_number_first_streets(text, value):
    assert any(value in v for v in found(text))



@pytest.mark.parametrize("text, value", [
    ("Kontor: Karl Johans gate 22, 0159 Oslo", "Karl Johans gate 22, 0159 Oslo"),
    ("Levering til Olavs vei 7 i morgen", "Olavs vei 7"),
])
def test_norwegian_genitive_streets(text, value):
    assert any(value in v for v in found(text))


@pytest.mark.parametrize("text", ["Boarding gate 12 closes at 9.", "Go to Terminal 2, gate 14 now."])
def test_an_airport_gate_is_no_street(text):
    assert not any("gate" in v for v in found(text))


@pytest.mark.parametrize("text, value", [
    ("Bill to: 2437 Main St Suite 442, Springfield, IL 62704", "2437 Main St Suite 442, Springfield, IL 62704"),
    ("Office: 18 Oak Rd Apt 3, Leeds LS6 2AB", "18 Oak Rd Apt 3, Leeds LS6 2AB"),
    ("Bureau : Avenue d'Italie 12, 75013 Paris", "Avenue d'Italie 12, 75013 Paris"),
    ("Adresse : 5 Rue Lepic 14, 75018 Paris", "5 Rue Lepic 14, 75018 Paris"),
])
def test_a_short_street_word_before_a_unit_and_french_elided_names(text, value):
    assert any(value in v for v in found(text))


def test_a_saints_name_after_st_is_still_no_street():
    assert found("He drew 3 St Louis maps.") == []


@pytest.mark.parametrize("text, value", [
    ("Γραφείο: Οδός Ερμού 12, 10563 Αθήνα", "Οδός Ερμού 12, 10563 Αθήνα"),
    ("Ship to 41 Λεωφόρος Κηφισίας 44\nSuite 3\nΛΕΜΕΣΟΣ\nCyprus 3035", "41 Λεωφόρος Κηφισίας 44\nSuite 3\nΛΕΜΕΣΟΣ\nCyprus 3035"),
    ("Iroda: Fő u. 12., 1011 Budapest", "Fő u. 12., 1011 Budapest"),
    ("Cím: Kossuth Lajos u. 7.\nSzeged\nHungary 6720", "Kossuth Lajos u. 7.\nSzeged\nHungary 6720"),
])
def test_greek_streets_and_hungarian_house_numbers_with_a_dot(text, value):
    assert any(value in v for v in found(text))


@pytest.mark.parametrize("text", ["see vol. 2 u. 5 more", "Λ. 5 and Πλ. 7 are sections"])
def test_abbreviations_without_a_street_name_are_no_street(text):
    assert found(text) == []


@pytest.mark.parametrize("text", [
    "The flat has 3 Square Meters of storage.",
    "Offices of 40 Square Feet each are free.",
    "The farm covers 12 square miles of land.",
])
def test_an_area_is_no_address(text):
    assert found(text) == [], text


def test_a_square_that_is_a_street_stays_an_address():
    text = "Meet me at 1 Union Square, San Francisco."
    assert any("Union Square" in value for value in found(text))


@pytest.mark.parametrize("text", [
    "Go to Terminal 2 for check-in.",
    "The train leaves from Platform 9 at noon.",
])
def test_a_terminal_or_platform_is_no_address(text):
    assert found(text) == [], text
