"""The NER model's run per document as the PII step pays it: ``ner.entities`` and
``ner.prose_of`` (which the given-name scanners share) on a fresh scan context per text, with
the tokens that went through the encoder counted. Runs on any checkout (only those two
functions and ``tagger.Tagger.encode`` are read), so two checkouts compare side by side:

    S=../shared/corpus/real; D=$S/truth/pii/presidio_research_synth_dataset_v2.json
    PYTHONPATH=. .venv/bin/python bench/pii_model_run.py --dataset $D --real-dir $S/docs

Texts: every readable real document (after the extract step) and presidio-research's
sentences. Prints seconds (a first pass on a fresh chunk cache, then a second pass) and the
tokens encoded; no text or finding is printed. Measurement only.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pii_findings_check import extracted  # noqa: E402
from pii_tagger_speed import DATASET, REAL  # noqa: E402

from flexorch_beam.pii import ner, tagger  # noqa: E402
from flexorch_beam.pii.context import ScanContext  # noqa: E402


def run(texts: list[str], encoded: list[int]) -> float:
    """Seconds for the model's part of the PII step over ``texts``."""
    started = time.perf_counter()
    for text in texts:
        context = ScanContext.of(text, model=ner.model())
        ner.entities(context)
        ner.prose_of(context)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, default=DATASET)
    parser.add_argument("--real-dir", type=Path, default=REAL)
    args = parser.parse_args(argv)
    if not ner.available():
        print("no model")
        return 1
    encoded = [0]
    encode = tagger.Tagger.encode

    def counted(self, X):  # noqa: ANN001, ANN202
        encoded[0] += len(X)
        return encode(self, X)

    tagger.Tagger.encode = counted
    ner.warm_up()
    sets = [("real documents", [text for _, text in extracted(args.real_dir)])]
    if args.dataset.exists():
        rows = json.loads(args.dataset.read_text(encoding="utf-8"))
        sets.append(("research sentences", [r["full_text"] for r in rows]))
    for name, texts in sets:
        mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        encoded[0] = 0
        first = run(texts, encoded)
        tokens = encoded[0]
        second = run(texts, encoded)
        print(f"{name}: {len(texts)} texts, {mb:.2f} MB, {tokens} tokens encoded; "
              f"first pass {first:.2f} s ({first / mb:.2f} s/MB), second {second:.2f} s "
              f"({second / mb:.2f} s/MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
