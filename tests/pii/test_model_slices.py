"""The model runs only on prose widened by its receptive field, and finds there exactly what a
run over the whole piece finds (``model_slices``, ``ner._entities``)."""
from __future__ import annotations

import pytest

from flexorch_beam.pii import ner, tagger
from flexorch_beam.pii.model_slices import model_slices

WORDS = [f"w{i}" for i in range(20)]


def _text(before: int, after: int) -> tuple[str, int, int]:
    """``before`` words, a needed span "Need Here", ``after`` words; and the span."""
    head = " ".join(WORDS[:before]) + (" " if before else "")
    text = head + "Need Here" + (" " if after else "") + " ".join(WORDS[:after])
    return text, len(head), len(head) + len("Need Here")


def test_the_margin_is_reach_plus_one_chunks_either_side():
    text, s, e = _text(6, 6)
    [(start, end)] = model_slices(text, [(0, len(text))], [(s, e)], reach=2)
    assert text[start:end] == "w3 w4 w5 Need Here w0 w1 w2"


@pytest.mark.parametrize("count, first", [(3, "w0"), (4, "w0"), (5, "w1")])
def test_fewer_chunks_than_the_margin_reach_the_piece_edge(count, first):
    text, s, e = _text(count, count)
    [(start, end)] = model_slices(text, [(0, len(text))], [(s, e)], reach=3)
    assert text[start:].startswith(first)
    assert end == len(text) if count <= 4 else text[:end].endswith("w3")


def test_a_slice_never_crosses_a_piece_edge():
    text, s, e = _text(6, 6)
    cut = text.index("w4")
    pieces = [(0, cut), (cut, len(text))]
    slices = model_slices(text, pieces, [(s, e)], reach=2)
    assert slices == [(text.index("w4"), text.index("w2", s) + 2)]
    before_cut = model_slices(text, pieces, [(0, 2)], reach=3)  # "w0": 3 chunks, then the cut
    assert before_cut == [(0, cut)]


def test_a_span_across_a_piece_cut_is_needed_in_both_pieces():
    text, s, e = _text(6, 6)
    cut = s + len("Need ")
    slices = model_slices(text, [(0, cut), (cut, len(text))], [(s, e)], reach=0)
    assert [text[a:b] for a, b in slices] == ["w5 Need ", "Here w0"]


def test_overlapping_margins_merge_and_far_spans_stay_apart():
    text = " ".join(WORDS)
    span = lambda word: (text.index(word + " "), text.index(word + " ") + len(word))  # noqa: E731
    near = model_slices(text, [(0, len(text))], [span("w5"), span("w8")], reach=1)
    assert [text[a:b] for a, b in near] == ["w3 w4 w5 w6 w7 w8 w9 w10"]
    far = model_slices(text, [(0, len(text))], [span("w5"), span("w10")], reach=1)
    assert [text[a:b] for a, b in far] == ["w3 w4 w5 w6 w7", "w8 w9 w10 w11 w12"]


def test_no_needed_span_no_slice():
    assert model_slices("a b c", [(0, 5)], [], reach=4) == []


def test_long_whitespace_and_long_chunks_are_counted_whole():
    text = "x" * 700 + " " * 900 + "Need" + "\n" * 900 + "y" * 700 + " tail"
    s = text.index("Need")
    [(start, end)] = model_slices(text, [(0, len(text))], [(s, s + 4)], reach=0)
    assert (start, end) == (0, text.index(" tail"))


def test_a_span_edge_inside_a_chunk_takes_the_whole_chunk():
    text = "aa bb ccNEEDdd ee ff"
    s = text.index("NEED")
    [(start, end)] = model_slices(text, [(0, len(text))], [(s, s + 4)], reach=0)
    assert text[start:end] == "bb ccNEEDdd ee"


# -- the model's findings: a run on the slices equals a run on the whole pieces ------------
def _whole_pieces(text: str) -> list[tuple[str, int, int]]:
    """What ``ner._entities`` found before it ran on slices: every piece, kept inside prose."""
    prose = ner.prose_spans(text)
    return [(label, a + start, a + end) for a, b in ner.model_pieces(text)
            for label, start, end, _ in tagger.spans(text[a:b])
            if ner._inside(prose, a + start, a + end)]


FORM = "".join(f"Field {i}: Value {i}\nCode: X{i}-{i * 7}\n" for i in range(40))
PROSE = ("Yesterday the parcel was forwarded by Katarzyna Wojcik to the office, and she "
         "said that Daniel Becker will sign the papers at 42 Oakwood Lane next week.")


@pytest.mark.skipif(not ner.available(), reason="no model")
@pytest.mark.parametrize("text", [
    FORM + "\n" + PROSE + "\n\n" + FORM,  # prose between forms: only its slice runs
    PROSE + "\n\n" + FORM,  # prose at the piece's start: its slice starts there
    FORM + "\n" + PROSE,  # prose at the piece's end
    (FORM + "\n" + PROSE + "\n\n") * 20,  # several pieces (cut at MODEL_CHUNK)
    PROSE,  # a short text: all of it
])
def test_findings_on_slices_equal_findings_on_whole_pieces(text):
    found = [(label, start, end) for label, start, end, _ in ner._entities(text)]
    assert found == _whole_pieces(text)
    assert any(label == "PERSON" for label, *_ in found)


@pytest.mark.skipif(not ner.available(), reason="no model")
def test_a_form_runs_no_model(monkeypatch):
    calls = []
    original = tagger.spans
    monkeypatch.setattr(tagger, "spans", lambda text: calls.append(text) or original(text))
    assert ner._entities(FORM * 3) == []
    assert not calls
    ner._entities(FORM + "\n" + PROSE + "\n\n" + FORM)
    assert len(calls) == 1 and PROSE in calls[0] and len(calls[0]) < len(PROSE) + 200


def test_spans_with_only_whitespace_between_widen_as_one():
    text = "a b c\n\nOne two\n \n\tThree four\n\nd e f"
    first, second = text.index("One"), text.index("Three")
    needed = [(first, first + 7), (second, second + 10)]
    assert model_slices(text, [(0, len(text))], needed, reach=1) == \
        [(text.index("b"), text.rindex(" f"))]
    # one chunk between them: each widened on its own, then merged as they overlap
    text2 = text.replace("\n \n", "\nx\n")
    assert model_slices(text2, [(0, len(text2))], needed, reach=1) == \
        [(text2.index("b"), text2.rindex(" f"))]
    assert model_slices(text2, [(0, len(text2))], needed, reach=0) == \
        [(text2.index("c"), text2.rindex(" e"))]
