"""The skipping scan finds what ``finditer`` finds: its first-character class holds every
character a match can start with (case-insensitive letters, non-ASCII folds, digits of any
script, a look-ahead's own first characters), and the scans wrapped with it give the same
matches as their plain patterns on edge texts and on generated documents. Texts made up."""
import re

import pytest

from flexorch_beam.pii import address, address_label, global_ids, phones
from flexorch_beam.pii.labelled import generate
from flexorch_beam.pii.skipping import Skipping, first_class


def spans(matches):
    return [(m.span(), m.groups()) for m in matches]


def same(pattern, text, pos=0, endpos=None):
    end = len(text) if endpos is None else endpos
    return spans(Skipping(pattern).finditer(text, pos, endpos)) == spans(pattern.finditer(text, pos, end))


def test_the_class_holds_each_alternatives_first_character_and_no_other():
    first = first_class(re.compile(r"(?<![\w.])(?:Via|Calle|\d{1,4} rue)"))
    finder = re.compile(first)
    for char in "VC0٣":  # "٣": an Arabic-Indic digit is a \d too
        assert finder.fullmatch(char), char
    for char in "vcRa .":
        assert not finder.fullmatch(char), char


def test_case_insensitive_letters_take_both_cases_and_every_non_ascii_fold():
    finder = re.compile(first_class(re.compile(r"(?<!\w)(?i:street|kai)")))
    for char in "sSkK\u017f\u212a":  # long s and the Kelvin sign fold to "s" and "k"
        assert finder.fullmatch(char), char
    assert not finder.fullmatch("t") and not finder.fullmatch("a")


def test_a_lookahead_gives_the_first_characters_of_a_position_finder():
    first = first_class(re.compile(r"(?<![\w])(?=(?:lives at|moved to))"))
    assert re.fullmatch(first, "l") and re.fullmatch(first, "m") and not re.fullmatch(first, "x")


@pytest.mark.parametrize("source", [r"a?", r"\w*", r"[^x]y", r".y", r"(?:x|)", r"x?(?=y)z?"])
def test_no_class_when_a_match_may_be_empty_or_start_anywhere(source):
    assert first_class(re.compile(source)) is None


def test_no_class_still_scans_as_finditer():
    pattern = re.compile(r"[^x]y")
    assert same(pattern, "ay by xy\ncy")


EDGE_TEXTS = [
    "", "Via Roma 5", " Via Roma 5", "xVia Roma 5", "Via Roma 5Via Roma 6", "Via Roma 5 Via Roma 6",
    "\nVia Roma 5\n", "12 rue de la Paix", "Via Via Roma 5", "V" * 50, "Via Roma 5" * 3,
]


@pytest.mark.parametrize("text", EDGE_TEXTS)
def test_matches_at_the_texts_edges_next_to_each_other_and_overlapping_tries(text):
    assert same(address._PREFIXED, text)
    assert same(re.compile(r"(?<![\w])(?=Via)"), text)  # zero-width: every place once


def test_pos_and_endpos_bound_the_scan_as_they_bound_finditer():
    text = "Via Roma 5\nVia Po 12\nVia Roma 5"
    for pos in range(len(text) + 1):
        for endpos in (pos, pos + 3, text.index("\n", min(pos, 11)) if "\n" in text[pos:] else len(text),
                       len(text)):
            assert same(address._PREFIXED, text, pos, endpos), (pos, endpos)


def test_a_newline_may_open_a_match():
    pattern = re.compile(r"(?<=:)\n[ \t]*\d+")
    assert same(pattern, "Nr:\n 12\nNr:\n34")
    assert [m.group() for m in Skipping(pattern).finditer("Nr:\n 12")] == ["\n 12"]


SCANS = [address._PREFIXED, address._STRONG, address._PO_BOX, address._CUE_AT, address._INLINE,
         address._ANCHOR, address_label._LABEL, global_ids._IP_SCAN, phones._CALLING]


@pytest.mark.parametrize("pattern", SCANS, ids=lambda p: p.pattern[:30])
def test_the_wrapped_scans_skip_and_find_what_finditer_finds(pattern):
    assert Skipping(pattern)._finder is not None  # else the scan is no faster
    texts = [d.text for d in generate(seed=3, docs=6, per_type=1)] + [
        "Ship to: 12 Oak Street, Springfield, IL 62704\nP.O. Box 4411 and Via Roma 5, 00184 Roma",
        "lives at 41 Rosewood, Leeds\nAdresse: Am Markt 3\n10.0.0.1 and 2001:db8::1, +44 20 7946 0000",
        "ADDRESS: 5 avenue Samson\n221B Baker Street\nLukretiavej 12, 8000 Aarhus\nBağdat Cad. No: 12",
    ]
    for text in texts:
        assert same(pattern, text), text[:40]
        assert same(pattern, text.lower()) and same(pattern, text.upper())
