"""The speed helpers change no answer: the line index and its per-line memo, the name check's
line verdict, the first-unit search of every_occurrence at its FREQUENT edge. Texts and
names written here (made up)."""
import pytest

from flexorch_beam.pii import ner, occurrences
from flexorch_beam.pii.context import ScanContext
from flexorch_beam.pii.lines import Lines, line_bounds
from flexorch_beam.pii.scan import Match

EDGES = ["", "\n", "\n\n", "one line", "\nstarts with a break", "ends with a break\n",
         "a\n\nb\nc", "x\ny\n\n\nz\n"]


@pytest.mark.parametrize("text", EDGES)
def test_the_line_index_gives_the_bounds_find_and_rfind_give(text):
    lines = Lines(text, len)
    for position in range(len(text) + 1):
        assert lines.bounds(position) == line_bounds(text, position), position


def test_a_line_verdict_is_computed_once_per_line_and_is_the_lines_own():
    text = "Anna Berg lives here\nno names\n\nAnna Berg again"
    calls = []

    def verdict(line):
        calls.append(line)
        return line.upper()

    lines = Lines(text, verdict)
    assert lines.of(0) == lines.of(5) == "ANNA BERG LIVES HERE"
    assert lines.of(text.index("no")) == "NO NAMES"
    assert lines.of(text.index("\n\n") + 1) == ""
    assert lines.of(len(text)) == "ANNA BERG AGAIN"
    assert calls == ["Anna Berg lives here", "no names", "", "Anna Berg again"]


def test_line_verdict_table_rows_and_list_lines():
    assert ner.line_verdict("Name:   Tove Lindqvist") == (True, False)  # three spaces: a row
    assert ner.line_verdict("Name:  Tove Lindqvist") == (False, False)
    eight = "Oslo Bergen Trondheim Stavanger Tromso Bodo Alta Molde"
    assert ner.line_verdict(eight) == (False, True)  # eight words, no function word: a list
    assert ner.line_verdict(eight.rsplit(" ", 1)[0]) == (False, False)  # seven: too short
    assert ner.line_verdict(eight.replace("Tromso", "and")) == (False, False)
    assert ner.line_verdict(eight.replace("Tromso", "THE")) == (False, False)  # any case


SENTENCES = [
    "Yesterday we met Tove Lindqvist at the station and she said hello.",
    "Oslo Bergen Trondheim Stavanger Tromso Bodo Alta Tove Lindqvist Molde",
    "Name:    Tove Lindqvist\nThanks Tove Lindqvist for the parcel.",
    "Kontakt   Tove Lindqvist   Tel",
    "Please ask Tove Lindqvist, she knows.\nAnnual Report Summary Figures Tables Notes Tove Lindqvist",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_accept_person_answers_the_same_with_the_documents_line_index(text):
    context = ScanContext.of(text)
    start = text.index("Tove Lindqvist")
    while start >= 0:
        end = start + len("Tove Lindqvist")
        alone = ner.accept_person(text, start, end, frozenset(), 0.0, context.folded)
        indexed = ner.accept_person(text, start, end, frozenset(), 0.0, context.folded,
                                    lines=ner.line_verdicts(context))
        assert alone == indexed, (text, start)
        start = text.find("Tove Lindqvist", end)


def test_the_line_index_changes_accepted_and_refused_alike():
    # one accepted, one refused on a list line: the index must give both answers
    text = SENTENCES[0] + "\n" + SENTENCES[1]
    context = ScanContext.of(text)
    first = text.index("Tove Lindqvist")
    second = text.index("Tove Lindqvist", first + 1)
    lines = ner.line_verdicts(context)
    assert ner.accept_person(text, first, first + 14, folded=context.folded, lines=lines) == (first, first + 14)
    assert ner.accept_person(text, second, second + 14, folded=context.folded, lines=lines) is None


def _reference_starts(folded, target):
    positions, at = [], folded.find(target.units[0])
    while at >= 0:
        positions.append(at)
        at = folded.find(target.units[0], at + 1)
    return [p for p in positions if target.match_at(folded, p, folded) >= 0]


@pytest.mark.parametrize("copies", [3, 4, 5])
def test_the_first_unit_search_at_the_frequent_edge(monkeypatch, copies):
    # FREQUENT places of the first unit: the plain search; one more: the regex; both must
    # keep every place where the whole value follows (and the regex may drop the others)
    monkeypatch.setattr(occurrences, "FREQUENT", 4)
    text = "kirsi " * (copies - 1) + "Kirsi Vainio and kirsi\nvainio"
    target = occurrences._Value("PERSON", "Kirsi Vainio")
    starts = occurrences._starts(text.lower(), target)
    assert [p for p in starts if target.match_at(text.lower(), p, text) >= 0] == \
        _reference_starts(text.lower(), target)
    assert len(_reference_starts(text.lower(), target)) == 2
    if copies + 1 <= 4:
        assert len(starts) == copies + 1  # every place of "kirsi"
    else:
        assert len(starts) == 2  # only the places followed by "vainio"


def test_every_occurrence_finds_the_same_on_both_sides_of_the_edge(monkeypatch):
    text = "kirsi " * 4 + "Kirsi Vainio signed; later kirsi\nvainio"
    found = [Match("PERSON", "GLOBAL", text.index("Kirsi"), text.index("Kirsi") + 12, 0.6, 0)]
    monkeypatch.setattr(occurrences, "FREQUENT", 10**9)
    reference = occurrences.every_occurrence(text, found)
    for frequent in (4, 5, 6):
        monkeypatch.setattr(occurrences, "FREQUENT", frequent)
        assert occurrences.every_occurrence(text, found) == reference
    assert len(reference) == 2


def _find_loop(text, word):
    out, at = [], text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + 1)
    return out


@pytest.mark.parametrize("words", [
    ["aa"],  # overlaps itself: "aaaa" holds it three times
    ["ab", "abc", "abcd", "b", "bc"],  # prefixes of one another, and inside one another
    ["kirsi", "kir", "vainio", "12", "123", "1234", "x.y", "(1)"],  # digits and regex characters
    ["nowhere"],
    [],
])
def test_trie_places_are_the_places_a_find_loop_per_word_gives(words):
    from flexorch_beam.pii.trie import places

    text = "aaaa abcd abc ab b bc kirsi vainio kir 1234 123 12 x.y xzy (1) 1 abcde"
    found = places(text, words + words[:1])  # a repeated word is looked for once
    assert found == {w: _find_loop(text, w) for w in set(words)}


def test_every_occurrence_is_the_same_with_and_without_the_one_pass_search(monkeypatch):
    names = ["Kirsi Vainio", "Aino Kirsila", "Kirsi Aaltonen", "Otto Vainionpaa"]
    text = " ".join(f"{n} wrote; later {n.split()[1]} and {n.lower()}\n" for n in names) * 3
    found = [Match("PERSON", "GLOBAL", text.index(n), text.index(n) + len(n), 0.6, 0) for n in names]
    monkeypatch.setattr(occurrences, "BATCH_UNITS", 10**9)
    reference = occurrences.every_occurrence(text, found)
    monkeypatch.setattr(occurrences, "BATCH_UNITS", 1)
    monkeypatch.setattr(occurrences, "BATCH_CHARS", 1)
    for frequent in (2, 64):
        monkeypatch.setattr(occurrences, "FREQUENT", frequent)
        assert occurrences.every_occurrence(text, found) == reference
    assert len(reference) > 3 * len(names)


def test_the_one_pass_search_is_used_only_past_both_bounds(monkeypatch):
    target = occurrences._Value("PERSON", "Kirsi Vainio")
    assert occurrences._first_unit_places("kirsi vainio", [target]) is None  # too few, too short
    monkeypatch.setattr(occurrences, "BATCH_UNITS", 1)
    assert occurrences._first_unit_places("kirsi vainio", [target]) is None  # text too short
    monkeypatch.setattr(occurrences, "BATCH_CHARS", 1)
    assert occurrences._first_unit_places("kirsi vainio kirsi", [target]) == {"kirsi": [0, 13]}


def test_an_index_of_another_text_is_not_read():
    text = SENTENCES[1]
    start = text.index("Tove Lindqvist")
    other = Lines("Tove Lindqvist", lambda line: (False, False))  # would accept it
    assert ner.accept_person(text, start, start + 14, lines=other) is None  # a list line


CUED_TEXTS = [
    "She lives at 12 Birch Lane, Apt 4 and moved to 7 Elm Road.",
    "Adresse: 88. Anschrift: Lindenweg 5; ship it to 1200 and mail them to 42 Oak Street",
    "addressed to 404; address is 12 Main Street Suite 9 address 1999",  # a year is no house number
    "the office at the Harbour 3 living at2 Pine Road relives at 5 Oak Road",  # no cue inside a word
    "no cue here at 12 Oak Road",
    "",
]


@pytest.mark.parametrize("text", CUED_TEXTS)
def test_matches_at_the_cue_starts_are_finditers_matches(text):
    from flexorch_beam.pii import address

    cues = [m.start() for m in address._CUE_AT.finditer(text)]
    for pattern in (address._CUED, address._CUED_NUMBER):
        assert [m.span() for m in address.matches_at(pattern, text, cues)] == \
            [m.span() for m in pattern.finditer(text)]
    if text.startswith("She"):
        assert len(list(address.matches_at(address._CUED, text, cues))) == 2


@pytest.mark.parametrize("spans", [
    [], [(3, 3)], [(0, 1)], [(2, 9)], [(2, 5), (4, 9)], [(2, 5), (5, 9)], [(8, 20), (0, 3)],
    [(2, 9), (3, 4)], [(5, 6), (5, 6)],
])
def test_count_inside_counts_what_testing_every_position_counts(spans):
    positions = [0, 2, 3, 4, 5, 5, 8, 9, 12]  # ascending, a repeated place too
    expected = sum(1 for at in positions if any(s <= at < e for s, e in spans))
    assert occurrences.count_inside(positions, spans) == expected
