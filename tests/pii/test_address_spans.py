"""Whole addresses: the unit, the city, region, postcode and country lines after a street, a
unit or house number before it, addresses in capitals, Central/Eastern European street words,
and the rules' and the model's spans of one address merged (texts written for these tests)."""
import pytest

from flexorch_beam.pii import address, ner
from flexorch_beam.pii.step import detect, mask_text


def found(text, kind="ADDRESS"):
    return [text[m.start:m.end] for m in detect(text) if m.type == kind]


def extended(text, street):
    end = text.index(street) + len(street)
    return text[text.index(street):address.extend(text, end)]


@pytest.mark.parametrize("text, street, whole", [
    # units after the street, then the city line with or without a comma
    ("Send to 12 Main St Apt 5 Springfield IL 62704 today.", "12 Main St",
     "12 Main St Apt 5 Springfield IL 62704"),
    ("Office: 221 Baker Street, Suite 200, Toronto, ON M5V 2T6", "221 Baker Street",
     "221 Baker Street, Suite 200, Toronto, ON M5V 2T6"),
    ("at 10 High Street London SW1A 2AA.", "10 High Street", "10 High Street London SW1A 2AA"),
    ("Lieferung an Ringstraße 4, Whg. 12, 80331 München", "Ringstraße 4",
     "Ringstraße 4, Whg. 12, 80331 München"),
    ("Kargo: Gül Sokak No: 3, Daire 4", "Gül Sokak No: 3", "Gül Sokak No: 3, Daire 4"),
    ("Siège : 5 avenue Foch, Bte 3, 75116 Paris", "5 avenue Foch", "5 avenue Foch, Bte 3, 75116 Paris"),
    ("Sídlo: Národní třída 5, 110 00 Praha", "Národní třída 5", "Národní třída 5, 110 00 Praha"),
])
def test_an_address_takes_its_unit_city_region_and_postcode(text, street, whole):
    assert extended(text, street) == whole


@pytest.mark.parametrize("text, street, whole", [
    # a next line that goes on as prose is no city line
    ("Address: 221B Baker Street, London NW1 6XE\nDear customer, thank you.", "221B Baker Street",
     "221B Baker Street, London NW1 6XE"),
    ("Ship to 4 Elm Road\nThank you for your order", "4 Elm Road", "4 Elm Road"),
    # a date is no city tail: "Main Street 5, 2021 And" must not grow
    ("Hauptstraße 5 2021 was a good year", "Hauptstraße 5", "Hauptstraße 5"),
])
def test_an_address_does_not_take_prose_after_it(text, street, whole):
    assert extended(text, street) == whole


@pytest.mark.parametrize("text, start_at, expected", [
    ("Flat 3, 27 Kingsway, Leeds", "27", "Flat 3, 27 Kingsway, Leeds"),
    ("She lives at 12 Oak Lane now", "Oak", "12 Oak Lane now"),
    ("Suite 400 1200 Market Street", "1200", "Suite 400 1200 Market Street"),
    ("Total 1324          Confirmation Hearing", "Confirmation", "Confirmation Hearing"),
])
def test_a_unit_or_house_number_before_the_span_is_taken_in(text, start_at, expected):
    assert text[address.extend_back(text, text.index(start_at)):] == expected


@pytest.mark.parametrize("value", ["1200 OAK CRESCENT", "77 WILLOW BROOK TRAIL"])
def test_an_address_in_capitals_has_its_street_word(value):
    text = f"Mail the form to {value} this week."
    start = text.index(value)
    assert ner.accept_address(text, start, start + len(value)) == (start, start + len(value))


def test_capitals_with_no_street_word_are_still_no_address():
    text = "Press CHANGE 2M to continue."
    start = text.index("CHANGE")
    assert ner.accept_address(text, start, start + len("CHANGE 2M")) is None


@pytest.mark.parametrize("text, value", [
    ("Cégünk címe: Kossuth Lajos utca 12, 1055 Budapest", "Kossuth Lajos utca 12, 1055 Budapest"),
    ("Birojs atrodas Brīvības iela 21, Rīga", "Brīvības iela 21, Rīga"),
    ("Sediul: Calea Victoriei 12, București", "Calea Victoriei 12, București"),
    ("Oficina en C/ Mayor 3, Madrid", "C/ Mayor 3, Madrid"),
])
def test_central_and_eastern_european_street_words(text, value):
    assert any(value in v for v in found(text)), found(text)


def test_spans_of_one_address_that_overlap_or_touch_are_merged():
    text = "We moved to 12 Oak St, Apt 5\nLeeds LS6 2AB last week."
    spans = [(text.index("12"), text.index(","), 0.7),
             (text.index("Apt"), text.index("\n"), 0.7),
             (text.index("Leeds"), text.index(" last"), 0.85)]
    assert ner.merged(text, spans) == [(text.index("12"), text.index(" last"), 0.85)]
    two = "12 Oak St and later 9 Elm Road"
    spans = [(0, 9, 0.7), (two.index("9 Elm"), len(two), 0.7)]
    assert ner.merged(two, spans) == spans  # prose between them: two addresses


@pytest.mark.parametrize("text", [
    "YEARS ENDED DECEMBER 31, 2021 AND 2020\nASSETS",
    "On May 26, 2020 TMAX shares rose.",
    "Code table\n15 Governing Service Center\n19 Gross Estate\n29 Statute Extension\n",
])
def test_dates_and_numbered_code_rows_are_no_addresses(text):
    assert list(address.scan_address(text)) == []


def test_a_numbered_list_of_real_street_words_is_still_found():
    text = "Our shops:\n1 Main Street\n2 Oak Avenue\n"
    values = [text[s:e] for s, e, _ in address.scan_address(text)]
    assert "1 Main Street" in values and "2 Oak Avenue" in values


def test_masking_leaves_no_part_of_an_address_with_a_unit_and_city():
    text = "Please send the documents to 4127 Maplewood Crossing Apt 12, Springfield, IL 62704 by Friday."
    masked = mask_text(text)
    for part in ("4127", "Maplewood", "Apt 12", "Springfield", "62704"):
        assert part not in masked, masked


def test_a_turkish_street_named_after_a_person_stays_one_address():
    text = "Adres: Şehit Ömer Halisdemir Caddesi No: 49 D: 12, 35250 Konak/İzmir\nTel: yok"
    assert found(text) == ["Şehit Ömer Halisdemir Caddesi No: 49 D: 12, 35250 Konak/İzmir"]
    assert found(text, "PERSON") == []


@pytest.mark.parametrize("value, after", [
    ("Rosewood 12", ", 10115 Berlin"),
    ("88 Briarwood", ", Leeds LS6 2AB"),
    ("Kingsway 4", ", Apt 5"),
])
def test_a_street_with_no_street_word_is_vouched_for_by_its_city_line_or_unit(value, after):
    text = f"Please use {value}{after} for the records."
    start = text.index(value)
    assert ner.accept_address(text, start, start + len(value)) is not None
    bare = f"Please use {value} for the records."
    assert ner.accept_address(bare, start, start + len(value)) is None  # no cue, no tail


def test_a_city_line_in_capitals_alone_is_an_address_piece():
    text = "Ship it to LONDON SW1A 2AA please."
    start = text.index("LONDON")
    assert ner.accept_address(text, start, text.index(" please")) is not None


@pytest.mark.parametrize("text, value", [
    ("The parcel for Kastanienhof 7 came on Monday.", "Kastanienhof 7"),
    ("See Treatment 37 and Diagnosis 21 in the chart.", "Treatment 37"),
    ("We run Windows 10 on every laptop.", "Windows 10"),
])
def test_a_name_and_a_number_alone_is_no_address_however_sure_the_model_is(text, value):
    # on real documents these were chart and form labels ("Treatment 37"), not streets
    start = text.index(value)
    assert ner.accept_address(text, start, start + len(value), sure=0.99) is None


def test_a_number_range_in_a_code_table_opens_no_street():
    text = "5 62-80\n6 14-15 Governing Service Center Code\n6 18-25 Corporation Indicator"
    assert list(address.scan_address(text)) == []


def test_a_rule_span_takes_the_unit_before_it():
    text = "Deliveries: Suite 400, Lindenstraße 12, 10969 Berlin\n"
    assert found(text) == ["Suite 400, Lindenstraße 12, 10969 Berlin"]


@pytest.mark.parametrize("text, value", [
    ("Send the cheque to P.O. Box 4411, Tulsa, OK 74101.", "P.O. Box 4411, Tulsa, OK 74101"),
    ("Postanschrift: Postfach 10 12 34, 10115 Berlin", "Postfach 10 12 34, 10115 Berlin"),
    ("Our office is at 350 5th Avenue, New York, NY 10118.", "350 5th Avenue, New York, NY 10118"),
    ("Visit 500 W. Madison Street, Chicago for details.", "500 W. Madison Street, Chicago"),
    ("Yazışma adresi: P.K. 45, 06100 Ankara", "P.K. 45, 06100 Ankara"),
])
def test_post_office_boxes_numbered_streets_and_directionals(text, value):
    assert value in found(text), found(text)


@pytest.mark.parametrize("text", [
    "The BP 120 reading was taken at 9.",
    "Box 12 of the form is left blank.",
])
def test_a_box_that_is_no_post_office_box(text):
    assert found(text) == []


@pytest.mark.parametrize("text, value", [
    ("In 9:30 Dragon the order was signed.", "9:30 Dragon"),
    ("The letter is dated 16 Haring, 9:41 in the archive.", "16 Haring, 9:41"),
])
def test_times_and_era_dates_are_no_addresses(text, value):
    start = text.index(value)
    assert ner.accept_address(text, start, start + len(value), sure=1.0) is None


def test_a_year_before_a_name_is_no_house_number():
    text = "In 1806 Pfuel drew up the plan."
    assert address.extend_back(text, text.index("Pfuel")) == text.index("Pfuel")


def test_a_phone_number_on_the_next_line_is_not_a_postcode():
    text = "Ship to 12 Harbour Road, Leeds\nLS6 2AB\n020 79 460\nThanks"
    end = address.extend(text, text.index(", Leeds"))
    assert text[:end].endswith("LS6 2AB")
    assert extended("Sídlo: Národní třída 5, 110 00 Praha", "Národní třída 5").endswith("110 00 Praha")


@pytest.mark.parametrize("text, value", [
    ("She lives at 4521.", "4521"),
    ("Please ship it to 4521 before Friday.", "4521"),
])
def test_a_house_number_alone_after_an_address_cue(text, value):
    assert value in found(text), found(text)


@pytest.mark.parametrize("text", [
    "The hut is located at 1200 m above the sea.",
    "We moved to 2020 plans last week.",
    "The office at 1200.5 metres is closed.",
    "The store at 900 am opens.",
])
def test_a_measure_year_or_time_after_a_cue_is_no_house_number(text):
    assert found(text) == []
