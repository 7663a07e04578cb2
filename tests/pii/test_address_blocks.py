"""Issue 14: an address block is masked whole: in quoted replies, with its unit and country
lines, and without the closing line after it (made-up values)."""
import pytest

from flexorch_beam.pii import address
from flexorch_beam.pii.step import detect


def addresses(text):
    return [text[m.start:m.end] for m in detect(text) if m.type == "ADDRESS"]


def test_quote_markers_become_spaces_and_keep_offsets():
    text = "Hi,\n> 55 Rosewood Street\n>> Leeds\n| Suite 4\nplain > text"
    plain = address.unquoted(text)
    assert len(plain) == len(text)
    assert plain == "Hi,\n  55 Rosewood Street\n   Leeds\n  Suite 4\nplain > text"
    other = "Hi,\n??? 55 Rosewood Street\n??? Leeds\n"  # the same marker on two lines in a row
    assert address.unquoted(other) == "Hi,\n    55 Rosewood Street\n    Leeds\n"
    lone = "Is it? Yes.\n?? not a quote\nnext"  # one line alone is no quoted block
    assert address.unquoted(lone) == lone


def test_an_address_in_a_quoted_reply_is_found_as_in_a_plain_one():
    text = ("Please send the parcel to my office:\n> 55 Rosewood Street\n> Suite 12\n"
            "> Springfield\n> Canada 12345\nThanks.")
    assert addresses(text) == ["55 Rosewood Street\n> Suite 12\n> Springfield\n> Canada 12345"]


def test_a_unit_on_the_next_line_and_a_country_line_after_a_blank_one_belong_to_the_address():
    text = "Please send it to:\n 55 Rosewood Street\n Suite 12\n SPRINGFIELD\n\n Canada 12345"
    assert addresses(text) == ["55 Rosewood Street\n Suite 12\n SPRINGFIELD\n\n Canada 12345"]


@pytest.mark.parametrize("text, found", [
    ("Visit 55 Rosewood Street.\nGermany was great.", "55 Rosewood Street"),  # a sentence, no country line
    ("Please send the parcel to:\n55 Rosewood Street\nSpringfield\nThanks", "55 Rosewood Street\nSpringfield"),
    ("Please send the parcel to:\n55 Rosewood Street\nSpringfield\n\nBest regards", "55 Rosewood Street\nSpringfield"),
])
def test_what_follows_an_address_that_is_no_part_of_it_is_left(text, found):
    assert addresses(text) == [found]


@pytest.mark.parametrize("text, found", [
    ("Ship it to 2437 Main St by Monday.", "2437 Main St"),
    ("Ship it to 12 Elm Rd, Leeds LS6 2AB today.", "12 Elm Rd, Leeds LS6 2AB"),
])
def test_street_abbreviations_without_their_dot(text, found):
    assert addresses(text) == [found]


def test_an_abbreviation_after_a_number_that_is_no_street_is_left():
    assert addresses("We ordered 12 Rd signs and 3 St Louis maps.") == []


def test_a_building_number_opening_the_line_before_the_house_number_is_taken_in():
    text = "Ship it to:\n479 95 Oak Street\nLeeds LS6 2AB"
    assert addresses(text) == ["479 95 Oak Street\nLeeds LS6 2AB"]
    for text in ("Ship it to:\n2019 95 Oak Street",  # a year is no building number
                 "Ship it to:\nRef 12 95 Oak Street"):  # nor a number after a word
        assert address.extend_back(text, text.index("95")) == text.index("95")
