"""The tagger's fast path (chunk-cached features, strided window products) gives spaCy's own
tokens and predictions. Texts are written here: prose, forms, unicode, long words,
punctuation and whitespace runs of every kind."""
import re

import numpy as np
import pytest

from flexorch_beam.pii import features, ner, tagger

TEXTS = [
    "Please send the invoice to Katarzyna Wójcik at 4127 Maplewood Crossing.",
    "Sayın Ayşe Kaya, faturanız Bağdat Cad. No: 12 adresine gönderildi. İSTANBUL/ŞİŞLİ",
    "Sehr geehrter Herr Schneider, die Ware geht an Lindenstraße 4, 10969 Berlin.",
    "", " ", "x", "  leading spaces", "trailing spaces  ", " one\ttab\n\nnew  lines \r\n",
    "non\xa0breaking\u2003em space\u3000ideographic \x1cfile\x1dsep",
    "Mr.Smith,Jr.--ok (415)555-0132 e-mail: a.b@example.com http://example.com/x?y=1",
    "°C. and ° C . and U.S.A. and 12/03/2024 and 1,234.56 EUR",
    "a" * 150 + " " + "Ü" * 120 + " " + "-" * 300,
    "日本語のテキスト 東京都港区 1-2-3 and Москва, ул. Тверская 7",
    "emoji 😀😀 test 🇩🇪 flag",
    "Total 12.00 EUR\n\n\nQty  Price   Amount\n2    4.50    9.00",
    "O'Brien's order; \"quoted\" 'single' «guillemets» „German“ — dash – en",
]


@pytest.fixture(scope="module")
def model():
    return ner.model()


def _spacy(model, text):
    doc = model.tokenizer(text)
    return doc, ([t.idx for t in doc], [t.idx + len(t.text) for t in doc], [t.is_space for t in doc])


@pytest.mark.parametrize("text", TEXTS)
def test_tokens_and_scores_equal_spacys_own(model, text):
    doc, (starts, ends, space) = _spacy(model, text)
    scores, s, e, sp = model.text_scores(text)
    assert (s.tolist(), e.tolist(), sp.tolist()) == (starts, ends, space)
    if len(doc):
        theirs = model.nlp.get_pipe("tagger").model.predict([doc])[0]
        assert np.abs(scores - theirs).max() < 1e-3
        assert (scores.argmax(axis=1) == theirs.argmax(axis=1)).all()


def test_a_document_of_all_the_texts_at_once_equals_spacy(model):
    text = "\n".join(TEXTS) * 3
    doc, (starts, _, _) = _spacy(model, text)
    scores, s, _, _ = model.text_scores(text)
    assert s.tolist() == starts
    theirs = model.nlp.get_pipe("tagger").model.predict([doc])[0]
    assert np.abs(scores - theirs).max() < 1e-3


def test_a_small_cache_resets_and_cuts_long_texts_without_changing_anything(model, monkeypatch):
    monkeypatch.setattr(features, "MAX_ROWS", 300)
    monkeypatch.setattr(features, "MAX_CHUNKS", 40)
    small = features.ChunkFeatures(tagger.MODEL_DIR, model.nlp.lang, model.columns, model.embed_rows)
    for text in TEXTS + [" ".join(TEXTS * 4)]:
        rows, s, e, sp = small.tokens(text)
        reference, s2, e2, sp2 = model.features.tokens(text)
        assert (s.tolist(), e.tolist(), sp.tolist()) == (s2.tolist(), e2.tolist(), sp2.tolist())
        assert len(rows) == len(reference) and (not len(rows) or np.abs(rows - reference).max() < 1e-5)
    assert len(small.cache) <= 40 + 1


def test_the_chunk_split_is_spacys_whitespace_for_every_code_point():
    # spaCy splits on str.isspace(); the regex's \s must be the same characters
    chars = "".join(map(chr, range(0x110000)))
    assert set(re.findall(r"\s", chars)) == {c for c in chars if c.isspace()}
    assert features._CHUNK.pattern.startswith(r"\S+|")


def test_spans_are_the_same_as_decoding_every_token(model):
    text = ("Thanks for your help. Katarzyna Wójcik approved the refund and Oluwaseun Adeyemi "
            "will ship the parts to 4127 Maplewood Crossing, Springfield, IL 62704.")
    found = model.spans(text)
    assert ("PERSON", text.index("Katarzyna"), text.index(" approved"), ) == found[0][:3]
    assert all(0.0 < p <= 1.0 for *_, p in found)


def test_the_forward_pass_reads_its_sizes_from_the_model(model):
    # a retrained model of the same family loads as it is: nothing below is a constant
    pipe = model.nlp.get_pipe("tagger")
    dims = {n.name: n for n in pipe.model.walk()}
    assert model.width == dims["layernorm"].get_param("G").shape[0]
    assert len(model.encoders) == sum(1 for n in pipe.model.walk() if n.name == "expand_window")
    assert [t.shape[0] for t, *_ in model.embeds] == [n.get_param("E").shape[0]
                                                      for n in pipe.model.walk() if n.name == "hashembed"]


def test_embedding_in_blocks_gives_the_rows_of_one_pass(model, monkeypatch):
    ids = model.tokenizer("\n".join(TEXTS)).to_array(model.columns)
    whole = model.embed_rows(ids)
    monkeypatch.setattr(tagger, "EMBED_BLOCK", 7)
    assert len(ids) > 7 * 3
    assert np.array_equal(model.embed_rows(ids), whole)


def test_the_lean_lexemes_carry_every_attribute_the_model_reads(model):
    # the chunk cache's tokenizer computes only the model's columns for a new word
    fresh = features.ChunkFeatures(tagger.MODEL_DIR, model.nlp.lang, model.columns, model.embed_rows)
    assert len(fresh.tokenizer.vocab.lex_attr_getters) < len(model.tokenizer.vocab.lex_attr_getters)
    text = "\n".join(TEXTS)
    assert np.array_equal(fresh.tokenizer(text).to_array(model.columns),
                          model.tokenizer(text).to_array(model.columns))
