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
         address_label._LABEL, global_ids._IP_SCAN, phones._CALLING]


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


# --- the digit gate of the address scan ------------------------------------------------------
import re._constants as sre  # noqa: E402
import re._parser as sre_parse  # noqa: E402

from flexorch_beam.pii import scan  # noqa: E402
from flexorch_beam.pii.context import normalize_context  # noqa: E402
from flexorch_beam.pii.catalog import select  # noqa: E402
from flexorch_beam.pii.scan import Detector  # noqa: E402

_DIGIT_ITEMS = {(sre.CATEGORY, sre.CATEGORY_DIGIT)}


def _needs_digit(items) -> bool:
    """Every way through ``items`` reads a \\d (consumed, or in a positive look-around)."""
    return any(_item_needs_digit(op, av) for op, av in items)


def _item_needs_digit(op, av) -> bool:
    if op is sre.LITERAL:
        return chr(av).isdecimal() and re.fullmatch(r"\d", chr(av)) is not None
    if op is sre.IN:
        return all((o, a) in _DIGIT_ITEMS or o is sre.RANGE and 48 <= a[0] <= a[1] <= 57
                   or o is sre.LITERAL and 48 <= a <= 57 for o, a in av)
    if op is sre.SUBPATTERN:
        return _needs_digit(av[3].data)
    if op is sre.BRANCH:
        return all(_needs_digit(branch.data) for branch in av[1])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return av[0] >= 1 and _needs_digit(av[2].data)
    if op is sre.ASSERT:
        return _needs_digit(av[1].data)
    return False


@pytest.mark.parametrize("pattern", address.DIGIT_SCANS + (scan._CANDIDATE, scan._LOWER_VALUE),
                         ids=lambda p: p.pattern[:30])
def test_every_match_of_a_gated_pattern_needs_a_digit(pattern):
    assert _needs_digit(sre_parse.parse(pattern.pattern, pattern.flags).data)


def test_the_digit_check_knows_a_pattern_that_can_match_without_one():
    for source in (r"\d?x", r"(?:\d|x)", r"[0-9a]", r"(?!\d)x", r"Cad\.(?: No \d+)?"):
        assert not _needs_digit(sre_parse.parse(source).data), source
    for source in (r"\d", r"(?:\d|[0-9])x", r"x(?=\d)", r"(?<=\d)x", r"\d{1,4}", r"(?:a\d|\d+b)"):
        assert _needs_digit(sre_parse.parse(source).data), source


DIGITLESS = ["Ship to Oak Street, Springfield", "Via Roma, Roma", "lives at Rosewood, Leeds",
             "Bağdat Caddesi, Kadıköy", "P.O. Box", "address: Main Street"]


@pytest.mark.parametrize("text", DIGITLESS)
def test_an_address_scan_of_a_digitless_text_is_the_ungated_one(text, monkeypatch):
    folded = normalize_context(text)
    assert all(p.search(text) is None for p in address.DIGIT_SCANS)
    gated = list(address._scan_address(text, folded))
    monkeypatch.setattr(address, "_ANY_DIGIT", re.compile(r""))  # the gate always open
    assert list(address._scan_address(text, folded)) == gated


def test_one_digit_of_any_script_opens_the_gate():
    text = "Ship to 12 Oak Street, Springfield, IL 62704"
    assert list(address._scan_address(text, normalize_context(text))) != []
    assert address._ANY_DIGIT.search("Via Roma ٣") is not None  # an Arabic-Indic digit is a \d
    assert address._PREFIXED.search("Via Roma 5, Roma") is not None  # the same text with a number


@pytest.mark.parametrize("text", ["", "no digit at all: IBAN GB NAWI, SSN, Tel", "Şişli İstanbul"])
def test_the_detectors_digit_gate_skips_only_passes_that_find_nothing(text):
    detector = Detector(select((), ()))
    found = []
    assert detector._scan_candidates(text, normalize_context(text), found) == [] and found == []
    assert scan.upper_prefixes(text) == text


def test_a_text_with_digits_still_reaches_the_candidate_pass_and_the_lower_case_iban():
    detector = Detector(select((), ()))
    assert [m.type for m in detector.detect("SSN 536-22-8726")] == ["US_SSN"]
    assert [m.type for m in detector.detect("iban gb82west12345698765432")] == ["IBAN"]
