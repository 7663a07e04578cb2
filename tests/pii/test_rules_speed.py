"""The PII rules' speed helpers change no answer: the lower-case word search of
``occurrences`` finds exactly what the look-behind-first pattern it replaced found, at the
text's edges and next to the characters that join words. Texts made up."""
import re

import pytest

from flexorch_beam.pii.occurrences import lower_word_pattern


def old_pattern(word):
    return rf"(?<![\w'’-]){re.escape(word.lower())}(?![\w'’-])"


TEXTS = ["", "ann", "Ann", "ann.", " ann", "xann", "1ann", "_ann", "'ann", "’ann", "-ann", "ann-",
         "anna", "ann's", "hi ann\n", "joann ann", "annann", "ANN ann", ".ann", "(ann)", "ann\nann"]


@pytest.mark.parametrize("text", TEXTS)
def test_the_literal_first_pattern_finds_what_the_look_behind_first_one_found(text):
    for word in ("Ann", "ANN", "Eli"):
        old = [m.span() for m in re.finditer(old_pattern(word), text)]
        assert [m.span() for m in re.finditer(lower_word_pattern(word), text)] == old


def test_a_word_of_its_own_is_found_and_a_part_of_a_word_is_not():
    assert re.search(lower_word_pattern("Ann"), "ann") is not None
    assert re.search(lower_word_pattern("Ann"), "so ann said") is not None
    assert re.search(lower_word_pattern("Ann"), "joann") is None
    assert re.search(lower_word_pattern("Ann"), "d'ann") is None
    assert re.search(lower_word_pattern("Ann"), "annual") is None


# --- the street-word test as four searches ---------------------------------------------------
import random  # noqa: E402

from flexorch_beam.pii import address, ner  # noqa: E402


def _fragments():
    words = [w.replace("\\", "") for part in (address._EU_STREET, address.TR_STREET, address.DE_STREET,
                                              address.EN_STREET) for w in part.split("|")]
    return words + ["x", " ", ".", "-", "'", "5", "İ", "ı", "ſ", "\u212a", "é", "\n", "Path", "irana"]


def _values(seed, count=3000):
    rng = random.Random(seed)
    pieces = _fragments()
    for _ in range(count):
        value = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 5)))
        yield rng.choice([value, value.upper(), value.lower(), value.title()])


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_the_four_searches_find_a_street_word_exactly_where_the_alternation_does(seed):
    for value in _values(seed):
        assert address.has_street_word(value) == (address._STREET_WORD.search(value) is not None), value
        assert address.any_search(ner._STREET_WORD_END_TESTS, value) == (
            ner._STREET_WORD_END.search(value) is not None), value


@pytest.mark.parametrize("value, found", [
    ("12 Oak Street", True), ("Pathirana", False), ("Path", True), ("ul. Długa 5", False),
    ("RUE DE LA PAIX", True), ("Hauptstraße 5", True), ("Bağdat Cad. 12", True), ("Strasses", False),
    ("ſtrasse", True), ("", False), ("no street here", False)])
def test_street_word_edges(value, found):
    assert address.any_search(ner._STREET_WORD_END_TESTS, value) == found
    assert (ner._STREET_WORD_END.search(value) is not None) == found


# --- normalize_context's ASCII path ----------------------------------------------------------
from flexorch_beam.pii.context import normalize_context  # noqa: E402


def _old_normalize(text):
    folded = text.replace("İ", "i").replace("I", "i").replace("ı", "i").lower()
    if len(folded) != len(text):
        folded = "".join(c.lower()[:1] for c in text.replace("İ", "i").replace("I", "i").replace("ı", "i"))
    return folded


@pytest.mark.parametrize("text", ["", "I", "IBAN DE89", "ıI", "İSTANBUL", "Straße", "ẞ", "A\x7f", "A\x80",
                                  "İi̇", "ǅ", "TCKN: 12345678901", "\n\t ~", "KIRMIZI ışık", "Σ ΣΑΣ"])
def test_the_ascii_path_folds_as_the_full_one(text):
    assert normalize_context(text) == _old_normalize(text)
    assert len(normalize_context(text)) == len(text)


def test_every_ascii_character_folds_as_before():
    text = "".join(map(chr, range(128)))
    assert text.isascii() and normalize_context(text) == _old_normalize(text)


# --- the colon gate of the address label ------------------------------------------------------
from flexorch_beam.pii import address_label  # noqa: E402


def test_every_address_label_match_holds_a_colon():
    for text in ("Address: 12 Oak St", "address:\n12 Oak St", "Adresse : Am Markt 3", "cím:5 utca 2"):
        assert all(":" in m.group() for m in address_label._LABEL.finditer(text))
        assert list(address_label.scan_labelled(text)) != []


@pytest.mark.parametrize("text", ["Address 12 Oak St", "address\n12 Oak St", "", "Anschrift Am Markt 3"])
def test_without_a_colon_no_label_is_found_gated_or_not(text):
    assert list(address_label._LABEL.finditer(text)) == []
    assert list(address_label.scan_labelled(text)) == []
