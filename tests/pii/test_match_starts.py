"""MatchStarts answers every range search as the pattern's own search does: ranges that cut
a date short, ranges that start or end on a match's first character, long ranges (the
index) and short ones (direct), and it refuses a pattern whose match depends on what stands
around it. Texts made up (no personal data)."""
import random
import re

import pytest

from flexorch_beam.pii import ner
from flexorch_beam.pii.match_starts import DIRECT, MatchStarts, plain

DATE = ner._DATE


def long_text(seed: int) -> str:
    rng = random.Random(seed)
    pieces = ["12/05/2021", "3.4.99", "2021-1-7", "1/2/3", "12/05/2", "x", " ", "7", "/", "-", "Oak St 5",
              "\n", "12345/67/890"]
    return "".join(rng.choice(pieces) for _ in range(1500))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_range_gets_the_patterns_own_answer(seed):
    text = long_text(seed)
    assert len(text) > 3 * DIRECT
    index = MatchStarts(DATE, text)
    starts = [m.start() for m in re.finditer(f"(?={DATE.pattern})", text)]
    edges = sorted({0, len(text), *starts[:50], *(s + 1 for s in starts[:50]), *starts[-20:]})
    rng = random.Random(seed)
    pairs = [(a, b) for a in edges for b in (a, a + 7, a + DIRECT + 1, len(text)) if b <= len(text)]
    pairs += [tuple(sorted(rng.sample(range(len(text) + 1), 2))) for _ in range(300)]
    for a, b in pairs:
        expected = DATE.search(text, a, b)
        got = index.search(a, b)
        assert (got and got.span()) == (expected and expected.span()), (a, b)


def test_a_date_cut_short_by_the_range_end_is_no_date_in_the_index_either():
    text = "x" * (DIRECT + 10) + "12/05/2" + "021" + "y" * 10
    index = MatchStarts(DATE, text)
    cut = text.index("12/05/2") + len("12/05/2")
    assert index.search(0, cut) is None and DATE.search(text, 0, cut) is None
    assert index.search(0, cut + 1).group() == "12/05/20" == DATE.search(text, 0, cut + 1).group()


def test_no_date_at_all_and_a_range_past_the_last_one():
    text = ("Oak St 5 " * 400) + "1/2/2020" + (" z" * 1200)
    index = MatchStarts(DATE, text)
    assert index.search(0, len(text)).group() == "1/2/2020"
    after = text.index("1/2/2020") + 1
    assert DATE.search(text, after, len(text)) is None
    assert index.search(after, len(text)) is None
    assert MatchStarts(DATE, "no date " * 600).search(0, 4800) is None


@pytest.mark.parametrize("source", [r"(?<=x)\d", r"\d(?!x)", r"^\d", r"\b\d", r"(\d)\1", r"\d$"])
def test_a_pattern_that_reads_around_its_match_is_refused(source):
    assert not plain(re.compile(source))
    with pytest.raises(ValueError):
        MatchStarts(re.compile(source), "12")


def test_the_date_pattern_is_plain():
    assert plain(DATE)
