"""The PERSON scanners' speed helpers change no answer: the verdict kept for a second look,
the lower-case span refused before trimming, the word gates of the cue rules, the patterns
whose look-behind stands after their first letter. Texts and names written here (made up)."""
import re

import pytest

from flexorch_beam.pii import ner, person_cues, skipping
from flexorch_beam.pii.context import ScanContext
from flexorch_beam.pii.names import LOWER, UPPER


def _span(text, value):
    start = text.index(value)
    return start, start + len(value)


# --- person_verdict: accept_person's checks, kept for the second look ---------------------

@pytest.mark.parametrize("text, value", [
    ("We thanked Tove Lindqvist for the parcel.", "Tove Lindqvist"),
    ("The parcel came from Lindqvist yesterday.", "Lindqvist"),  # one unknown word, no cue
    ("Thanks Lindqvist, see you soon.", "Lindqvist"),  # one unknown word after a greeting
    ("dear Tove, the parcel came.", "dear Tove"),  # a lower-case word then a capital
    ("the parcel came from tove lindqvist.", "tove lindqvist"),  # no capital at all
    ("Report 2024 Summary", "Report 2024"),
])
@pytest.mark.parametrize("name_words", [frozenset(), frozenset({"lindqvist"}), frozenset({"tove"})])
def test_accept_person_is_the_verdict_read_with_the_documents_names(text, value, name_words):
    start, end = _span(text, value)
    lowered = ner.lower_words(text)
    verdict = ner.person_verdict(text, start, end, lowered)
    expected = None if verdict is None else verdict[0] if verdict[1] is None or verdict[1] in name_words else None
    assert ner.accept_person(text, start, end, lowered, name_words=name_words) == expected


def test_one_unknown_word_with_no_cue_waits_for_a_name_of_the_document():
    text = "The parcel came from Lindqvist yesterday."
    start, end = _span(text, "Lindqvist")
    assert ner.person_verdict(text, start, end, ner.lower_words(text)) == ((start, end), "lindqvist")
    assert ner.accept_person(text, start, end, ner.lower_words(text)) is None
    assert ner.accept_person(text, start, end, ner.lower_words(text),
                             name_words=frozenset({"lindqvist"})) == (start, end)


def test_a_cued_or_known_name_needs_no_other_name():
    text = "Thanks Lindqvist, see you soon. We thanked Tove Lindqvist too."
    for value in ("Lindqvist", "Tove Lindqvist"):
        start = text.index(value, 10) if value == "Tove Lindqvist" else text.index(value)
        verdict = ner.person_verdict(text, start, start + len(value), ner.lower_words(text))
        assert verdict is not None and verdict[1] is None


@pytest.mark.parametrize("text, value", [
    ("the parcel came from tove lindqvist.", "tove lindqvist"),
    ("a call with ona keller today", "ona keller"),
    ("forms 12 and 13", "forms 12 and 13"),
])
def test_a_span_with_no_capital_is_refused(text, value):
    assert ner.person_verdict(text, *_span(text, value)) is None


@pytest.mark.parametrize("text, value, kept", [
    ("I said hello to dear Tove yesterday.", "dear Tove", "Tove"),  # the capital survives trimming
    ("Then ona Keller called.", "ona Keller", "Keller"),
    ("Tove said hi.", "Tove", "Tove"),
])
def test_a_span_holding_a_capital_is_still_read(text, value, kept):
    verdict = ner.person_verdict(text, *_span(text, value), ner.lower_words(text))
    assert verdict is not None and text[verdict[0][0]:verdict[0][1]] == kept


# --- the cue rules' word gates -------------------------------------------------------------

GATED = [*person_cues._HUMAN_RULES, *person_cues._RELATION_RULES, person_cues._GATED_BY]
FIRING = [
    "Aldren shouted at the door. Keelby Smiled At Voss!",
    "Voss smiled at Keelby when she came in.",
    "Then Aldren was born in a small town.",
    "Voss had given Keelby his address.",
    "Why is Aldren so impulsive?",
    "Aldren is very reliable. You can always depend on him.",
    "Voss packed her bags and left.",
    "Producer Tavrin Oskevar explained the plan.",
    "My grandmother was called Tavra Oskevar.",
    "Tavrin is from Quillworth LLC.",
    "What's your name? Tavrin Oskevar",
    "Have you read the Oske novel?",
    "\"Blue Hour\" by Tavrin Oske.",
    "Aldren is Shy. Keelby Was Born here.",  # capitalised forms of a rule's words
]
SILENT = ["Invoice 2024-113, total 45.00 EUR", "Quillworth Ltd, Hamburg", "", "x"]


@pytest.mark.parametrize("text", FIRING + SILENT)
def test_a_gated_rule_finds_what_its_pattern_finds(text):
    context = ScanContext.of(text)
    for rule in GATED:
        assert [m.span() for m in rule.finditer(context)] == [m.span() for m in rule.pattern.finditer(text)]


def test_every_gated_rule_fires_on_a_text_and_its_gate_closes_on_one():
    for rule in GATED:
        assert any(rule.pattern.search(text) for text in FIRING), rule.pattern.pattern[:60]
        assert rule.needles is None or any(rule.needles.search(ScanContext.of(text).folded) is None for text in SILENT)


LINES = [
    "\n".join(FIRING),  # every rule fires on some line, most lines hold no rule's words
    "\n".join(FIRING) + "\n",
    "\r\n".join(FIRING),
    "\n\n".join(reversed(FIRING)),
    "Voss smiled at\nKeelby.\nVoss smiled at Keelby",  # a break inside the construction: no match
    "\"Blue Hour\" by Tavrin Oske  \nnext line",  # spaces, then the break a look-ahead reads
    "\"Blue Hour\" by Tavrin Oske",  # the last line has no break
    "x\"Blue Hour\" by Tavrin Oske\n\"Red\" by Ona Keller.",
    "Tavrin is from\nQuillworth LLC.\nTavrin is from Quillworth LLC.\nAldren Voss listed his top songs.",
]


@pytest.mark.parametrize("text", LINES)
def test_a_rule_read_line_by_line_finds_what_its_pattern_finds_in_the_whole_text(text):
    context = ScanContext.of(text)
    for rule in GATED:
        assert [(m.span(), m.groups()) for m in rule.finditer(context)] == \
            [(m.span(), m.groups()) for m in rule.pattern.finditer(text)]
    assert all(rule.one_line is False or rule.needles is not None for rule in GATED)
    assert sum(rule.one_line for rule in GATED) == 5


@pytest.mark.parametrize("rule, words", [
    (person_cues._HUMAN_RULES[1], person_cues._AT_VERBS.split()),
    (person_cues._RELATION_RULES[1], ["from", "with"]),
    (person_cues._RELATION_RULES[2], ["name"]),
    (person_cues._HUMAN_RULES[6], ["his", "her"]),
    (person_cues._RELATION_RULES[0], ["called", "named"]),
    (person_cues._GATED_BY, ["by"]),
])
def test_a_gate_opens_on_each_of_its_words_lower_case_or_capitalised(rule, words):
    for word in words:
        for written in (word, word[:1].upper() + word[1:]):
            assert rule.needles.search(ScanContext.of(f"x {written} y").folded) is not None, written
    assert rule.needles.search(ScanContext.of("x y z").folded) is None


# --- patterns whose look-behind stands after their first letter ------------------------------

BEFORE = {  # the patterns as written before: the look-behind first
    "_TITLE_WORD": rf"(?<![\w'’.@/-])[{UPPER}][{LOWER}]+(?![\w'’-]|\.\w)",
    "_INITIAL_NAME": (rf"(?<![\w'’.@/-])([{UPPER}][{LOWER}]+)[ \t]+(?:([{UPPER}])\.|(?![AI][ \t])([{UPPER}]))[ \t]+"
                      rf"([{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?)(?![\w'’-]|\.\w)"),
    "_NAME_LIST": rf"(?<![\w'’.-]){ner._LIST_WORD}(?:(?:,[ \t]*(?:and[ \t]+|&[ \t]*)?|[ \t]+(?:and|&)[ \t]+){ner._LIST_WORD})+",
}
EDGE_TEXTS = ["Ona", "Ona Keller", "xOna", "x-Ona", "e.Ona", "@Ona", "'Ona", "’Ona", "UtaKortig",
              "Ravi K. Menon", "aRavi K. Menon", "-Ravi K Menon", "Ona, Emil and Tove", "x.Ona, Emil and Tove",
              "Øyvind, Åsa & Ülkü", "\nOna", "1Ona", "_Ona", "Ona-Keller", "Ona.x"]


@pytest.mark.parametrize("name", sorted(BEFORE))
@pytest.mark.parametrize("text", EDGE_TEXTS)
def test_the_moved_look_behind_matches_where_the_first_one_did(name, text):
    before, now = re.compile(BEFORE[name]), getattr(ner, name)
    for pos in range(len(text) + 1):  # a scan from inside the text sees the characters before it
        assert [(m.span(), m.groups()) for m in now.finditer(text, pos)] == \
            [(m.span(), m.groups()) for m in before.finditer(text, pos)]


@pytest.mark.parametrize("text", ["is Aldren so shy", "This Aldren so shy", "was Aldren too rude", "-was Aldren so shy",
                                  "remember me, Aldren?", "Blame, Aldren?", "tell us, Voss!", "focus, Voss!",
                                  "your call, Keel?", "yourself, Keel?"])
def test_the_cue_patterns_with_a_moved_look_behind_match_where_the_first_ones_did(text):
    cap = person_cues._CAP
    traited = re.compile(rf"(?<![\w-])(?:is|was)[ \t]+({cap})[ \t]+{person_cues._DEGREE}{person_cues._TRAIT}\b")
    vocative = re.compile(rf"\b(?:me|you|your|us)\b[^.!?\n,]{{0,40}},[ \t]+({cap})[ \t]*[?!]")
    for before, now in ((traited, person_cues._TRAITED_AFTER), (vocative, person_cues._VOCATIVE_CLOSE)):
        assert [m.span(1) for m in now.finditer(text)] == [m.span(1) for m in before.finditer(text)]


# --- the prose's capitalised words, read once for the given-name and surname rules ------------

@pytest.mark.parametrize("text", [
    "Yesterday Tove and Brown met Lindqvist in Oslo. İlkay said thanks to Ida and Yıldız.",
    "Name:    Tove Lindqvist\n\nWe thanked Keller, and Ona wrote back.",
    "", "no capitals here at all",
])
def test_the_prose_title_words_are_every_capitalised_word_of_the_prose_split_by_the_name_lists(text):
    from flexorch_beam.pii.names import first_names, world_first_names
    from flexorch_beam.pii.recognizer import normalize_context

    def fold(word):  # as the scanners fold: "Yıldız" stays "yıldız", "İlkay" is "ilkay"
        return word.lower() if word[0] not in "İI" else normalize_context(word)

    context = ScanContext.of(text)
    given, others = ner.prose_title_words(context)
    words = [(*m.span(), m.group()) for a, b in ner.prose_of(context) for m in ner._TITLE_WORD.finditer(text, a, b)]
    assert sorted(given + others) == sorted((a, b, w, fold(w)) for a, b, w in words)
    assert [g[:3] for g in given] == [w for w in words if fold(w[2]) in first_names() | world_first_names()]
    assert ner.prose_title_words(context) is ner.prose_title_words(context)  # once per document
    if "Tove" in text:
        assert any(w == "Tove" for *_, w, _ in given) and any(w == "Lindqvist" for *_, w, _ in others)


# --- names in a lower-case text: the phrases asked only where they can stand -----------------

LOWER_TEXTS = [
    "hi lena, my name is tavo moor. call me tavo.",
    "hello bob, thanks for the parcel. see you, anna kowal.",
    "thanks again, we met with the team yesterday.",
    "everyone calls me lenka. my last name is oskevar",
    "call me back later please, the name's bond",
    "i spoke to ona keller and then to the bank. hello emil!",
    "follow up with lena k. moor in may. dear sir, regards",
    "my first name is? uh. named him tavrin, named her ona",
]


def _first_loop_as_before(text):
    """The lower-case rule's first loop as written before its gates (the reference)."""
    out = []
    for match in re.finditer(rf"(?<![\w'’.@/-]){person_cues._LOW}", text):
        start = match.start()
        window = text[max(0, start - 40):start]
        line_start = text.rfind("\n", 0, start) + 1
        if person_cues._NAMING.search(window):
            span = person_cues._lower_name_at(text, start, False)
        elif ner._PERSON_BEFORE.search(text, max(line_start, start - 40), start):
            span = person_cues._lower_name_at(text, start, True)
        else:
            continue
        if span is not None:
            out.append((*span, person_cues.SCORE))
    return out


@pytest.mark.parametrize("text", LOWER_TEXTS)
def test_the_lower_case_rule_finds_what_it_found_before_its_gates(text):
    context = ScanContext.of(text)
    assert ner.lower_case_of(context)
    expected = _first_loop_as_before(text)
    assert list(person_cues.scan_lower_case(context))[:len(expected)] == expected


def test_the_lower_case_rule_reference_finds_names_after_both_kinds_of_cue():
    found = [text[a:b] for text in LOWER_TEXTS for a, b, _ in _first_loop_as_before(text)]
    assert "tavo moor" in found and "lena" in found and "oskevar" in found  # naming phrases
    assert "emil" in found or "bob" in found  # a greeting before a known given name
    assert "back" not in found


def test_the_block_rule_reads_the_phone_modules_country_names_built_once():
    from flexorch_beam.pii import name_block, phones

    assert name_block.country_names is phones.country_names
    assert phones.country_names() is phones.country_names()
    assert "germany" in phones.country_names() and "oskevar" not in phones.country_names()


# --- the subject patterns, tried only where a capitalised word has one of their words after it -

SUBJECT_TEXTS = FIRING + LINES + [
    "Anne-Marie shouted at the driver. Anne-marie smiled.",
    "Aldren  was born\tthere; Voss\thad given Keelby his pen and Keelby has given Ona her keys.",
    "Island Voss is so shy. Voss seemed rude, she said. Voss Keel Aldren was very calm. Then he left.",
    "Aldren Voss shouted. x-Keel smiled. O'Brien smiled. Mc.Keel smiled. @Keel smiled.",
    "Keel is", "Keel", "", "Quillworth Ltd is a company. It was founded by him.",
]


@pytest.mark.parametrize("text", SUBJECT_TEXTS)
def test_a_subject_pattern_tried_at_its_starts_finds_what_its_scan_finds(text):
    starts = [m.start() for m in person_cues._SUBJECT_START.finditer(text)]
    for pattern in person_cues._AT_SUBJECTS:
        assert [(m.span(), m.groups()) for m in skipping.matches_at(pattern, text, starts)] == \
            [(m.span(), m.groups()) for m in pattern.finditer(text)]


def test_the_subject_patterns_fire_on_the_texts_and_no_start_means_no_match():
    for pattern in person_cues._AT_SUBJECTS:
        assert any(pattern.search(text) for text in SUBJECT_TEXTS), pattern.pattern[:40]
    text = "Quillworth Ltd, Hamburg. Invoice Total: 45.00"
    assert not list(person_cues._SUBJECT_START.finditer(text))
    assert not any(pattern.search(text) for pattern in person_cues._AT_SUBJECTS)
