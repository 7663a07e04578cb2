"""The training data generator and the training script of the PERSON/ADDRESS model
(training/pii_ner/), on a tiny run: what they write must load and run as the detector runs it."""
import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("faker")
FOLDER = Path(__file__).resolve().parents[2] / "training" / "pii_ner"


def _module(name):
    if str(FOLDER) not in sys.path:
        sys.path.insert(0, str(FOLDER))
    spec = importlib.util.spec_from_file_location(name, FOLDER / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_generator_is_deterministic_and_its_spans_fit_the_text():
    generate = _module("generate")
    first = list(generate.examples(seed=3, count=300))
    assert first == list(generate.examples(seed=3, count=300))
    assert first != list(generate.examples(seed=4, count=300))
    labels = set()
    for text, spans in first:
        previous_end = -1
        for start, end, label in sorted(spans):
            assert 0 <= start < end <= len(text) and start >= previous_end
            assert text[start:end].strip() == text[start:end]
            previous_end = end
            labels.add(label)
    assert labels == {"PERSON", "ADDRESS"}
    # sentences without any labelled value teach what is NOT a name or an address
    assert sum(1 for _, spans in first if not spans) > 20
    # German and Turkish frames are among them
    joined = "\n".join(text for text, _ in first)
    assert "Sehr geehrte" in joined or "Mit freundlichen" in joined or " und " in joined
    assert " ve " in joined or "Sayın" in joined or "adresine" in joined


def test_a_tiny_training_run_writes_a_model_the_detector_can_run(tmp_path):
    train = _module("train")
    from flexorch_beam.pii.tagger import Tagger

    result = train.train(tmp_path / "model", seed=1, count=60, minutes=0.02, width=16, depth=1,
                         rows=500, dropout=0.1, log=lambda line: None)
    assert result["epochs"] >= 1
    model = Tagger(tmp_path / "model")
    assert json.loads((tmp_path / "model" / "vocab" / "strings.json").read_text()) == []
    pipe = model.nlp.get_pipe("tagger")
    text = "Please send the invoice to Anna Berg at 12 Harbour Road, Leeds."
    ours = model.scores(model.tokenizer(text))
    assert np.abs(ours - pipe.model.predict([model.tokenizer(text)])[0]).max() < 1e-3
    assert all(label in ("PERSON", "ADDRESS") for label, *_ in model.spans(text))


def test_names_come_from_the_world_and_from_nowhere():
    generate = _module("generate")
    import random

    writer = generate.Writer(random.Random(5), 5)
    made_up = [writer.made_up() for _ in range(200)]
    known = {w.lower() for w in generate.name_parts()}
    # identity dropout: made-up name parts are capitalised words no list holds
    assert all(w[:1].isupper() and w[1:].islower() for w in made_up)
    assert sum(w.lower() not in known for w in made_up) > 150
    # romanized and transliterated names are in the lists the bench splits by
    assert generate._transliterate("Всеволод Сорокина") == "Vsevolod Sorokina"
    assert generate._transliterate("Ζαφείρης") == "Zafeiris"
    assert "Zafeiris" in generate.name_parts() and "Zafeiris" not in generate.name_parts(world=False)
    spans = [text[a:b] for text, found in generate.examples(seed=2, count=400) for a, b, label in found
             if label == "PERSON"]
    assert sum(any(w.lower() not in known for w in s.replace(",", " ").split() if len(w) > 2)
               for s in spans) > 40  # many names the model cannot have remembered
