"""Issue 14: an address block is masked to its last word: the number before a number-first
street, a region code and postcode after the city, a country ending the line, a labelled
line in any case or language; and what stands next to a block but is no part of it stays
out (made-up values in several countries' formats)."""
import pytest

from flexorch_beam.pii import address_edges
from flexorch_beam.pii.address_label import scan_labelled
from flexorch_beam.pii.step import detect


def addresses(text):
    return [text[m.start:m.end] for m in detect(text) if m.type == "ADDRESS"]


# --- a number before a number-first street ----------------------------------------------------
@pytest.mark.parametrize("text, found", [
    ("Meet me at 14 306 Larkspur Street.", "14 306 Larkspur Street"),
    ("The parcel goes to 7 52 Quai des Brumes, please.", "7 52 Quai des Brumes"),
    ("Deliver to:\n31 906 Harrow Road\nLeeds LS6 2AB", "31 906 Harrow Road\nLeeds LS6 2AB"),
    ("Deliver to:\n> 518 ul. Jaskółcza 41\n> Apt. 7\n> Kraków\n> Poland 31-411",
     "518 ul. Jaskółcza 41\n> Apt. 7\n> Kraków\n> Poland 31-411"),
])
def test_a_building_number_before_the_house_number_belongs_to_the_address(text, found):
    assert addresses(text) == [found]


@pytest.mark.parametrize("text, start", [
    ("qty 3 306 Larkspur Street", 6),  # a count: "qty 3"
    ("Invoice no 4411 306 Larkspur Street", 16),  # a reference number
    ("Founded in 1998 306 Larkspur Street", 16),  # a year
    ("Total 45 306 Larkspur Street", 9),  # a capitalised word before it: a field, not prose
    ("Price 12.50 306 Larkspur Street", 12),  # an amount
])
def test_a_count_a_reference_a_year_or_an_amount_before_a_street_stays_out(text, start):
    assert address_edges.leading(text, start) == start


def test_leading_only_moves_from_a_number_or_a_lower_case_street_word():
    text = "at 14 Larkspur Street"
    assert address_edges.leading(text, 6) == 6  # a capitalised name: extend_back's case
    assert address_edges.leading(text, 3) == 3  # nothing before "14" but prose
    street = {"ul."}.__contains__
    other = "pos 3 ul. Jaskółcza 41"
    assert address_edges.leading(other, 6, street) == 6  # a count before the street word
    assert address_edges.leading("to 3 ul. Jaskółcza 41", 5, street) == 3
    prose = "for 70 years no Elders met"
    assert address_edges.leading(prose, 7, street) == 7  # a lower-case word that is no street word


# --- region code, postcode and country after the block ----------------------------------------
@pytest.mark.parametrize("text, found", [
    ("Send it to 12 Birch Lane\nMAPLETON\n, QX\n 40417", "12 Birch Lane\nMAPLETON\n, QX\n 40417"),
    ("Send it to 12 Birch Lane\nMapleton\n, 27\n 40417.", "12 Birch Lane\nMapleton\n, 27\n 40417"),
    ("Send it to 12 Birch Lane\nMapleton, qx 40417 soon.", "12 Birch Lane\nMapleton, qx 40417"),
    ("Send it to 12 Birch Lane\nTROMSVIK N\n, QX\n Norway 90417",
     "12 Birch Lane\nTROMSVIK N\n, QX\n Norway 90417"),
    ("Send it to 12 Birch Lane Apt. 4 Vellmar Germany", "12 Birch Lane Apt. 4 Vellmar Germany"),
    ("Send it to 12 Birch Lane\nVellmar\nGermany?", "12 Birch Lane\nVellmar\nGermany"),
    ("Send it to 12 Birch Lane Apt. 4 Obermoos Baden-Württemberg",
     "12 Birch Lane Apt. 4 Obermoos Baden-Württemberg"),
    ("Send it to 12 Birch Lane\nÞórshöfn\n, QX\n 40417", "12 Birch Lane\nÞórshöfn\n, QX\n 40417"),
])
def test_the_lines_that_close_a_block_belong_to_it(text, found):
    assert addresses(text) == [found]


@pytest.mark.parametrize("text, street", [
    # a region with no postcode after it, then a phone line
    ("12 Birch Lane\nMapleton\n, QX\nTel 0161 496 0000", "12 Birch Lane\nMapleton"),
    # a country that opens the next sentence or goes on in prose, not the block's last word
    ("12 Birch Lane Apt. 4. Germany won the match.", "12 Birch Lane Apt. 4"),
    ("12 Birch Lane Apt. 4 Germany is far away", "12 Birch Lane Apt. 4"),
    # a table row after the block: a count, then a number that is no postcode
    ("12 Birch Lane\nMapleton\n, 3 units 40417 EUR", "12 Birch Lane\nMapleton"),
    # words after the block that end in no country
    ("12 Birch Lane Apt. 4 Vellmar Tomorrow", "12 Birch Lane Apt. 4"),
    ("12 Birch Lane Apt. 4 Vellmar Tomorrow Lunch Canada", "12 Birch Lane Apt. 4"),
    # a hyphen that opens a note, not a place's second half
    ("12 Birch Lane - Leave at door", "12 Birch Lane"),
    # a conjunction and the next address's number: no region code and postcode
    ("12 Birch Lane\nMapleton, and 40417 Elm Road", "12 Birch Lane\nMapleton"),
    # prose before a country on the same line
    ("12 Birch Lane in France.", "12 Birch Lane"),
    # a lower-case word after a hyphen: no place's second half
    ("12 Birch Lane-facing rooms", "12 Birch Lane"),
    # a phone number after a comma: no region code and postcode
    ("12 Birch Lane, 555 40417", "12 Birch Lane"),
])
def test_what_follows_a_block_but_is_no_part_of_it_stays_out(text, street):
    assert address_edges.trailing(text, len(street)) == len(street)


def test_trailing_leaves_the_end_where_nothing_of_the_address_follows():
    text = "12 Birch Lane\nMapleton\nThank you for your order."
    assert address_edges.trailing(text, len("12 Birch Lane\nMapleton")) == len("12 Birch Lane\nMapleton")


# --- a labelled line ------------------------------------------------------------------------
@pytest.mark.parametrize("text, found", [
    ("name: ana kovač\naddress:\n71 trg slobode 9 apt. 12 novi grad croatia.",
     "71 trg slobode 9 apt. 12 novi grad croatia"),
    ("Address:     3301 Rúa do Muíño 14 Apt. 5 Vilaboa Pontevedra",
     "3301 Rúa do Muíño 14 Apt. 5 Vilaboa Pontevedra"),
    ("Adresse: Hintere Gasse 7b Tel: 0711 555 0100", "Hintere Gasse 7b"),
    ("Here is my address:\n\n5120 Lindqvistova 88 Apt. 3\nSt Albans, QX 40417",
     "5120 Lindqvistova 88 Apt. 3\nSt Albans, QX 40417"),
])
def test_the_line_after_an_address_label_is_an_address(text, found):
    assert found in addresses(text)


@pytest.mark.parametrize("text", [
    "E-mail address: jo.doe@example.org",
    "IP address: 192.168.10.24",
    "MAC Address: 00:1A:2B:3C:4D:5E",
    "Web address: www.example.org/page2",
    "Address: see below",  # no number
    "Billing address: 12",  # no word
    "Email Address: Box 12 Team",  # an e-mail field, whatever it holds
    "Address:\nPhone: 0161 496 0000",  # an empty label, then another field
    "My address: I moved to 12 Larch Close last year and love it",  # a sentence
])
def test_labels_of_no_postal_address_or_values_with_no_street_are_left(text):
    assert list(scan_labelled(text)) == []


def test_a_labelled_value_stops_at_a_table_column():
    text = "Address: 4 Ridge Rd     Qty 3\n"
    assert [text[s:e] for s, e in scan_labelled(text)] == ["4 Ridge Rd"]


# --- a building's number, a name and the house number after a cue -----------------------------
def test_a_cued_street_without_a_street_word_keeps_its_house_number():
    text = "my new address is 4410 Vesterholm 812\n Suite 5\n Aarby\n Denmark"
    assert addresses(text) == ["4410 Vesterholm 812\n Suite 5\n Aarby\n Denmark"]


# --- city lines: small words inside place names, capitals with an apostrophe -----------------
@pytest.mark.parametrize("text, found", [
    ("Ship to 77 Harrow Road\nSanta Luzia do Norte, QX 40417", "77 Harrow Road\nSanta Luzia do Norte, QX 40417"),
    ("Ship to 77 Harrow Road\nHrádek nad Metují\nCzech Republic", "77 Harrow Road\nHrádek nad Metují\nCzech Republic"),
    ("Ship to 77 Harrow Road\n BISHOP'S CROSS\n United Kingdom", "77 Harrow Road\n BISHOP'S CROSS\n United Kingdom"),
    ("Ship to 77 Harrow Road\n Suite 4\n Santa Cruz de la Sierra\n Bolivia 40417",
     "77 Harrow Road\n Suite 4\n Santa Cruz de la Sierra\n Bolivia 40417"),
])
def test_city_lines_with_particles_and_apostrophes_belong_to_the_block(text, found):
    assert addresses(text) == [found]


def test_a_heading_of_four_capitalised_words_still_ends_the_block():
    text = "Ship to 77 Harrow Road\n Suite 4\nOrder Summary Payment Details\n"
    assert addresses(text) == ["77 Harrow Road\n Suite 4"]


# --- an intersection named by a landmark ------------------------------------------------------
def test_a_corner_of_a_street_and_a_landmark_is_an_address():
    text = "We met on the corner of Velden 12 and Rosewood Club yesterday."
    assert addresses(text) == ["the corner of Velden 12 and Rosewood Club"]


@pytest.mark.parametrize("text", [
    "Put it in the corner of the room and the Club room.",  # prose on both sides
    "the corner of Velden 12 and Club",  # a landmark word with no name before it
    "the corner of Velden and Rosewood Club",  # the first side is no street either
])
def test_a_landmark_without_a_street_or_a_name_is_no_corner(text):
    assert not any("Club" in value for value in addresses(text))


# --- French streets whose name holds lower-case words after a particle ------------------------
@pytest.mark.parametrize("text, found", [
    ("Go to 4 rue de la vieille Forge, Lyon", "4 rue de la vieille Forge, Lyon"),
    ("Écrivez-moi au 12 rue des petits Champs.", "12 rue des petits Champs"),
])
def test_a_french_street_name_may_hold_lower_case_words_after_a_particle(text, found):
    assert addresses(text) == [found]


@pytest.mark.parametrize("text", [
    "We have 2 route from London to choose from.",  # no particle: prose
    "There are 3 place holders Anna left.",
])
def test_lower_case_words_after_a_french_street_word_without_a_particle_are_prose(text):
    assert addresses(text) == []


# --- an English "-ring" word and a number that read like a "…ring" street ---------------------------------------------------
@pytest.mark.parametrize("text", [
    "During 1958, Northwind-Fabrikam opened new designs.",
    "Spring 2020, Northwind Traders opened an office.",
])
def test_an_english_ing_word_and_a_number_is_no_ring_street(text):
    assert addresses(text) == []


def test_a_ring_street_with_a_house_number_is_still_found():
    assert addresses("Das Büro liegt am Kaiserring 14.") == ["Kaiserring 14"]
    assert addresses("Das Büro liegt am Ostring 1907.") == ["Ostring 1907"]


def test_a_greek_city_line_with_the_increment_sign_for_delta_belongs_to_the_block():
    text = "Ship to 12 Birch Lane\n Apt. 4\n ΑΓΙΑ ∆ΡΟΣΙΑ\n Cyprus 4093"
    assert addresses(text) == ["12 Birch Lane\n Apt. 4\n ΑΓΙΑ ∆ΡΟΣΙΑ\n Cyprus 4093"]


@pytest.mark.parametrize("text, found", [
    ("Shipping address: Rua das Flores 98, 4050-612 Porto, Portugal. Thank you!",
     "Rua das Flores 98, 4050-612 Porto, Portugal"),
    ("Send it to 12 Birch Lane, Mapleton, Canada. Thanks a lot", "12 Birch Lane, Mapleton, Canada"),
    ("Send it to 12 Birch Lane, St. Albans, QX 40417", "12 Birch Lane, St. Albans, QX 40417"),
])
def test_a_sentence_end_closes_the_block(text, found):
    assert [value.rstrip(".") for value in addresses(text)] == [found]  # its full stop may go with it
