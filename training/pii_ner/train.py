"""Train the project's PERSON/ADDRESS model (EN/TR/DE) and write it into the package.

Why: no EN/TR/DE name-and-address model installs offline from a registry (only
en_core_web_sm, English and too slow to run on every sentence). This trains a small spaCy
pipeline - a blank multi-language tokenizer and one ``tagger`` component (IOB tags) with its
own narrow hash-embedding tok2vec - on sentences written by ``generate.py`` (our own templates filled
with Faker values). Never on the presidio-research benchmark sentences.

    .venv/bin/python training/pii_ner/train.py                    # writes flexorch_beam/pii/data/ner_model
    .venv/bin/python training/pii_ner/train.py --examples 200 --minutes 0.2 --out /tmp/m   # smoke run

Deterministic for a given seed on one machine (spaCy's fix_random_seed, a seeded generator);
bounded by --minutes. The saved model holds no training strings: the string store is emptied
before writing (the model looks words up by hash; labels live in the NER's own files).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import spacy
from spacy.training import Example
from spacy.util import compounding, fix_random_seed, minibatch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402

OUT = HERE.parent.parent / "flexorch_beam" / "pii" / "data" / "ner_model"
LABELS = ("PERSON", "ADDRESS")
TAGS = ("O",) + tuple(f"{k}-{label}" for label in LABELS for k in "BI")


def tagger_config(width: int, depth: int, rows: int) -> dict:
    """A token tagger: NORM/PREFIX/SUFFIX/SHAPE hash embeddings (case lives in SHAPE and
    PREFIX), a maxout mixer, a residual window-1 maxout CNN of ``depth`` layers (it sees
    ``depth`` tokens either side), a linear output over IOB tags. Plain numpy runs it at
    inference (flexorch_beam/pii/tagger.py)."""
    return {"model": {
        "@architectures": "spacy.Tagger.v2",
        "normalize": False,
        "nO": None,
        "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {
                "@architectures": "spacy.MultiHashEmbed.v2",
                "width": width,
                "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                "rows": [rows, rows // 5, rows // 2, rows // 2],
                "include_static_vectors": False,
            },
            "encode": {
                "@architectures": "spacy.MaxoutWindowEncoder.v2",
                "width": width,
                "depth": depth,
                "window_size": 1,
                "maxout_pieces": 3,
            },
        },
    }}


def build(width: int = 64, depth: int = 4, rows: int = 5000):
    nlp = spacy.blank("xx")
    tagger = nlp.add_pipe("tagger", config=tagger_config(width, depth, rows))
    for label in TAGS:
        tagger.add_label(label)
    return nlp


def to_examples(nlp, rows) -> list[Example]:  # noqa: ANN001
    """Labelled spans as IOB tags on spaCy's tokens (a span cut mid-token takes the token)."""
    out = []
    for text, spans in rows:
        doc = nlp.make_doc(text)
        ents = []
        for start, end, label in spans:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None and not any(span.start < e.end and e.start < span.end for e in ents):
                ents.append(span)
        doc.ents = ents
        tags = ["O" if t.ent_iob_ in ("O", "") or t.is_space else f"{t.ent_iob_}-{t.ent_type_}"
                for t in doc]
        out.append(Example.from_dict(nlp.make_doc(text), {"tags": tags}))
    return out


def _prf(nlp, rows) -> dict:  # noqa: ANN001
    counts = {label: [0, 0, 0] for label in LABELS}  # right, found, gold
    for text, gold in rows:
        doc = nlp(text)
        found, entity = [], None
        for token in doc:
            tag = token.tag_ or "O"
            if tag == "O":
                entity = None
                continue
            kind, _, label = tag.partition("-")
            if kind == "I" and entity is not None and entity[0] == label:
                entity[2] = token.idx + len(token.text)
                continue
            entity = [label, token.idx, token.idx + len(token.text)]
            found.append(entity)
        found_set = {(lab, a, b) for lab, a, b in found}
        gold_set = {(lab, a, b) for a, b, lab in gold}
        for label in LABELS:
            f = {x for x in found_set if x[0] == label}
            g = {x for x in gold_set if x[0] == label}
            counts[label][0] += len(f & g)
            counts[label][1] += len(f)
            counts[label][2] += len(g)
    return {label: (round(c[0] / max(c[1], 1), 3), round(c[0] / max(c[2], 1), 3))
            for label, c in counts.items()}


README = """# flexorch_beam PII model: PERSON and ADDRESS in EN/TR/DE prose

A spaCy 3.8 pipeline directory (blank `xx` tokenizer + one `tagger` with IOB tags
O, B-/I-PERSON, B-/I-ADDRESS over its own hash-embedding tok2vec). The detector loads it with
spaCy and runs its forward pass as numpy (`flexorch_beam/pii/tagger.py`).

- Licence: MIT, like the project. Written by `training/pii_ner/train.py` in this repository.
- Trained on: sentences generated by `training/pii_ner/generate.py` only - sentence frames
  written for this project (letters, e-mails, chat logs, forms, lists, signatures, minutes,
  reported speech; English, German, Turkish; plus frames whose capitalised words are NOT
  names or addresses: companies, programmes, offices, affiliations, legal citations, job
  titles, headings, form terms, German nouns, made-up product names, languages) filled with
  fake values from Faker's locale providers (MIT): names of ~55 locales (Japanese and Chinese
  romanized, Cyrillic and Greek transliterated), and - identity dropout - 30% of name parts
  replaced by made-up words, so the model reads context, shape and affixes rather than
  remembering names. Addresses written US/UK/DE/TR/EU ways, one line and several, with and
  without house number, unit, PO box. No real document, no benchmark sentence (in particular
  none of presidio-research's), no downloaded corpus.
- Holds no training words: `vocab/strings.json` is emptied (features are hashed).
- Settings: {settings}
- On generated held-out sentences (seed + 1000; exact spans, precision / recall): {dev}
  These are the generator's own sentences: the real measure is in bench/RESULTS.md.

Rebuild: `.venv/bin/pip install -e '.[train]' && .venv/bin/python training/pii_ner/train.py`
"""


def strip_strings(path: Path) -> None:
    """Empty the saved string store: the model needs hashes, not the training words."""
    (path / "vocab" / "strings.json").write_text("[]", encoding="utf-8")


def train(out: Path, seed: int, count: int, minutes: float, width: int, depth: int, rows: int,
          dropout: float, log=print, epochs: int = 0) -> dict:  # noqa: ANN001
    fix_random_seed(seed)
    random.seed(seed)
    nlp = build(width, depth, rows)
    data = to_examples(nlp, generate.examples(seed=seed, count=count))
    dev = list(generate.examples(seed=seed + 1000, count=max(50, count // 20)))
    optimizer = nlp.initialize(lambda: data[:500])
    rng = random.Random(seed)
    started, epoch, losses = time.monotonic(), 0, {}
    budget = minutes * 60
    while time.monotonic() - started < budget and not (epochs and epoch >= epochs):
        epoch += 1
        rng.shuffle(data)
        losses = {}
        for batch in minibatch(data, size=compounding(8.0, 64.0, 1.001)):
            nlp.update(batch, drop=dropout, sgd=optimizer, losses=losses)
            if time.monotonic() - started >= budget:
                break
        log(f"epoch {epoch} loss {losses.get('tagger', 0.0):.1f} dev {_prf(nlp, dev)} "
            f"{time.monotonic() - started:.0f}s")
    scores = _prf(nlp, dev)
    out.mkdir(parents=True, exist_ok=True)
    nlp.meta.update({
        "name": "flexorch_pii_ner", "version": "1.0.0", "lang": "xx", "license": "MIT",
        "description": "PERSON and ADDRESS IOB tags in EN/TR/DE prose; trained by training/pii_ner/train.py "
                       "on sentences from the project's own templates filled with Faker values.",
        "sources": [{"name": "training/pii_ner/generate.py (templates written for flexorch_beam)",
                     "license": "MIT"}, {"name": "Faker locale providers", "license": "MIT"}],
        "flexorch_training": {"seed": seed, "examples": count, "epochs": epoch, "width": width,
                              "depth": depth, "rows": rows, "dropout": dropout,
                              "dev_generated": scores},
    })
    nlp.to_disk(out)
    strip_strings(out)
    settings = {k: v for k, v in nlp.meta["flexorch_training"].items() if k != "dev_generated"}
    (out / "README.md").write_text(README.format(settings=json.dumps(settings),
                                                 dev=json.dumps(scores)), encoding="utf-8")
    return {"epochs": epoch, "dev": scores}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--examples", type=int, default=40000)
    parser.add_argument("--minutes", type=float, default=12.0)
    parser.add_argument("--width", type=int, default=64)
    parser.add_argument("--depth", type=int, default=4)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--dropout", type=float, default=0.15)
    parser.add_argument("--epochs", type=int, default=0,
                        help="stop after this many epochs (0: only --minutes bounds the run); "
                             "with a budget the run never hits, the result depends on the seed only")
    args = parser.parse_args(argv)
    result = train(args.out, args.seed, args.examples, args.minutes, args.width, args.depth,
                   args.rows, args.dropout, epochs=args.epochs)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
