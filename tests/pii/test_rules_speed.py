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
