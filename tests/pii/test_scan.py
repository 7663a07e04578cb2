"""The detector core: context scoring, context windows, overlap resolution, wrapped values."""
from flexorch_beam.pii.catalog import select
from flexorch_beam.pii.recognizer import CONTEXT_BOOST, normalize_context
from flexorch_beam.pii.scan import Detector, Match, context_window, resolve_overlaps
from flexorch_beam.pii.step import detect


def score_of(text, type_id):
    return next(m.score for m in detect(text) if m.type == type_id)


def test_context_words_raise_the_score_in_en_tr_de():
    bare = score_of("Ref 10000000146", "TR_TCKN")
    for label in ("TC Kimlik No:", "T.C. KİMLİK NO", "National ID", "TC-Kimlik-Nr."):
        assert score_of(f"{label} 10000000146", "TR_TCKN") == min(1.0, round(bare + CONTEXT_BOOST, 2))
    assert score_of("Telefon: +49 30 12345678", "EU_PHONE") > score_of("+49 30 12345678", "EU_PHONE")
    assert score_of("E-posta: ali@example.com", "EMAIL") > score_of("ali@example.com", "EMAIL")


def test_context_required_types_need_their_own_words():
    assert [m.type for m in detect("PESEL: 44051401359")] == ["PL_PESEL"]
    assert [m.type for m in detect("BSN: 111222333")] == ["NL_BSN"]
    assert detect("BSN-Kopie 111222333") == [] or detect("Ref 111222333") == []
    assert detect("Ref 111222333") == []


def test_context_does_not_leak_from_the_line_above():
    # "SSN" labels the first line only; the plain 9 digits below need their own label
    text = "SSN: 123-45-6789\nPO number 987654321, item 3\n"
    assert [(m.type, text[m.start:m.end]) for m in detect(text)] == [("US_SSN", "123-45-6789")]
    # the same digits as a value found once are that value (pii.occurrences): masked too
    again = "SSN: 123-45-6789\nPO number 123456789, item 3\n"
    assert [(m.type, again[m.start:m.end]) for m in detect(again)] == [
        ("US_SSN", "123-45-6789"), ("US_SSN", "123456789")]


def test_label_on_the_line_above_counts_when_the_value_opens_its_line():
    text = "PESEL\n44051401359\n"
    assert [m.type for m in detect(text)] == ["PL_PESEL"]
    # an XML parent element names the bare "ID:" below it
    assert [m.type for m in detect("PartyIdentification\n  ID: 1234567890\n")] in ([], ["TR_VKN"])


def test_own_short_label_beats_the_line_above():
    # "EGN" labels the value itself: the "Personnummer" above belongs to another value
    text = "Personnummer: 751017-5297\nEGN: 9612161118\n"
    found = [(m.type, text[m.start:m.end]) for m in detect(text)]
    assert ("BG_EGN", "9612161118") in found


def test_context_window_folds_turkish_i():
    text = "T.C. KİMLİK NO: 10000000146"
    window = context_window(text, 16, 27)
    assert "kimlik" not in context_window("T.C. Kimlik No:\n10000000146", 16, 27)
    assert "kimlik" in context_window("T.C. Kimlik No:\n10000000146", 16, 27, above=True)
    assert "kimlik no" in window
    assert normalize_context("İSTANBUL Işık") == "istanbul işik"
    assert len(normalize_context("İİ")) == 2


def test_overlaps_keep_the_best_span():
    a = Match("PERSON", "GLOBAL", 0, 10, 0.6, 40)
    b = Match("ADDRESS", "GLOBAL", 5, 30, 0.75, 41)
    c = Match("EMAIL", "GLOBAL", 30, 45, 0.9, 42)
    d = Match("TR_TCKN", "TR", 50, 61, 0.85, 0)
    e = Match("PL_PESEL", "EU", 50, 61, 0.85, 14)
    f = Match("IP_ADDRESS", "GLOBAL", 52, 58, 0.95, 43)
    assert resolve_overlaps([a, b, c, d, e, f]) == [b, c, f]
    assert resolve_overlaps([d, e]) == [d]  # tie: catalog order
    longer = Match("TR_IBAN", "TR", 0, 20, 0.9, 3)
    shorter = Match("TR_TCKN", "TR", 0, 11, 0.9, 0)
    assert resolve_overlaps([shorter, longer]) == [longer]  # tie on score: the longer span
    assert resolve_overlaps([]) == []


def test_same_span_resolved_by_context():
    # valid as TCKN and PESEL: the PESEL label decides
    value = next(v for v in ("44051401359", "02070803628", "83010411457") if True)
    text = f"PESEL: {value}"
    types = [m.type for m in detect(text)]
    assert types == ["PL_PESEL"]


def test_detector_on_a_narrow_selection_ignores_other_types():
    detector = Detector(select(("EMAIL",)))
    text = "ali@example.com TC 10000000146"
    assert [m.type for m in detector.detect(text)] == ["EMAIL"]
    assert Detector(select(("PERSON",))).detect("Dear John Smith")[0].type == "PERSON"
    assert Detector(select(("TR_TCKN",))).detect("") == []


def test_folding_keeps_offsets_for_any_text():
    text = "İstanbul ẞtraße ŉ ǰ İİ Ärger"
    assert len(normalize_context(text)) == len(text)
    tricky = "ǰ Date of birth: 12.03.1985"
    assert [(m.type, tricky[m.start:m.end]) for m in detect(tricky)] == [("DATE_OF_BIRTH", "12.03.1985")]


# Windows of the shapes the candidate pass meets: values, values in parentheses, label
# prefixes, amounts, dates and table rows.
_WINDOWS = (
    "10000000146", "123-45-6789", "123 45 6789", "+90 532 123 45 67", "0532 123 45 67",
    "(0212) 449 87 25", "(212) 555-0143", "TR33 0006 1005 1978 6457 8413 26",
    "DE89 3704 0044 0532 0130 00", "4111 1111 1111 1111", "111222333", "34 ABC 123",
    "DE 123456789", "2024-03-05", "1.234,56", "0 0 12 3 4", "(4111 1111 1111 1111)",
    "AB 12 34 56 C", "U12345678", "1 85 05 78 006 084 36",
)


def _compact_length(window):
    return len(window.replace("(", "").replace(")", "").translate(str.maketrans("", "", " -./:+#")))


def test_dispatch_regex_names_exactly_the_recognizers_whose_patterns_match():
    detector = Detector(select())
    for window in _WINDOWS:
        length = _compact_length(window)
        if length not in detector._by_length:
            continue
        groups = detector._dispatch[length].match(window).groups()
        for k, recognizer in enumerate(detector._by_length[length]):
            strong = any(p.fullmatch(window) for p in recognizer.compiled)
            weak = any(p.fullmatch(window) for p in recognizer.weak)
            assert (groups[2 * k] is not None, groups[2 * k + 1] is not None) == (strong, weak), (
                recognizer.id, window)


def test_screen_lets_through_every_window_a_recognizer_or_a_claim_would_act_on():
    detector = Detector(select())
    for window in _WINDOWS:
        length = _compact_length(window)
        if length not in detector._by_length:
            continue
        bare = window.strip("()")
        acts = any(p.fullmatch(bare) for r in detector._by_length[length]
                   for p in r.compiled + r.weak) or (length >= 14 and _claims(bare))
        if acts:
            assert detector._screen[length].fullmatch(window) is not None, window
            # the check that lets a long run skip a piece must let this window's piece through
            assert detector._any_shape.match(window + " 0 0 0") is not None, window


def _claims(window):
    from flexorch_beam.pii.scan import _CLAIMS
    return _CLAIMS.fullmatch(window) is not None


def test_number_table_rows_yield_nothing_but_values_inside_them_are_found():
    assert detect("Qty 0 0 12 3 4 0 1 2 284 163 0\n1 2 0 4 111 22 3 0\n") == []
    for text, kind, value in (
        ("Tel 0 0 1 0532 123 45 67 0 1\n", "TR_PHONE", "0532 123 45 67"),
        ("IBAN 0 1 TR33 0006 1005 1978 6457 8413 26 2 0\n", "TR_IBAN", "TR33 0006 1005 1978 6457 8413 26"),
        ("rows 0 0 (212) 555-0143 1 0\n", "US_PHONE", "(212) 555-0143"),
    ):
        assert [(m.type, text[m.start:m.end]) for m in detect(text)] == [(kind, value)]

