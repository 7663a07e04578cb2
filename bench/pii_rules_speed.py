"""The detector's parts, timed: CPU seconds of ``step.detect`` on presidio-research's
sentences and on the real documents' extracted text, split by scanner (the recognizer whose
scanner ran; PERSON includes the model run it shares with ADDRESS, which runs after it),
the candidate pass, and ``every_occurrence``; "rest" is the detector's own work around them
(context words, scores, union and overlaps). CPU time (``time.process_time``), so other
processes on a shared machine count less than in wall time; best of ``--rounds``. Run it on
two checkouts to compare them. Measurement only.

    .venv/bin/python bench/pii_rules_speed.py --dataset $D --real-dir $S/docs
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pii_findings_check import extracted  # noqa: E402
from pii_tagger_speed import DATASET, REAL  # noqa: E402

from flexorch_beam.pii import step  # noqa: E402
from flexorch_beam.pii.catalog import select  # noqa: E402
from flexorch_beam.pii.occurrences import every_occurrence  # noqa: E402
from flexorch_beam.pii.scan import Detector  # noqa: E402


def timed_detector(totals: Counter) -> Detector:
    """The default detector with each scanner and the candidate pass adding their CPU time
    to ``totals`` (a scanner's findings are listed inside its timing)."""

    def wrap(recognizer):  # noqa: ANN001, ANN202 - a catalog row
        inner = recognizer.scanner

        def scanner(context):  # noqa: ANN001, ANN202
            started = time.process_time()
            found = list(inner(context))
            totals[recognizer.id] += time.process_time() - started
            return iter(found)

        return dataclasses.replace(recognizer, scanner=scanner)

    detector = Detector([wrap(r) if r.scanner else r for r in select((), ())])
    candidates = detector._scan_candidates

    def scan_candidates(*args):  # noqa: ANN002, ANN202
        started = time.process_time()
        claims = candidates(*args)
        totals["candidate pass"] += time.process_time() - started
        return claims

    detector._scan_candidates = scan_candidates
    return detector


def measure(texts: list[str], rounds: int) -> tuple[float, Counter]:
    """(total CPU seconds, per part) of the best round."""
    best: tuple[float, Counter] | None = None
    for _ in range(rounds):
        totals: Counter = Counter()
        detector = timed_detector(totals)
        started = time.process_time()
        for text in texts:
            matches = detector.detect(text)
            before = time.process_time()
            every_occurrence(text, matches)
            totals["every_occurrence"] += time.process_time() - before
        total = time.process_time() - started
        totals["rest"] = total - sum(totals.values())
        if best is None or total < best[0]:
            best = (total, totals)
    assert best is not None
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, default=DATASET)
    parser.add_argument("--real-dir", type=Path, default=REAL)
    parser.add_argument("--no-real", action="store_true")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    import json

    sets = {"research": [r["full_text"] for r in json.loads(args.dataset.read_text(encoding="utf-8"))]}
    if not args.no_real:
        sets["real"] = [text for _, text in extracted(args.real_dir)]
    step.warm_up()
    for name, texts in sets.items():
        for text in texts:  # warm: the model's chunk cache and the lazy tables, as a worker
            step.detect(text)
        total, parts = measure(texts, args.rounds)
        megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        print(f"\n## {name}: {len(texts)} texts, {megabytes:.2f} MB, detect {total:.3f} s CPU")
        for part, seconds in parts.most_common():
            print(f"  {part:24s} {seconds:7.3f} s  {100 * seconds / total:5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
