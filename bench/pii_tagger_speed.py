"""The PII model's forward pass: the project's fast path (``pii/tagger.py`` + ``features.py``)
side by side with spaCy's own pipeline on the same texts, with the equality check.

Texts: presidio-research's sentences (short, one model call each) and the extracted text of
real documents (every k-th file of the real corpus, read in the pieces ``ner.model_pieces``
cuts). Rows:
- spaCy: ``nlp.tokenizer`` + the ``tagger`` pipe's thinc model (``predict``), the reference;
- fast path, cold: a fresh chunk cache (every chunk is new to it);
- fast path, warm: the same texts again (a worker's steady state on recurring words).
The equality column counts tokens whose top tag differs from spaCy's, and the largest score
difference. Measurement only.

    S=../shared/corpus/real
    .venv/bin/python bench/pii_tagger_speed.py --real 40 --real-dir $S/docs \
        --dataset $S/truth/pii/presidio_research_synth_dataset_v2.json
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from flexorch_beam.pii import features, ner, tagger

HERE = Path(__file__).resolve().parent
DATASET = HERE.parent.parent / "shared/corpus/real/truth/pii/presidio_research_synth_dataset_v2.json"
REAL = HERE.parent.parent / "shared/corpus/real/docs"


def real_pieces(folder: Path, count: int) -> list[str]:
    from flexorch_beam.config import ProcessingConfig
    from flexorch_beam.sources import SourceFile, read_source
    from flexorch_beam.steps import STEPS
    from flexorch_beam.transforms.base import run_step

    files = sorted(p for p in folder.rglob("*") if p.is_file())
    sample = files[:: max(1, len(files) // count)][:count]
    config = ProcessingConfig(run_id="bench", sandbox=False)
    step = next(s for s in STEPS if s.name == "extract")
    extract = (lambda e, c, s=step: s.function(e, s.options(c)) if s.resource is None
               else s.function(e, s.options(c), None))
    pieces = []
    for path in sample:
        record = run_step("extract", extract, read_source(SourceFile(str(path), path.name), config.input), config)
        if not record.failed and record.text:
            pieces += [record.text[a:b] for a, b in ner.model_pieces(record.text)]
    return pieces


def measure(name: str, texts: list[str]) -> None:
    if not texts:
        print(f"\n## {name}: no texts")
        return
    model = tagger.model()
    pipe = model.nlp.get_pipe("tagger")
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    def spacy_scores(text: str) -> np.ndarray:
        doc = model.nlp.tokenizer(text)
        return pipe.model.predict([doc])[0] if len(doc) else np.zeros((0, len(model.labels)))

    def fast(text: str) -> np.ndarray:
        with tagger._OneBlasThread():
            return model.text_scores(text)[0]

    rows = []
    started = time.perf_counter()
    reference = [spacy_scores(t) for t in texts]
    rows.append(("spaCy pipeline (tokenizer + tagger predict)", time.perf_counter() - started))
    model.features = features.ChunkFeatures(tagger.MODEL_DIR, model.nlp.lang, model.columns,
                                            model.embed_rows)
    for label in ("fast path, cold chunk cache", "fast path, warm chunk cache"):
        started = time.perf_counter()
        ours = [fast(t) for t in texts]
        rows.append((label, time.perf_counter() - started))
    differ = sum(int((a.argmax(1) != b.argmax(1)).sum()) for a, b in zip(ours, reference) if len(a))
    worst = max((float(np.abs(a - b).max()) for a, b in zip(ours, reference) if len(a)), default=0.0)
    tokens = sum(len(a) for a in ours)
    print(f"\n## {name}: {len(texts)} texts, {mb:.3f} MB, {tokens} tokens; "
          f"tokens whose top tag differs from spaCy's: {differ}; largest score difference {worst:.1e}")
    print("\n| forward pass | seconds | s per MB | vs spaCy |")
    print("|---|---|---|---|")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.2f} | {seconds / mb:.1f} | {rows[0][1] / seconds:.2f}x |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, default=DATASET)
    parser.add_argument("--real", type=int, default=0, help="real documents (every k-th file)")
    parser.add_argument("--real-dir", type=Path, default=REAL)
    args = parser.parse_args(argv)
    if not ner.available():
        print("no model")
        return 1
    ner.warm_up()
    if args.dataset.exists():
        rows = json.loads(args.dataset.read_text(encoding="utf-8"))
        measure("presidio-research sentences", [r["full_text"] for r in rows])
    if args.real:
        measure(f"real documents ({args.real} files, model pieces)", real_pieces(args.real_dir, args.real))
    return 0


if __name__ == "__main__":
    sys.exit(main())
